"""`tutor export` as a trainer runs it: CSV a spreadsheet opens safely, JSON with the chain head."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.service.exports import CSV_COLUMNS, parse_since, safe_cell
from tutor.service.spreadsheet import safe_row
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
    ("=1+1", "'=1+1"), ("+A1", "'+A1"), ("-1+2", "'-1+2"), ("-aide", "'-aide"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("\t42", "'\t42"), ("=42", "'=42"), ("-", "'-"), ("+", "'+"),
    ("Ana", "Ana"), ("2026-09-01T08:00:00.000000Z", "2026-09-01T08:00:00.000000Z"), ("", ""),
    # Plain numbers run nothing: a spreadsheet reads them as the number they are, so they stay.
    ("-42", "-42"), ("+1", "+1"), ("-1.5", "-1.5"), ("-.5", "-.5"), ("-1e3", "-1e3"), ("007123", "007123"),
])
def test_safe_cell_quotes_only_text_a_spreadsheet_would_run(text, expected):
    assert safe_cell(text) == expected
    assert safe_row([text]) == [expected]


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



def _as_csv_cells(record: dict, head: dict) -> dict:
    """What the CSV says of a JSON export's attempt or acknowledgment, cell by cell."""
    def cell(value):
        return "" if value is None else str(int(value) if isinstance(value, bool) else safe_cell(value))

    attempt = record["record_type"] == "attempt"
    values = {column: None for column in CSV_COLUMNS}
    values.update({key: record[key] for key in CSV_COLUMNS if key in record})
    values.update(
        record_id=record["attempt_id"] if attempt else record["ack_id"],
        topics=";".join(record["topics"]) if attempt else None,
        scores=None if attempt else json.dumps(record["scores"]),
        event_seq=(record["finished_seq"] or record["started_seq"]) if attempt else record["seq"],
        event_hash=(record["finished_hash"] or record["started_hash"]) if attempt else record["event_hash"],
        chain_head_seq=head["seq"], chain_head_hash=head["hash"],
    )
    return {column: cell(value) for column, value in values.items()}


def test_the_csv_and_json_exports_describe_the_same_attempts_and_acknowledgments_field_by_field(
    records, content, clock, training, db
):
    a_year_of_training(records, content, clock, training)
    prankster = Training(records, content, records.people.get("E200"), "tst", ev.IDENTITY_PIN, clock, random.Random(3))
    prankster.start_quiz("alpha")  # left unfinished
    data = json.loads(run("--db", db, "--format", "json").stdout)
    rows = csv_rows(run("--db", db).stdout)
    attempts = [r for r in rows if r["record_type"] == "attempt"]
    acks = [r for r in rows if r["record_type"] == "acknowledgment"]
    assert len(attempts) == len(data["attempts"]) == 7 and len(acks) == len(data["acknowledgments"]) == 2
    for row, record in [*zip(attempts, data["attempts"]), *zip(acks, data["acknowledgments"])]:
        expected = _as_csv_cells(record, data["chain_head"])
        for column in CSV_COLUMNS:
            if column == "scores" and row["scores"]:
                assert json.loads(row["scores"]) == record["scores"]
            else:
                assert row[column] == expected[column], (column, record)
    assert rows[-1]["name"] == "'" + FORMULA_NAME and rows[-1]["passed"] == ""
    # The CSV merges both record types in time order.
    times = [r["started_at"] or r["signed_at"] for r in rows]
    assert times == sorted(times)


