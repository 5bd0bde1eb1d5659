"""The trainer's status report: everyone's status, last score and date signed, in one query.

It reads one `standings` row per person (latest acknowledgment, latest activity, latest
attempt, kept in step with the event log) and their `topic_passes`, rather than replaying each
learner's events, so a district of 10,000 reports in a fraction of a second; the status rule
itself is the same domain function the app uses.
"""

from __future__ import annotations

from tutor.errors import TutorError

from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from tutor.content.model import Content
from tutor.content.versions import policy_version
from tutor.domain import status as st
from tutor.domain.clock import Clock, iso, parse_iso
from tutor.domain.status import Standing, status_of
from tutor.service.spreadsheet import safe_row
from tutor.service.acknowledgment import acknowledgment_text
from tutor.store.record_queries import status_facts
from tutor.store.records import Records

if TYPE_CHECKING:
    from tutor.store.people import Person

# The status vocabulary is tutor.domain.status's, shared with the app; overdue is its own column.
REPORT_STATUSES = st.STATUSES
# The columns that hold what a roster or a learner typed come first: only they can hold a formula.
TYPED_COLUMNS = ("employee_id", "name", "email", "school", "role", "district")
CSV_COLUMNS = (
    *TYPED_COLUMNS, "status", "overdue", "hire_date", "due_date", "valid_until", "last_score", "last_attempt",
    "signed",
)
_typed_values = attrgetter(*TYPED_COLUMNS)


@dataclass(slots=True)
class StatusRow:
    """One person's line in the report. (Slotted rather than frozen: a report builds thousands.)"""

    employee_id: str
    name: str
    email: str
    school: str
    role: str
    district: str
    status: str  # one of tutor.domain.status.STATUSES
    overdue: bool
    hire_date: str
    due_date: str  # hire date plus the district's days for new hires
    valid_until: str
    last_score: float | None
    last_attempt: str
    signed: str
    left: str

    @property
    def label(self) -> str:
        """Plain words, as the app says them: "certified until 2027-09-01", "not started (overdue)"."""
        until = date.fromisoformat(self.valid_until) if self.valid_until else None
        return st.Status(self.status, until, self.overdue).label()

    def as_dict(self) -> dict:
        return {
            "employee_id": self.employee_id, "name": self.name, "email": self.email, "school": self.school,
            "role": self.role, "district": self.district, "status": self.status, "overdue": self.overdue,
            "label": self.label, "hire_date": self.hire_date, "due_date": self.due_date,
            "valid_until": self.valid_until, "last_score": self.last_score, "last_attempt": self.last_attempt,
            "signed": self.signed, "left": self.left,
        }

    def csv_cells(self) -> list:
        """The CSV_COLUMNS values, safe to open in a spreadsheet (the report's own values need no check)."""
        cells = safe_row(_typed_values(self))
        cells += (self.status, int(self.overdue), self.hire_date, self.due_date, self.valid_until,
                  "" if self.last_score is None else self.last_score, self.last_attempt, self.signed)
        return cells




