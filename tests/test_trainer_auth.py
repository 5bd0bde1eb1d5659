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
