"""The queries behind reports, exports and records: SQL lives here, the service layer formats.

Every function takes a connection and returns plain rows (tuples, named tuples, or dicts keyed
by column name); callers wrap related reads in `tutor.store.database.read_snapshot` so they agree.

Exports read each record type (attempts, acknowledgments, lesson completions, corrections) with
one query, as named tuples with a fixed column order (`AttemptRow`, `AcknowledgmentRow`,
`LessonRow`, `VoidRow`). Every export format reads the same rows: the CSV and xlsx files take
their cells straight from the tuples (a district's whole history is written in seconds without
building a dict per row; see the README's speed table), JSON and xAPI build their objects from them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple, TypeVar

# Every event's sequence number: the window of an export that is not limited to new events.
ALL_EVENTS = (1, 2**62)


class AttemptRow(NamedTuple):
    """One attempt with the events that started and finished it and its person (if on the roster)."""

    attempt_id: str
    learner: str
    district: str | None
    kind: str
    topics: str  # a JSON list of topic ids
    topic_list: str | None  # the same ids joined by ";" (None for none), as the CSV writes them
    started_at: str
    finished_at: str | None
    total: int | None
    correct: int | None
    score: float | None
    passed: int | None
    duration_s: float | None
    topic_results: str | None  # JSON
    content_revision: str | None
    policy_version: str | None
    started_seq: int
    started_hash: str
    identity: str
    finished_seq: int | None
    finished_hash: str | None
    person_name: str | None
    email: str | None
    school: str | None
    role: str | None
    person_district: str | None
    voided_at: str | None  # when a trainer voided it (`tutor void`), else None
    void_reason: str | None


class AcknowledgmentRow(NamedTuple):
    """One signed acknowledgment with its event and its person (if on the roster)."""

    ack_id: str
    learner: str
    district: str | None
    signed_name: str
    signed_at: str
    valid_until: str | None
    text_hash: str
    policy_version: str | None
    content_revision: str | None
    scores: str  # JSON
    seq: int
    event_hash: str
    identity: str
    person_name: str | None
    email: str | None
    school: str | None
    role: str | None
    person_district: str | None
    voided_at: str | None
    void_reason: str | None


class LessonRow(NamedTuple):
    """One lesson completion; `person_district` falls back to the deployment's district."""

    seq: int
    completed_at: str
    learner: str
    identity: str
    event_hash: str
    lesson_id: str | None
    content_revision: str | None
    person_name: str | None
    email: str | None
    school: str | None
    role: str | None
    person_district: str | None
    district: None  # lessons carry no district of their own
    voided_at: str | None
    void_reason: str | None


class VoidRow(NamedTuple):
    """One correction: the withdrawn record, its district and (for an attempt) whether it finished and passed."""

    seq: int
    ts: str
    learner: str
    identity: str
    event_hash: str
    record: str | None
    kind: str | None
    reason: str | None
    district: str | None
    finished: int
    passed: int | None


_ATTEMPTS_SQL = """
SELECT a.attempt_id, a.learner, a.district, a.kind, a.topics,
       (SELECT group_concat(value, ';') FROM json_each(a.topics)) AS topic_list,
       a.started_at, a.finished_at, a.total, a.correct,
       a.score, a.passed, a.duration_s, a.topic_results, a.content_revision, a.policy_version,
       a.started_seq, s.hash AS started_hash, s.identity, a.finished_seq, f.hash AS finished_hash,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district,
       v.voided_at, v.reason AS void_reason
FROM attempts a
JOIN events s ON s.seq = a.started_seq
LEFT JOIN events f ON f.seq = a.finished_seq
LEFT JOIN people p ON p.employee_id = a.learner
LEFT JOIN voids v ON v.record = a.attempt_id
WHERE a.started_at >= ? AND (a.started_seq BETWEEN ? AND ? OR a.finished_seq BETWEEN ? AND ?)
ORDER BY a.started_at, a.started_seq
"""

_ACKS_SQL = """
SELECT k.ack_id, k.learner, k.district, k.name AS signed_name, k.signed_at, k.valid_until, k.text_hash,
       k.policy_version, k.content_revision, k.scores, k.seq, k.event_hash, e.identity,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district,
       v.voided_at, v.reason AS void_reason
FROM acknowledgments k
JOIN events e ON e.seq = k.seq
LEFT JOIN people p ON p.employee_id = k.learner
LEFT JOIN voids v ON v.record = k.ack_id
WHERE k.signed_at >= ? AND k.seq BETWEEN ? AND ?
ORDER BY k.signed_at, k.seq
"""

