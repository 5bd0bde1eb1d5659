"""The policy reader: the district's whole policy, section by section with its numbers.

Staff sign that they have read the policy; this is where they can. Opening it is recorded once a
cycle (`Training.open_policy`), and the acknowledgment record says whether it was opened.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.service.policy_reader import policy_sections


class PolicyScreen(Screen):
    """Read-only: PgUp/PgDn, arrows, Home/End scroll; Escape goes back."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="back"),
        Binding("pagedown", "scroll('scroll_page_down')", "Read on", key_display="PgDn"),
        Binding("pageup", "scroll('scroll_page_up')", "Back up", show=False),
        Binding("home", "scroll('scroll_home')", "Top", show=False),
        Binding("end", "scroll('scroll_end')", "End", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="policy-text", can_focus=True):
            yield Static("", id="policy-title", classes="screen-title", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        training = self.app.training
        text = policy_sections(training.content, training.district.id)
        box = self.query_one("#policy-text", VerticalScroll)
        title = self.query_one("#policy-title", Static)
        if text is None:
            title.update(f"There is no policy text for {training.district.name} in the training content.")
            return
        number = f" (policy {text.policy})" if text.policy else ""
        title.update(f"{text.district_name}: {text.title}{number}")
        for section in text.sections:
            numbered = any(ch.isdigit() for ch in section.id) or (len(section.id) <= 2 and section.id.isupper())
            heading = Text(f"{section.id}. {section.title}" if numbered else section.title, style="bold")
            box.mount(Static(heading, classes="policy-section-title"))
            for paragraph in section.paragraphs:
                box.mount(Static(Text(paragraph), classes="policy-paragraph"))
        box.focus()
        training.open_policy()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#policy-text", VerticalScroll), how)()

    def action_close(self) -> None:
        self.app.pop_screen()
