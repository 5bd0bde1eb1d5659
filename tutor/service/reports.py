"""The trainer's status report: everyone's status, last score and date signed, in one query.

It reads the derived tables (attempts, acknowledgments) rather than replaying each learner's
events, so a district of 10,000 reports in a fraction of a second; the status rule itself is
the same domain function the app uses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
CSV_COLUMNS = (
    "employee_id", "name", "email", "school", "role", "district", "status", "valid_until", "overdue",
    "last_score", "last_attempt", "signed",
)
_csv_values = attrgetter(*CSV_COLUMNS)
_STARTED_TYPES = ("lesson.step_viewed", "lesson.completed", "attempt.started")


@dataclass(frozen=True)
class StatusRow:
    employee_id: str
    name: str
    email: str
    school: str
    role: str
    district: str
    status: str  # one of REPORT_STATUSES
    label: str  # "certified until 2027-09-01", "not started (overdue)"
    valid_until: str
    overdue: bool
    last_score: float | None
    last_attempt: str
    signed: str
    left: str

    def as_dict(self) -> dict:
        return asdict(self)

    def csv_cells(self) -> list:
        """The CSV_COLUMNS values, safe to open in a spreadsheet."""
        return safe_row(_csv_values(self))  # safe_row writes the overdue flag as 0 or 1


def _report_status(state: str, overdue: bool) -> str:
    if overdue and state in (st.NOT_STARTED, st.IN_PROGRESS):
        return "overdue"
    return {st.AWAITING_SIGNATURE: "passed awaiting signature"}.get(state, state)


_REPORT_SQL = """
WITH d(id, version, cutoff) AS (VALUES {districts}),
p AS (
    SELECT employee_id, name, email, school, role, hire_date, end_date,
           COALESCE(NULLIF(district, ''), ?) AS district,
           (SELECT MAX(seq) FROM acknowledgments k WHERE k.learner = people.employee_id) AS ack_seq,
           (SELECT MAX(finished_seq) FROM attempts a WHERE a.learner = people.employee_id) AS last_seq
    FROM people
)
SELECT p.employee_id, p.name, p.email, p.school, p.role, p.hire_date, p.end_date, p.district,
       d.version, k.signed_at, k.valid_until, k.policy_version, a.score, a.finished_at,
       EXISTS (SELECT 1 FROM events e WHERE e.learner = p.employee_id AND e.seq > COALESCE(p.ack_seq, 0)
               AND e.type IN ({started_types})) AS started,
       (SELECT group_concat(CASE x.kind WHEN 'quiz' THEN j.value ELSE j.key END, char(31))
        FROM attempts x, json_each(CASE x.kind WHEN 'quiz' THEN x.topics ELSE x.topic_results END) j
        WHERE x.learner = p.employee_id AND x.kind IN ('quiz', 'testout')
          AND CASE x.kind WHEN 'quiz' THEN x.passed ELSE json_extract(j.value, '$.passed') END
          AND x.finished_seq > COALESCE(p.ack_seq, 0) AND x.started_seq > COALESCE(p.ack_seq, 0)
          AND x.policy_version = d.version AND x.finished_at >= d.cutoff) AS passed
FROM p
LEFT JOIN d ON d.id = p.district
LEFT JOIN acknowledgments k ON k.learner = p.employee_id AND k.seq = p.ack_seq
LEFT JOIN attempts a ON a.learner = p.employee_id AND a.finished_seq = p.last_seq
ORDER BY p.name, p.employee_id
"""


def status_report(records: Records, content: Content, clock: Clock) -> list[StatusRow]:
    """One row per person on record, in name order.

    One query gathers each person's facts (latest acknowledgment, last attempt, whether they began
    this cycle, the topics they passed under the current policy within the renewal period); the
    status rule itself is `status_of`, the same function the app uses.
    """
    now = clock.now()
    today = now.date()
    districts = list(content.districts.values())
    required: dict[str, set[str]] = {}
    params: list = []
    for district in districts:
        version = policy_version(content, district.id, acknowledgment_text(records, district))
        params += [district.id, version, iso(now - timedelta(days=district.renewal_days))]
        required[district.id] = {l.topic for l in content.lessons_for(district.id) if l.required}
    sql = _REPORT_SQL.format(
        districts=", ".join(["(?, ?, ?)"] * len(districts)) or "(NULL, NULL, NULL)",
        started_types=", ".join("?" * len(_STARTED_TYPES)),
    )
    default_district = records.settings.get("district") or ""
    # Parameters in the order they appear: district values, the deployment's district, event types.
    cursor = records.conn.execute(sql, [*params, default_district, *_STARTED_TYPES])

    rows: list[StatusRow] = []
    for (employee_id, name, email, school, role, hire_date, end_date, district_id, version, signed_at,
         ack_until, ack_version, score, finished_at, started, passed) in cursor:
        district = content.districts.get(district_id)
        need = required.get(district_id)
        end = date.fromisoformat(end_date) if end_date else None
        standing = Standing(
            latest_valid_until=parse_iso(ack_until) if ack_until else None,
            latest_policy_version=ack_version,
            all_required_passed=bool(need) and need <= set(passed.split("\x1f") if passed else ()),
            started=bool(started),
        )
        status = status_of(
            standing, version or "", now, hire_date=date.fromisoformat(hire_date) if hire_date else None,
            end_date=end, due_days=district.new_hire_due_days if district else 30,
        )
        rows.append(StatusRow(
            employee_id=employee_id, name=name, email=email, school=school, role=role, district=district_id,
            status=_report_status(status.state, status.overdue), label=status.label(),
            valid_until=status.valid_until.isoformat() if status.valid_until else "",
            overdue=status.overdue, last_score=score, last_attempt=finished_at[:10] if finished_at else "",
            signed=signed_at[:10] if signed_at else "",
            left=end_date if end and end <= today else "",
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
