"""Numbered answer choices: keys 1-9 (the screen passes them on), arrows and Enter, or the mouse.

Each set of choices shown is one "round" and accepts exactly one pick. A key or click that was
made before the round was on screen belongs to the previous round and is dropped, so a fast
double press on "Next question" can never answer the question that replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual._time import get_time  # the clock Textual stamps every event with
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class ChoiceItem:
    key: str  # what the screen gets back when chosen
    label: str
    toggle: bool = False  # part of a choose-all-that-apply set


class ChoiceList(OptionList):
    """An OptionList whose options are numbered; `pick` chooses one by its number at once."""

    class Chosen(Message):
        """One choice of one round; `round` tells the screen which set of choices it came from."""

        def __init__(self, key: str, round: int):
            super().__init__()
            self.key = key
            self.round = round

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: list[ChoiceItem] = []
        self.ticked: set[str] = set()
        self.round = 0
        self.shown_at = get_time()
        self.spent = True  # nothing to pick until the first show()

    def show(self, items: list[ChoiceItem]) -> None:
        """Replace the choices with a new round; the first is highlighted."""
        self.items = list(items)
        self.ticked = set()
        self.round += 1
        self.shown_at = get_time()
        self.spent = not self.items
        self._redraw(highlight=0)

    def rearm(self) -> None:
        """Accept a pick again in this round (the last one was refused, e.g. Submit with nothing ticked)."""
        self.spent = not self.items

    def current(self, pressed_at: float) -> bool:
        """Whether an input made at `pressed_at` belongs to the choices now on screen."""
        return not self.spent and pressed_at >= self.shown_at

    def _redraw(self, highlight: int | None) -> None:
        self.clear_options()
        options = []
        for number, item in enumerate(self.items, start=1):
            box = ("[x] " if item.key in self.ticked else "[ ] ") if item.toggle else ""
            options.append(Option(Text(f"{number}. {box}{item.label}"), id=f"choice-{number}"))
        self.add_options(options)
        if self.items and highlight is not None:
            self.highlighted = min(highlight, len(self.items) - 1)
        self._fit_scrollbar()

    def _fit_scrollbar(self) -> None:
        """Allow a scrollbar only when this round's choices are taller than the box can grow.

        The OptionList decides on its scrollbar from the lines it last measured, and those were
        measured beside the scrollbar the last round had: a long question's scrollbar could stay
        beside the three short choices that followed it. A round that fits at the box's full width
        cannot scroll, so it is given no scrollbar at all.
        """
        width = self.region.width - self.styles.gutter.width
        max_height = self.styles.max_height
        if width <= 0 or max_height is None or not max_height.is_cells:
            return  # not laid out yet: decided again once it is (on_resize)
        lines = self.get_content_height(Size(width, 0), self.app.size, width)
        fits = lines <= int(max_height.value) - self.styles.gutter.height
        self.styles.overflow_y = "hidden" if fits else "auto"

    def on_resize(self) -> None:
        self._fit_scrollbar()

    def pick(self, number: int, pressed_at: float) -> bool:
        """Choose option `number` (1-based) if it exists and the key was pressed for this round."""
        if not (1 <= number <= len(self.items)) or not self.current(pressed_at):
            return False
        self.highlighted = number - 1
        self._choose(number - 1)
        return True

    def action_pick(self, number: int) -> None:
        """Choose option `number` now (typed into the question box as a lone digit)."""
        self.pick(number, get_time())

    # Textual calls each class's handler in turn, subclass first; prevent_default() stops the
    # OptionList's own handling (and stop() the bindings further up) for input meant for a past round.
    def _on_key(self, event: events.Key) -> None:
        # Only Enter picks; other keys (Escape, Tab, arrows) still do what they say.
        if event.key == "enter" and not self.current(event.time):
            event.stop()
            event.prevent_default()

    def _on_click(self, event: events.Click) -> None:
        if not self.current(event.time):
            event.stop()
            event.prevent_default()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.spent:
            self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        item = self.items[index]
        if item.toggle:
            self.ticked ^= {item.key}
            self._redraw(highlight=index)
            return
        self.spent = True  # one pick per round; the screen shows the next round or calls rearm()
        self.post_message(self.Chosen(item.key, self.round))
