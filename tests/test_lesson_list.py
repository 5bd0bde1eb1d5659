"""One rule for how every front end describes a lesson's progress."""

from __future__ import annotations

from tests.test_training import answer_all, certify, finish_lesson
from tutor.domain import status as st
from tutor.service.lesson_list import lesson_rows


def states(training) -> dict[str, str]:
    progress = training.progress()
    certified = training.status(progress).state == st.CERTIFIED
    return {r.lesson.topic: r.state for r in lesson_rows(progress, training.district.id, certified=certified)}


def test_a_lessons_state_follows_the_learners_progress(training):
    assert states(training) == {"alpha": "not started", "beta": "not started", "gamma": "optional, not started"}
    training.view_step("alpha", 0)
    assert states(training)["alpha"] == "in progress"
    finish_lesson(training, "alpha")
    assert states(training)["alpha"] == "quiz next"
    answer_all(training, training.start_quiz("alpha"), right=1)
    assert states(training)["alpha"] == "quiz: 2 tries left"
    answer_all(training, training.start_quiz("alpha"))
    assert states(training)["alpha"] == "passed"


def test_after_certifying_the_lessons_read_as_done_not_as_not_started(training):
    certify(training)
    rows = {r.lesson.topic: r for r in lesson_rows(training.progress(), "tst", certified=True)}
    assert rows["alpha"].state == "done, open to review" and rows["alpha"].seen == rows["alpha"].steps
    assert rows["gamma"].state == "optional, open to read"
    assert all(r.minutes >= 1 for r in rows.values())
