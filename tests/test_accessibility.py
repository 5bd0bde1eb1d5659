"""The Textual app without colour and by keyboard alone: what the README tells screen-reader and
keyboard users holds. (The plain-text front end, `tutor --plain`, is tested in tests/test_plain_*.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.factories import make_content
from tests.ui_helpers import answer_current, choice_labels, choose, screen_text
from tutor.ui.app import make_app
from tutor.ui.screens.chat import ChatScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.sign_off import SignOffScreen

REPO = Path(__file__).resolve().parent.parent


async def press_until(pilot, key: str, done, limit: int = 60) -> None:
    for _ in range(limit):
        if done():
            return
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"pressing {key} {limit} times did not get there; screen:\n{screen_text(pilot.app)}")


async def take_quiz_by_keys(pilot) -> None:
    for _ in range(40):
        screen = pilot.app.screen
        if screen.attempt is None:
            return
        await answer_current(pilot)  # presses the choice numbers
        labels = choice_labels(pilot.app)
        await choose(pilot, next(i for i, l in enumerate(labels, 1) if "See my result" in l or "Next question" in l))


async def test_a_new_hire_certifies_in_the_app_with_the_keyboard_alone_and_no_colour(records, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(records=records, content=make_content(), clock=clock, seed=5)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        # Sign in: typing, Tab between fields, Enter and the arrows in the district list.
        await pilot.press(*"T-9", "tab", *"Kim Park", "tab", "enter", "down", "enter", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        for topic in ("alpha", "beta"):
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ChatScreen)
            # Next through the lesson (1), answering check-yourself questions with their first choice.
            await press_until(pilot, "1", lambda: any("Take the quiz now" in l for l in choice_labels(app)))
            await choose(pilot, 1)
            await take_quiz_by_keys(pilot)
            assert "Passed" in screen_text(app)
            await pilot.press("escape")  # back to home
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        # Sign: Tab reaches the Sign button on the home screen; the name is typed and Enter submits it;
        # the confirm step's Sign button has the focus.
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", None) == "sign")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SignOffScreen)
        await pilot.press(*"Kim Park", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Signed. Keep this receipt" in screen_text(app)
    assert records.db.execute("SELECT learner FROM acknowledgments").fetchall() == [("T-9",)]


def test_no_color_with_the_terminal_palette_theme_turns_colour_off_entirely(tmp_path):
    """NO_COLOR alone makes the app greyscale; with TEXTUAL_THEME=ansi-dark (the terminal's own
    colours, such as a high-contrast palette) it uses no colour at all."""
    probe = (
        "from tutor.ui.app import make_app\n"
        f"app = make_app(db_path={str(tmp_path / 'r.db')!r})\n"
        "print(app.theme, app.no_color, ' '.join(type(f).__name__ for f in app._filters))\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "TEXTUAL_THEME": "ansi-dark"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=REPO,
                         check=True, timeout=120).stdout.split()
    assert out[:2] == ["ansi-dark", "True"] and "NoColor" in out[2:]
    env.pop("TEXTUAL_THEME")
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=REPO,
                         check=True, timeout=120).stdout.split()
    assert out[1] == "True" and "Monochrome" in out[2:]
