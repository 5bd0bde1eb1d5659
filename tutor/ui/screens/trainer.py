"""The trainer screen: everyone's status with filters and search, and an export. Passphrase first."""

from __future__ import annotations

import csv
import io

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from tutor.service.reports import CSV_COLUMNS, REPORT_STATUSES, filter_rows, status_report
from tutor.service.trainer_auth import TrainerAuthError, check_passphrase, has_passphrase


class TrainerPassphrase(ModalScreen[bool]):
    """Learners cannot get past this without the trainer passphrase."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static("Trainer sign-in", classes="screen-title")
            if not has_passphrase(self.app.records):
                yield Static("No trainer passphrase is set on this computer. "
                             "Set one from the command line: tutor trainer set-passphrase", classes="error")
                yield Button("Close", id="no")
                return
            yield Label("Trainer passphrase")
            yield Input(id="passphrase", password=True)
            yield Static("", id="passphrase-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Open", id="yes", variant="primary")
                yield Button("Cancel", id="no")

    @on(Button.Pressed, "#yes")
    @on(Input.Submitted, "#passphrase")
    def check(self) -> None:
        field = self.query_one("#passphrase", Input)
        try:
            check_passphrase(self.app.records, field.value)
        except TrainerAuthError as exc:
            field.value = ""
            self.query_one("#passphrase-error", Static).update(f"\u2717 {exc}")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class TrainerScreen(Screen):
    BINDINGS = [
        # priority: the search box would otherwise take ctrl+e (end of line) first.
        Binding("ctrl+e", "export", "Export CSV", id="export", priority=True),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def compose(self) -> ComposeResult:
        self.rows = status_report(self.app.records, self.app.content, self.app.clock)
        schools = sorted({r.school for r in self.rows if r.school})
        roles = sorted({r.role for r in self.rows if r.role})
        yield Header()
        with Horizontal(id="trainer-filters"):
            yield Input(placeholder="Search name or ID", id="search", compact=True)
            yield Select([(s, s) for s in schools], prompt="Any school", id="school", compact=True)
            yield Select([(r, r) for r in roles], prompt="Any role", id="role", compact=True)
            yield Select([(s, s) for s in REPORT_STATUSES], prompt="Any status", id="status", compact=True)
        yield DataTable(id="staff", zebra_stripes=True, cursor_type="row")
        yield Static("", id="trainer-summary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#staff", DataTable)
        # Status right after the name: at 80 columns it is the column a trainer must see.
        table.add_columns("ID", "Name", "Status", "Score", "Signed", "School", "Role")
        self.refresh_table()

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def shown(self):
        return filter_rows(self.rows, self._value("#school"), self._value("#role"), self._value("#status"),
                           self.query_one("#search", Input).value.strip() or None)

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def refresh_table(self) -> None:
        table = self.query_one("#staff", DataTable)
        table.clear()
        rows = self.shown()
        for r in rows:
            # Text cells: names are data, never markup.
            table.add_row(*(Text(str(v)) for v in (
                r.employee_id, r.name, r.label,
                "" if r.last_score is None else f"{r.last_score:.0%}", r.signed, r.school, r.role,
            )), key=r.employee_id)
        overdue = sum(1 for r in rows if r.status == "overdue")
        self.query_one("#trainer-summary", Static).update(
            f"{len(rows)} of {len(self.rows)} people shown \u00b7 {overdue} overdue \u00b7 ctrl+e exports what is shown"
        )

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for r in self.shown():
            writer.writerow(r.csv_cells())
        buffer.seek(0)
        name = f"tutor-status-{self.app.clock.now().date().isoformat()}.csv"
        # In a terminal the file goes to the Downloads folder, which a fresh account may not have yet;
        # in a browser it is downloaded there instead and the folder is not used.
        from platformdirs import user_downloads_path

        folder = user_downloads_path()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        self.app.deliver_text(buffer, save_directory=folder, save_filename=name, mime_type="text/csv")

    def action_leave(self) -> None:
        self.app.pop_screen()
