"""The status report a trainer reads: status, last score, date signed, filters."""

from __future__ import annotations

import random
from datetime import date

from tests.test_training import certify, finish_lesson, pass_topic
from tutor.domain import events as ev
from tutor.service.reports import CSV_COLUMNS, filter_rows, status_report
from tutor.service.training import Training
from tutor.store.people import Person


def person(records, eid, name, hire, school="Lincoln", role="teacher", end=None):
    p = Person(eid, name, school=school, role=role, hire_date=hire, end_date=end, district="tst", on_roster=True)
    records.people.upsert_many([p])
    return p


def test_each_person_gets_the_status_the_app_would_show(records, content, clock):
    fresh = person(records, "1", "Fresh Hire", date(2026, 8, 30))
    late = person(records, "2", "Late Hire", date(2026, 6, 1))
    busy = person(records, "3", "Busy Teacher", date(2026, 8, 30), school="Central")
    done = person(records, "4", "Done Teacher", date(2020, 1, 1), role="aide")
    waiting = person(records, "5", "Waiting Signer", date(2026, 8, 30))
    person(records, "6", "Gone Person", date(2020, 1, 1), end=date(2026, 6, 1))
    t = lambda p: Training(records, content, p, "tst", ev.IDENTITY_PIN, clock, random.Random(1))
    finish_lesson(t(busy), "alpha")
    certify(t(done))
    for topic in ("alpha", "beta"):
        pass_topic(t(waiting), topic)
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["1"].status == "not started" and not rows["1"].overdue
    assert rows["2"].status == "not started" and rows["2"].overdue and rows["2"].label == "not started (overdue)"
    assert rows["2"].hire_date == "2026-06-01" and rows["2"].due_date == "2026-07-01"
    assert rows["3"].status == "in progress"
    assert rows["4"].status == "certified" and rows["4"].label == "certified until 2027-09-01"
    assert rows["4"].signed == "2026-09-01" and rows["4"].last_score == 1.0
    assert rows["5"].status == "awaiting signature" and rows["5"].label == "passed, awaiting signature"
    assert rows["6"].status == "not started" and not rows["6"].overdue and rows["6"].left == "2026-06-01"
    # The same rule as the app, person by person.
    for p in (fresh, late, busy, done, waiting):
        assert rows[p.employee_id].label == t(p).status().label()
    clock.advance(days=400)
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["4"].status == "expired"


def test_filters_by_school_role_status_and_search(records, content, clock):
    person(records, "1", "Ana Pérez", date(2026, 8, 30), school="Lincoln", role="teacher")
    person(records, "2", "Bo Chen", date(2026, 6, 1), school="Central", role="aide")
    rows = status_report(records, content, clock)
    assert [r.employee_id for r in filter_rows(rows, school="central")] == ["2"]
    assert [r.employee_id for r in filter_rows(rows, role="teacher")] == ["1"]
    assert [r.employee_id for r in filter_rows(rows, overdue=True)] == ["2"]
    assert [r.employee_id for r in filter_rows(rows, overdue=False)] == ["1"]
    assert [r.employee_id for r in filter_rows(rows, status="not started")] == ["1", "2"]
    assert [r.employee_id for r in filter_rows(rows, search="pér")] == ["1"]


def test_csv_cells_neutralise_formulas_but_keep_numbers(records, content, clock):
    person(records, "1", "=cmd|' /C calc'!A0", date(2026, 8, 30), school="+Lincoln", role="@aide")
    row = status_report(records, content, clock)[0]
    cells = row.csv_cells()
    assert cells[1] == "'=cmd|' /C calc'!A0"
    assert cells[3] == "'+Lincoln" and cells[4] == "'@aide"
    assert cells[CSV_COLUMNS.index("overdue")] == 0  # overdue stays a number


