"""Sign-off: the district's acknowledgment text, the typed full name, a confirm step, a receipt."""

from __future__ import annotations

import io

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from tutor.domain import path
from tutor.service.receipt import ReceiptView, receipt_filename, receipt_html, receipt_view, save_new_file
from tutor.service.training import Receipt, TrainingRefused


class ConfirmSignature(ModalScreen[bool]):
    """Sign as NAME? A deliberate second step before the record is written."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, name: str):
        super().__init__()
        self.signer = name
        self.answered = False  # a double Enter must not dismiss twice

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
        self._answer(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self._answer(False)

    def _answer(self, ok: bool) -> None:
        if not self.answered:
            self.answered = True
            self.dismiss(ok)


class SignOffScreen(Screen):
    BINDINGS = [
        Binding("escape", "home", "Home"),
        Binding("s", "save_receipt", "Save a copy", id="save-receipt"),
        # ctrl+r, not a letter: the learner types their name on this screen.
        Binding("ctrl+r", "read_policy", "Read the policy", id="read-policy"),
    ]
    AUTO_FOCUS = "#signature"

    def __init__(self):
        super().__init__()
        self.receipt: ReceiptView | None = None
        self.confirming = False

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "save_receipt":
            return self.receipt is not None
        return True

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
            if training.preview:
                yield Static(training.preview, classes="preview", markup=False)
            yield Static("You are signing that you have read the policy: read it in full first if you have not.",
                         classes="hint", markup=False)
            yield Button("Read the whole policy (ctrl+r)", id="read-policy")
            yield Static(training.ack_text.strip(), id="ack-text", markup=False)
            if training.district.acknowledgment.drafted and not training.records.settings.get(
                f"acknowledgment.{training.district.id}"
            ):
                yield Static("(This wording is drafted from the policy's own statements.)", classes="hint")
            yield Label(f"Type your full name as on your record ({training.person.name}) to sign:", markup=False,
                        id="signature-label")
            yield Input(id="signature", placeholder="Full name")
            # Right under the name field, where the learner is looking when Enter is refused.
            yield Static("", id="sign-error", classes="error", markup=False)
            yield Button("Sign", id="sign", variant="success")
            yield Static("", id="receipt", markup=False)
            with Horizontal(id="receipt-actions", classes="hidden"):
                yield Button("Save a copy", id="save-receipt", variant="primary")
                yield Button("Back to home", id="home")
            yield Static("", id="saved", markup=False)
        yield Footer()

    def _error(self, message: str) -> None:
        error = self.query_one("#sign-error", Static)
        error.update(message)
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Button.Pressed, "#read-policy")
    def action_read_policy(self) -> None:
        from tutor.ui.screens.policy import PolicyScreen

        if self.is_current:
            self.app.push_screen(PolicyScreen())

    def action_home(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#home")
    def home(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#sign")
    @on(Input.Submitted, "#signature")
    def sign(self) -> None:
        if self.confirming or self.receipt is not None or not self.is_current:
            return  # a second Enter while the confirm step is open, or after signing
        typed = self.query_one("#signature", Input).value
        from tutor.domain.identity import names_match

        if not names_match(typed, self.app.training.person.name):
            self._error(f"\u2717 Type your name as it is on your record: {self.app.training.person.name}")
            return
        self._error("")
        self.confirming = True
        self.app.push_screen(ConfirmSignature(" ".join(typed.split())), lambda ok: self._confirmed(typed, ok))

    def _confirmed(self, typed: str, ok: bool | None) -> None:
        self.confirming = False
        if not ok:
            self._error("Not signed. Nothing was recorded.")
            return
        try:
            receipt = self.app.training.sign(typed, confirmed=True)
        except TrainingRefused as exc:
            self._error(f"\u2717 {exc}")
            return
        self.show_receipt(receipt)

    def show_receipt(self, receipt: Receipt) -> None:
        """The receipt in place of the form, from the top of the screen, with a way to keep a copy."""
        self.receipt = view = receipt_view(self.app.content, receipt)
        hidden = ("#ack-text", "#signature-label", "#signature", "#sign", "#sign-error", ".hint", "#read-policy", ".preview")
        for widget in hidden:
            for node in self.query(widget):
                node.display = False
        scores = "\n".join(
            f"{'Scores:' if i == 0 else '':<13}{title} {score}" for i, (title, score) in enumerate(view.scores)
        )
        where = "your browser's downloads" if self.app.is_web else "your Downloads folder"
        self.query_one("#receipt", Static).update(
            f"\u2713 Signed. Keep this receipt: Save a copy (s) puts it in {where}.\n\n"
            f"Record id:   {view.record_id}\n"
            f"Signed by:   {view.signed_by}\n"
            f"Policy:      {view.policy} ({view.district})\n"
            f"Date:        {view.signed_at}\n"
            f"Valid until: {view.valid_until}\n"
            f"{scores}\n"
            f"Record hash: {view.record_hash[:16]}\u2026"
        )
        self.query_one("#receipt-actions").remove_class("hidden")
        # The receipt starts at the top of the screen: focusing its button must not scroll to the
        # button against a layout that still holds the hidden form, and the scroll home waits for
        # the new layout (else the receipt's first line can end up above the screen).
        self.query_one("#save-receipt", Button).focus(scroll_visible=False)
        sign_off = self.query_one("#sign-off", VerticalScroll)
        sign_off.scroll_home(animate=False)
        self.call_after_refresh(sign_off.scroll_home, animate=False)
        self.refresh_bindings()

    @on(Button.Pressed, "#save-receipt")
    def action_save_receipt(self) -> None:
        """Save the receipt as HTML: to the Downloads folder here, or to the browser when served."""
        if self.receipt is None:
            return
        html = receipt_html(self.receipt)
        name = receipt_filename(self.receipt)
        saved = self.query_one("#saved", Static)
        if self.app.is_web:
            self.app.deliver_text(io.StringIO(html), save_filename=name, mime_type="text/html")
            saved.update(f"\u2713 Sent {name} to your browser.")
        else:
            from platformdirs import user_downloads_path

            try:
                path = save_new_file(user_downloads_path(), name, html.encode("utf-8"))
            except OSError as exc:
                saved.update(f"\u2717 The copy could not be saved: {exc}. Write down the record id instead.")
            else:
                saved.update(f"\u2713 Saved a copy to {path} (only you can open it).")
        self.call_after_refresh(saved.scroll_visible, animate=False)
