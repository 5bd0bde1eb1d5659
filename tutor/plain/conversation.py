"""Lessons, check-yourself questions, quizzes, the test-out and their results, as lines of text.

Each flow returns the next step to take (a `NextStep`), or None for the home screen, so the
conversation carries on from one step to the next as it does in the app.
"""

from __future__ import annotations

from tutor.content.model import Citation, Question
from tutor.domain import path
from tutor.domain.path import NextStep
from tutor.domain.progress import Attempt
from tutor.plain.console import Option
from tutor.plain.session import Session
from tutor.service.citations import cite_label, render_text
from tutor.service.passages import best_passage
from tutor.service.training import Feedback, QuizResult, TrainingRefused

HOME = "home"


def run(session: Session, step: NextStep) -> NextStep | None:
    """Do one step of the training; what it returns is the step after it (None: the home screen)."""
    if step.kind == path.LESSON:
        return lesson(session, step.lesson_id, step.step)
    if step.kind == path.QUIZ:
        return start_quiz(session, step.topic)
    if step.kind == path.RESUME:
        return resume(session, step.attempt)
    if step.kind == path.TESTOUT:
        return start_testout(session)
    if step.kind == path.SIGN:
        from tutor.plain.sign_off import sign_off

        return sign_off(session)
    if step.kind == path.DONE:
        session.console.say(f"You are certified. {session.training.status().label().capitalize()}.")
    return None


def refused(session: Session, exc: TrainingRefused) -> None:
    """A rule of the training said no: say why in one message (nothing was written)."""
    session.console.say(f"Not done: {exc}")


# Lessons ------------------------------------------------------------------------------------------
def lesson(session: Session, lesson_id: str, start: int) -> NextStep | None:
    """A lesson from step `start`: each step is saved as it is shown, so a restart picks up there."""
    console = session.console
    training = session.training
    the_lesson = training.content.lessons[lesson_id]
    steps = the_lesson.steps_for(training.district.id)
    console.heading(f"Lesson: {the_lesson.title}")
    if start == 0:
        console.say(f"{len(steps)} short steps. After each one you can go on, ask a question about the policy, "
                    "or go back to the home screen.")
    else:
        console.say(f"Welcome back. Picking up at step {start + 1} of {len(steps)}.")
    index = start
    while True:
        try:
            training.view_step(lesson_id, index)
        except TrainingRefused as exc:
            refused(session, exc)
            return None
        step = steps[index]
        console.heading(f"Step {index + 1} of {len(steps)}: {step.title}")
        body = render_text(training.content, step.body, training.district.id)
        if body:
            console.markdown(body)
        if step.check is not None:
            check_yourself(session, step.check)
        if index + 1 < len(steps):
            picked = _menu(session, ["Next step", "Ask a question about the policy",
                                     "Back to home (your place is saved)"], ask_at=1)
            if picked == 2:
                return None
            index += 1
            continue
        return _after_lesson(session, the_lesson)


def _after_lesson(session: Session, the_lesson) -> NextStep | None:
    console = session.console
    training = session.training
    console.say(f"That is the end of the lesson {the_lesson.title}.")
    topic = training.progress().topics.get(the_lesson.topic)
    if topic is not None and not topic.passed:
        picked = _menu(session, ["Take the quiz now", "Ask a question about the policy", "Back to home"], ask_at=1)
        return NextStep(path.QUIZ, topic=the_lesson.topic) if picked == 0 else None
    picked = _menu(session, ["Continue", "Ask a question about the policy", "Back to home"], ask_at=1)
    return training.next_step() if picked == 0 else None


def _menu(session: Session, labels: list[str], ask_at: int | None = None) -> int:
    """A navigation menu; picking "Ask a question" answers questions, then offers the menu again."""
    while True:
        picked = session.console.choose([Option(label) for label in labels])
        if picked != ask_at:
            return picked
        from tutor.plain.ask import ask_questions

        ask_questions(session)


def check_yourself(session: Session, question: Question) -> None:
    """A check-yourself question: answered, told right or wrong, and not recorded."""
    console = session.console
    console.say("")
    console.say("Check yourself (not graded):")
    console.markdown(question.prompt)
    order = tuple(c.id for c in question.choices)
    chosen = pick_answer(session, question, order)
    console.say(feedback_text(session, question, chosen == question.answer, question.sources))


def pick_answer(session: Session, question: Question, order: tuple[str, ...]) -> frozenset[str]:
    """The learner's answer to a question whose choices are shown in `order`."""
    labels = [question.choice(cid).text for cid in order]
    if question.type == "multiple":
        session.console.say("Choose all that apply.")
        return frozenset(order[i] for i in session.console.choose_many(labels))
    return frozenset({order[session.console.choose(labels, default=None)]})


def feedback_text(session: Session, question: Question, correct: bool, citations) -> str:
    """Right or wrong in words, the right answer, the explanation and the source."""
    training = session.training
    own = training.own_citations(citations)
    right = "; ".join(c.text for c in question.choices if c.id in question.answer)
    head = "Correct." if correct else f"Not quite. The answer: {right}."
    source = f"\nSource: {cite_label(training.content, own[0])}" if own else ""
    return f"{head}\n{question.explanation}{source}"


