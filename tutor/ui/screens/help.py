"""Help: the keys, and how the tutor works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

HELP = """\
## How the tutor works

Each lesson is a short conversation, followed by a 5-question quiz. Pass every
required quiz, then sign the acknowledgment. Your progress is saved after every
step and every answer: quit any time and **Continue** picks up where you stopped.

## Keys

| key | what it does |
|---|---|
| 1-9 | pick that numbered answer (whatever has focus) |
| up / down, Enter | move through the answers and pick one |
| PgDn / PgUp | read on / back through the conversation |
| / | type a question about the policy (during a quiz it is answered when the quiz ends) |
| s | save a copy of your receipt (after signing) |
| Escape | back to the home screen |
| c | continue (home screen) |
| ctrl+t | light or dark theme |
| ? | this help |
| ctrl+q | quit (your progress is already saved) |
"""


class HelpScreen(ModalScreen):
    BINDINGS = [("escape", "dismiss", "Close"), ("question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
            yield Button("Close", id="close")

    def on_button_pressed(self) -> None:
        self.dismiss()
