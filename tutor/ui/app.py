"""The Textual app and the factory that builds it from a database path, content, clock and seed."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from tutor.content.loader import load_valid_content
from tutor.content.model import Content
from tutor.domain.clock import Clock, SystemClock
from tutor.service.sign_in import SignedIn, SignIn
from tutor.store.records import Records

if TYPE_CHECKING:  # the training engine loads after sign-in, not before the first screen
    from tutor.service.training import Training


class TutorApp(App):
    """Acceptable Use Policy training as a conversation."""

    TITLE = "tutor"
    SUB_TITLE = "Acceptable Use Policy training"
    CSS_PATH = "tutor.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit; your progress is already saved", priority=True),
        Binding("question_mark", "help", "Help", id="help", key_display="?", tooltip="Keys and how the tutor works"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="theme", tooltip="Switch between light and dark"),
    ]

    def __init__(
        self, records: Records, content: Content, clock: Clock, seed: int | None = None, answerer=None,
        trainer: bool = False,
    ):
        super().__init__()
        self.trainer_mode = trainer
        self.records = records
        self.content = content
        self.clock = clock
        self.rng = random.Random(seed)
        self.sign_in_service = SignIn(records, content)
        self.training: Training | None = None
        self._answerer = answerer

    @property
    def answerer(self):
        """Ask-the-policy, built on first use (it indexes the policies once)."""
        if self._answerer is None:
            try:
                from tutor.answer.answerer import Answerer
            except ImportError:
                return None
            self._answerer = Answerer(self.content)
        return self._answerer

    async def on_mount(self) -> None:
        from tutor.ui.screens.sign_in import SignInScreen

        mounted = self.push_screen(SignInScreen())
        if self.trainer_mode:
            self.open_trainer()
            return
        # `tutor serve` behind an authenticating proxy: the configured trusted user header names the
        # learner, so the sign-in form is skipped (see tutor/serve/trusted.py for when it is honoured).
        from tutor.serve.trusted import trusted_employee_id
        from tutor.service.sign_in import SignInRefused

        employee_id = trusted_employee_id(self.records)
        if employee_id:
            await mounted
            try:
                self.start_training(self.sign_in_service.trusted(employee_id))
            except SignInRefused as exc:
                self.notify(str(exc), title="Sign in", severity="error", timeout=30)

    def open_trainer(self) -> None:
        """The trainer screen, behind the passphrase."""
        from tutor.ui.screens.trainer import TrainerPassphrase, TrainerScreen

        def opened(ok: bool | None) -> None:
            if ok:
                self.push_screen(TrainerScreen())

        self.push_screen(TrainerPassphrase(), opened)

    def start_training(self, signed: SignedIn) -> None:
        """Called by the sign-in screen once the learner is identified."""
        from tutor.service.training import Training
        from tutor.ui.screens.home import HomeScreen

        self.training = Training(
            self.records, self.content, signed.person, signed.district, signed.identity, self.clock, self.rng
        )
        self.training.sign_in()
        self.switch_screen(HomeScreen())

    def on_delivery_complete(self, event) -> None:
        """An export was saved (terminal: the Downloads folder) or handed to the browser."""
        where = f" to {event.path}" if event.path else " to your browser"
        self.notify(f"File delivered{where}.")

    def on_delivery_failed(self, event) -> None:
        self.notify(f"The file could not be delivered: {event.exception}", severity="error")

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"


def make_app(
    db_path: str | Path | None = None,
    content_dir: str | Path | None = None,
    clock: Clock | None = None,
    seed: int | None = None,
    records: Records | None = None,
    content: Content | None = None,
    trainer: bool = False,
) -> TutorApp:
    """Build the app. Tests pass a temporary database, a fixed clock and a seed."""
    clock = clock or SystemClock()
    content = content or load_valid_content(content_dir)
    records = records or Records(db_path, clock)
    return TutorApp(records, content, clock, seed, trainer=trainer)