# Quizzes and the test-out -------------------------------------------------------------------------
def start_quiz(session: Session, topic: str) -> NextStep | None:
    """Draw a fresh quiz on `topic` and run it."""
    training = session.training
    try:
        attempt = training.start_quiz(topic)
    except TrainingRefused as exc:
        refused(session, exc)
        return None
    title = training.progress().topics[topic].lesson.title
    session.console.heading(f"Quiz: {title}")
    session.console.say(f"{len(attempt.questions)} questions; you pass with {attempt.pass_mark:.0%}. "
                        "The quiz is closed-book: questions to the tutor wait until it ends. "
                        "Each answer is saved as you give it.")
    return run_attempt(session, attempt)


def start_testout(session: Session) -> NextStep | None:
    """The returning learner's one mixed assessment for this renewal cycle."""
    try:
        attempt = session.training.start_testout()
    except TrainingRefused as exc:
        refused(session, exc)
        return None
    session.console.heading("Test-out")
    session.console.say(
        f"{len(attempt.questions)} questions across {len(attempt.topics)} topics. Each topic where you score "
        f"{attempt.pass_mark:.0%} or more counts as done for this cycle; you will take only the other lessons "
        "and quizzes. One try per renewal cycle."
    )
    return run_attempt(session, attempt)


def resume(session: Session, attempt: Attempt) -> NextStep | None:
    """Carry on with a saved quiz or test-out at its next unanswered question."""
    what = "test-out" if attempt.kind == "testout" else "quiz"
    kept = f", with your {len(attempt.answers)} earlier answer(s) kept" if attempt.answers else ""
    session.console.heading(f"Welcome back to your {what}")
    session.console.say(f"You are on question {attempt.next_position + 1} of {len(attempt.questions)}{kept}.")
    return run_attempt(session, attempt)


def run_attempt(session: Session, attempt: Attempt) -> NextStep | None:
    """Every remaining question, with feedback and Why? after each, then the result."""
    console = session.console
    training = session.training
    while True:
        position = attempt.next_position
        drawn = attempt.questions[position]
        try:
            question = training.question(drawn.id)
        except TrainingRefused as exc:
            refused(session, exc)
            return None
        console.heading(f"Question {position + 1} of {len(attempt.questions)}")
        console.markdown(question.prompt)
        chosen = pick_answer(session, question, drawn.choices)
        try:
            feedback = training.answer(attempt.id, position, chosen)
        except TrainingRefused as exc:
            refused(session, exc)
            return None
        console.say(feedback_text(session, feedback.question, feedback.correct, feedback.citations))
        last = feedback.finished is not None
        if not _after_answer(session, feedback, "See my result" if last else "Next question", home=not last):
            return None
        if last:
            return show_result(session, feedback.finished)
        attempt = next(a for a in training.progress().attempts if a.id == attempt.id)


def _after_answer(session: Session, feedback: Feedback, onward: str, home: bool) -> bool:
    """Offer to go on, Why? (once) and, mid-quiz, home; True to go on, False for home."""
    why_shown = False
    while True:
        options = [onward] + ([] if why_shown else ["Why? Show the policy passage"])
        options += ["Back to home (your quiz is saved)"] if home else []
        picked = options[session.console.choose([Option(label) for label in options])]
        if picked == onward:
            return True
        if picked.startswith("Why?"):
            why(session, feedback)
            why_shown = True
            continue
        return False


def why(session: Session, feedback: Feedback) -> None:
    """The policy's own words behind the answer, and where they are."""
    training = session.training
    if not feedback.citations:
        session.console.say("This question has no policy passage to show.")
        return
    citation = feedback.citations[0]
    section = training.content.section(citation)
    if section is None:
        session.console.say(f"From the policy: {cite_label(training.content, citation)}")
        return
    passage = best_passage(section, feedback.question.explanation + " " + feedback.question.prompt)
    session.console.say(f"From {cite_label(training.content, citation)}:")
    session.console.say(f"\u201c{' '.join(passage.split())}\u201d")


def show_result(session: Session, result: QuizResult) -> NextStep | None:
    """Passed or not, the score, each test-out topic, what to review, then what the learner may do next."""
    console = session.console
    training = session.training
    console.heading("Passed" if result.passed else "Not passed yet")
    console.say(f"You scored {result.correct} of {result.total} ({result.score:.0%}); "
                f"the pass mark is {result.pass_mark:.0%}.")
    if result.kind == "testout":
        for topic, r in result.topic_results.items():
            title = training.progress().topics[topic].lesson.title if topic in training.progress().topics else topic
            verdict = "done for this cycle" if r["passed"] else "take the lesson and quiz"
            console.item("- ", f"{title}: {r['correct']} of {r['total']}, {verdict}")
    if result.review:
        console.say("Review these sections:")
        for ref in result.review:
            console.item("- ", cite_label(training.content, Citation.parse(ref)))
    if result.passed or result.kind == "testout":
        picked = console.choose([Option("Continue"), Option("Back to home")])
        return training.next_step() if picked == 0 else None
    topic = next(iter(result.topic_results))
    lesson_id = training.progress().topics[topic].lesson.id
    if result.lesson_again:
        console.say("That was the third try without passing, so the next step is to go through the lesson "
                    "again before another quiz.")
        picked = console.choose([Option("Go through the lesson again"), Option("Back to home")])
        return NextStep(path.LESSON, topic=topic, lesson_id=lesson_id, step=0) if picked == 0 else None
    picked = console.choose([Option("Retake the quiz (new questions where possible)"),
                             Option("Review the lesson first"), Option("Back to home")])
    if picked == 0:
        return NextStep(path.QUIZ, topic=topic)
    if picked == 1:
        return NextStep(path.LESSON, topic=topic, lesson_id=lesson_id, step=0)
    return None
