"""`tutor verify`: names changed, inserted and removed events; proves a head is still there."""

from __future__ import annotations


from click.testing import CliRunner

from tests.test_training import certify
from tutor.cli.main import cli
from tutor.domain.events import canonical_json


def run(*args):
    return CliRunner().invoke(cli, ["verify", *args])


def raw(records):
    """A connection that bypasses the store, as someone editing the file would."""
    conn = records.db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TRIGGER events_are_never_updated")
    conn.execute("DROP TRIGGER events_are_never_deleted")
    return conn


def test_an_intact_chain_passes_with_a_one_line_summary(records, training, tmp_path):
    certify(training)
    result = run("--db", str(tmp_path / "records.db"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("OK:") and "chain intact" in lines[0]


def test_a_changed_event_is_named(records, training, tmp_path):
    certify(training)
    conn = raw(records)
    conn.execute("UPDATE events SET payload = ? WHERE seq = 5", (canonical_json({"tampered": True}),))
    result = run("--db", str(tmp_path / "records.db"))
    assert result.exit_code == 1
    assert "event 5 (" in result.output and "was changed" in result.output


def test_a_changed_event_with_a_recomputed_hash_is_caught_by_the_next_link(records, training, tmp_path):
    from tutor.domain.events import event_hash

    certify(training)
    conn = raw(records)
    seq, ts, type_, learner, identity, prev = conn.execute(
        "SELECT seq, ts, type, learner, identity, prev_hash FROM events WHERE seq = 7").fetchone()
    payload = canonical_json({"forged": 1})
    conn.execute("UPDATE events SET payload = ?, hash = ? WHERE seq = 7",
                 (payload, event_hash(seq, ts, type_, learner, identity, payload, prev)))
    result = run("--db", str(tmp_path / "records.db"))
    assert result.exit_code == 1
    assert "event 7 was changed (its hash recomputed) or replaced: event 8 does not link to it" in result.output


def test_removed_events_are_named(records, training, tmp_path):
    certify(training)
    conn = raw(records)
    conn.execute("DELETE FROM events WHERE seq IN (3, 4)")
    result = run("--db", str(tmp_path / "records.db"))
    assert result.exit_code == 1
    assert "event(s) 3-4 were removed" in result.output


def test_an_inserted_event_is_named(records, training, tmp_path):
    from tutor.domain.events import event_hash

    certify(training)
    conn = raw(records)
    rows = conn.execute("SELECT seq, ts, type, learner, identity, payload, prev_hash FROM events WHERE seq >= 6 ORDER BY seq DESC").fetchall()
    # Shift events 6.. up by one, rehashing each with its own (unchanged) link, and forge a new event 6.
    for seq, ts, type_, learner, identity, payload, prev in rows:
        conn.execute("UPDATE events SET seq = ?, hash = ? WHERE seq = ?",
                     (seq + 1, event_hash(seq + 1, ts, type_, learner, identity, payload, prev), seq))
    prev5 = conn.execute("SELECT hash FROM events WHERE seq = 5").fetchone()[0]
    forged = canonical_json({"forged": True})
    conn.execute("INSERT INTO events (seq, ts, type, learner, identity, payload, prev_hash, hash) VALUES (6, 'x', 'forged', 'E100', 'pin', ?, ?, ?)",
                 (forged, prev5, event_hash(6, "x", "forged", "E100", "pin", forged, prev5)))
    result = run("--db", str(tmp_path / "records.db"))
    assert result.exit_code == 1
    assert "event 6 (forged) was inserted: event 7 links past it" in result.output


def test_removing_the_latest_events_is_caught_with_the_head(records, training, tmp_path):
    certify(training)
    head = records.events.head()[1]
    assert run("--db", str(tmp_path / "records.db"), "--head", head).exit_code == 0
    conn = raw(records)
    last = records.events.head()[0]
    conn.execute("DELETE FROM events WHERE seq > ?", (last - 2,))
    plain = run("--db", str(tmp_path / "records.db"))
    # The chain itself is still consistent, but the tables derived from the removed events are not...
    assert plain.exit_code == 1 and "chain" not in plain.output and "has no event behind it" in plain.output
    result = run("--db", str(tmp_path / "records.db"), "--head", head)
    assert result.exit_code == 1  # ...and the head from an export proves events were removed
    assert f"head {head} is not in the chain" in result.output