def status_report(records: Records, content: Content, clock: Clock) -> list[StatusRow]:
    """One row per person on record, in name order.

    One query gathers each person's facts from their standing (latest acknowledgment, last attempt,
    whether they began this cycle) and the topics they passed this cycle under the current policy
    within the renewal period; the status rule itself is `status_of`, the same function the app uses.
    """
    now = clock.now()
    today = now.date()
    districts = list(content.districts.values())
    # Per district: the topics everyone must pass, how many days a new hire has, the policy version.
    rules: dict[str, tuple[set[str], int, str]] = {}
    no_district: tuple[set[str], int, str] = (set(), 30, "")
    params: list = []
    for district in districts:
        version = policy_version(content, district.id, acknowledgment_text(records, district))
        params += [district.id, version, iso(now - timedelta(days=district.renewal_days))]
        rules[district.id] = (
            {l.topic for l in content.lessons_for(district.id) if l.required}, district.new_hire_due_days, version,
        )
    default_district = records.settings.get("district") or ""
    cursor = status_facts(records.conn, params, iso(now), default_district)

    rows: list[StatusRow] = []
    append = rows.append
    due_dates: dict[tuple[str, int], str] = {}
    for (employee_id, name, email, school, role, hire_date, end_date, district_id, signed, ack_until, ack_version,
         score, last_attempt, started, passed) in cursor:
        need, due_days, version = rules.get(district_id, no_district)
        end = date.fromisoformat(end_date) if end_date else None
        standing = Standing(  # latest_valid_until, latest_policy_version, all_required_passed, started
            parse_iso(ack_until) if ack_until else None,
            ack_version,
            bool(need) and need <= set(passed.split("\x1f") if passed else ()),
            bool(started),
        )
        status = status_of(standing, version, now, date.fromisoformat(hire_date) if hire_date else None, end, due_days)
        until = status.valid_until
        # Shown for everyone (status_of only works it out for the uncertified): when a new hire was due.
        # Many share a hire date, so each date is worked out once.
        due = due_dates.get((hire_date, due_days))
        if due is None:
            due = due_dates[(hire_date, due_days)] = (
                (date.fromisoformat(hire_date) + timedelta(days=due_days)).isoformat() if hire_date else ""
            )
        # Positional, in field order: 10,000 rows are built per report.
        append(StatusRow(
            employee_id, name, email, school, role, district_id, status.state, status.overdue, hire_date or "",
            due, until.isoformat() if until else "", score, last_attempt or "",
            signed or "", end_date if end and end <= today else "",
        ))
    return rows


def filter_rows(rows: list[StatusRow], school: str | None = None, role: str | None = None,
                status: str | None = None, search: str | None = None,
                overdue: bool | None = None) -> list[StatusRow]:
    """Case-insensitive filters as the trainer types them; `overdue` True or False keeps only those."""
    def same(a: str, b: str | None) -> bool:
        return b is None or a.casefold() == b.casefold()

    out = [r for r in rows if same(r.school, school) and same(r.role, role) and same(r.status, status)]
    if overdue is not None:
        out = [r for r in out if r.overdue == overdue]
    if search:
        needle = search.casefold()
        out = [r for r in out if needle in r.name.casefold() or needle in r.employee_id.casefold()]
    return out


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened to a person's training, in plain words."""

    at: str  # ISO timestamp, UTC
    what: str
    identity: str  # how the person (or operator) was identified
    record: str | None = None  # the id `tutor void` takes, for an attempt, acknowledgment or lesson completion
    voided: bool = False


@dataclass(frozen=True)
class PersonHistory:
    """One person: their roster details, their line in the report, and what they did, oldest first."""

    person: Person
    row: StatusRow | None
    has_pin: bool
    sign_ins: int
    entries: tuple[HistoryEntry, ...]

    def lines(self, record_ids: bool = True) -> list[str]:
        """The history as plain lines, for a terminal or the trainer screen (which voids records by
        choosing them, so it leaves their ids out: `record_ids=False`)."""
        p, row = self.person, self.row
        lines = [
            f"{p.name} ({p.employee_id})",
            f"  school: {p.school or '-'}   role: {p.role or '-'}   district: {p.district or '-'}",
            f"  e-mail: {p.email or '-'}",
            f"  hired: {p.hire_date or '-'}" + (f"   left: {p.end_date}" if p.end_date else ""),
        ]
        if row is not None:
            lines.append(f"  status: {row.status}" + (f"   {st.OVERDUE.upper()}" if row.overdue else "")
                         + (f"   due: {row.due_date}" if row.due_date else "")
                         + (f"   valid until: {row.valid_until}" if row.valid_until else ""))
            if row.last_score is not None:
                lines.append(f"  last score: {row.last_score:.0%} on {row.last_attempt}")
        lines.append("  sign-in: " + ("PIN set" if self.has_pin else "no PIN yet (needs an enrollment code)")
                     + f"; {self.sign_ins} sign-in(s)")
        lines.append("")
        if not self.entries:
            lines.append("No training recorded yet.")
        for e in self.entries:
            lines.append(f"{e.at[:16].replace('T', ' ')}  {e.what}" + (" [VOIDED]" if e.voided else ""))
            if e.record and record_ids:
                lines.append(f"    record {e.record}")
        return lines

    def as_dict(self) -> dict:
        p = self.person
        return {
            "employee_id": p.employee_id, "name": p.name, "email": p.email, "school": p.school, "role": p.role,
            "district": p.district, "hire_date": p.hire_date.isoformat() if p.hire_date else "",
            "end_date": p.end_date.isoformat() if p.end_date else "", "has_pin": self.has_pin,
            "status": self.row.as_dict() if self.row else None, "sign_ins": self.sign_ins,
            "history": [{"at": e.at, "what": e.what, "identity": e.identity, "record": e.record, "voided": e.voided}
                        for e in self.entries],
        }


