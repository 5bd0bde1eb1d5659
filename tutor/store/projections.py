"""Tables derived from the event log, kept in step with it in the same transaction.

attempts, answers and acknowledgments hold one row per attempt, answer and signature;
topic_passes one row per topic an attempt passed; standings one row per learner with their
latest acknowledgment, latest training activity and latest finished attempt; voids one row per
record a trainer voided. A voided record keeps its rows (marked by its row in voids) but passes
nothing and stands for nothing: its topic passes go, and the learner's standing is what their
other records give.
They exist so reports over thousands of staff need not replay every event; `rebuild`
recreates them from the log alone, which is the record of truth.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable

from tutor.domain import events as ev
from tutor.domain import payloads as pl
from tutor.domain.progress import topics_passed
from tutor.domain.clock import parse_iso
from tutor.domain.events import Event, canonical_json

# In an order that deletes rows before the rows they refer to.
DERIVED_TABLES = ("voids", "standings", "topic_passes", "answers", "acknowledgments", "attempts", "approved_rules")
# Events that show a learner began (or resumed) training in the current cycle.
ACTIVITY_TYPES = (ev.STEP_VIEWED, ev.LESSON_COMPLETED, ev.ATTEMPT_STARTED)


def _upsert(*columns: str) -> str:
    """Set some of a learner's standing columns, creating their row on first sight."""
    return (
        f"INSERT INTO standings (learner, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})"
        f" ON CONFLICT (learner) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in columns)}"
    )


_ACTIVITY = _upsert("activity_seq")
_LAST_ATTEMPT = _upsert("last_attempt_seq", "last_score", "last_attempt_at")
_LATEST_ACK = _upsert("ack_seq", "signed_at", "valid_until", "policy_version")


def project(conn: sqlite3.Connection, event: Event) -> None:
    """Apply one event to the derived tables (inside the caller's transaction)."""
    data = event.data
    if event.type in ACTIVITY_TYPES and event.learner is not None:
        conn.execute(_ACTIVITY, (event.learner, event.seq))
    if isinstance(data, pl.AttemptStarted):
        conn.execute(
            "INSERT INTO attempts (attempt_id, learner, district, kind, topics, questions, started_at, total,"
            " content_revision, policy_version, started_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data.attempt, event.learner, data.district, data.kind, canonical_json(list(data.topics)),
                canonical_json([q.id for q in data.questions]), event.ts, len(data.questions),
                data.content_revision, data.policy_version, event.seq,
            ),
        )
    elif isinstance(data, pl.AnswerRecorded):
        conn.execute(
            "INSERT INTO answers (attempt_id, position, learner, question_id, chosen, correct, answered_at, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data.attempt, data.position, event.learner, data.question, canonical_json(sorted(data.chosen)),
                int(data.correct), event.ts, event.seq,
            ),
        )
    elif isinstance(data, pl.AttemptFinished):
        row = conn.execute(
            "SELECT started_at, learner, kind, topics, policy_version, started_seq FROM attempts WHERE attempt_id = ?",
            (data.attempt,),
        ).fetchone()
        if row is None:
            return
        started_at, learner, kind, topics, version, started_seq = row
        duration = data.duration_s
        if duration is None:
            duration = (parse_iso(event.ts) - parse_iso(started_at)).total_seconds()
        topic_results = event.payload.get("topic_results", {})
        conn.execute(
            "UPDATE attempts SET finished_at = ?, correct = ?, score = ?, passed = ?, duration_s = ?, topic_results = ?,"
            " finished_seq = ? WHERE attempt_id = ?",
            (event.ts, data.correct, data.score, int(data.passed), duration,
             canonical_json(topic_results), event.seq, data.attempt),
        )
        conn.execute(_LAST_ATTEMPT, (learner, event.seq, data.score, event.ts))
        conn.executemany(
            "INSERT INTO topic_passes (attempt_id, topic, learner, policy_version, started_seq, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(data.attempt, topic, learner, version, started_seq, event.ts)
             for topic in topics_passed(kind, json.loads(topics), data)],
        )
    elif isinstance(data, pl.ContentApproved):
        conn.execute(
            "INSERT OR IGNORE INTO approved_rules (district, digest, seq, approved_at, source) VALUES (?, ?, ?, ?, ?)",
            (data.district, data.rules_digest, event.seq, event.ts, event.identity),
        )
    elif isinstance(data, pl.Acknowledged):
        conn.execute(
            "INSERT INTO acknowledgments (ack_id, learner, district, name, signed_at, valid_until, text_hash,"
            " policy_version, content_revision, scores, seq, event_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data.ack_id, event.learner, data.district, data.name, event.ts, data.valid_until, data.text_hash,
                data.policy_version, data.content_revision, canonical_json(event.payload["scores"]), event.seq,
                event.hash,
            ),
        )
        conn.execute(_LATEST_ACK, (event.learner, event.seq, event.ts, data.valid_until, data.policy_version))
    elif isinstance(data, pl.RecordVoided) and event.learner is not None:
        conn.execute(
            "INSERT INTO voids (record, kind, learner, reason, voided_at, seq) VALUES (?, ?, ?, ?, ?, ?)",
            (data.record, data.kind, event.learner, data.reason, event.ts, event.seq),
        )
        conn.execute("DELETE FROM topic_passes WHERE attempt_id = ?", (data.record,))
        _restand(conn, event.learner)


