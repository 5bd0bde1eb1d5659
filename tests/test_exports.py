"""`tutor export` as a trainer runs it: CSV a spreadsheet opens safely, JSON with the chain head."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from datetime import date

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.service.exports import CSV_COLUMNS, parse_since, safe_cell
from tutor.service.training import Training
from tutor.store.people import Person

FORMULA_NAME = "=cmd|' /C calc'!A0"
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


@pytest.fixture
def shipped_content_is_the_test_content(cli_uses_the_test_content, content):
    """The CLI loads content from a folder; hand it the small test content instead."""
    return content


def run(*args):
    return CliRunner().invoke(cli, ["export", *args])


def a_year_of_training(records, content, clock, training):
    """Ana fails alpha once (95 s), passes everything and signs; a prankster with a formula for a
    name passes alpha. A year later Ana renews."""
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    clock.advance(seconds=95)
    answer_all(training, attempt, right=1)
    certify(training)
    prankster = Person("E200", FORMULA_NAME, email="@evil.example", school="+Lincoln", role="-aide",
                       hire_date=date(2026, 8, 30), district="tst", on_roster=True)
    records.people.upsert_many([prankster])
    other = Training(records, content, prankster, "tst", ev.IDENTITY_SELF_ASSERTED, clock, random.Random(2))
    finish_lesson(other, "alpha")
    answer_all(other, other.start_quiz("alpha"))
    clock.advance(days=350)
    certify(training)


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_attempt_and_acknowledgment_with_people_and_the_chain_head(
    records, content, clock, training, db
):
    a_year_of_training(records, content, clock, training)
    result = run("--db", db)
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    attempts = records.db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    acks = records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0]
    assert [r["record_type"] for r in rows].count("attempt") == attempts == 6
    assert [r["record_type"] for r in rows].count("acknowledgment") == acks == 2
    seq, head = records.events.head()
    assert {(r["chain_head_seq"], r["chain_head_hash"]) for r in rows} == {(str(seq), head)}

    ana = [r for r in rows if r["employee_id"] == "E100"]
    assert {r["name"] for r in ana} == {"Ana María Pérez"}
    failed = ana[0]
    assert (failed["record_type"], failed["passed"], failed["correct"], failed["total"]) == ("attempt", "0", "1", "5")
    assert float(failed["duration_s"]) == pytest.approx(95.0)
    assert failed["score"] == "0.2" and failed["started_at"].startswith("2026-09-01T08:00:00")
    assert failed["content_revision"] == training.content_revision
    assert failed["policy_version"] == training.policy_version
    assert failed["identity"] == "pin"

    signed = [r for r in ana if r["record_type"] == "acknowledgment"]
    event = next(e for e in records.events.all() if e.type == ev.ACKNOWLEDGED)
    assert signed[0]["event_hash"] == event.hash and signed[0]["event_seq"] == str(event.seq)
    assert signed[0]["text_hash"] == event.payload["text_hash"]
    assert signed[0]["valid_until"].startswith("2027-09-01")
    assert json.loads(signed[0]["scores"]) == {"alpha": 1.0, "beta": 1.0}


def test_csv_neutralises_formulas_and_keeps_numbers_dates_and_unicode(records, content, clock, training, db, tmp_path):
    a_year_of_training(records, content, clock, training)
    out = tmp_path / "export.csv"
    result = run("--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert "Ana María Pérez".encode("utf-8") in raw
    rows = csv_rows(raw.decode("utf-8"))
    prank = next(r for r in rows if r["employee_id"] == "E200")
    assert prank["name"] == "'" + FORMULA_NAME
    assert (prank["email"], prank["school"], prank["role"]) == ("'@evil.example", "'+Lincoln", "'-aide")
    assert prank["identity"] == "self-asserted"
    # Numbers are bare numbers and dates ISO text, nothing quoted away.
    for row in rows:
        for column in ("started_at", "finished_at", "signed_at", "valid_until"):
            assert row[column] == "" or ISO_TIMESTAMP.fullmatch(row[column]), row[column]
        for column in ("duration_s", "correct", "total", "score", "passed", "event_seq", "chain_head_seq"):
            if row[column]:
                float(row[column])
    assert "Wrote 6 attempts and 2 acknowledgments" in result.stderr


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Ana", "Ana"), ("2026-09-01T08:00:00.000000Z", "2026-09-01T08:00:00.000000Z"), ("", ""),
])
def test_safe_cell_quotes_only_formula_like_text(text, expected):
    assert safe_cell(text) == expected


def test_safe_cell_keeps_numbers_as_numbers():
    assert safe_cell(-1) == -1 and safe_cell(0.8) == 0.8 and safe_cell(True) == 1 and safe_cell(None) == ""


def test_json_carries_the_chain_head_and_every_record_and_verifies_offline(records, content, clock, training, db, tmp_path):
    a_year_of_training(records, content, clock, training)
    out = tmp_path / "export.json"
    result = run("--db", db, "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"exported_at", "chain_head", "attempts", "acknowledgments", "lessons"} <= set(data)
    seq, head = records.events.head()
    assert data["chain_head"] == {"seq": seq, "hash": head}
    assert len(data["attempts"]) == 6 and len(data["acknowledgments"]) == 2
    first = data["attempts"][0]
    assert first["name"] == "Ana María Pérez" and first["duration_s"] == pytest.approx(95.0)
    assert first["passed"] is False and first["score"] == 0.2 and first["topics"] == ["alpha"]
    assert first["content_revision"] == training.content_revision
    ack = data["acknowledgments"][0]
    assert ack["text_hash"] and ack["event_hash"] and ack["scores"] == {"alpha": 1.0, "beta": 1.0}
    assert "Ana María Pérez" in out.read_text(encoding="utf-8"), "names are not \\u-escaped"
    # Each lesson completion, in time order: Ana's two, the prankster's, Ana's two again at renewal.
    lessons = data["lessons"]
    assert [(l["employee_id"], l["lesson_id"]) for l in lessons] == [
        ("E100", "alpha"), ("E100", "beta"), ("E200", "alpha"), ("E100", "alpha"), ("E100", "beta"),
    ]
    assert lessons[0]["name"] == "Ana María Pérez" and lessons[0]["district"] == "tst"
    assert lessons[0]["identity"] == "pin" and lessons[2]["identity"] == "self-asserted"
    assert ISO_TIMESTAMP.fullmatch(lessons[0]["completed_at"]) and lessons[0]["event_hash"]
    # The evidence checks out with `tutor verify --export`.
    verified = CliRunner().invoke(cli, ["verify", "--export", str(out)])
    assert verified.exit_code == 0, verified.output
    assert verified.output.startswith("OK:")
    # A lesson row edited after export (credit for a lesson never finished) is caught.
    data["lessons"][2]["lesson_id"] = "beta"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    caught = CliRunner().invoke(cli, ["verify", "--export", str(edited)])
    assert caught.exit_code == 1 and f"lessons row 3 (seq {lessons[2]['seq']}) differs from its events in lesson_id" in caught.output


def test_since_keeps_attempts_started_and_acknowledgments_signed_on_or_after_the_date(
    records, content, clock, training, db
):
    a_year_of_training(records, content, clock, training)
    result = run("--db", db, "--format", "json", "--since", "2027-01-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["acknowledgments"]) == 1 and data["acknowledgments"][0]["signed_at"].startswith("2027-08-17")
    assert data["attempts"] and all(a["started_at"] >= "2027-01-01" for a in data["attempts"])
    assert [l["lesson_id"] for l in data["lessons"]] == ["alpha", "beta"]
    assert all(l["completed_at"] >= "2027-01-01" for l in data["lessons"])
    assert data["chain_head"]["seq"] == records.events.head()[0]


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "01/09/2026"])
def test_a_bad_since_date_is_refused_with_exit_2_and_says_how_to_write_it(db, bad):
    result = run("--db", db, "--since", bad)
    assert result.exit_code == 2
    assert f"'{bad}' is not a date" in result.output and "YYYY-MM-DD" in result.output


def test_parse_since_accepts_an_iso_date():
    assert parse_since("2026-09-01") == date(2026, 9, 1)


def test_a_missing_database_is_reported_and_not_created(tmp_path):
    missing = tmp_path / "nope.db"
    result = run("--db", str(missing))
    assert result.exit_code == 1
    assert "no records database" in result.stderr and "--db" in result.stderr
    assert not missing.exists()


def test_an_empty_database_exports_headers_and_says_there_is_nothing(db, records):
    result = run("--db", db)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [",".join(CSV_COLUMNS)]
    assert "no attempts or acknowledgments" in result.stderr


def test_an_unfinished_attempt_is_exported_without_a_result(records, training, db):
    finish_lesson(training, "alpha")
    training.start_quiz("alpha")
    data = json.loads(run("--db", db, "--format", "json").stdout)
    (attempt,) = data["attempts"]
    assert attempt["finished_at"] is None and attempt["passed"] is None
    row = csv_rows(run("--db", db).stdout)[0]
    assert row["finished_at"] == "" and row["passed"] == "" and row["event_seq"] == str(attempt["started_seq"])