class UnknownPerson(TutorError):
    """No one with that employee id is on record."""


def person_history(records: Records, content: Content, clock: Clock, employee_id: str) -> PersonHistory:
    """Everything a trainer needs about one person, read from the roster, the report and the event log.

    Step views and sign-ins are counted rather than listed: a lesson makes dozens of them.
    """
    from tutor.domain import payloads  # the report itself does not need the event payloads
    from tutor.domain.corrections import kind_name
    from tutor.domain.progress import record_of

    found = records.people.get(employee_id)
    if found is None:
        raise UnknownPerson(f"no one with employee id '{employee_id}' is on record.")
    row = next((r for r in status_report(records, content, clock) if r.employee_id == employee_id), None)
    entries: list[HistoryEntry] = []
    started: dict[str, payloads.AttemptStarted] = {}
    sign_ins = 0
    events = records.events.for_learner(employee_id)
    voided = {e.data.record for e in events if isinstance(e.data, payloads.RecordVoided)}
    for event in events:
        data = event.data  # the typed payload (a plain dict for a type this version does not know)
        what = ""
        record = None
        if isinstance(data, payloads.SignedIn):
            sign_ins += 1
        elif isinstance(data, payloads.Enrolled):
            what = "enrolled with a one-time code and chose a PIN"
        elif isinstance(data, payloads.SignInReset):
            withdrawn = "PIN withdrawn, " if data.had_pin else ""
            what = f"sign-in reset by a trainer ({data.via}): {withdrawn}new enrollment code issued"
        elif isinstance(data, payloads.LessonCompleted):
            lesson = content.lessons.get(data.lesson)
            what = f"completed the lesson {lesson.title if lesson else data.lesson}"
            record = event.hash
        elif isinstance(data, payloads.AttemptStarted):
            started[data.attempt] = data
        elif isinstance(data, payloads.AttemptFinished):
            begun = started.get(data.attempt)
            kind = "test-out" if begun and begun.kind == "testout" else "quiz"
            topics = ", ".join(begun.topics) if begun else "?"
            outcome = "passed" if data.passed else "failed"
            what = f"{outcome} the {kind} ({topics}): {data.correct} of {data.total} right, {data.score:.0%}"
            record = data.attempt
        elif isinstance(data, payloads.Acknowledged):
            what = (f"signed the acknowledgment (policy version {data.policy_version}), valid until "
                    f"{data.valid_until[:10]}")
            record = data.ack_id
        elif isinstance(data, payloads.RecordVoided):
            what = f"a trainer voided the {kind_name(data.kind)} {data.record}: {data.reason}"
        if what:
            entries.append(HistoryEntry(event.ts, what, event.identity, record, record_of(event) in voided))
    return PersonHistory(found, row, records.people.pin_hash(employee_id) is not None, sign_ins, tuple(entries))
