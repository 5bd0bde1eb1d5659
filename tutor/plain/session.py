"""What one run of `tutor --plain` holds: the console, the records, the content and the signed-in training."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tutor.content.model import Content
from tutor.domain.clock import Clock
from tutor.plain.console import Console
from tutor.service.sign_in import SignIn

if TYPE_CHECKING:  # the training engine loads after sign-in
    from tutor.service.training import Training


@dataclass
class Session:
    """Shared by the sign-in, home, lesson, quiz, reader and sign-off flows (the app's TutorApp, in lines)."""

    console: Console
    records: Any  # the records, opened by the command line and used only through the service layer
    content: Content
    clock: Clock
    rng: random.Random
    sign_in_service: SignIn
    training: "Training | None" = None
    _answerer: Any = field(default=None, repr=False)

    @property
    def answerer(self):
        """Ask-the-policy, built on first use (it indexes the policies once)."""
        if self._answerer is None:
            from tutor.answer.answerer import Answerer

            self._answerer = Answerer(self.content)
        return self._answerer
