"""The policy reader in the app, the preview notice, and reading minutes on home."""

from __future__ import annotations

from dataclasses import replace

from tests.factories import make_content
from tests.test_app import app_for, sign_in_single_user
from tests.ui_helpers import screen_text
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.policy import PolicyScreen
from tutor.ui.screens.sign_off import SignOffScreen


def opened(records) -> int:
    return records.conn.execute("SELECT COUNT(*) FROM events WHERE type = 'policy.opened'").fetchone()[0]


async def test_home_opens_the_whole_policy_section_by_section_and_the_opening_is_recorded_once(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        shown = screen_text(app)
        for section in app.training.content.policies["tst"].sections:
            assert f"{section.id}. {section.title}" in shown  # every section, with its number
            assert section.text.split(".")[0] in shown
        assert opened(records) == 1
        await pilot.press("pagedown", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#read-policy")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        assert opened(records) == 1  # once a cycle is enough


async def test_the_sign_off_screen_offers_the_policy_reader(records, clock):
    from tests.test_training import pass_topic

    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        for topic in ("alpha", "beta"):
            pass_topic(app.training, topic)
        app.screen.refresh_view()
        await pilot.pause()
        await pilot.click("#sign")
        await pilot.pause()
        assert isinstance(app.screen, SignOffScreen)
        assert "read it in full first" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SignOffScreen)
    assert opened(records) == 1


async def test_home_says_when_the_content_is_only_a_preview(records, clock):
    content = make_content()
    loose = replace(content, root="/srv/an/edited/copy",
                    districts={"tst": replace(content.districts["tst"], pass_mark=0.6)})
    app = app_for(records, clock, content=loose)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Preview only" in screen_text(app) and "nothing you do here is saved" in screen_text(app)
    learner_events = records.conn.execute("SELECT COUNT(*) FROM events WHERE learner IS NOT NULL").fetchone()[0]
    assert learner_events == 0


async def test_home_shows_minutes_to_read_each_lesson(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        lines = [line for line in screen_text(app).splitlines() if line.startswith("Lesson ")]
        assert lines and all(" min " in line for line in lines), lines
