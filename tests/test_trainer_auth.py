"""The trainer passphrase: hashed, needed to change it, wrong guesses slowed across processes."""

from __future__ import annotations

import pytest

from tests.test_app import app_for
from tests.ui_helpers import screen_text, type_into
from tutor.service.trainer_auth import TrainerAuthError, check_passphrase, set_passphrase, wait_seconds
from tutor.store.records import Records
from tutor.ui.screens.trainer import TrainerScreen


def test_the_passphrase_is_stored_only_as_a_salted_hash(records):
    set_passphrase(records, "correct horse battery")
    stored = records.settings.get("trainer.passphrase")
    assert stored.startswith("scrypt$") and "horse" not in stored
    check_passphrase(records, "correct horse battery")


def test_changing_it_needs_the_old_one(records):
    set_passphrase(records, "correct horse battery")
    with pytest.raises(TrainerAuthError, match="current one"):
        set_passphrase(records, "another long phrase")
    with pytest.raises(TrainerAuthError, match="not right"):
        set_passphrase(records, "another long phrase", old="wrong guess here")
    set_passphrase(records, "another long phrase", old="correct horse battery")
    check_passphrase(records, "another long phrase")
    with pytest.raises(TrainerAuthError, match="at least 10"):
        set_passphrase(records, "short", old="another long phrase")


def test_wrong_guesses_are_counted_in_the_database_and_slowed(records, tmp_path, clock):
    set_passphrase(records, "correct horse battery")
    for _ in range(3):
        with pytest.raises(TrainerAuthError, match="not right"):
            check_passphrase(records, "guess")
    other_process = Records(tmp_path / "records.db", clock)
    assert wait_seconds(other_process) == 30
    with pytest.raises(TrainerAuthError, match="Try again in 30 seconds"):
        check_passphrase(other_process, "correct horse battery")
    clock.advance(seconds=31)
    check_passphrase(other_process, "correct horse battery")


async def test_learners_cannot_open_the_trainer_screen_without_the_passphrase(records, clock):
    set_passphrase(records, "correct horse battery")
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await type_into(pilot, "#passphrase", "let me in please")
        await pilot.press("enter")
        await pilot.pause()
        assert "not right" in screen_text(app)
        assert not isinstance(app.screen, TrainerScreen)
        await type_into(pilot, "#passphrase", "correct horse battery")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainerScreen)


async def test_the_trainer_screen_lists_filters_and_searches(records, clock):
    from datetime import date

    from tutor.store.people import Person

    records.people.upsert_many([
        Person("1", "Ana Pérez", school="Lincoln", role="teacher", hire_date=date(2026, 8, 30), district="tst", on_roster=True),
        Person("2", "[red]Bo[/red] Chen", school="Central", role="aide", hire_date=date(2026, 6, 1), district="tst", on_roster=True),
    ])
    set_passphrase(records, "correct horse battery")
    app = app_for(records, clock)
    app.trainer_mode = True
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#passphrase", "correct horse battery")
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#staff")
        assert table.row_count == 2
        names = {str(table.get_row_at(i)[1]) for i in range(2)}
        assert "[red]Bo[/red] Chen" in names  # shown literally, not as markup
        await type_into(pilot, "#search", "ana")
        assert table.row_count == 1
        assert "1 of 2 people shown" in screen_text(app)


# set-passphrase from the command line ----------------------------------------------------------------

def test_set_passphrase_says_too_short_before_asking_to_confirm(tmp_path):
    from click.testing import CliRunner

    from tutor.cli.main import cli

    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["trainer", "set-passphrase", "--db", str(db)],
                                input="short\nlong enough pass\nlong enough pass\n")
    assert result.exit_code == 0, result.output
    too_short = result.output.index("at least 10 characters")
    assert "Repeat for confirmation" not in result.output[:too_short]  # not asked to type "short" twice
    assert result.output.count("Repeat for confirmation") == 1
    check_passphrase(Records(db), "long enough pass")


def test_set_passphrase_checks_the_current_one_before_asking_for_a_new_one(tmp_path):
    from click.testing import CliRunner

    from tutor.cli.main import cli

    db = tmp_path / "t.db"
    set_passphrase(Records(db), "correct horse battery")
    result = CliRunner().invoke(cli, ["trainer", "set-passphrase", "--db", str(db)], input="wrong guess here\n")
    assert result.exit_code == 1 and "not right" in result.output
    assert "New passphrase" not in result.output
    check_passphrase(Records(db), "correct horse battery")


# The trainer screen ---------------------------------------------------------------------------------

async def open_trainer_screen(pilot) -> None:
    await type_into(pilot, "#passphrase", "correct horse battery")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrainerScreen)


def staff(records, count=3, school="Lincoln Elementary School", role="paraprofessional"):
    from datetime import date

    from tutor.store.people import Person

    records.people.upsert_many([
        Person(f"E{n}", f"Firstname{n} Longsurname-Hyphenated", school=school, role=role,
               hire_date=date(2026, 6, 1) if n % 2 else date(2026, 8, 30), district="tst", on_roster=True)
        for n in range(count)
    ])
    set_passphrase(records, "correct horse battery")