def test_the_report_command_filters_and_writes_table_csv_and_json(tmp_path):
    import json

    from click.testing import CliRunner

    from tutor.cli.main import cli
    from tutor.store.records import Records

    db = tmp_path / "r.db"
    records = Records(db)
    records.people.upsert_many([
        Person("1", "=Ana Pérez", school="Lincoln", role="teacher", hire_date=date(2020, 1, 1), district="crec", on_roster=True),
        Person("2", "Bo Chen", school="Central", role="aide", hire_date=date.today(), district="crec", on_roster=True),
    ])
    run = lambda *a: CliRunner().invoke(cli, ["report", "--db", str(db), *a])
    table = run()
    assert table.exit_code == 0 and "not started  overdue" in table.output and "2 people, 1 overdue" in table.output
    only = json.loads(run("--overdue", "--format", "json").output)
    assert [r["employee_id"] for r in only] == ["1"]
    assert only[0]["status"] == "not started" and only[0]["overdue"] is True
    assert only[0]["hire_date"] == "2020-01-01" and only[0]["due_date"] == "2020-01-31"
    csv_text = run("--school", "central", "--format", "csv").output.splitlines()
    assert len(csv_text) == 2 and csv_text[1].startswith("2,Bo Chen,")
    assert "'=Ana Pérez" in run("--format", "csv").output
    bad = run("--status", "lost")
    assert bad.exit_code == 2 and "'lost' is not one of" in bad.output


def three_overdue_and_one_new(tmp_path):
    from tutor.store.records import Records

    db = tmp_path / "r.db"
    records = Records(db)
    records.people.upsert_many([
        Person(str(n), f"Late {n}", school="Lincoln", role="teacher", hire_date=date(2020, 1, 1), district="crec",
               on_roster=True)
        for n in (1, 2, 3)
    ] + [Person("4", "New Hire", school="Lincoln", role="teacher", hire_date=date.today(), district="crec",
                on_roster=True)])
    records.close()
    return db


def test_not_started_finds_everyone_who_has_not_started_overdue_or_not(tmp_path):
    """Issue 17: `--status "not started"` found nobody while three people were "not started (overdue)"."""
    import csv
    import io
    import json

    from click.testing import CliRunner

    from tutor.cli.main import cli

    db = three_overdue_and_one_new(tmp_path)
    run = lambda *a: CliRunner().invoke(cli, ["report", "--db", str(db), *a])
    rows = json.loads(run("--status", "not started", "--format", "json").output)
    assert sorted(r["employee_id"] for r in rows) == ["1", "2", "3", "4"]
    rows = json.loads(run("--status", "Not Started", "--overdue", "--format", "json").output)
    assert sorted(r["employee_id"] for r in rows) == ["1", "2", "3"]
    rows = json.loads(run("--not-overdue", "--format", "json").output)
    assert [r["employee_id"] for r in rows] == ["4"]
    # The CSV says the same thing in the same words: status and overdue in their own columns.
    table = list(csv.DictReader(io.StringIO(run("--format", "csv").output)))
    assert {r["status"] for r in table} == {"not started"}
    assert sorted(r["employee_id"] for r in table if r["overdue"] == "1") == ["1", "2", "3"]
    assert all(r["hire_date"] and r["due_date"] for r in table)


def test_the_old_overdue_status_points_to_the_overdue_flag(tmp_path):
    from click.testing import CliRunner

    from tutor.cli.main import cli

    db = three_overdue_and_one_new(tmp_path)
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--status", "overdue"])
    assert result.exit_code == 2 and "use --overdue" in result.output


def test_every_status_word_is_one_of_the_vocabulary_and_a_filter_finds_it(records, content, clock):
    from tutor.domain.status import STATUSES

    person(records, "1", "Fresh Hire", date(2026, 8, 30))
    done = person(records, "4", "Done Teacher", date(2020, 1, 1))
    certify(Training(records, content, done, "tst", ev.IDENTITY_PIN, clock, random.Random(1)))
    rows = status_report(records, content, clock)
    for row in rows:
        assert row.status in STATUSES
        assert filter_rows(rows, status=row.status) and row in filter_rows(rows, status=row.status)