# XLSX -------------------------------------------------------------------------------------------
def read_xlsx(path):
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    return sheet, header, [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def a_district_with_awkward_values(records, content, clock, training):
    """Ana signs; an employee whose id has leading zeros and whose name, school and role look like
    a formula, an error value and a negative number passes a quiz."""
    certify(training)
    odd = Person("007123", "=HYPERLINK(\"http://evil.example\")", email="#N/A", school="-42", role="+1",
                 hire_date=date(2026, 8, 30), district="tst", on_roster=True)
    records.people.upsert_many([odd])
    other = Training(records, content, odd, "tst", ev.IDENTITY_PIN, clock, random.Random(2))
    finish_lesson(other, "alpha")
    answer_all(other, other.start_quiz("alpha"))
    return odd


def test_xlsx_export_has_date_cells_text_ids_and_no_formulas(records, content, clock, training, db, tmp_path):
    odd = a_district_with_awkward_values(records, content, clock, training)
    out = tmp_path / "records.xlsx"
    result = run("--db", db, "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote 3 attempts and 1 acknowledgment" in result.stderr
    sheet, header, rows = read_xlsx(out)
    assert tuple(header) == CSV_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in ("A", "B", "C"))
    csv_version = csv_rows(run("--db", db).stdout)
    assert len(rows) == len(csv_version) == 4
    for cells in rows:
        for column in ("started_at", "finished_at", "signed_at", "valid_until"):
            cell = cells[column]
            assert cell.value is None or (cell.is_date and isinstance(cell.value, datetime)), (column, cell.value)
        for column in ("employee_id", "name", "email", "school", "role", "record_id", "event_hash"):
            assert cells[column].value is None or cells[column].data_type == "s", (column, cells[column].value)
        for cell in cells.values():
            assert cell.data_type not in ("f", "e"), "no formulas, no error values"
    mine = [r for r in rows if r["employee_id"].value == "007123"]
    assert mine, "the id keeps its zeros"
    row = mine[0]
    assert (row["name"].value, row["email"].value, row["school"].value, row["role"].value) == (
        odd.name, "#N/A", "-42", "+1"), "values exactly as on the roster"
    assert row["passed"].value == 1 and row["score"].value == 1.0 and row["total"].value == 5
    first = next(r for r in rows if r["employee_id"].value == "E100")
    assert first["started_at"].value == datetime(2026, 9, 1, 8, 0)
    signed = next(r for r in rows if r["record_type"].value == "acknowledgment")
    csv_signed = next(r for r in csv_version if r["record_type"] == "acknowledgment")
    in_csv = datetime.fromisoformat(csv_signed["signed_at"].replace("Z", ""))
    assert abs((signed["signed_at"].value - in_csv).total_seconds()) < 0.001, "the same moment, in UTC"


def test_xlsx_needs_an_out_file(db):
    result = run("--db", db, "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.output


def test_status_report_xlsx_has_date_cells_and_text_ids(records, content, clock, training, tmp_path):
    from tutor.service.reports import status_report
    from tutor.service.spreadsheet import REPORT_COLUMNS, status_report_xlsx

    a_district_with_awkward_values(records, content, clock, training)
    out = tmp_path / "report.xlsx"
    rows = status_report(records, content, clock)
    assert status_report_xlsx(rows, out) == len(rows) == 2
    sheet, header, cells = read_xlsx(out)
    assert tuple(header) == REPORT_COLUMNS and sheet.freeze_panes == "A2"
    by_id = {r["employee_id"].value: r for r in cells}
    assert set(by_id) == {"E100", "007123"}
    ana = by_id["E100"]
    assert ana["valid_until"].is_date and ana["valid_until"].value.date() == date(2027, 9, 1)
    assert ana["signed"].is_date and ana["signed"].value.date() == date(2026, 9, 1)
    assert ana["last_score"].value == 1.0 and ana["last_score"].number_format == "0%"
    odd = by_id["007123"]
    assert odd["school"].value == "-42" and odd["school"].data_type == "s"
    assert odd["name"].data_type == "s" and odd["email"].value == "#N/A" and odd["email"].data_type == "s"
    assert odd["overdue"].value == 0 and odd["signed"].value is None


# LibreOffice Calc, where installed: what a person opening the files actually gets -----------------
def soffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def calc_convert(source, target_ext: str, tmp_path, infilter: str | None = None):
    """Convert `source` with LibreOffice headless (its own profile folder); the converted path."""
    import subprocess

    outdir = tmp_path / f"converted-{source.suffix[1:]}"
    outdir.mkdir()
    command = [soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_ext, "--outdir", str(outdir), str(source)]
    done = subprocess.run(command, capture_output=True, timeout=300)
    converted = outdir / (source.stem + "." + target_ext.split(":")[0])
    assert converted.exists(), done.stderr.decode(errors="replace")
    return converted


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
def test_in_libreoffice_calc_the_xlsx_keeps_dates_and_ids_and_the_csv_runs_no_formula(
    records, content, clock, training, db, tmp_path
):
    odd = a_district_with_awkward_values(records, content, clock, training)
    workbook, table = tmp_path / "records.xlsx", tmp_path / "records.csv"
    assert run("--db", db, "--format", "xlsx", "--out", str(workbook)).exit_code == 0
    assert run("--db", db, "--out", str(table)).exit_code == 0

    # The workbook as Calc reads it (opened, then saved again as xlsx): dates stay dates, ids text.
    _, _, rows = read_xlsx(calc_convert(workbook, "xlsx", tmp_path))
    mine = next(r for r in rows if r["employee_id"].value == "007123")
    assert mine["started_at"].is_date and mine["name"].value == odd.name and mine["name"].data_type == "s"
    assert mine["school"].value == "-42" and mine["school"].data_type == "s"
    assert all(c.data_type != "f" for r in rows for c in r.values())

    # The CSV as Calc opens it by default (UTF-8, comma): nothing runs as a formula, the guarded
    # name is text, and -42 is the number -42, not '-42. Its dates and ids are Calc's guesses,
    # which is why the xlsx is what people open.
    _, _, rows = read_xlsx(calc_convert(table, "xlsx", tmp_path, "CSV:44,34,76"))
    mine = next(r for r in rows if r["email"].value == "#N/A")
    assert all(c.data_type != "f" for r in rows for c in r.values())
    assert mine["name"].value == "'" + odd.name and mine["name"].data_type == "s"
    assert mine["school"].value == -42, "a plain number is read as the number, unguarded"
    # What Calc guesses from a CSV, and why people get the xlsx: timestamps stay text, and the
    # employee id loses its zeros.
    assert isinstance(mine["started_at"].value, str) and mine["employee_id"].value == 7123


def test_tutor_report_format_xlsx_writes_the_workbook_with_hire_and_due_dates(records, content, clock, training,
                                                                               db, tmp_path, cli_uses_the_test_content):
    a_district_with_awkward_values(records, content, clock, training)
    out = tmp_path / "status.xlsx"
    result = CliRunner().invoke(cli, ["report", "--db", db, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    sheet, header, cells = read_xlsx(out)
    by_id = {r["employee_id"].value: r for r in cells}
    assert set(by_id) == {"E100", "007123"}  # the leading zeros are kept
    ana = by_id["E100"]
    assert ana["hire_date"].is_date and ana["due_date"].is_date
    assert (ana["due_date"].value - ana["hire_date"].value).days == content.districts["tst"].new_hire_due_days
    refused = CliRunner().invoke(cli, ["report", "--db", db, "--format", "xlsx"])
    assert refused.exit_code == 2 and "needs --out" in refused.output
