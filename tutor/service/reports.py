"""The trainer's status report: everyone's status, last score and date signed, in a few queries.

It reads the derived tables (attempts, acknowledgments) rather than replaying each learner's
events, so a district of thousands reports in about a second; the status rule itself is the
same domain function the app uses.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import timedelta

from tutor.content.model import Content
from tutor.content.versions import policy_version
from tutor.domain import status as st
from tutor.domain.clock import Clock, parse_iso
from tutor.domain.status import Standing, status_of
from tutor.service.spreadsheet import safe_row
from tutor.service.training import acknowledgment_text
from tutor.store.records import Records

REPORT_STATUSES = (
    "not started", "in progress", "passed awaiting signature", "certified", "expiring soon", "expired",
    "overdue", "re-acknowledgment needed",
)
CSV_COLUMNS = (
    "employee_id", "name", "email", "school", "role", "district", "status", "valid_until", "overdue",
    "last_score", "last_attempt", "signed",
)
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
        d = self.as_dict()
        d["overdue"] = int(self.overdue)
        return safe_row([d[c] for c in CSV_COLUMNS])


def _report_status(state: str, overdue: bool) -> str:
    if overdue and state in (st.NOT_STARTED, st.IN_PROGRESS):
        return "overdue"
    return {st.AWAITING_SIGNATURE: "passed awaiting signature"}.get(state, state)


def status_report(records: Records, content: Content, clock: Clock) -> list[StatusRow]:
    """One row per person on record, in name order."""
    now = clock.now()
    conn = records.conn
    versions: dict[str, str] = {}
    required: dict[str, list[str]] = {}
    for district in content.districts.values():
        versions[district.id] = policy_version(content, district.id, acknowledgment_text(records, district))
        required[district.id] = list(dict.fromkeys(
            l.topic for l in content.lessons_for(district.id) if l.required
        ))

    latest_ack = {
        row[0]: row
        for row in conn.execute(
            "SELECT learner, seq, signed_at, valid_until, policy_version FROM acknowledgments a"
            " WHERE seq = (SELECT MAX(seq) FROM acknowledgments b WHERE b.learner = a.learner)"
        )
    }
    last_attempt = {
        row[0]: row
        for row in conn.execute(
            "SELECT learner, score, finished_at FROM attempts a WHERE finished_seq = "
            "(SELECT MAX(finished_seq) FROM attempts b WHERE b.learner = a.learner)"
        )
    }
    # Finished attempts in each learner's current cycle (after their latest acknowledgment).
    cycle_attempts: dict[str, list[tuple]] = {}
    for row in conn.execute(
        "SELECT a.learner, a.kind, a.topics, a.passed, a.topic_results, a.policy_version, a.finished_at"
        " FROM attempts a LEFT JOIN (SELECT learner, MAX(seq) AS seq FROM acknowledgments GROUP BY learner) k"
        " ON k.learner = a.learner WHERE a.finished_seq IS NOT NULL AND a.started_seq > COALESCE(k.seq, 0)"
    ):
        cycle_attempts.setdefault(row[0], []).append(row)
    # Whether each person did anything in their current cycle: one index seek per person
    # (events_by_learner) instead of a scan over every event in the log.
    started = {
        row[0]
        for row in conn.execute(
            "SELECT p.employee_id FROM people p WHERE EXISTS (SELECT 1 FROM events e"
            " WHERE e.learner = p.employee_id AND e.seq > COALESCE((SELECT MAX(k.seq) FROM acknowledgments k"
            f" WHERE k.learner = p.employee_id), 0) AND e.type IN ({','.join('?' * len(_STARTED_TYPES))}))",
            _STARTED_TYPES,
        )
    }

    rows: list[StatusRow] = []
    for person in records.people.all():
        district_id = person.district or records.settings.get("district") or ""
        district = content.districts.get(district_id)
        version = versions.get(district_id, "")
        renewal = district.renewal_days if district else 365
        oldest_valid = now - timedelta(days=renewal)
        passed: set[str] = set()
        for _, kind, topics, ok, topic_results, attempt_version, finished_at in cycle_attempts.get(person.employee_id, []):
            if attempt_version != version or parse_iso(finished_at) < oldest_valid:
                continue
            if kind == "quiz" and ok:
                passed.update(json.loads(topics))
            elif kind == "testout":
                passed.update(t for t, r in json.loads(topic_results or "{}").items() if r["passed"])
        need = required.get(district_id, [])
        ack = latest_ack.get(person.employee_id)
        standing = Standing(
            latest_valid_until=parse_iso(ack[3]) if ack else None,
            latest_policy_version=ack[4] if ack else None,
            all_required_passed=bool(need) and set(need) <= passed,
            started=person.employee_id in started,
        )
        status = status_of(
            standing, version, now, hire_date=person.hire_date, end_date=person.end_date,
            due_days=district.new_hire_due_days if district else 30,
        )
        attempt = last_attempt.get(person.employee_id)
        rows.append(StatusRow(
            employee_id=person.employee_id, name=person.name, email=person.email, school=person.school,
            role=person.role, district=district_id, status=_report_status(status.state, status.overdue),
            label=status.label(), valid_until=status.valid_until.isoformat() if status.valid_until else "",
            overdue=status.overdue, last_score=attempt[1] if attempt else None,
            last_attempt=attempt[2][:10] if attempt and attempt[2] else "",
            signed=ack[2][:10] if ack else "",
            left=person.end_date.isoformat() if person.end_date and person.end_date <= now.date() else "",
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