def shown_ids(app) -> list[str]:
    table = app.screen.query_one("#staff")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_screen_filters_by_status_and_overdue_in_the_reports_words(records, clock):
    """Issue 17: filtering "not started" on the screen found nobody who was "not started (overdue)"."""
    staff(records, count=4)
    app = app_for(records, clock)
    app.trainer_mode = True
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trainer_screen(pilot)
        app.screen.query_one("#status").value = "not started"
        await pilot.pause()
        assert sorted(shown_ids(app)) == ["E0", "E1", "E2", "E3"]
        app.screen.query_one("#overdue").value = "yes"
        await pilot.pause()
        assert sorted(shown_ids(app)) == ["E1", "E3"]
        table = app.screen.query_one("#staff")
        assert {str(table.get_row_at(i)[5]) for i in range(table.row_count)} == {"overdue"}
        assert "2 of 4 people shown \u00b7 2 overdue" in screen_text(app)


async def test_the_table_fits_80_columns_with_school_and_role(records, clock):
    staff(records, count=40)
    app = app_for(records, clock)
    app.trainer_mode = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trainer_screen(pilot)
        table = app.screen.query_one("#staff")
        titles = [str(c.label) for c in table.columns.values()]
        assert titles == ["ID", "Name", "School", "Role", "Status", "Overdue", "Score"]
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways scrolling
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[2].startswith("Linc") and row[3].startswith("para")  # shown, shortened where needed


async def test_enter_shows_a_persons_history_and_resets_their_sign_in(records, clock, content):
    from tutor.domain import events as ev
    from tutor.service.roster import issue_codes
    from tutor.service.sign_in import SignIn, SignInRefused
    from tutor.ui.screens.trainer import PersonScreen

    staff(records, count=1)
    sign_in = SignIn(records, content)
    sign_in.enroll("E0", issue_codes(records)[0].code, "583920", "583920")
    app = app_for(records, clock, content)
    app.trainer_mode = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trainer_screen(pilot)
        await pilot.click("#staff")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        text = screen_text(app)
        assert "Firstname0 Longsurname-Hyphenated (E0)" in text and "enrolled with a one-time code" in text
        assert "hired: 2026-08-30" in text and "due: 2026-09-29" in text
        await pilot.click("#reset")
        await pilot.pause()
        await pilot.click("#reset-yes")
        await pilot.pause()
        text = screen_text(app)
        assert "New enrollment code: " in text and "Their old PIN no longer works" in text
        code = text.split("New enrollment code: ")[1].split()[0]
        assert "sign-in reset by a trainer (trainer screen): PIN withdrawn" in text
    with pytest.raises(SignInRefused):
        sign_in.with_pin("E0", "583920")
    sign_in.enroll("E0", code, "749201", "749201")
    resets = [e for e in records.events.for_learner("E0") if e.type == ev.SIGN_IN_RESET]
    assert [e.payload["via"] for e in resets] == ["trainer screen"]


async def test_cancelling_the_reset_changes_nothing(records, clock, content):
    from tutor.service.roster import issue_codes
    from tutor.service.sign_in import SignIn

    staff(records, count=1)
    sign_in = SignIn(records, content)
    sign_in.enroll("E0", issue_codes(records)[0].code, "583920", "583920")
    app = app_for(records, clock, content)
    app.trainer_mode = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trainer_screen(pilot)
        await pilot.click("#staff")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#reset")
        await pilot.pause()
        await pilot.click("#reset-no")
        await pilot.pause()
    assert sign_in.with_pin("E0", "583920").person.employee_id == "E0"


async def test_export_from_the_screen_is_private_and_never_replaces_an_earlier_one(records, clock, tmp_path,
                                                                                   monkeypatch):
    import os
    import stat

    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: tmp_path / "Downloads")
    staff(records, count=2)
    app = app_for(records, clock)
    app.trainer_mode = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trainer_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
    saved = sorted(p.name for p in (tmp_path / "Downloads").iterdir())
    assert saved == ["tutor-status-2026-09-01-2.csv", "tutor-status-2026-09-01.csv"]
    for name in saved:
        path = tmp_path / "Downloads" / name
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("employee_id,name,email,school,role,district,status,overdue,hire_date,due_date")
        assert len(lines) == 3


async def test_a_trainer_voids_a_record_from_a_persons_view(records, clock, content):
    """Pick the record, give the reason, type the passphrase: the person's status in the table changes."""
    import random

    from tests.test_training import certify
    from tutor.domain import events as ev
    from tutor.service.training import Training

    staff(records, count=1)
    person = records.people.get("E0")
    certify(Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(3)))
    app = app_for(records, clock, content)
    app.trainer_mode = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trainer_screen(pilot)
        assert "certified" in [str(c) for c in app.screen.query_one("#staff").get_row_at(0)]
        await pilot.click("#staff")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#void-open")
        await pilot.pause()
        options = app.screen.query_one("#void-records")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        signed = next(i for i, label in enumerate(labels) if "signed the acknowledgment" in label)
        options.highlighted = signed
        await type_into(pilot, "#void-reason", "signed for the wrong person")
        await type_into(pilot, "#void-passphrase", "wrong passphrase")
        await pilot.press("enter")
        await pilot.pause()
        assert "Not voided: That passphrase is not right." in screen_text(app)
        await type_into(pilot, "#void-passphrase", "correct horse battery")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Voided: acknowledgment" in text and "[VOIDED]" in text
        assert "a trainer voided the acknowledgment" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "awaiting signature" in [str(c) for c in app.screen.query_one("#staff").get_row_at(0)]
    voids = [e for e in records.events.for_learner("E0") if e.type == ev.RECORD_VOIDED]
    assert len(voids) == 1 and voids[0].identity == ev.IDENTITY_TRAINER
    assert voids[0].payload["reason"] == "signed for the wrong person"
