"""The trainer's status report: everyone's status, last score and date signed, in one query.

It reads one `standings` row per person (latest acknowledgment, latest activity, latest
attempt, kept in step with the event log) and their `topic_passes`, rather than replaying each
learner's events, so a district of 10,000 reports in a fraction of a second; the status rule
itself is the same domain function the app uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from tutor.content.model import Content
from tutor.content.versions import policy_version
from tutor.domain import status as st
from tutor.domain.clock import Clock, iso, parse_iso
from tutor.domain.status import Standing, status_of
from tutor.service.spreadsheet import safe_row
from tutor.service.acknowledgment import acknowledgment_text
from tutor.store.records import Records

REPORT_STATUSES = (
    "not started", "in progress", "passed awaiting signature", "certified", "expiring soon", "expired",
    "overdue", "re-acknowledgment needed",
)
# The columns that hold what a roster or a learner typed come first: only they can hold a formula.
TYPED_COLUMNS = ("employee_id", "name", "email", "school", "role", "district")
CSV_COLUMNS = (*TYPED_COLUMNS, "status", "valid_until", "overdue", "last_score", "last_attempt", "signed")
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
    status: str  # one of REPORT_STATUSES
    state: str  # the app's status (tutor.domain.status), behind `label`
    valid_until: str
    overdue: bool
    last_score: float | None
    last_attempt: str
    signed: str
    left: str

    @property
    def label(self) -> str:
        """Plain words, as the app says them: "certified until 2027-09-01", "not started (overdue)"."""
        until = date.fromisoformat(self.valid_until) if self.valid_until else None
        return st.Status(self.state, until, self.overdue).label()

    def as_dict(self) -> dict:
        return {
            "employee_id": self.employee_id, "name": self.name, "email": self.email, "school": self.school,
            "role": self.role, "district": self.district, "status": self.status, "label": self.label,
            "valid_until": self.valid_until, "overdue": self.overdue, "last_score": self.last_score,
            "last_attempt": self.last_attempt, "signed": self.signed, "left": self.left,
        }

    def csv_cells(self) -> list:
        """The CSV_COLUMNS values, safe to open in a spreadsheet (the report's own values need no check)."""
        cells = safe_row(_typed_values(self))
        cells += (self.status, self.valid_until, int(self.overdue), "" if self.last_score is None else self.last_score,
                  self.last_attempt, self.signed)
        return cells


def _report_status(state: str, overdue: bool) -> str:
    if overdue and state in (st.NOT_STARTED, st.IN_PROGRESS):
        return "overdue"
    return {st.AWAITING_SIGNATURE: "passed awaiting signature"}.get(state, state)


_REPORT_SQL = """
WITH d(id, version, cutoff) AS (VALUES {districts})
SELECT p.employee_id, p.name, p.email, p.school, p.role, p.hire_date, p.end_date, p.district,
       substr(s.signed_at, 1, 10), s.valid_until, s.policy_version, s.last_score, substr(s.last_attempt_at, 1, 10),
       s.activity_seq > s.ack_seq AS started,
       -- A valid certification outranks passes (see status_of), so they are only gathered without one.
       CASE WHEN s.valid_until > ? AND s.policy_version = d.version THEN NULL ELSE
           (SELECT group_concat(t.topic, char(31)) FROM topic_passes t
            WHERE t.learner = p.employee_id AND t.started_seq > s.ack_seq
              AND t.policy_version = d.version AND t.finished_at >= d.cutoff) END AS passed
FROM (SELECT employee_id, name, email, school, role, hire_date, end_date,
             COALESCE(NULLIF(district, ''), ?) AS district FROM people) p
LEFT JOIN d ON d.id = p.district
LEFT JOIN standings s ON s.learner = p.employee_id
ORDER BY p.name, p.employee_id
"""


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
    sql = _REPORT_SQL.format(districts=", ".join(["(?, ?, ?)"] * len(districts)) or "(NULL, NULL, NULL)")
    default_district = records.settings.get("district") or ""
    # Parameters in the order they appear: district values, now, the deployment's district.
    cursor = records.conn.execute(sql, [*params, iso(now), default_district])

    rows: list[StatusRow] = []
    append = rows.append
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
        status = status_of(
            standing, version, now, date.fromisoformat(hire_date) if hire_date else None, end, due_days,
        )
        until = status.valid_until
        # Positional, in field order: 10,000 rows are built per report.
        append(StatusRow(
            employee_id, name, email, school, role, district_id, _report_status(status.state, status.overdue),
            status.state, until.isoformat() if until else "", status.overdue, score, last_attempt or "",
            signed or "", end_date if end and end <= today else "",
        ))
    return rows


def filter_rows(rows: list[StatusRow], school: str | None = None, role: str | None = None,
                status: str | None = None, search: str | None = None) -> list[StatusRow]:
    """Case-insensitive filters as the trainer types them."""
    def same(a: str, b: str | None) -> bool:
        return b is None or a.casefold() == b.casefold()

    out = [r for r in rows if same(r.school, school) and same(r.role, role) and same(r.status, status)]
    if search:
        needle = search.casefold()
        out = [r for r in out if needle in r.name.casefold() or needle in r.employee_id.casefold()]
    return out