# A learner's standing from their records that are not voided (after a correction).
_RESTAND = """
INSERT INTO standings (learner, ack_seq, signed_at, valid_until, policy_version, activity_seq,
                       last_attempt_seq, last_score, last_attempt_at)
SELECT :learner, COALESCE(k.seq, 0), k.signed_at, k.valid_until, k.policy_version,
       COALESCE((SELECT MAX(e.seq) FROM events e
                 WHERE e.learner = :learner AND e.type IN ('lesson.step_viewed', 'lesson.completed', 'attempt.started')
                   AND COALESCE(json_extract(e.payload, '$.attempt'), e.hash) NOT IN
                       (SELECT record FROM voids WHERE learner = :learner)), 0),
       COALESCE(a.finished_seq, 0), a.score, a.finished_at
FROM (SELECT 1) LEFT JOIN
     (SELECT * FROM acknowledgments WHERE learner = :learner
        AND ack_id NOT IN (SELECT record FROM voids WHERE learner = :learner) ORDER BY seq DESC LIMIT 1) k
LEFT JOIN
     (SELECT * FROM attempts WHERE learner = :learner AND finished_seq IS NOT NULL
        AND attempt_id NOT IN (SELECT record FROM voids WHERE learner = :learner) ORDER BY finished_seq DESC LIMIT 1) a
WHERE true  -- (so SQLite reads the ON below as the upsert's, not the join's)
ON CONFLICT (learner) DO UPDATE SET ack_seq = excluded.ack_seq, signed_at = excluded.signed_at,
    valid_until = excluded.valid_until, policy_version = excluded.policy_version,
    activity_seq = excluded.activity_seq, last_attempt_seq = excluded.last_attempt_seq,
    last_score = excluded.last_score, last_attempt_at = excluded.last_attempt_at
"""


def _restand(conn: sqlite3.Connection, learner: str) -> None:
    conn.execute(_RESTAND, {"learner": learner})


def rebuild(conn: sqlite3.Connection) -> int:
    """Recreate every derived row from the event log; returns the number of events replayed."""
    from tutor.store.database import transaction
    from tutor.store.event_log import _COLUMNS, _row_to_event

    with transaction(conn):
        for table in DERIVED_TABLES:
            conn.execute(f"DELETE FROM {table}")
        count = 0
        for row in conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq").fetchall():
            project(conn, _row_to_event(row))
            count += 1
    return count


# Each derived table's key, to name a row in a problem.
_KEYS = {
    "standings": ("learner",),
    "topic_passes": ("attempt_id", "topic"),
    "answers": ("attempt_id", "position"),
    "acknowledgments": ("ack_id",),
    "attempts": ("attempt_id",),
    "approved_rules": ("district", "digest"),
    "voids": ("record",),
}


def derived_differences(conn: sqlite3.Connection, events: list[Event]) -> list[str]:
    """Rebuild every derived table from `events` in a scratch database and name each row that differs.

    A row written straight into a derived table (someone "certified until 2099" with no event
    behind it), a row changed, or a row missing all show up here.
    """
    from tutor.store.database import migrate

    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(scratch)
        replayed = replay_into(scratch, events)
        if replayed:
            return replayed
        problems: list[str] = []
        for table, key in _KEYS.items():
            problems += _compare(table, key, _rows(conn, table), _rows(scratch, table))
        return problems
    finally:
        scratch.close()


def replay_into(conn: sqlite3.Connection, events: Iterable[Event]) -> list[str]:
    """Write `events` as they are (seq, hashes and all) into an empty database with their derived rows.

    Returns the problem that stopped the replay, if any (an event whose payload cannot be applied).
    """
    for event in events:
        conn.execute(
            "INSERT INTO events (seq, ts, type, learner, identity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event.seq, event.ts, event.type, event.learner, event.identity, canonical_json(event.payload),
             event.prev_hash, event.hash),
        )
        try:
            project(conn, event)
        except (KeyError, TypeError, ValueError, sqlite3.DatabaseError) as exc:
            return [f"event {event.seq} ({event.type}) cannot be replayed: {exc.__class__.__name__}: {exc}"]
    return []


def _rows(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    cursor = conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _compare(
    table: str, key: tuple[str, ...], stored: list[dict[str, Any]], rebuilt: list[dict[str, Any]]
) -> list[str]:
    def name(row: dict[str, Any]) -> str:
        return f"{table} row " + ", ".join(f"{k}={row[k]}" for k in key)

    stored_by = {tuple(r[k] for k in key): r for r in stored}
    rebuilt_by = {tuple(r[k] for k in key): r for r in rebuilt}
    out: list[str] = []
    for k, row in stored_by.items():
        if k not in rebuilt_by:
            out.append(f"{name(row)} has no event behind it: it was written into the table, not recorded")
        elif row != rebuilt_by[k]:
            changed = sorted(c for c in row if row[c] != rebuilt_by[k].get(c))
            out.append(f"{name(row)} differs from what its events say ({', '.join(changed)})")
    for k, row in rebuilt_by.items():
        if k not in stored_by:
            out.append(f"{name(row)} is missing, although its events are in the log")
    return out
