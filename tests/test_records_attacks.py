"""Attacks on the gate and the chain: each test performs one and checks it fails, or is caught.

- Content edited to pass anyone (`--content DIR` with a 1% pass mark, lessons made optional,
  a hundred-year renewal) is only a preview: nothing is recorded, nothing can be signed.
- Rows written straight into derived tables, events appended through the package's own API with
  nothing behind them, answers re-marked, results inflated: `tutor verify` names each.
- A rebuilt chain, forged or truncated latest events: `tutor verify --key` catches them.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.domain.events import NewEvent, canonical_json, event_hash
from tutor.service.approval import approve, ApprovalRefused, pending
from tutor.service.trainer_auth import TrainerAuthError, set_passphrase
from tutor.service.training import Training, TrainingRefused
from tutor.store.records import Records

PASSPHRASE = "correct horse battery"


def verify(db: str, *args: str):
    return CliRunner().invoke(cli, ["verify", "--db", db, *args])


def generous(content, root="/srv/district-copy"):
    """The content with every rule loosened, as a learner editing a copy would."""
    district = replace(content.districts["tst"], pass_mark=0.01, renewal_days=36500)
    lessons = {k: replace(v, required=(k == "alpha")) for k, v in content.lessons.items()}
    return replace(content, root=root, districts={"tst": district}, lessons=lessons)


# The gate: edited content counts for nothing until a trainer approves it ---------------------------
def test_edited_content_is_only_a_preview_records_nothing_and_cannot_be_signed(records, content, person, clock):
    before = records.events.count()
    loose = generous(content)
    training = Training(records, loose, person, "tst", ev.IDENTITY_PIN, clock, random.Random(1))
    assert training.preview and "nothing you do here is saved" in training.preview
    training.sign_in()
    finish_lesson(training, "alpha")
    result = answer_all(training, training.start_quiz("alpha"), right=1)  # 1 of 5 "passes" at 1%
    assert result.passed  # the preview shows what would happen...
    with pytest.raises(TrainingRefused, match="Preview only"):
        training.sign(person.name, confirmed=True)
    # ...but nothing reached the records, and the learner stands where they stood.
    assert records.events.count() == before
    assert records.conn.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0
    real = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock)
    assert real.preview is None and not real.progress().started


def test_the_installed_content_needs_no_ceremony_and_records_its_approval_once(records, content, person, clock):
    Training(records, content, person, "tst", ev.IDENTITY_PIN, clock)
    Training(records, content, person, "tst", ev.IDENTITY_PIN, clock)
    approvals = records.conn.execute("SELECT type, identity FROM events WHERE type = 'content.approved'").fetchall()
    assert approvals == [("content.approved", ev.IDENTITY_INSTALLED)]


def test_approving_needs_the_trainer_passphrase_and_refuses_rules_that_certify_anyone(records, content, person, clock):
    loose = generous(content)
    with pytest.raises(TrainerAuthError):  # no passphrase set yet
        approve(records, replace(content, root="/srv/copy", districts={"tst": replace(content.districts["tst"], pass_mark=0.9)}),
                ["tst"], PASSPHRASE)
    set_passphrase(records, PASSPHRASE)
    with pytest.raises(ApprovalRefused, match="pass mark 1%"):
        approve(records, loose, ["tst"], PASSPHRASE)
    stricter = replace(content, root="/srv/copy", districts={"tst": replace(content.districts["tst"], pass_mark=0.9)})
    with pytest.raises(TrainerAuthError):
        approve(records, stricter, ["tst"], "not the passphrase")
    assert [p.district for p in pending(records, stricter)] == ["tst"]
    approve(records, stricter, ["tst"], PASSPHRASE)
    assert pending(records, stricter) == []
    training = Training(records, stricter, person, "tst", ev.IDENTITY_PIN, clock, random.Random(2))
    assert training.preview is None
    receipt = certify(training)
    assert receipt.ack_id and verify(str(records.conn.execute("PRAGMA database_list").fetchone()[2])).exit_code == 0


def test_tutor_approve_with_a_loosened_copy_of_the_shipped_content_is_refused(tmp_path):
    from tutor.content.loader import default_content_dir

    copy = tmp_path / "content"
    for folder in ("policies", "districts", "lessons", "quizzes"):
        shutil.copytree(default_content_dir() / folder, copy / folder)
    profile = copy / "districts" / "crec.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("pass_mark: 0.8", "pass_mark: 0.01")
                       .replace("renewal_days: 365", "renewal_days: 36500"), encoding="utf-8")
    db = str(tmp_path / "records.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["trainer", "set-passphrase", "--db", db], input=f"{PASSPHRASE}\n{PASSPHRASE}\n").exit_code == 0
    result = runner.invoke(cli, ["approve", "--db", db, "--content", str(copy), "--district", "crec", "--yes"],
                           input=f"{PASSPHRASE}\n")
    assert result.exit_code == 1
    assert "pass mark 1%" in result.output and "36500 days" in result.output
    records = Records(db)
    try:
        assert records.conn.execute("SELECT COUNT(*) FROM approved_rules").fetchone()[0] == 0
    finally:
        records.close()


# Forgeries in a copy of the database ---------------------------------------------------------------
def db_path(records) -> str:
    return records.conn.execute("PRAGMA database_list").fetchone()[2]


def test_rows_written_into_derived_tables_are_named(records, training, person):
    certify(training)
    conn = records.conn
    conn.execute(
        "INSERT INTO acknowledgments (ack_id, learner, district, name, signed_at, valid_until, text_hash,"
        " policy_version, content_revision, scores, seq, event_hash)"
        " VALUES ('forged-ack', 'E200', 'tst', 'Mallory', '2026-09-01T08:00:00Z', '2099-01-01T00:00:00Z', 'x', 'v', 'r', '{}', 1, 'h')"
    )
    conn.execute("INSERT INTO standings (learner, ack_seq, signed_at, valid_until, policy_version)"
                 " VALUES ('E200', 1, '2026-09-01T08:00:00Z', '2099-01-01T00:00:00Z', 'v')")
    conn.execute("UPDATE standings SET valid_until = '2099-12-31T00:00:00Z' WHERE learner = ?", (person.employee_id,))
    result = verify(db_path(records))
    assert result.exit_code == 1
    assert "acknowledgments row ack_id=forged-ack has no event behind it" in result.output
    assert "standings row learner=E200 has no event behind it" in result.output
    assert f"standings row learner={person.employee_id} differs from what its events say (valid_until)" in result.output


def test_an_acknowledgment_appended_through_the_event_log_with_no_passes_is_named(records, training, content, clock):
    training.sign_in()
    forged = dict(
        ack_id="forged", district="tst", name="Ana María Pérez", name_on_record="Ana María Pérez", text="x",
        text_hash="x", policy_version=training.policy_version, content_revision=training.content_revision,
        valid_until="2027-09-01T08:00:00.000000Z", scores={}, rules=training.rules.digest,
    )
    event = records.events.append(NewEvent(ev.ACKNOWLEDGED, "E100", forged, ev.IDENTITY_PIN))
    result = verify(db_path(records))
    assert result.exit_code == 1
    assert f"event {event.seq} (acknowledgment.signed, E100): no passed quiz or test-out backs the acknowledgment for alpha, beta" in result.output


def test_an_acknowledgment_under_rules_no_trainer_approved_is_named(records, training):
    training.sign_in()
    forged = dict(ack_id="f", district="tst", name="A", name_on_record="A", text="x", text_hash="x",
                  policy_version=training.policy_version, content_revision="r",
                  valid_until="2126-09-01T08:00:00.000000Z", scores={}, rules="0123456789abcdef")
    event = records.events.append(NewEvent(ev.ACKNOWLEDGED, "E100", forged, ev.IDENTITY_PIN))
    result = verify(db_path(records))
    assert result.exit_code == 1
    assert f"event {event.seq} (acknowledgment.signed, E100): the acknowledgment cites rules 0123456789abcdef that were not approved" in result.output


def test_a_wrong_answer_recorded_as_right_and_an_inflated_result_are_named(records, training):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    # Write answers straight through the log: wrong choices marked right, then a "pass".
    for position, drawn in enumerate(attempt.questions):
        records.events.append(NewEvent(ev.ANSWER_RECORDED, "E100", {
            "attempt": attempt.id, "position": position, "question": drawn.id,
            "chosen": [next(c for c in drawn.choices if c not in training.question(drawn.id).answer)], "correct": True,
        }, ev.IDENTITY_PIN))
    finished = records.events.append(NewEvent(ev.ATTEMPT_FINISHED, "E100", {
        "attempt": attempt.id, "correct": 5, "total": 5, "score": 1.0, "passed": True, "duration_s": 1.0,
        "topic_results": {"alpha": {"correct": 5, "total": 5, "score": 1.0, "passed": True}},
    }, ev.IDENTITY_PIN))
    output = verify(db_path(records)).output
    assert "is marked right, but the approved answer key says otherwise" in output
    assert output.count("approved answer key says otherwise") == 5
    # The finish itself is consistent with the (forged) marks; what gives it away is the marks.
    assert f"event {finished.seq}" not in output or "claims" not in output


def test_an_attempt_with_a_lower_pass_mark_or_a_short_quiz_is_named(records, training):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    payload = {
        "attempt": "short", "kind": "quiz", "district": "tst", "topics": ["alpha"], "lesson": "alpha",
        "questions": [attempt.questions[0].as_payload()], "pass_mark": 0.01,
        "policy_version": training.policy_version, "content_revision": training.content_revision,
        "rules": training.rules.digest,
    }
    event = records.events.append(NewEvent(ev.ATTEMPT_STARTED, "E100", payload, ev.IDENTITY_PIN))
    output = verify(db_path(records)).output
    assert f"event {event.seq} (attempt.started, E100): pass mark 1%, but the approved rules say 80%" in output
    assert f"event {event.seq} (attempt.started, E100): 1 question(s) on alpha, but the approved rules draw 5" in output


def test_an_event_whose_payload_is_not_json_is_named_and_reading_it_says_which(records, training):
    from tutor.store.database import StoreError

    certify(training)
    conn = records.conn
    conn.execute("DROP TRIGGER events_are_never_updated")
    conn.execute("UPDATE events SET payload = '{not json' WHERE seq = 4")
    result = verify(db_path(records))
    assert result.exit_code == 1 and "event 4 (" in result.output and "payload is not JSON" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(StoreError, match="event 4 .* payload is not JSON"):
        records.events.for_learner("E100")


# Sealing: what the database alone cannot forge ---------------------------------------------------
@pytest.fixture
def sealed(records, tmp_path):
    """Records sealed with a key in its own folder; returns the verification key file."""
    out = tmp_path / "kept-elsewhere" / "verify.json"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["seal", "init", "--db", db_path(records), "--key-dir", str(tmp_path / "sealing"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sealing" / "sealing.key").stat().st_mode & 0o077 == 0
    return out


def test_a_sealed_database_verifies_with_its_key(records, training, sealed):
    certify(training)
    result = verify(db_path(records), "--key", str(sealed))
    assert result.exit_code == 0, result.output
    assert "every seal valid" in result.output


def rebuild_chain_with(records, forge) -> None:
    """Rewrite the whole log as someone with only the database would: forge, re-hash, re-derive."""
    from tutor.store.projections import rebuild

    conn = records.conn
    conn.execute("DROP TRIGGER events_are_never_updated")
    conn.execute("DROP TRIGGER events_are_never_deleted")
    rows = conn.execute("SELECT seq, ts, type, learner, identity, payload FROM events ORDER BY seq").fetchall()
    rows = forge(rows)
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in ("standings", "topic_passes", "answers", "acknowledgments", "attempts", "approved_rules", "seals"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM events")
    prev = "0" * 64
    for seq, (_, ts, type_, learner, identity, payload) in enumerate(rows, start=1):
        digest = event_hash(seq, ts, type_, learner, identity, payload, prev)
        conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (seq, ts, type_, learner, identity, payload, prev, digest))
        prev = digest
    rebuild(conn)


def test_a_rebuilt_chain_passes_plain_verify_but_not_the_key(records, training, sealed):
    certify(training)

    def rename(rows):  # the acknowledgment now names someone else
        out = []
        for seq, ts, type_, learner, identity, payload in rows:
            if type_ == ev.ACKNOWLEDGED:
                data = json.loads(payload)
                data["name"] = "Mallory Forger"
                payload = canonical_json(data)
            out.append((seq, ts, type_, learner, identity, payload))
        return out

    rebuild_chain_with(records, rename)
    assert verify(db_path(records)).exit_code == 0  # consistent in itself: only the key can tell
    result = verify(db_path(records), "--key", str(sealed))
    assert result.exit_code == 1
    assert "carries no seal: it was written without the sealing key" in result.output


def test_removing_the_latest_events_is_caught_by_the_signed_head(records, training, sealed):
    certify(training)
    last = records.events.count()
    rebuild_chain_with(records, lambda rows: rows[:-3])
    result = verify(db_path(records), "--key", str(sealed))
    assert result.exit_code == 1
    assert f"events {last - 2}-{last} were removed: the signed head is event {last}" in result.output


def test_an_event_forged_through_the_package_api_without_the_sealing_key_is_caught(records, training, sealed, tmp_path):
    certify(training)
    # Someone with the database (not the key folder) removes the setting and appends as the app would.
    records.conn.execute("DELETE FROM settings WHERE key = 'seal.key_file'")
    event = records.events.append(NewEvent(ev.SIGNED_IN, "E100", {"district": "tst", "name": "x"}, ev.IDENTITY_PIN))
    result = verify(db_path(records), "--key", str(sealed))
    assert result.exit_code == 1
    assert f"event {event.seq} (learner.signed_in) carries no seal" in result.output


def test_a_missing_sealing_key_refuses_the_write_and_saves_nothing(records, training, sealed, tmp_path):
    from tutor.store.database import StoreError

    training.sign_in()
    before = records.events.count()
    (tmp_path / "sealing" / "sealing.key").rename(tmp_path / "sealing" / "moved.key")
    fresh = Records(db_path(records))
    try:
        with pytest.raises(StoreError, match="sealing key .* cannot be read"):
            fresh.events.append(NewEvent(ev.SIGNED_IN, "E100", {"district": "tst", "name": "x"}, ev.IDENTITY_PIN))
        assert fresh.events.count() == before
    finally:
        fresh.close()


def test_sealing_is_set_up_once(records, sealed, tmp_path):
    result = CliRunner().invoke(cli, ["seal", "init", "--db", db_path(records), "--key-dir", str(tmp_path / "other"),
                                      "--out", str(tmp_path / "other.json")])
    assert result.exit_code == 1 and "already sealed" in result.output


# An export edited after it was made -----------------------------------------------------------
@pytest.fixture
def exported(records, content, person, clock, tmp_path):
    """A JSON export of two certified learners (one trained on another day), as a dict."""
    from tutor.store.people import Person

    other = Person("E200", "Bo Chen", district="tst", on_roster=True)
    records.people.upsert_many([other])
    certify(Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(3)))
    clock.advance(days=2)
    certify(Training(records, content, other, "tst", ev.IDENTITY_PIN, clock, random.Random(4)))
    out = tmp_path / "export.json"
    result = CliRunner().invoke(cli, ["export", "--db", db_path(records), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def verify_export_data(data, tmp_path):
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return CliRunner().invoke(cli, ["verify", "--export", str(path)])


def test_an_untouched_export_verifies(exported, tmp_path):
    result = verify_export_data(exported, tmp_path)
    assert result.exit_code == 0, result.output


def test_an_acknowledgment_moved_to_another_employee_is_caught(exported, tmp_path):
    ack = exported["acknowledgments"][0]
    ack["employee_id"], ack["name"] = "E200", "Bo Chen"
    result = verify_export_data(exported, tmp_path)
    assert result.exit_code == 1
    assert f"acknowledgments row 1 (ack_id {ack['ack_id']}) differs from its events in employee_id" in result.output


def test_removed_duplicated_or_moved_rows_are_caught(exported, tmp_path):
    removed = exported["attempts"].pop(0)
    exported["lessons"].append(dict(exported["lessons"][0]))
    exported["attempts"][0]["employee_id"] = "E999"
    exported["attempts"][1]["score"] = 1.0 if exported["attempts"][1]["score"] != 1.0 else 0.2
    result = verify_export_data(exported, tmp_path)
    assert result.exit_code == 1
    assert f"attempts: the record attempt_id {removed['attempt_id']} is in the events but has no row in the export" in result.output
    assert "is listed twice" in result.output
    assert "differs from its events in employee_id" in result.output
    assert "differs from its events in score" in result.output
