"""Tables derived from the event log (attempts, answers, acknowledgments), kept in step with it.

They exist so reports over thousands of staff need not replay every event; `rebuild`
recreates them from the log alone, which is the record of truth.
"""

from __future__ import annotations

import sqlite3

from tutor.domain import events as ev
from tutor.domain.clock import parse_iso
from tutor.domain.events import Event, canonical_json

DERIVED_TABLES = ("answers", "acknowledgments", "attempts")


def project(conn: sqlite3.Connection, event: Event) -> None:
    """Apply one event to the derived tables (inside the caller's transaction)."""
    p = event.payload
    if event.type == ev.ATTEMPT_STARTED:
        conn.execute(
            "INSERT INTO attempts (attempt_id, learner, district, kind, topics, questions, started_at, total,"
            " content_revision, policy_version, started_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["attempt"], event.learner, p["district"], p["kind"], canonical_json(p["topics"]),
                canonical_json([q["id"] for q in p["questions"]]), event.ts, len(p["questions"]),
                p["content_revision"], p["policy_version"], event.seq,
            ),
        )
    elif event.type == ev.ANSWER_RECORDED:
        conn.execute(
            "INSERT INTO answers (attempt_id, position, learner, question_id, chosen, correct, answered_at, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["attempt"], p["position"], event.learner, p["question"], canonical_json(sorted(p["chosen"])),
                int(p["correct"]), event.ts, event.seq,
            ),
        )
    elif event.type == ev.ATTEMPT_FINISHED:
        row = conn.execute("SELECT started_at FROM attempts WHERE attempt_id = ?", (p["attempt"],)).fetchone()
        duration = p.get("duration_s")
        if duration is None and row:
            duration = (parse_iso(event.ts) - parse_iso(row[0])).total_seconds()
        conn.execute(
            "UPDATE attempts SET finished_at = ?, correct = ?, score = ?, passed = ?, duration_s = ?, topic_results = ?,"
            " finished_seq = ? WHERE attempt_id = ?",
            (event.ts, p["correct"], p["score"], int(p["passed"]), duration,
             canonical_json(p.get("topic_results", {})), event.seq, p["attempt"]),
        )
    elif event.type == ev.ACKNOWLEDGED:
        conn.execute(
            "INSERT INTO acknowledgments (ack_id, learner, district, name, signed_at, valid_until, text_hash,"
            " policy_version, content_revision, scores, seq, event_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["ack_id"], event.learner, p["district"], p["name"], event.ts, p["valid_until"], p["text_hash"],
                p["policy_version"], p["content_revision"], canonical_json(p["scores"]), event.seq, event.hash,
            ),
        )


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
