"""The status report a trainer reads: status, last score, date signed, filters."""

from __future__ import annotations

import random
from datetime import date

from tests.test_training import certify, finish_lesson, pass_topic
from tutor.domain import events as ev
from tutor.service.reports import filter_rows, status_report
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
    assert rows["2"].status == "overdue" and rows["2"].label == "not started (overdue)"
    assert rows["3"].status == "in progress"
    assert rows["4"].status == "certified" and rows["4"].label == "certified until 2027-09-01"
    assert rows["4"].signed == "2026-09-01" and rows["4"].last_score == 1.0
    assert rows["5"].status == "passed awaiting signature"
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
    assert [r.employee_id for r in filter_rows(rows, status="overdue")] == ["2"]
    assert [r.employee_id for r in filter_rows(rows, search="pér")] == ["1"]


def test_csv_cells_neutralise_formulas_but_keep_numbers(records, content, clock):
    person(records, "1", "=cmd|' /C calc'!A0", date(2026, 8, 30), school="+Lincoln", role="@aide")
    row = status_report(records, content, clock)[0]
    cells = row.csv_cells()
    assert cells[1] == "'=cmd|' /C calc'!A0"
    assert cells[3] == "'+Lincoln" and cells[4] == "'@aide"
    assert cells[8] == 0  # overdue stays a number


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
    assert table.exit_code == 0 and "not started (overdue)" in table.output and "2 people" in table.output
    only = json.loads(run("--status", "overdue", "--format", "json").output)
    assert [r["employee_id"] for r in only] == ["1"]
    csv_text = run("--school", "central", "--format", "csv").output.splitlines()
    assert len(csv_text) == 2 and csv_text[1].startswith("2,Bo Chen,")
    assert "'=Ana Pérez" in run("--format", "csv").output
    bad = run("--status", "lost")
    assert bad.exit_code == 2 and "unknown status 'lost'" in bad.output


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
    assert rows["8"].status == "passed awaiting signature"
    # Passes older than the renewal period no longer count.
    clock.advance(days=40)
    rows = {r.employee_id: r for r in status_report(records, content, clock)}
    assert rows["7"].status == "passed awaiting signature"
    assert rows["8"].status == "overdue"
    for p in (renewing, stale):
        assert rows[p.employee_id].label == t(p).status().label()


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
    assert rows["T1"].status == "overdue" and rows["T1"].label == "not started (overdue)"
    assert status(thomaston_hire).overdue
    assert rows["C1"].status == "not started" and not rows["C1"].overdue
