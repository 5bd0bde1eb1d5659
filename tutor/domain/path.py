"""The training path: each required lesson in order, its quiz, then the acknowledgment."""

from __future__ import annotations

from dataclasses import dataclass

from tutor.domain.progress import Attempt, Progress

LESSON, QUIZ, RESUME, TESTOUT, SIGN, DONE = "lesson", "quiz", "resume", "testout", "sign", "done"


@dataclass(frozen=True)
class NextStep:
    """What the learner should do next, in words the home screen can show."""

    kind: str
    topic: str | None = None
    lesson_id: str | None = None
    step: int = 0
    attempt: Attempt | None = None
    label: str = ""


def next_step(progress: Progress, certified: bool, testout_offered: bool) -> NextStep:
    """The one next thing to do. An unfinished quiz always comes first, so a crash resumes it."""
    if progress.open_attempt is not None:
        attempt = progress.open_attempt
        resumed = progress.topics.get(attempt.topics[0])
        what = "the test-out" if attempt.kind == "testout" else (
            f"the quiz on \u201c{resumed.lesson.title}\u201d" if resumed else "your quiz")
        return NextStep(RESUME, topic=attempt.topics[0], attempt=attempt,
                        label=f"Resume {what} at question {attempt.next_position + 1} of {len(attempt.questions)}")
    if certified:
        return NextStep(DONE, label="You are certified. Nothing is due.")
    if testout_offered:
        return NextStep(TESTOUT, label="Take the test-out: pass a topic and skip its lesson")
    for topic in progress.required:
        t = progress.topics[topic]
        if t.passed:
            continue
        if not t.lesson_done:
            step = min(max(t.step_reached, 0), max(t.steps_total - 1, 0))
            verb = "Continue" if t.step_reached >= 0 else "Start"
            again = " again (three quiz attempts missed the pass mark)" if t.must_repeat_lesson else ""
            return NextStep(LESSON, topic=topic, lesson_id=t.lesson.id, step=step,
                            label=f"{verb} the lesson \u201c{t.lesson.title}\u201d{again}")
        return NextStep(QUIZ, topic=topic, lesson_id=t.lesson.id, label=f"Take the quiz on \u201c{t.lesson.title}\u201d")
    return NextStep(SIGN, label="Sign the policy acknowledgment")