# Lessons carry no district of their own: the person's, else the deployment's (the first parameter).
_LESSONS_SQL = """
SELECT e.seq, e.ts AS completed_at, e.learner, e.identity, e.hash AS event_hash,
       json_extract(e.payload, '$.lesson') AS lesson_id,
       json_extract(e.payload, '$.content_revision') AS content_revision,
       p.name AS person_name, p.email, p.school, p.role, COALESCE(NULLIF(p.district, ''), ?) AS person_district,
       NULL AS district, v.voided_at, v.reason AS void_reason
FROM events e
LEFT JOIN people p ON p.employee_id = e.learner
LEFT JOIN voids v ON v.record = e.hash
WHERE e.type = 'lesson.completed' AND e.ts >= ? AND e.seq BETWEEN ? AND ?
ORDER BY e.ts, e.seq
"""

# Corrections: each withdrawn record with what is needed to name its statements (the record's
# district; for an attempt, whether it finished and passed).
_VOIDS_SQL = """
SELECT e.seq, e.ts, e.learner, e.identity, e.hash AS event_hash,
       json_extract(e.payload, '$.record') AS record, json_extract(e.payload, '$.kind') AS kind,
       json_extract(e.payload, '$.reason') AS reason,
       COALESCE(a.district, k.district, NULLIF(p.district, ''), ?) AS district,
       a.finished_seq IS NOT NULL AS finished, a.passed
FROM events e
LEFT JOIN attempts a ON a.attempt_id = json_extract(e.payload, '$.record')
LEFT JOIN acknowledgments k ON k.ack_id = json_extract(e.payload, '$.record')
LEFT JOIN people p ON p.employee_id = e.learner
WHERE e.type = 'record.voided' AND e.ts >= ? AND e.seq BETWEEN ? AND ?
ORDER BY e.seq
"""


def rows(conn: sqlite3.Connection, sql: str, *params: Any) -> Iterator[dict[str, Any]]:
    """Rows as dicts keyed by column name (sqlite-utils' `Database.query`, on our connection).

    sqlite-utils is imported here, on first use by a certificate, not by the app: it costs
    about 60 ms to import, which the answer path and start-up do not pay.
    """
    import sqlite_utils

    database = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    yield from database.query(sql, params)


Row = TypeVar("Row", AttemptRow, AcknowledgmentRow, LessonRow, VoidRow)


def _typed(conn: sqlite3.Connection, row_type: type[Row], sql: str, *params: Any) -> list[Row]:
    """The query's rows as `row_type`, whose fields must be the query's columns, in order."""
    cursor = conn.execute(sql, params)
    columns = tuple(d[0] for d in cursor.description)
    if columns != row_type._fields:
        raise AssertionError(f"{row_type.__name__} has fields {row_type._fields}, its query {columns}")
    return list(map(row_type._make, cursor))


def attempt_rows(conn: sqlite3.Connection, floor: str, window: tuple[int, int] = ALL_EVENTS) -> list[AttemptRow]:
    """Attempts started on or after `floor` (an ISO date, or "") that started or finished in
    `window` (first and last seq), oldest first."""
    return _typed(conn, AttemptRow, _ATTEMPTS_SQL, floor, *window, *window)


def acknowledgment_rows(conn: sqlite3.Connection, floor: str,
                        window: tuple[int, int] = ALL_EVENTS) -> list[AcknowledgmentRow]:
    """Acknowledgments signed on or after `floor` whose event is in `window`, oldest first."""
    return _typed(conn, AcknowledgmentRow, _ACKS_SQL, floor, *window)


def lesson_rows(conn: sqlite3.Connection, floor: str, window: tuple[int, int],
                deployment_district: str) -> list[LessonRow]:
    """Lesson completions on or after `floor` whose event is in `window`, oldest first."""
    return _typed(conn, LessonRow, _LESSONS_SQL, deployment_district, floor, *window)


