"""Numbered answer choices: keys 1-9, arrows and Enter, or the mouse."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class ChoiceItem:
    key: str  # what the screen gets back when chosen
    label: str
    toggle: bool = False  # part of a choose-all-that-apply set


class ChoiceList(OptionList):
    """An OptionList whose options are numbered; a number key picks that option at once."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    class Chosen(Message):
        def __init__(self, key: str):
            super().__init__()
            self.key = key

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: list[ChoiceItem] = []
        self.ticked: set[str] = set()

    def show(self, items: list[ChoiceItem]) -> None:
        """Replace the choices; the first is highlighted."""
        self.items = list(items)
        self.ticked = set()
        self._redraw(highlight=0)

    def _redraw(self, highlight: int | None) -> None:
        self.clear_options()
        options = []
        for number, item in enumerate(self.items, start=1):
            box = ("[x] " if item.key in self.ticked else "[ ] ") if item.toggle else ""
            options.append(Option(Text(f"{number}. {box}{item.label}"), id=f"choice-{number}"))
        self.add_options(options)
        if self.items and highlight is not None:
            self.highlighted = min(highlight, len(self.items) - 1)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.items):
            self.highlighted = number - 1
            self._choose(number - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        item = self.items[index]
        if item.toggle:
            self.ticked ^= {item.key}
            self._redraw(highlight=index)
            return
        self.post_message(self.Chosen(item.key))
