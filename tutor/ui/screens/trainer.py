"""The trainer screen: everyone's status with filters and search, one person's history, a sign-in
reset, a correction (voiding a record) and an export. Passphrase first."""

from __future__ import annotations

import csv
import io

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tutor.domain.status import OVERDUE, STATUSES
from tutor.service.reports import CSV_COLUMNS, filter_rows, person_history, status_report
from tutor.service.trainer_auth import TrainerAuthError, check_passphrase, has_passphrase

# Columns of the status table: (title, how wide it may shrink to). Name, School and Role share
# what the others leave, so all seven fit in 80 columns; full values are in the person view.
COLUMNS = ("ID", "Name", "School", "Role", "Status", "Overdue", "Score")
_SHARED = {"Name": 2, "School": 1, "Role": 1}  # how the left-over width is shared
_MIN_SHARED = {"Name": 8, "School": 5, "Role": 5}
_CELL_PADDING = 2  # DataTable pads each cell by one column on either side
_SCROLLBAR = 2
_TABLE_MARGINS = 2  # `#staff { margin: 0 1 }` in tutor.tcss


def column_widths(rows, total_width: int) -> dict[str, int]:
    """Widths for COLUMNS so the table fits `total_width` terminal columns (it never hides a column)."""
    def longest(values, title: str) -> int:
        return max([len(title), *map(len, values)])

    natural = {
        "ID": min(longest((r.employee_id for r in rows), "ID"), 10),
        "Name": longest((r.name for r in rows), "Name"),
        "School": longest((r.school for r in rows), "School"),
        "Role": longest((r.role for r in rows), "Role"),
        "Status": longest((r.status for r in rows), "Status"),
        "Overdue": len("Overdue"),
        "Score": len("Score"),
    }
    room = total_width - _SCROLLBAR - _CELL_PADDING * len(COLUMNS)
    fixed = sum(w for title, w in natural.items() if title not in _SHARED)
    left = room - fixed
    wanted = sum(natural[t] for t in _SHARED)
    if wanted <= left:
        return natural
    widths = dict(natural)
    shares = sum(_SHARED.values())
    for title, share in _SHARED.items():
        widths[title] = max(_MIN_SHARED[title], min(natural[title], left * share // shares))
    return widths


def fit(text: str, width: int) -> str:
    """`text` cut to `width` columns with an ellipsis where it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "\u2026"


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


class ConfirmReset(ModalScreen[bool]):
    """One deliberate step before a learner's PIN stops working."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, employee_id: str):
        super().__init__()
        self.person_name = name
        self.employee_id = employee_id

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(
                f"Reset the sign-in of {self.person_name} ({self.employee_id})?\n\n"
                "Their PIN and any unused enrollment code stop working now, and a new one-time code is "
                "shown for you to give them. Their training records are kept.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Reset sign-in", id="reset-yes", variant="warning")
                yield Button("Cancel", id="reset-no")

    @on(Button.Pressed, "#reset-yes")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#reset-no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class VoidRecord(ModalScreen[str | None]):
    """Void one of a person's records: pick it, give the reason, type the passphrase. Returns what was voided."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    VoidRecord { align: center middle; }
    VoidRecord #void { width: 90%; max-width: 100; height: auto; max-height: 95%; border: thick $error;
                       padding: 0 1; background: $surface; }
    VoidRecord #void-records { height: auto; max-height: 6; }
    VoidRecord .buttons { height: auto; }
    VoidRecord Button { margin: 0 1 0 0; }
    """

    def __init__(self, name: str, employee_id: str, choices: list[tuple[str, str]]):
        super().__init__()
        self.person_name = name
        self.employee_id = employee_id
        self.choices = choices  # (record id, what it says)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="void"):
            yield Static(
                f"Void a wrong record of {self.person_name} ({self.employee_id}). It stays in the records, "
                "marked voided with your reason, and no longer counts. This cannot be undone.", markup=False,
            )
            yield Label("Record")
            yield OptionList(*(Option(what, id=record) for record, what in self.choices), id="void-records")
            yield Label("Reason (kept with the record)")
            yield Input(id="void-reason", max_length=500)
            yield Label("Trainer passphrase")
            yield Input(id="void-passphrase", password=True)
            yield Static("", id="void-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Void record", id="void-yes", variant="error")
                yield Button("Cancel", id="void-no")

    def on_mount(self) -> None:
        self.query_one("#void", VerticalScroll).can_focus = False  # Tab goes record, reason, passphrase
        self.query_one("#void-records", OptionList).focus()

    @on(Button.Pressed, "#void-yes")
    @on(Input.Submitted, "#void-passphrase")
    def void(self) -> None:
        from tutor.errors import TutorError
        from tutor.service.corrections import void_record

        chosen = self.query_one("#void-records", OptionList).highlighted
        error = self.query_one("#void-error", Static)
        if chosen is None:
            error.update("\u2717 Choose the record to void.")
            return
        record = self.choices[chosen][0]
        passphrase = self.query_one("#void-passphrase", Input)
        try:
            done = void_record(self.app.records, record, self.query_one("#void-reason", Input).value, passphrase.value)
        except TutorError as exc:
            passphrase.value = ""
            error.update(f"\u2717 Not voided: {exc}")
            return
        self.dismiss(f"Voided: {done.record.describe()}\n{done.consequence()}")

    @on(Button.Pressed, "#void-no")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonScreen(ModalScreen[bool]):
    """One person's details, status and history; resets their sign-in or voids a record on request.
    Returns True when either changed the records."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    PersonScreen { align: center middle; }
    PersonScreen #person { width: 90%; max-width: 100; height: 90%; border: thick $primary; padding: 0 1;
                           background: $surface; }
    PersonScreen #person-history { height: 1fr; }
    PersonScreen #person-code { margin: 1 0 0 0; }
    PersonScreen .buttons { height: auto; }
    PersonScreen Button { margin: 0 1 0 0; }
    """

    def __init__(self, employee_id: str):
        super().__init__()
        self.employee_id = employee_id
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="person"):
            with VerticalScroll(id="person-history"):
                yield Static("", id="person-lines", markup=False)
            yield Static("", id="person-code", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Reset sign-in", id="reset", variant="warning")
                yield Button("Void a record", id="void-open", variant="error")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.show_history()

    def show_history(self) -> None:
        history = person_history(self.app.records, self.app.content, self.app.clock, self.employee_id)
        self.person_name = history.person.name
        self.query_one("#person-lines", Static).update("\n".join(history.lines(record_ids=False)))
        self.query_one("#reset", Button).display = history.person.on_roster
        self.voidable = [(e.record, f"{e.at[:10]}  {e.what}") for e in history.entries if e.record and not e.voided]
        self.query_one("#void-open", Button).display = bool(self.voidable)

    @on(Button.Pressed, "#void-open")
    def ask_to_void(self) -> None:
        self.app.push_screen(VoidRecord(self.person_name, self.employee_id, self.voidable), self._after_void)

    def _after_void(self, voided: str | None) -> None:
        if voided:
            self.changed = True  # the status table is read again on close
            self.query_one("#person-code", Static).update(voided)
            self.show_history()

    @on(Button.Pressed, "#reset")
    def ask_to_reset(self) -> None:
        self.app.push_screen(ConfirmReset(self.person_name, self.employee_id), self._reset_if_confirmed)

    def _reset_if_confirmed(self, confirmed: bool | None) -> None:
        from tutor.service.sign_in import ResetRefused, reset_sign_in

        if not confirmed:
            return
        try:
            done = reset_sign_in(self.app.records, self.employee_id, via="trainer screen")
        except ResetRefused as exc:
            self.query_one("#person-code", Static).update(f"\u2717 Not reset: {exc}")
            return
        self.changed = True
        before = "Their old PIN no longer works. " if done.had_pin else ""
        self.query_one("#person-code", Static).update(
            f"New enrollment code: {done.code}\n{before}Give it to {done.person.name}; they sign in with it "
            "and choose a new PIN. It is shown only now."
        )
        self.show_history()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.changed)


class TrainerScreen(Screen):
    BINDINGS = [
        # priority: the search box would otherwise take ctrl+e (end of line) first.
        Binding("ctrl+e", "export", "Export CSV", id="export", priority=True),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def compose(self) -> ComposeResult:
        self.rows = status_report(self.app.records, self.app.content, self.app.clock)
        self.widths: dict[str, int] = {}  # the table's column widths, set when it is first filled
        schools = sorted({r.school for r in self.rows if r.school})
        roles = sorted({r.role for r in self.rows if r.role})
        yield Header()
        with Horizontal(id="trainer-filters"):
            yield Input(placeholder="Search name or ID", id="search", compact=True)
            yield Select([(s, s) for s in STATUSES], prompt="Any status", id="status", compact=True)
            yield Select([("overdue", "yes"), ("not overdue", "no")], prompt="Overdue or not", id="overdue",
                         compact=True)
        with Horizontal(id="trainer-filters-2"):
            yield Select([(s, s) for s in schools], prompt="Any school", id="school", compact=True)
            yield Select([(r, r) for r in roles], prompt="Any role", id="role", compact=True)
        yield DataTable(id="staff", zebra_stripes=True, cursor_type="row")
        yield Static("", id="trainer-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_table()

    def on_resize(self) -> None:
        self.refresh_table()

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def shown(self):
        overdue = {"yes": True, "no": False}.get(self._value("#overdue") or "")
        return filter_rows(self.rows, self._value("#school"), self._value("#role"), self._value("#status"),
                           self.query_one("#search", Input).value.strip() or None, overdue=overdue)

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def refresh_table(self) -> None:
        table = self.query_one("#staff", DataTable)
        # The table's own width is known only after layout; the screen's less the table's margins is the same.
        widths = column_widths(self.rows, (self.size.width or 80) - _TABLE_MARGINS)
        if widths != self.widths:
            table.clear(columns=True)
            for title in COLUMNS:
                table.add_column(title, width=widths[title], key=title)
            self.widths = widths
        else:
            table.clear()
        rows = self.shown()
        for r in rows:
            values = (r.employee_id, r.name, r.school, r.role, r.status, OVERDUE if r.overdue else "",
                      "" if r.last_score is None else f"{r.last_score:.0%}")
            # Text cells: names are data, never markup.
            table.add_row(*(Text(fit(v, widths[t])) for v, t in zip(values, COLUMNS)), key=r.employee_id)
        overdue = sum(1 for r in rows if r.overdue)
        self.query_one("#trainer-summary", Static).update(
            f"{len(rows)} of {len(self.rows)} people shown \u00b7 {overdue} overdue \u00b7 "
            "Enter: history, sign-in reset, corrections"
        )

    @on(DataTable.RowSelected, "#staff")
    def open_person(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(PersonScreen(str(event.row_key.value)), self._after_person)

    def _after_person(self, changed: bool | None) -> None:
        if changed:  # a correction can change a status; the table and summary are read afresh
            self.rows = status_report(self.app.records, self.app.content, self.app.clock)
            self.refresh_table()

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for r in self.shown():
            writer.writerow(r.csv_cells())
        name = f"tutor-status-{self.app.clock.now().date().isoformat()}.csv"
        if self.app.is_web:
            buffer.seek(0)
            self.app.deliver_text(buffer, save_filename=name, mime_type="text/csv")  # to the browser
            return
        self.save_to_downloads(buffer.getvalue(), name)

    def save_to_downloads(self, text: str, name: str) -> None:
        """In a terminal: a new file in the Downloads folder, readable by this account only, never
        over an earlier export."""
        from platformdirs import user_downloads_path

        from tutor.service.private_files import OutputRefused, unused_name, write_output

        folder = user_downloads_path()
        try:
            folder.mkdir(parents=True, exist_ok=True)  # a fresh account may not have one yet
            path = write_output(unused_name(folder, name), text, self._database_files())
        except (OSError, OutputRefused) as exc:
            self.notify(f"The export could not be saved: {exc}", severity="error")
            return
        self.notify(f"Export saved to {path}.")

    def _database_files(self):
        from tutor.service.private_files import database_files

        path = getattr(self.app.records, "path", None)
        return database_files(path) if path else []

    def action_leave(self) -> None:
        self.app.pop_screen()
