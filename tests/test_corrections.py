"""Correcting the records (`tutor void`): a voided record stays in the log and counts as never made,
in the app, the report, the certificate, the question statistics, `verify` and the LRS export."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson, pass_topic
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.domain import path
from tutor.domain.events import NewEvent
from tutor.service.certificate import NotSigned, certificate_data
from tutor.service.corrections import CorrectionRefused, find_record, void_record
from tutor.service.reports import person_history, status_report
from tutor.service.trainer_auth import TrainerAuthError, set_passphrase
from tutor.service.training import TrainingRefused, Training
from tutor.service.verify import verify_records

PASSPHRASE = "correct horse battery"


@pytest.fixture
def trainer(records):
    set_passphrase(records, PASSPHRASE)


def status_in_report(records, content, clock, employee_id="E100") -> str:
    return next(r.status for r in status_report(records, content, clock) if r.employee_id == employee_id)


def fresh(training: Training) -> Training:
    """The same learner signing in again: nothing carried over from the object that trained."""
    return Training(training.records, training.content, training.person, "tst", ev.IDENTITY_PIN,
                    training.clock, random.Random(3))


def test_a_voided_pass_passes_nothing_the_learner_takes_the_quiz_again(records, content, clock, training, trainer):
    passed = pass_topic(training, "alpha")
    assert training.progress().topics["alpha"].passed
    void_record(records, passed.attempt_id, "taken by a colleague at a shared kiosk", PASSPHRASE)

    progress = fresh(training).progress()
    assert not progress.topics["alpha"].passed
    assert progress.topics["alpha"].lesson_done  # the lesson itself was not voided
    assert (fresh(training).next_step().kind, fresh(training).next_step().topic) == (path.QUIZ, "alpha")
    # A voided fail would not have used a try either; nor does a voided pass.
    assert progress.topics["alpha"].tries_left == 3
    assert status_in_report(records, content, clock) == "in progress"


def test_after_a_voided_pass_the_acknowledgment_is_refused_until_the_topic_is_passed_again(
        records, content, training, trainer):
    alpha = pass_topic(training, "alpha")
    pass_topic(training, "beta")
    void_record(records, alpha.attempt_id, "taken by a colleague", PASSPHRASE)
    with pytest.raises(TrainingRefused):
        training.sign(training.person.name, confirmed=True)
    assert records.conn.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0
    again = fresh(training)
    answer_all(again, again.start_quiz("alpha"))
    assert again.sign(again.person.name, confirmed=True).valid_until


def test_a_voided_fail_gives_the_try_back(records, training, trainer):
    finish_lesson(training, "alpha")
    failed = answer_all(training, training.start_quiz("alpha"), right=0)
    assert training.progress().topics["alpha"].tries_left == 2
    void_record(records, failed.attempt_id, "the screen froze", PASSPHRASE)
    assert fresh(training).progress().topics["alpha"].tries_left == 3


def test_a_voided_acknowledgment_certifies_no_one_and_the_learner_signs_again(
        records, content, clock, training, trainer):
    receipt = certify(training)
    assert status_in_report(records, content, clock) == "certified"
    void_record(records, receipt.ack_id, "signed under the wrong name", PASSPHRASE)

    # The passes it spent count again: the learner only has to sign.
    assert status_in_report(records, content, clock) == "awaiting signature"
    again = fresh(training)
    assert again.status().state == "awaiting signature"
    assert again.next_step().kind == path.SIGN
    with pytest.raises(NotSigned, match="1 acknowledgment\\(s\\) voided"):
        certificate_data(records, content, "E100", clock)
    second = again.sign(again.person.name, confirmed=True)
    assert status_in_report(records, content, clock) == "certified"
    printed = certificate_data(records, content, "E100", clock)
    assert printed.latest.ack_id == second.ack_id and printed.earlier == ()


def test_a_voided_lesson_must_be_done_again(records, training, trainer):
    finish_lesson(training, "alpha")
    completion = next(e for e in records.events.for_learner("E100") if e.type == ev.LESSON_COMPLETED)
    void_record(records, completion.hash, "completed by a colleague", PASSPHRASE)
    step = fresh(training).next_step()
    assert (step.kind, step.topic) == (path.LESSON, "alpha")


def test_every_refusal_writes_nothing(records, training, trainer):
    finish_lesson(training, "alpha")
    open_attempt = training.start_quiz("alpha")
    before = records.events.count()
    cases = [
        ("no-such-record", "a reason", PASSPHRASE, CorrectionRefused, "no attempt, acknowledgment or lesson"),
        (open_attempt.id, "a reason", PASSPHRASE, CorrectionRefused, "still in progress"),
        (open_attempt.id, "   ", PASSPHRASE, CorrectionRefused, "Give the reason"),
        (open_attempt.id, "line one\nline two", PASSPHRASE, CorrectionRefused, "control characters"),
        (open_attempt.id, "x" * 501, PASSPHRASE, CorrectionRefused, "keep it to 500"),
    ]
    for record, reason, passphrase, error, words in cases:
        with pytest.raises(error, match=words):
            void_record(records, record, reason, passphrase)
    answer_all(training, open_attempt)
    with pytest.raises(TrainerAuthError, match="not right"):
        void_record(records, open_attempt.id, "a reason", "wrong passphrase!")
    assert records.events.count() == before + len(open_attempt.questions) + 1  # only the answers


def test_a_record_is_voided_once(records, training, trainer):
    passed = pass_topic(training, "alpha")
    void_record(records, passed.attempt_id, "taken by a colleague", PASSPHRASE)
    with pytest.raises(CorrectionRefused, match="already voided"):
        void_record(records, passed.attempt_id, "again", PASSPHRASE)
    with pytest.raises(CorrectionRefused, match="already voided"):
        find_record(records, passed.attempt_id)


def test_without_a_trainer_passphrase_nothing_can_be_voided(records, training):
    passed = pass_topic(training, "alpha")
    with pytest.raises(TrainerAuthError, match="No trainer passphrase is set"):
        void_record(records, passed.attempt_id, "taken by a colleague", "anything at all")
    assert records.conn.execute("SELECT COUNT(*) FROM voids").fetchone()[0] == 0


def test_verify_accepts_corrections_made_with_the_passphrase(records, training, trainer):
    receipt = certify(training)
    void_record(records, receipt.ack_id, "signed under the wrong name", PASSPHRASE)
    attempt = records.conn.execute("SELECT attempt_id FROM attempts LIMIT 1").fetchone()[0]
    void_record(records, attempt, "taken by a colleague", PASSPHRASE)
    result = verify_records(records)
    assert result.ok, result.problems


def test_verify_names_a_correction_not_made_with_the_passphrase(records, training):
    passed = pass_topic(training, "alpha")
    # Someone with the database and the package appends a void under another identity.
    records.events.append(NewEvent(ev.RECORD_VOIDED, "E100", {
        "record": passed.attempt_id, "kind": "attempt", "reason": "hide a failure"}, ev.IDENTITY_OPERATOR))
    problems = verify_records(records).problems
    assert any("not with the trainer passphrase" in p for p in problems), problems


def test_verify_names_a_correction_of_someone_elses_record_or_of_nothing(records, content, clock, training):
    passed = pass_topic(training, "alpha")
    records.events.append(NewEvent(ev.RECORD_VOIDED, "E999", {
        "record": passed.attempt_id, "kind": "attempt", "reason": "wrong person"}, ev.IDENTITY_TRAINER))
    records.events.append(NewEvent(ev.RECORD_VOIDED, "E100", {
        "record": "made-up", "kind": "attempt", "reason": "nothing"}, ev.IDENTITY_TRAINER))
    problems = verify_records(records).problems
    assert sum("has no attempt, acknowledgment or lesson completion" in p for p in problems) == 2, problems


def test_an_acknowledgment_backed_only_by_a_voided_pass_fails_verify(records, content, clock, training, trainer):
    """Someone appends an acknowledgment after the pass behind it was voided: verify sees it."""
    alpha = pass_topic(training, "alpha")
    pass_topic(training, "beta")
    void_record(records, alpha.attempt_id, "taken by a colleague", PASSPHRASE)
    forged = certify_payload(training)
    records.events.append(NewEvent(ev.ACKNOWLEDGED, "E100", forged, ev.IDENTITY_PIN))
    problems = verify_records(records).problems
    assert any("no passed quiz or test-out backs the acknowledgment for alpha" in p for p in problems), problems


def certify_payload(training: Training) -> dict:
    """The acknowledgment payload the app would write, built while every topic still counted."""
    from tutor.domain import payloads as pl
    from tutor.domain.clock import iso
    from tutor.domain.status import valid_until

    rules = training.rules
    now = training.clock.now()
    return pl.Acknowledged(
        ack_id="forged", district="tst", name=training.person.name, text="I have read the policy.",
        text_hash="0" * 64, policy_version=training.policy_version, content_revision=training.content_revision,
        valid_until=iso(valid_until(now, rules.renewal_days)), scores={"alpha": 1.0, "beta": 1.0},
        rules=rules.digest,
    ).as_payload()


def test_the_derived_tables_after_corrections_are_what_a_rebuild_gives(records, training, trainer):
    from tutor.store.projections import derived_differences

    receipt = certify(training)
    void_record(records, receipt.ack_id, "wrong name", PASSPHRASE)
    failed_then = fresh(training)
    void_record(records, records.conn.execute("SELECT attempt_id FROM attempts LIMIT 1").fetchone()[0],
                "taken by a colleague", PASSPHRASE)
    assert derived_differences(records.conn, list(records.events.all())) == []
    assert failed_then.progress().acknowledgments == []


def test_question_statistics_leave_out_voided_attempts(records, content, training, trainer):
    from tutor.service.item_analysis import load_responses

    finish_lesson(training, "alpha")
    failed = answer_all(training, training.start_quiz("alpha"), right=0)
    answer_all(training, training.start_quiz("alpha"))
    before = load_responses(records)
    void_record(records, failed.attempt_id, "the screen froze", PASSPHRASE)
    after = load_responses(records)
    assert {r.attempt_id for r in before} - {r.attempt_id for r in after} == {failed.attempt_id}
    assert len(after) == len(before) // 2


def test_report_person_lists_record_ids_and_marks_what_was_voided(records, content, clock, training, trainer):
    passed = pass_topic(training, "alpha")
    void_record(records, passed.attempt_id, "taken by a colleague", PASSPHRASE)
    history = person_history(records, content, clock, "E100")
    lines = history.lines()
    quiz_line = next(i for i, line in enumerate(lines) if "passed the quiz (alpha)" in line)
    assert lines[quiz_line].endswith("[VOIDED]")
    assert lines[quiz_line + 1] == f"    record {passed.attempt_id}"
    assert any(f"a trainer voided the attempt {passed.attempt_id}: taken by a colleague" in line for line in lines)
    assert any(e["record"] == passed.attempt_id and e["voided"] for e in history.as_dict()["history"])


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_tutor_void_shows_the_record_asks_and_voids(records, content, clock, training, trainer, db,
                                                     cli_uses_the_test_content):
    passed = pass_topic(training, "alpha")
    result = run("void", passed.attempt_id, "--reason", "taken by a colleague", "--db", db,
                 input=f"y\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert f"attempt {passed.attempt_id} of Ana María Pérez (E100): passed the quiz (alpha)" in result.output
    assert "Voided (event" in result.output and "must be passed again" in result.output
    assert "An acknowledgment already signed is not changed" in result.output
    assert status_in_report(records, content, clock) == "in progress"

    again = run("void", passed.attempt_id, "--reason", "twice", "--db", db, "--yes", input=f"{PASSPHRASE}\n")
    assert again.exit_code == 1 and "already voided" in again.output


def test_tutor_void_refuses_without_confirmation_or_with_a_wrong_passphrase(records, training, trainer, db):
    passed = pass_topic(training, "alpha")
    declined = run("void", passed.attempt_id, "--reason", "taken by a colleague", "--db", db, input="n\n")
    assert declined.exit_code == 1 and "Nothing voided." in declined.output
    wrong = run("void", passed.attempt_id, "--reason", "taken by a colleague", "--db", db, "--yes",
                input="not the passphrase\n")
    assert wrong.exit_code == 1 and "That passphrase is not right." in wrong.output
    no_reason = run("void", passed.attempt_id, "--reason", " ", "--db", db, "--yes")
    assert no_reason.exit_code == 2 and "give the reason" in no_reason.output
    assert records.conn.execute("SELECT COUNT(*) FROM voids").fetchone()[0] == 0


def test_the_lrs_export_voids_each_statement_of_a_voided_record(records, content, training, trainer, db,
                                                                 cli_uses_the_test_content):
    finish_lesson(training, "alpha")
    failed = answer_all(training, training.start_quiz("alpha"), right=1)
    before = json.loads(run("export", "--format", "xapi", "--db", db).output)
    void_record(records, failed.attempt_id, "taken by a colleague", PASSPHRASE)
    after = json.loads(run("export", "--format", "xapi", "--db", db).output)
    assert after[:len(before)] == before
    voids = after[len(before):]
    assert len(voids) == 3 and all(s["object"]["objectType"] == "StatementRef" for s in voids)


def test_exports_keep_a_voided_record_and_mark_it_with_when_and_why(records, content, training, trainer, db,
                                                                   tmp_path, cli_uses_the_test_content):
    import csv
    import io

    import openpyxl

    receipt = certify(training)
    void_record(records, receipt.ack_id, "=signed for the wrong person", PASSPHRASE)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).output)))
    ack = next(r for r in rows if r["record_type"] == "acknowledgment")
    assert ack["record_id"] == receipt.ack_id and ack["voided_at"].startswith("2026-09-01T")
    assert ack["void_reason"] == "'=signed for the wrong person"  # the formula guard, as for every typed text
    assert all(r["voided_at"] == "" and r["void_reason"] == "" for r in rows if r["record_type"] == "attempt")

    exported = json.loads(run("export", "--format", "json", "--db", db).output)
    (signed,) = exported["acknowledgments"]
    assert signed["void_reason"] == "=signed for the wrong person" and signed["voided_at"]
    assert all(a["voided_at"] is None for a in exported["attempts"] + exported["lessons"])

    out = tmp_path / "records.xlsx"
    assert run("export", "--format", "xlsx", "--out", str(out), "--db", db).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "acknowledgment")
    assert row[header.index("voided_at")].is_date
    assert row[header.index("void_reason")].value == "=signed for the wrong person"
    assert row[header.index("void_reason")].data_type == "s"  # text, never a formula


def test_verify_export_catches_a_voided_mark_taken_off(records, training, trainer, db, tmp_path,
                                                        cli_uses_the_test_content):
    receipt = certify(training)
    void_record(records, receipt.ack_id, "signed for the wrong person", PASSPHRASE)
    exported = json.loads(run("export", "--format", "json", "--db", db).output)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported))
    assert run("verify", "--export", str(path)).exit_code == 0
    exported["acknowledgments"][0].update(voided_at=None, void_reason=None)
    path.write_text(json.dumps(exported))
    caught = CliRunner().invoke(cli, ["verify", "--export", str(path)])
    assert caught.exit_code == 1 and "differs from its events in void_reason, voided_at" in caught.output
