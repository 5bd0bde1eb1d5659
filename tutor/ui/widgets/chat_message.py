"""One message in the conversation: the tutor's (Markdown) or the learner's (plain text)."""

from __future__ import annotations

from textual.widgets import Markdown, Static


class TutorMessage(Markdown):
    """A tutor bubble rendered from Markdown. `kind` adds a style class (right, wrong, result...)."""

    def __init__(self, markdown: str, kind: str = "", title: str = "Tutor"):
        super().__init__(markdown, classes=f"message tutor {kind}".strip())
        self.border_title = title


class LearnerMessage(Static):
    """What the learner typed or chose, shown literally: no markup from user text is interpreted."""

    def __init__(self, text: str):
        super().__init__(text, markup=False, classes="message learner")
        self.border_title = "You"
