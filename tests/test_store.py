"""The records store: schema migrations, WAL, refusing newer schemas, an append-only chained log."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from tutor.domain.clock import FixedClock
from tutor.domain.events import GENESIS_HASH, NewEvent, canonical_json, event_hash
from tutor.store import schema
from tutor.store.database import NewerSchemaError, StoreError, connect, migrate, open_database, schema_version
from tutor.store.event_log import EventLog
from tutor.store.projections import rebuild
from tutor.store.records import Records


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc))


def test_new_database_is_migrated_to_latest_and_uses_wal(tmp_path, clock):
    db = open_database(tmp_path / "r.db", clock)
    assert schema_version(db.conn) == schema.LATEST_VERSION
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert {"events", "attempts", "answers", "acknowledgments", "people", "settings"} <= set(db.table_names())


def test_migrations_run_forward_one_version_at_a_time(tmp_path, clock, monkeypatch):
    path = tmp_path / "r.db"
    open_database(path, clock).conn.close()
    # A future migration adds a column; opening again applies only that one.
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + ["ALTER TABLE people ADD COLUMN nickname TEXT;"])
    conn = connect(path)
    assert migrate(conn, clock, target=len(schema.MIGRATIONS)) == len(schema.MIGRATIONS)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(people)")]
    assert "nickname" in columns
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, len(schema.MIGRATIONS) + 1))


def test_newer_schema_is_refused_and_left_untouched(tmp_path, clock):
    path = tmp_path / "r.db"
    db = open_database(path, clock)
    db.conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')", (schema.LATEST_VERSION + 1,))
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer tutor"):
        open_database(path, clock)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path, clock):
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a tutor records database|cannot open"):
        open_database(path, clock)


def test_events_are_chained_and_cannot_be_updated_or_deleted(tmp_path, clock):
    records = Records(tmp_path / "r.db", clock)
    first = records.events.append(NewEvent("learner.signed_in", "E1", {"district": "ces"}, "pin"))
    clock.advance(seconds=5)
    second = records.events.append(NewEvent("learner.signed_in", "E1", {"district": "ces"}, "pin"))
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert second.hash == event_hash(
        second.seq, second.ts, second.type, "E1", "pin", canonical_json({"district": "ces"}), first.hash
    )
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        records.db.conn.execute("UPDATE events SET payload = '{}' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        records.db.conn.execute("DELETE FROM events WHERE seq = 1")
    # The store's API has no way to change or remove an event.
    public = {name for name in dir(EventLog) if not name.startswith("_")}
    assert not public & {"update", "delete", "remove", "edit", "replace", "truncate"}
    assert records.events.count() == 2


def test_a_refusing_guard_writes_nothing(tmp_path, clock):
    records = Records(tmp_path / "r.db", clock)

    def refuse(events):
        raise PermissionError("not allowed")

    with pytest.raises(PermissionError):
        records.events.append(NewEvent("x", "E1", {}, "pin"), guard=refuse)
    assert records.events.count() == 0


def test_derived_tables_rebuild_from_the_log(tmp_path, clock):
    records = Records(tmp_path / "r.db", clock)
    started = {
        "attempt": "a1", "kind": "quiz", "district": "ces", "topics": ["passwords"], "lesson": "passwords",
        "questions": [{"id": "q1", "topic": "passwords", "choices": ["x", "y"]}], "pass_mark": 0.8,
        "policy_version": "p", "content_revision": "c",
    }
    records.events.append_all([
        NewEvent("attempt.started", "E1", started, "pin"),
        NewEvent("attempt.answered", "E1", {"attempt": "a1", "position": 0, "question": "q1", "chosen": ["x"], "correct": True}, "pin"),
        NewEvent("attempt.finished", "E1", {"attempt": "a1", "correct": 1, "total": 1, "score": 1.0, "passed": True, "duration_s": 3.0}, "pin"),
    ])
    before = list(records.db.query("SELECT * FROM attempts"))
    assert before[0]["passed"] == 1
    assert rebuild(records.db.conn) == 3
    assert list(records.db.query("SELECT * FROM attempts")) == before
    assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
