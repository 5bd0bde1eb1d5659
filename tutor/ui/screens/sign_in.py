"""Sign-in: employee ID with an enrollment code then a PIN (roster), or ID and name (single user)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from tutor.service.sign_in import SignInRefused


class SignInScreen(Screen):
    """Never lists staff names: the learner types their own ID."""

    AUTO_FOCUS = "Input"
    BINDINGS = [Binding("f9", "trainer", "Trainer", id="trainer", tooltip="Trainer screen (passphrase needed)")]

    def action_trainer(self) -> None:
        self.app.open_trainer()

    def compose(self) -> ComposeResult:
        service = self.app.sign_in_service
        yield Header()
        with VerticalScroll(id="sign-in"):
            yield Static("Acceptable Use Policy training", classes="screen-title")
            if service.roster_mode:
                yield Static(
                    "Sign in with your employee ID. The first time, use the enrollment code from your "
                    "trainer and choose a PIN.",
                    classes="hint",
                )
                with Vertical(id="roster-form"):
                    yield Label("Employee ID")
                    yield Input(id="employee-id", compact=True, placeholder="e.g. 10442")
                    yield Button("Continue", id="continue", variant="primary")
                with Vertical(id="pin-form", classes="hidden"):
                    yield Label("PIN")
                    yield Input(id="pin", compact=True, password=True, placeholder="your PIN")
                    yield Button("Sign in", id="sign-in-pin", variant="primary")
                with Vertical(id="enroll-form", classes="hidden"):
                    yield Label("Enrollment code (from your trainer)")
                    yield Input(id="code", compact=True, placeholder="e.g. K7QF-3MZP")
                    yield Label("Choose a PIN (4 to 12 digits)")
                    yield Input(id="new-pin", compact=True, password=True)
                    yield Label("Type the PIN again")
                    yield Input(id="new-pin-again", compact=True, password=True)
                    yield Button("Enroll and sign in", id="enroll", variant="primary")
            else:
                yield Static(
                    "No staff roster is set up on this computer, so you identify yourself. "
                    "Your records will say the identity was self-asserted.",
                    classes="hint",
                )
                yield Label("Employee ID")
                yield Input(id="employee-id", compact=True, placeholder="e.g. 10442")
                yield Label("Full name")
                yield Input(id="full-name", compact=True, placeholder="as on your HR record")
                if service.learner_chooses_district():
                    yield Label("District")
                    options = [(d.name, d.id) for d in sorted(self.app.content.districts.values(), key=lambda d: d.name)]
                    yield Select(options, id="district", prompt="Choose your district")
                yield Button("Start", id="start", variant="primary")
            yield Static("", id="sign-in-error", classes="error", markup=False)
        yield Footer()

    def _error(self, message: str) -> None:
        """Show a refusal and bring it into view: at 80x24 the enrollment form fills the screen."""
        error = self.query_one("#sign-in-error", Static)
        error.update(f"\u2717 {message}" if message else "")
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    # Roster mode ---------------------------------------------------------------------------
    @on(Button.Pressed, "#continue")
    @on(Input.Submitted, "#employee-id")
    def continue_with_id(self) -> None:
        service = self.app.sign_in_service
        if not service.roster_mode:
            self.focus_next()
            return
        employee_id = self.query_one("#employee-id", Input).value.strip()
        if not employee_id:
            self._error("Type your employee ID.")
            return
        self._error("")
        enrolling = service.needs_enrollment(employee_id)
        self.query_one("#pin-form").set_class(enrolling, "hidden")
        self.query_one("#enroll-form").set_class(not enrolling, "hidden")
        self.query_one("#continue").display = False
        self.query_one("#code" if enrolling else "#pin", Input).focus()

    @on(Button.Pressed, "#sign-in-pin")
    @on(Input.Submitted, "#pin")
    def sign_in_with_pin(self) -> None:
        employee_id = self.query_one("#employee-id", Input).value
        pin = self.query_one("#pin", Input).value
        try:
            signed = self.app.sign_in_service.with_pin(employee_id, pin)
        except SignInRefused as exc:
            self.query_one("#pin", Input).value = ""
            self._error(str(exc))
            return
        self.app.start_training(signed)

    @on(Button.Pressed, "#enroll")
    @on(Input.Submitted, "#new-pin-again")
    def enroll(self) -> None:
        values = [self.query_one(f"#{i}", Input).value for i in ("employee-id", "code", "new-pin", "new-pin-again")]
        try:
            signed = self.app.sign_in_service.enroll(*values)
        except SignInRefused as exc:
            self._error(str(exc))
            return
        self.app.start_training(signed)

    @on(Input.Submitted, "#code")
    @on(Input.Submitted, "#new-pin")
    def next_field(self) -> None:
        self.focus_next()

    # Single-user mode ----------------------------------------------------------------------
    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#full-name")
    def _start(self) -> None:
        service = self.app.sign_in_service
        employee_id = self.query_one("#employee-id", Input).value
        name = self.query_one("#full-name", Input).value
        district = None
        if service.learner_chooses_district():
            value = self.query_one("#district", Select).value
            district = value if isinstance(value, str) else None
        try:
            signed = service.self_asserted(employee_id, name, district)
        except SignInRefused as exc:
            self._error(str(exc))
            return
        self.app.start_training(signed)