def test_only_this_cycles_passes_within_the_renewal_period_count_including_test_out(records, content, clock):
    renewing = person(records, "7", "Renewing Teacher", date(2020, 1, 1))
    stale = person(records, "8", "Stale Passer", date(2020, 1, 1))
    t = lambda p: Training(records, content, p, "tst", ev.IDENTITY_PIN, clock, random.Random(1))
    certify(t(renewing))
    pass_topic(t(stale), "alpha")
    pass_topic(t(stale), "beta")
    clock.advance(days=340)
    # Last cycle's quizzes do not count toward the renewal; a test-out of every topic does.
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["7"].status == "expiring soon"
    training = t(renewing)
    attempt = training.start_testout()
    for position, drawn in enumerate(attempt.questions):
        training.answer(attempt.id, position, training.question(drawn.id).answer)
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["7"].status == "expiring soon"  # still certified; the new cycle is passed, not signed
    assert rows["8"].status == "awaiting signature"
    # Passes older than the renewal period no longer count.
    clock.advance(days=40)
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["7"].status == "awaiting signature"
    assert rows["8"].status == "in progress" and rows["8"].overdue
    for p in (renewing, stale):
        assert rows[p.employee_id].label == t(p).status().label()


def test_report_person_shows_one_persons_history(records, content, clock, db, cli_uses_the_test_content):
    """Issue 17: a trainer asked "what has this person done?" had no way to see it."""
    import json

    from click.testing import CliRunner

    from tutor.cli.main import cli

    someone = person(records, "7", "Kim Ray", date(2026, 8, 30), school="Central", role="aide")
    person(records, "8", "Other Person", date(2026, 8, 30))
    training = Training(records, content, someone, "tst", ev.IDENTITY_PIN, clock, random.Random(1))
    training.sign_in()
    certify(training)
    result = CliRunner().invoke(cli, ["report", "person", "7", "--db", db])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Kim Ray (7)\n") and "school: Central" in text and "role: aide" in text
    assert "status: certified" in text and "valid until: 2027-09-01" in text and "due: 2026-09-29" in text
    assert "completed the lesson Lesson alpha" in text
    assert "passed the quiz (alpha): 5 of 5 right, 100%" in text and "passed the quiz (beta)" in text
    assert "signed the acknowledgment" in text and "1 sign-in(s)" in text
    assert "Other Person" not in text
    data = json.loads(CliRunner().invoke(cli, ["report", "person", "7", "--db", db, "--format", "json"]).stdout)
    assert data["status"]["status"] == "certified" and data["hire_date"] == "2026-08-30"
    assert [e["what"].split(" ")[0] for e in data["history"]][-1] == "signed"
    unknown = CliRunner().invoke(cli, ["report", "person", "nobody", "--db", db])
    assert unknown.exit_code == 1 and "no one with employee id 'nobody'" in unknown.stderr


def test_a_thomaston_new_hire_is_due_on_hire_day_and_overdue_the_day_after(records, clock):
    # Thomaston's form: "No employee shall be allowed to use school computers or the Internet
    # until he/she has signed", so its profile gives new hires no days of grace.
    from tutor.content.loader import load_valid_content

    shipped = load_valid_content()
    assert shipped.districts["thomaston"].new_hire_due_days == 0
    assert shipped.districts["crec"].new_hire_due_days > 0
    hired_today = clock.now().date()
    for eid, district in (("T1", "thomaston"), ("C1", "crec")):
        records.people.upsert_many([Person(eid, f"New {district}", hire_date=hired_today, district=district, on_roster=True)])
    status = lambda p: Training(records, shipped, p, p.district, ev.IDENTITY_PIN, clock, random.Random(1)).status()

    rows = {r.employee_id: r for r in status_report(records, shipped, clock)}
    assert rows["T1"].status == "not started" and not rows["T1"].overdue
    thomaston_hire = records.people.get("T1")
    assert status(thomaston_hire).due == hired_today and not status(thomaston_hire).overdue

    clock.advance(days=1)
    rows = {r.employee_id: r for r in status_report(records, shipped, clock)}
    assert rows["T1"].status == "not started" and rows["T1"].overdue and rows["T1"].label == "not started (overdue)"
    assert rows["T1"].due_date == hired_today.isoformat()
    assert status(thomaston_hire).overdue
    assert rows["C1"].status == "not started" and not rows["C1"].overdue