def void_rows(conn: sqlite3.Connection, floor: str, window: tuple[int, int], deployment_district: str) -> list[VoidRow]:
    """Corrections made on or after `floor` whose event is in `window`, in log order."""
    return _typed(conn, VoidRow, _VOIDS_SQL, deployment_district, floor, *window)


@dataclass
class ExportRows:
    attempts: list[AttemptRow] = field(default_factory=list)
    acknowledgments: list[AcknowledgmentRow] = field(default_factory=list)
    lessons: list[LessonRow] = field(default_factory=list)
    voids: list[VoidRow] = field(default_factory=list)
    acknowledgment_seqs: dict[str, list[int]] = field(default_factory=dict)  # learner -> seqs, oldest first


def export_rows(conn: sqlite3.Connection, floor: str, window: tuple[int, int], deployment_district: str) -> ExportRows:
    """Attempts, acknowledgments, lesson completions and corrections on or after `floor` with an
    event in `window` (first and last seq)."""
    found = ExportRows(
        attempts=attempt_rows(conn, floor, window),
        acknowledgments=acknowledgment_rows(conn, floor, window),
        lessons=lesson_rows(conn, floor, window, deployment_district),
        voids=void_rows(conn, floor, window, deployment_district),
    )
    for learner, ack_seq in conn.execute("SELECT learner, seq FROM acknowledgments ORDER BY seq"):
        found.acknowledgment_seqs.setdefault(learner, []).append(ack_seq)
    return found


def acknowledgments_of(conn: sqlite3.Connection, learner: str) -> list[dict[str, Any]]:
    """One person's acknowledgments, newest first, with the identity and payload of each event."""
    return list(rows(
        conn,
        "SELECT k.ack_id, k.district, k.name, k.signed_at, k.valid_until, k.text_hash, k.policy_version,"
        " k.content_revision, k.scores, k.seq, k.event_hash, e.identity, e.payload,"
        " v.voided_at, v.reason AS void_reason"
        " FROM acknowledgments k JOIN events e ON e.seq = k.seq LEFT JOIN voids v ON v.record = k.ack_id"
        " WHERE k.learner = ? ORDER BY k.seq DESC",
        learner,
    ))


def owner_of(conn: sqlite3.Connection, record: str) -> str | None:
    """The learner whose attempt, acknowledgment or lesson completion `record` is, or None."""
    row = conn.execute(
        "SELECT learner FROM attempts WHERE attempt_id = ?1"
        " UNION ALL SELECT learner FROM acknowledgments WHERE ack_id = ?1"
        " UNION ALL SELECT learner FROM events WHERE hash = ?1 AND type = 'lesson.completed' LIMIT 1",
        (record,),
    ).fetchone()
    return row[0] if row else None


# The status report's facts, one row per person: their standing (latest acknowledgment, last
# attempt, whether they began this cycle) and the topics they passed this cycle under the current
# policy within the renewal period. The status rule itself is applied in Python (status_of).
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


def status_facts(conn: sqlite3.Connection, district_params: list[Any], now: str, deployment_district: str) -> sqlite3.Cursor:
    """The report's rows; `district_params` holds (district id, policy version, oldest valid pass
    time) for each district, flattened."""
    count = len(district_params) // 3
    sql = _REPORT_SQL.format(districts=", ".join(["(?, ?, ?)"] * count) or "(NULL, NULL, NULL)")
    # Parameters in the order they appear: district values, now, the deployment's district.
    return conn.execute(sql, [*district_params, now, deployment_district])


def answers_with_attempt_state(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every recorded answer (attempt, question, chosen JSON, correct) and whether its attempt
    finished, leaving out the answers of voided attempts."""
    return conn.execute(
        "SELECT a.attempt_id, a.question_id, a.chosen, a.correct, t.finished_at IS NOT NULL"
        " FROM answers a JOIN attempts t ON t.attempt_id = a.attempt_id"
        " WHERE a.attempt_id NOT IN (SELECT record FROM voids) ORDER BY a.seq"
    ).fetchall()


def rules_approved(conn: sqlite3.Connection, district: str, digest: str) -> bool:
    """Whether these records approve the rules `digest` for `district`."""
    row = conn.execute("SELECT 1 FROM approved_rules WHERE district = ? AND digest = ?", (district, digest)).fetchone()
    return row is not None
