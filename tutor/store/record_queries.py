"""The queries behind reports, exports and records: SQL lives here, the service layer formats.

Every function takes a connection and returns plain rows (tuples, or dicts keyed by column
name); callers wrap related reads in `tutor.store.database.read_snapshot` so they agree.

Exports read each record type with one query for JSON and xAPI (rows as dicts) and, for the CSV
and xlsx files, with a second query per type that yields the CSV's columns in order: a district's
whole history is written in seconds without building a dict per row (see the README's speed table).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Iterator

_ATTEMPTS_SQL = """
SELECT a.attempt_id, a.learner, a.district, a.kind, a.topics, a.started_at, a.finished_at, a.total, a.correct,
       a.score, a.passed, a.duration_s, a.topic_results, a.content_revision, a.policy_version,
       a.started_seq, s.hash AS started_hash, s.identity, a.finished_seq, f.hash AS finished_hash,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district
FROM attempts a
JOIN events s ON s.seq = a.started_seq
LEFT JOIN events f ON f.seq = a.finished_seq
LEFT JOIN people p ON p.employee_id = a.learner
WHERE a.started_at >= ? AND (a.started_seq BETWEEN ? AND ? OR a.finished_seq BETWEEN ? AND ?)
ORDER BY a.started_at, a.started_seq
"""

_ACKS_SQL = """
SELECT k.ack_id, k.learner, k.district, k.name AS signed_name, k.signed_at, k.valid_until, k.text_hash,
       k.policy_version, k.content_revision, k.scores, k.seq, k.event_hash, e.identity,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district
FROM acknowledgments k
JOIN events e ON e.seq = k.seq
LEFT JOIN people p ON p.employee_id = k.learner
WHERE k.signed_at >= ? AND k.seq BETWEEN ? AND ?
ORDER BY k.signed_at, k.seq
"""

# Lessons carry no district of their own: the person's, else the deployment's (the last parameter).
_LESSONS_SQL = """
SELECT e.seq, e.ts AS completed_at, e.learner, e.identity, e.hash AS event_hash,
       json_extract(e.payload, '$.lesson') AS lesson_id,
       json_extract(e.payload, '$.content_revision') AS content_revision,
       p.name AS person_name, p.email, p.school, p.role, COALESCE(NULLIF(p.district, ''), ?) AS person_district,
       NULL AS district
FROM events e
LEFT JOIN people p ON p.employee_id = e.learner
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

# The CSV is built straight from SQL in column order: one row per record, no per-row dicts or
# JSON round trips, so a district's whole history exports in seconds.
_CSV_ATTEMPTS_SQL = """
SELECT 'attempt', a.attempt_id, a.learner, COALESCE(p.name, ''), COALESCE(p.email, ''), COALESCE(p.school, ''),
       COALESCE(p.role, ''), COALESCE(a.district, p.district, ''), a.kind,
       (SELECT group_concat(value, ';') FROM json_each(a.topics)), a.started_at, a.finished_at, NULL, NULL,
       a.duration_s, a.correct, a.total, a.score, a.passed, NULL, NULL, a.content_revision, a.policy_version,
       s.identity, COALESCE(a.finished_seq, a.started_seq), COALESCE(f.hash, s.hash), NULL,
       a.started_at AS sort_time, a.started_seq AS sort_seq
FROM attempts a
JOIN events s ON s.seq = a.started_seq
LEFT JOIN events f ON f.seq = a.finished_seq
LEFT JOIN people p ON p.employee_id = a.learner
WHERE a.started_at >= ?
ORDER BY a.started_at, a.started_seq
"""

_CSV_ACKS_SQL = """
SELECT 'acknowledgment', k.ack_id, k.learner, COALESCE(p.name, k.name), COALESCE(p.email, ''), COALESCE(p.school, ''),
       COALESCE(p.role, ''), COALESCE(k.district, p.district, ''), NULL, NULL, NULL, NULL, k.signed_at, k.valid_until,
       NULL, NULL, NULL, NULL, NULL, k.scores, k.name, k.content_revision, k.policy_version,
       e.identity, k.seq, k.event_hash, k.text_hash,
       k.signed_at AS sort_time, k.seq AS sort_seq
FROM acknowledgments k
JOIN events e ON e.seq = k.seq
LEFT JOIN people p ON p.employee_id = k.learner
WHERE k.signed_at >= ?
ORDER BY k.signed_at, k.seq
"""



def rows(conn: sqlite3.Connection, sql: str, *params: Any) -> Iterator[dict[str, Any]]:
    """Rows as dicts keyed by column name (sqlite-utils' `Database.query`, on our connection).

    sqlite-utils is imported here, on first use by an export or a certificate, not by the app:
    it costs about 60 ms to import, which the answer path and start-up do not pay.
    """
    import sqlite_utils

    database = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    yield from database.query(sql, params)


@dataclass
class ExportRows:
    attempts: list[dict[str, Any]] = field(default_factory=list)
    acknowledgments: list[dict[str, Any]] = field(default_factory=list)
    lessons: list[dict[str, Any]] = field(default_factory=list)
    voids: list[dict[str, Any]] = field(default_factory=list)
    acknowledgment_seqs: dict[str, list[int]] = field(default_factory=dict)  # learner -> seqs, oldest first


def export_rows(conn: sqlite3.Connection, floor: str, window: tuple[int, int], deployment_district: str) -> ExportRows:
    """Attempts, acknowledgments, lesson completions and corrections on or after `floor` with an
    event in `window` (first and last seq), as dict rows."""
    found = ExportRows(
        attempts=list(rows(conn, _ATTEMPTS_SQL, floor, *window, *window)),
        acknowledgments=list(rows(conn, _ACKS_SQL, floor, *window)),
        lessons=list(rows(conn, _LESSONS_SQL, deployment_district, floor, *window)),
        voids=list(rows(conn, _VOIDS_SQL, deployment_district, floor, *window)),
    )
    for learner, ack_seq in conn.execute("SELECT learner, seq FROM acknowledgments ORDER BY seq"):
        found.acknowledgment_seqs.setdefault(learner, []).append(ack_seq)
    return found


def csv_record_rows(conn: sqlite3.Connection, floor: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(attempt rows, acknowledgment rows) in the CSV's column order, each ending in two sort keys."""
    return conn.execute(_CSV_ATTEMPTS_SQL, (floor,)).fetchall(), conn.execute(_CSV_ACKS_SQL, (floor,)).fetchall()


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
