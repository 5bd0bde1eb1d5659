"""The learning engine's rules, exercised without the UI."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from tests.factories import make_content
from tutor.domain import events as ev
from tutor.domain import path, status as st
from tutor.service.training import Training, TrainingRefused


def finish_lesson(training: Training, topic: str) -> None:
    lesson = training.progress().topics[topic].lesson
    for i in range(len(lesson.steps_for(training.district.id))):
        training.view_step(lesson.id, i)


def answer_all(training: Training, attempt, right: int | None = None):
    """Answer an open attempt: the first `right` correctly (all if None), the rest wrongly."""
    feedback = None
    for position in range(attempt.next_position, len(attempt.questions)):
        q = training.question(attempt.questions[position].id)
        correct = right is None or position < right
        chosen = q.answer if correct else frozenset({next(c.id for c in q.choices if c.id not in q.answer)})
        feedback = training.answer(attempt.id, position, chosen)
    return feedback.finished


def pass_topic(training: Training, topic: str):
    finish_lesson(training, topic)
    return answer_all(training, training.start_quiz(topic))


def certify(training: Training):
    for topic in training.progress().required:
        pass_topic(training, topic)
    return training.sign(training.person.name, confirmed=True)


def event_count(records) -> int:
    return records.events.count()


def test_the_path_is_each_required_lesson_then_its_quiz_then_the_acknowledgment(training):
    step = training.next_step()
    assert (step.kind, step.topic, step.step) == (path.LESSON, "alpha", 0)
    finish_lesson(training, "alpha")
    assert (training.next_step().kind, training.next_step().topic) == (path.QUIZ, "alpha")
    answer_all(training, training.start_quiz("alpha"))
    assert (training.next_step().kind, training.next_step().topic) == (path.LESSON, "beta")
    pass_topic(training, "beta")
    # gamma is optional: it is not on the path.
    assert training.next_step().kind == path.SIGN


def test_lesson_progress_is_saved_each_step_and_resumes_after_a_restart(training, records, content, person, clock):
    training.view_step("alpha", 0)
    training.view_step("alpha", 1)
    restarted = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(1))
    step = restarted.next_step()
    assert (step.kind, step.lesson_id, step.step) == (path.LESSON, "alpha", 1)
    before = event_count(records)
    restarted.view_step("alpha", 0)  # going back to reread writes nothing
    assert event_count(records) == before


def test_a_quiz_cannot_start_before_its_lesson_and_nothing_is_written(training, records):
    before = event_count(records)
    with pytest.raises(TrainingRefused, match="finish the lesson"):
        training.start_quiz("alpha")
    assert event_count(records) == before


def test_a_quiz_draws_five_questions_and_records_their_choice_order(training, records):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    assert len(attempt.questions) == 5
    assert len({q.id for q in attempt.questions}) == 5
    row = records.db.execute("SELECT questions, total FROM attempts WHERE attempt_id = ?", [attempt.id]).fetchone()
    assert row[1] == 5
    orders = [q.choices for q in attempt.questions if not q.id.endswith("multi")]
    assert len(set(orders)) > 1, "choices are shuffled per question"


def test_a_crash_mid_quiz_resumes_at_the_same_question_in_the_same_order_even_if_the_bank_changed(
    training, records, person, clock
):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    for position in range(2):
        q = training.question(attempt.questions[position].id)
        training.answer(attempt.id, position, q.answer)
    # The process dies here. Meanwhile a trainer adds questions to the bank.
    bigger = make_content(questions_per_topic=12)
    resumed = Training(records, bigger, person, "tst", ev.IDENTITY_PIN, clock, random.Random(99))
    step = resumed.next_step()
    assert step.kind == path.RESUME
    assert step.attempt.id == attempt.id
    assert step.attempt.next_position == 2
    assert [q.id for q in step.attempt.questions] == [q.id for q in attempt.questions]
    assert [q.choices for q in step.attempt.questions] == [q.choices for q in attempt.questions]
    assert len(step.attempt.answers) == 2
    assert "question 3 of 5" in step.label


def test_the_same_answer_is_never_recorded_twice(training, records):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    q = training.question(attempt.questions[0].id)
    training.answer(attempt.id, 0, q.answer)
    with pytest.raises(TrainingRefused):
        training.answer(attempt.id, 0, q.answer)
    assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1


def test_each_answer_gets_feedback_with_explanation_and_citation(training):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    q = training.question(attempt.questions[0].id)
    wrong = next(c.id for c in q.choices if c.id not in q.answer)
    feedback = training.answer(attempt.id, 0, {wrong})
    assert feedback.correct is False
    assert feedback.explanation
    assert feedback.citations and feedback.citations[0].ref == "tst:A"


def test_multiple_answer_questions_are_all_or_nothing(training):
    multi = training.content.questions["alpha-multi"]
    from tutor.domain.quiz import is_correct

    assert is_correct(multi, {"r1", "r2"})
    assert not is_correct(multi, {"r1"})
    assert not is_correct(multi, {"r1", "r2", "w"})


def test_a_failed_quiz_names_sections_to_review_and_a_retake_draws_different_questions(training):
    finish_lesson(training, "alpha")
    first = training.start_quiz("alpha")
    result = answer_all(training, first, right=2)
    assert not result.passed
    assert result.review == ("tst:A",)
    second = training.start_quiz("alpha")
    overlap = {q.id for q in first.questions} & {q.id for q in second.questions}
    # The pool has 9 questions: the retake takes all 4 unseen ones and repeats only 1.
    assert len(training.content.questions_for("tst", "alpha")) == 9
    assert len(overlap) == 1


def test_three_failed_attempts_send_the_learner_back_through_the_lesson(training, records):
    finish_lesson(training, "alpha")
    for _ in range(3):
        result = answer_all(training, training.start_quiz("alpha"), right=0)
    assert result.lesson_again
    step = training.next_step()
    assert (step.kind, step.topic, step.step) == (path.LESSON, "alpha", 0)
    before = event_count(records)
    with pytest.raises(TrainingRefused):
        training.start_quiz("alpha")
    assert event_count(records) == before
    finish_lesson(training, "alpha")
    assert training.next_step().kind == path.QUIZ


def test_every_attempt_is_kept_with_its_duration(training, records, clock):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    clock.advance(seconds=95)
    answer_all(training, attempt, right=0)
    answer_all(training, training.start_quiz("alpha"))
    rows = records.db.execute("SELECT passed, duration_s FROM attempts ORDER BY started_at").fetchall()
    assert [r[0] for r in rows] == [0, 1]
    assert rows[0][1] == pytest.approx(95.0)


def test_signing_is_refused_before_passing_and_writes_nothing(training, records):
    finish_lesson(training, "alpha")
    answer_all(training, training.start_quiz("alpha"))
    before = event_count(records)
    with pytest.raises(TrainingRefused, match="still to pass: beta"):
        training.sign(training.person.name, confirmed=True)
    assert event_count(records) == before
    assert records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0


def test_sign_off_needs_the_name_on_record_ignoring_case_and_spacing(training, records):
    for topic in ("alpha", "beta"):
        pass_topic(training, topic)
    with pytest.raises(TrainingRefused, match="does not match"):
        training.sign("Someone Else", confirmed=True)
    with pytest.raises(TrainingRefused, match="not confirmed"):
        training.sign("ana maría pérez", confirmed=False)
    receipt = training.sign("  ANA   maría PÉREZ ", confirmed=True)
    row = records.db.execute("SELECT name, district, text_hash, scores, valid_until FROM acknowledgments").fetchone()
    assert row[0] == "ANA maría PÉREZ"  # spacing tidied, letters as typed
    assert row[1] == "tst"
    assert row[2] == receipt.text_hash
    assert '"alpha":1.0' in row[3]
    assert row[4].startswith("2027-09-01")
    event = list(records.events.all())[-1]
    assert event.type == ev.ACKNOWLEDGED
    assert event.payload["text"] == "I have read the policy."
    assert event.payload["content_revision"] and event.payload["policy_version"]


def test_status_moves_from_not_started_to_certified_to_expiring_to_expired(training, clock):
    assert training.status().state == st.NOT_STARTED
    training.view_step("alpha", 0)
    assert training.status().state == st.IN_PROGRESS
    for topic in ("alpha", "beta"):
        pass_topic(training, topic)
    assert training.status().state == st.AWAITING_SIGNATURE
    training.sign(training.person.name, confirmed=True)
    status = training.status()
    assert status.state == st.CERTIFIED and status.valid_until == date(2027, 9, 1)
    assert status.label() == "certified until 2027-09-01"
    clock.advance(days=340)
    assert training.status().state == st.EXPIRING_SOON
    clock.advance(days=30)
    expired = training.status()
    assert expired.state == st.EXPIRED and expired.overdue


def test_a_new_hire_is_overdue_after_the_due_days(training, clock):
    # Hired 2026-08-25 with 30 due days: due 2026-09-24.
    clock.advance(days=23)
    assert not training.status().overdue
    clock.advance(days=1)
    status = training.status()
    assert status.overdue and status.state == st.NOT_STARTED
    assert status.label() == "not started (overdue)"


def test_staff_who_left_are_not_overdue(records, content, clock):
    from tutor.store.people import Person

    gone = Person("E200", "Gone Person", hire_date=date(2026, 1, 1), end_date=date(2026, 6, 30), district="tst")
    records.people.upsert_many([gone])
    t = Training(records, content, gone, "tst", ev.IDENTITY_PIN, clock)
    assert not t.status().overdue


def test_a_policy_change_requires_re_acknowledgment_but_a_content_fix_does_not(records, person, clock):
    content = make_content()
    t = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(3))
    certify(t)
    # A typo fixed in a question: content revision changes, policy version does not.
    fixed = make_content()
    q = fixed.questions["alpha-0"]
    fixed.questions["alpha-0"] = replace(q, prompt=q.prompt + " (fixed typo)")
    t2 = Training(records, fixed, person, "tst", ev.IDENTITY_PIN, clock)
    assert t2.content_revision != t.content_revision
    assert t2.policy_version == t.policy_version
    assert t2.status().state == st.CERTIFIED
    # The acknowledgment text changes: a new policy version.
    changed = make_content(district_ack="I have read the revised policy.")
    t3 = Training(records, changed, person, "tst", ev.IDENTITY_PIN, clock)
    assert t3.policy_version != t.policy_version
    assert t3.status().state == st.REACKNOWLEDGE


def test_renewal_adds_a_new_acknowledgment_and_keeps_the_old_one(training, records, clock):
    certify(training)
    clock.advance(days=350)
    assert training.next_step().kind == path.TESTOUT  # returning staff are offered the test-out
    certify(training)
    rows = records.db.execute("SELECT signed_at FROM acknowledgments ORDER BY signed_at").fetchall()
    assert len(rows) == 2
    assert records.db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 4


def test_test_out_exempts_passed_topics_only_and_is_one_try_per_cycle(training, records, clock):
    certify(training)
    clock.advance(days=340)
    attempt = training.start_testout()
    assert len(attempt.questions) == 8  # 4 per required topic
    assert {q.topic for q in attempt.questions} == {"alpha", "beta"}
    for position, drawn in enumerate(attempt.questions):
        q = training.question(drawn.id)
        right = drawn.topic == "alpha"
        chosen = q.answer if right else frozenset({next(c.id for c in q.choices if c.id not in q.answer)})
        feedback = training.answer(attempt.id, position, chosen)
    result = feedback.finished
    assert result.topic_results["alpha"]["passed"] and not result.topic_results["beta"]["passed"]
    progress = training.progress()
    assert progress.topics["alpha"].passed_by == "testout"
    assert not progress.topics["beta"].passed
    step = training.next_step()
    assert (step.kind, step.topic) == (path.LESSON, "beta")
    with pytest.raises(TrainingRefused, match="once per renewal cycle"):
        training.start_testout()
    pass_topic(training, "beta")
    assert training.next_step().kind == path.SIGN


def test_new_staff_are_not_offered_the_test_out(training, records):
    before = event_count(records)
    with pytest.raises(TrainingRefused):
        training.start_testout()
    assert event_count(records) == before


def test_an_answer_reads_the_learners_history_once_and_feedback_carries_the_new_state(training, records):
    """One read of the learner's events per answer (inside the write lock); the caller gets the
    updated attempt and progress back instead of reading them again."""
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    statements: list[str] = []
    records.conn.set_trace_callback(statements.append)
    try:
        question = training.question(attempt.questions[0].id)
        feedback = training.answer(attempt.id, 0, question.answer)
    finally:
        records.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM events WHERE learner" in " ".join(s.split())]
    assert len(reads) == 1, reads
    assert feedback.attempt is not None and feedback.attempt.next_position == 1
    assert feedback.progress is not None and feedback.progress.attempt(attempt.id).answers[0].correct
    # The same holds for the last answer, which also finishes the attempt and gives the result.
    statements.clear()
    records.conn.set_trace_callback(statements.append)
    try:
        for position in range(1, len(attempt.questions)):
            q = training.question(attempt.questions[position].id)
            feedback = training.answer(attempt.id, position, q.answer)
    finally:
        records.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM events WHERE learner" in " ".join(s.split())]
    assert len(reads) == len(attempt.questions) - 1
    assert feedback.finished is not None and feedback.finished.passed
