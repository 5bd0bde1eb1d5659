"""`tutor certificate`: the printable acknowledgment record a trainer files for one person."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from click.testing import CliRunner

from tests.test_training import certify, pass_topic
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.service.training import Training
from tutor.store.people import Person

SCRIPT = "<script>alert(1)</script>"


pytestmark = pytest.mark.usefixtures("cli_uses_the_test_content")


def run(*args):
    return CliRunner().invoke(cli, ["certificate", *args])


def learner(records, content, clock, employee_id="E500", name=SCRIPT):
    person = Person(employee_id, name, hire_date=date(2026, 8, 30), district="tst", on_roster=True)
    records.people.upsert_many([person])
    return Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(4))


def text_of(page: str) -> str:
    """Roughly what a reader sees: tags dropped, entities undone."""
    import html

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_record_shows_everything_the_personnel_file_needs(records, content, clock, training, db, tmp_path):
    receipt = certify(training)
    seq, head = records.events.head()
    out = tmp_path / "ana.html"
    result = run("E100", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote the acknowledgment record of Ana María Pérez (E100)" in result.stdout
    page = out.read_text(encoding="utf-8")
    seen = text_of(page)
    for expected in (
        "Name Ana María Pérez", "Employee ID E100", "District Test District", "Test Policy (Policy 9.99)",
        "I have read the policy.", "Date signed 2026-09-01 08:00:00 UTC", "Valid until 2027-09-01",
        "Lesson alpha 100%", "Lesson beta 100%", f"Record ID {receipt.ack_id}", f"Record hash {receipt.record_hash}",
        f"Text hash (SHA-256) {receipt.text_hash}", f"Event log head #{seq} {head}", "Identified by employee ID and PIN",
    ):
        assert expected in seen, expected
    assert "Earlier acknowledgments" not in seen


def test_the_page_is_self_contained_and_printable(training, db, tmp_path):
    certify(training)
    out = tmp_path / "ana.html"
    assert run("E100", "--db", db, "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "@media print" in page and "<style>" in page
    for outside in ("<script", "<link", "src=", "href=", "url(", "@import"):
        assert outside not in page.lower(), outside


def test_every_value_from_the_records_is_escaped(records, content, clock, db, tmp_path):
    records.settings.set("acknowledgment.tst", 'I agree & <b onmouseover="x()">will</b> comply.')
    t = learner(records, content, clock)
    certify(t)
    out = tmp_path / "record.html"
    result = run("E500", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b " not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "I agree &amp; &lt;b onmouseover=&#34;x()&#34;&gt;will&lt;/b&gt; comply." in page
    assert f"{SCRIPT} (E500)" in text_of(page)


def test_someone_who_has_not_signed_gets_a_clear_message_and_no_file(training, db, tmp_path):
    pass_topic(training, "alpha")
    out = tmp_path / "ana.html"
    result = run("E100", "--db", db, "--out", str(out))
    assert result.exit_code == 1
    assert "Ana María Pérez (E100) has not signed the acknowledgment" in result.stderr
    assert "Nothing was written" in result.stderr
    assert not out.exists()


def test_an_unknown_employee_gets_a_clear_message_and_no_file(records, db, tmp_path):
    out = tmp_path / "x.html"
    result = run("E999", "--db", db, "--out", str(out))
    assert result.exit_code == 1
    assert "no one with employee ID 'E999'" in result.stderr and "Check the ID" in result.stderr
    assert not out.exists()


def test_the_latest_acknowledgment_is_shown_with_the_earlier_ones_in_a_history_table(
    records, content, clock, training, db, tmp_path
):
    first = certify(training)
    clock.advance(days=350)
    second = certify(training)
    out = tmp_path / "ana.html"
    result = run("E100", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 earlier one(s) listed" in result.stdout
    seen = text_of(out.read_text(encoding="utf-8"))
    assert f"Record ID {second.ack_id}" in seen and "Date signed 2027-08-17" in seen
    history = seen.split("Earlier acknowledgments", 1)[1]
    assert first.ack_id in history and first.record_hash in history and "2026-09-01 08:00:00 UTC" in history
    assert second.ack_id not in history


def test_a_name_typed_differently_is_shown_as_typed(records, content, clock, training, db, tmp_path):
    for topic in ("alpha", "beta"):
        pass_topic(training, topic)
    training.sign("ANA maría PÉREZ", confirmed=True)
    out = tmp_path / "ana.html"
    assert run("E100", "--db", db, "--out", str(out)).exit_code == 0
    assert "Name as typed ANA maría PÉREZ" in text_of(out.read_text(encoding="utf-8"))


def test_out_is_required(db):
    result = run("E100", "--db", db)
    assert result.exit_code == 2 and "--out" in result.output


@pytest.mark.parametrize("drafted, custom, says", [
    (True, None, "Not the district's own form."),
    (False, None, "the wording of the district's own acknowledgment form"),
    (True, "Our own words, approved by the board.", "set by this deployment"),
])
def test_the_record_says_where_the_wording_signed_came_from(records, clock, db, tmp_path, monkeypatch,
                                                            drafted, custom, says):
    from dataclasses import replace

    from tests.factories import make_content

    content = make_content()
    district = content.districts["tst"]
    content.districts["tst"] = replace(district, acknowledgment=replace(district.acknowledgment, drafted=drafted))
    monkeypatch.setattr("tutor.content.loader.load_valid_content", lambda root=None: content)
    if custom:
        records.settings.set("acknowledgment.tst", custom)
    certify(learner(records, content, clock, name="Dana Ruiz"))
    out = tmp_path / "record.html"
    assert run("E500", "--db", db, "--out", str(out)).exit_code == 0
    shown = text_of(out.read_text(encoding="utf-8"))
    assert says in shown
    if not drafted or custom:
        assert "Not the district's own form" not in shown


def test_a_policy_without_a_number_gets_none_invented(records, clock, db, tmp_path, monkeypatch):
    from dataclasses import replace

    from tests.factories import make_content

    content = make_content()
    content.districts["tst"] = replace(content.districts["tst"], policy_numbers=())
    monkeypatch.setattr("tutor.content.loader.load_valid_content", lambda root=None: content)
    certify(learner(records, content, clock, name="Dana Ruiz"))
    out = tmp_path / "record.html"
    assert run("E500", "--db", db, "--out", str(out)).exit_code == 0
    shown = text_of(out.read_text(encoding="utf-8"))
    assert "(Policy" not in shown and "Test Policy" in shown


def test_the_record_says_whether_the_full_policy_was_opened_before_signing(records, content, clock, db, tmp_path):
    t = learner(records, content, clock, name="Dana Ruiz")
    certify(t)
    out = tmp_path / "record.html"
    assert run("E500", "--db", db, "--out", str(out)).exit_code == 0
    assert "not opened in the tutor before signing" in text_of(out.read_text(encoding="utf-8"))
    # The next cycle: the learner opens the policy reader, then renews.
    clock.advance(days=340)
    renewing = Training(records, content, records.people.get("E500"), "tst", ev.IDENTITY_PIN, clock, random.Random(5))
    renewing.open_policy()
    renewing.open_policy()  # once a cycle is enough
    certify(renewing)
    opened = records.db.execute("SELECT COUNT(*) FROM events WHERE type = 'policy.opened'").fetchone()[0]
    assert opened == 1
    assert run("E500", "--db", db, "--out", str(tmp_path / "again.html")).exit_code == 0
    shown = text_of((tmp_path / "again.html").read_text(encoding="utf-8"))
    assert "opened in the tutor on 2027-08-07" in shown and "before signing" in shown
