"""The home screen as lines: who, status, the preview warning if any, each lesson's progress, what next."""

from __future__ import annotations

from tutor.domain import path
from tutor.domain.path import NextStep
from tutor.plain.console import Option
from tutor.plain.session import Session

SIGN_OUT = "sign-out"
HOME_HELP = ("Choose what to do next. Your progress is saved after every step and every answer, "
             "so you can quit at any time and pick up exactly where you stopped.")


def lesson_lines(session: Session) -> list[tuple[str, str]]:
    """Each lesson's id and one line about it: title, steps seen and its state in words."""
    from tutor.domain import status as st
    from tutor.service.lesson_list import lesson_rows

    training = session.training
    progress = training.progress()
    certified = training.status(progress).state == st.CERTIFIED
    out = []
    for row in lesson_rows(progress, training.district.id, certified=certified):
        score = f", best score {row.score:.0%}" if row.score is not None else ""
        out.append((row.lesson.id, f"{row.lesson.title} ({row.minutes} min to read): {row.seen} of {row.steps} "
                                   f"steps seen, {row.state}{score}"))
    return out


def home(session: Session) -> NextStep | str | None:
    """Show the home screen and return what the learner chose: a step to take, SIGN_OUT, or None (stay)."""
    from tutor.plain.ask import ask_questions
    from tutor.plain.reader import read_policy

    console = session.console
    training = session.training
    progress = training.progress()
    status = training.status(progress)
    step = training.next_step(progress)
    person = training.person
    console.heading("Home")
    console.say(f"{person.name} ({person.employee_id}), {training.district.name}")
    if training.preview is not None:
        console.say(training.preview)
    console.say(f"Status: {status.label()}")
    console.say(f"Next: {step.label}")
    console.say("Lessons:")
    for _, line in lesson_lines(session):
        console.item("- ", line)
    console.say("What would you like to do?")
    actions: list[tuple[str, object]] = []
    if step.kind == path.TESTOUT:
        first = progress.required[0]
        lesson = progress.topics[first].lesson
        actions += [("Take the test-out", step),
                    ("Start the lessons instead", NextStep(path.LESSON, topic=first, lesson_id=lesson.id, step=0))]
    elif step.kind == path.SIGN:
        actions.append(("Sign the acknowledgment", step))
    elif step.kind != path.DONE:
        actions.append((f"Continue: {step.label}", step))
    actions += [("Open a lesson", "lessons"), ("Read the policy", "policy"),
                ("Ask a question about the policy", "ask"), ("Sign out", SIGN_OUT)]
    picked = actions[console.choose([Option(label) for label, _ in actions], HOME_HELP)][1]
    if picked == "lessons":
        return open_lesson(session)
    if picked == "policy":
        read_policy(session)
        return None
    if picked == "ask":
        ask_questions(session)
        return None
    return picked


def open_lesson(session: Session) -> NextStep | None:
    """Any lesson: at the saved step if unfinished, from the start to review if done."""
    console = session.console
    training = session.training
    lines = lesson_lines(session)
    console.heading("Lessons")
    picked = console.choose([Option(line) for _, line in lines] + [Option("Back to home")], default=None)
    if picked == len(lines):
        return None
    progress = training.progress()
    if progress.open_attempt is not None:
        console.say("Finish the quiz you started first: choose Continue on the home screen.")
        return None
    lesson = training.content.lessons[lines[picked][0]]
    topic = progress.topics[lesson.topic]
    step = 0 if topic.lesson_done else max(topic.step_reached, 0)
    return NextStep(path.LESSON, topic=lesson.topic, lesson_id=lesson.id, step=step)
