"""Sign-off: the district's acknowledgment text, the typed full name, a confirm step, a receipt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from tutor.domain import path
from tutor.service.training import Receipt, TrainingRefused


class ConfirmSignature(ModalScreen[bool]):
    """Sign as NAME? A deliberate second step before the record is written."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, name: str):
        super().__init__()
        self.signer = name

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static("Sign the acknowledgment?", classes="screen-title")
            yield Static(f"Your typed name, {self.signer}, will be recorded as your signature with today's date. "
                         "It cannot be changed afterwards.", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Sign", id="yes", variant="success")
                yield Button("Cancel", id="no")

    @on(Button.Pressed, "#yes")
    def yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class SignOffScreen(Screen):
    BINDINGS = [("escape", "home", "Home")]
    AUTO_FOCUS = "#signature"

    def compose(self) -> ComposeResult:
        training = self.app.training
        yield Header()
        with VerticalScroll(id="sign-off"):
            yield Static(f"Acknowledgment \u2014 {training.district.name}", classes="screen-title", markup=False)
            allowed = training.next_step().kind == path.SIGN
            if not allowed:
                yield Static("\u2717 The acknowledgment can be signed only after you pass every required quiz. "
                             "Your home screen shows what is left.", classes="error")
                yield Button("Back to home", id="home")
                return
            yield Static(training.ack_text.strip(), id="ack-text", markup=False)
            if training.district.acknowledgment.drafted and not training.records.settings.get(
                f"acknowledgment.{training.district.id}"
            ):
                yield Static("(This wording is drafted from the policy's own statements.)", classes="hint")
            yield Label(f"Type your full name as on your record ({training.person.name}) to sign:", markup=False)
            yield Input(id="signature", placeholder="Full name")
            yield Button("Sign", id="sign", variant="success")
            yield Static("", id="sign-error", classes="error", markup=False)
            yield Static("", id="receipt", markup=False)
        yield Footer()

    def action_home(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#home")
    def home(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#sign")
    @on(Input.Submitted, "#signature")
    def sign(self) -> None:
        typed = self.query_one("#signature", Input).value
        from tutor.domain.identity import names_match

        if not names_match(typed, self.app.training.person.name):
            self.query_one("#sign-error", Static).update(
                f"\u2717 Type your name as it is on your record: {self.app.training.person.name}"
            )
            return
        self.query_one("#sign-error", Static).update("")
        self.app.push_screen(ConfirmSignature(" ".join(typed.split())), lambda ok: self._confirmed(typed, ok))

    def _confirmed(self, typed: str, ok: bool | None) -> None:
        if not ok:
            self.query_one("#sign-error", Static).update("Not signed. Nothing was recorded.")
            return
        try:
            receipt = self.app.training.sign(typed, confirmed=True)
        except TrainingRefused as exc:
            self.query_one("#sign-error", Static).update(f"\u2717 {exc}")
            return
        self.show_receipt(receipt)

    def show_receipt(self, receipt: Receipt) -> None:
        for widget in ("#signature", "#sign"):
            self.query_one(widget).display = False
        scores = ", ".join(f"{topic} {score:.0%}" for topic, score in receipt.scores.items())
        self.query_one("#receipt", Static).update(
            "\u2713 Signed. Keep this receipt.\n\n"
            f"Record id:   {receipt.ack_id}\n"
            f"Signed by:   {receipt.name}\n"
            f"Date (UTC):  {receipt.signed_at[:10]} {receipt.signed_at[11:19]}\n"
            f"Valid until: {receipt.valid_until[:10]}\n"
            f"Scores:      {scores}\n"
            f"Record hash: {receipt.record_hash[:16]}\u2026"
        )
        self.mount(Button("Back to home", id="home"), after=self.query_one("#receipt"))
