"""The answer choices' box: a scrollbar only when a round of choices is taller than the box."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Size

import tutor.ui
from tutor.ui.widgets.choice_list import ChoiceItem, ChoiceList

LONG = [ChoiceItem(str(n), "a choice long enough to wrap over several lines of a narrow box " * 2) for n in range(5)]
SHORT = [ChoiceItem("retake", "Retake the quiz"), ChoiceItem("review", "Review the lesson first"),
         ChoiceItem("home", "Back to home")]


class ChoicesOnly(App):
    """The choices box styled as the app styles it, alone on a narrow screen."""

    CSS_PATH = Path(tutor.ui.__file__).with_name("tutor.tcss")

    def compose(self) -> ComposeResult:
        yield ChoiceList(id="choices")


async def _shown(pilot, items) -> ChoiceList:
    choices = pilot.app.query_one(ChoiceList)
    choices.show(items)
    for _ in range(3):
        await pilot.pause()
    return choices


async def test_long_round_scrolls_and_the_short_round_after_it_has_no_scrollbar():
    async with ChoicesOnly().run_test(size=(40, 24)) as pilot:
        choices = await _shown(pilot, LONG)
        assert choices.show_vertical_scrollbar  # taller than the box: it scrolls
        choices = await _shown(pilot, SHORT)
        assert not choices.show_vertical_scrollbar
        assert choices.size.height == len(SHORT)
        # Even while the list's measure of its lines is stale (still the long round's, as it can
        # be on a busy machine when the scrollbar is decided and the screen drawn), the short
        # round is drawn without a scrollbar.
        choices.virtual_size = Size(choices.virtual_size.width, 18)
        choices._refresh_scrollbars()
        assert not choices.show_vertical_scrollbar


async def test_a_round_that_fits_only_on_a_wide_screen_scrolls_once_the_screen_narrows():
    async with ChoicesOnly().run_test(size=(200, 24)) as pilot:
        choices = await _shown(pilot, LONG)
        assert not choices.show_vertical_scrollbar  # one line each on a wide screen
        await pilot.resize_terminal(40, 24)
        for _ in range(3):
            await pilot.pause()
        assert choices.show_vertical_scrollbar
