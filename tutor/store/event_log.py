"""The append-only, hash-chained event log. There is deliberately no way to update or delete."""

from __future__ import annotations

from tutor.errors import TutorError

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from tutor.domain.clock import Clock, SystemClock, iso
from tutor.domain.events import GENESIS_HASH, Event, NewEvent, canonical_json, event_hash
from tutor.store.database import transaction
from tutor.store.projections import project

if TYPE_CHECKING:
    from tutor.store.seal import Sealer

# A guard sees the learner's events so far (inside the write lock) and raises to refuse the write.
Guard = Callable[[list[Event]], None]


class AlreadyRecorded(TutorError):
    """The same answer (attempt and position) is already in the log; nothing was written."""


def _row_to_event(row: Sequence[Any]) -> Event:
    seq, ts, type_, learner, identity, payload, prev_hash, hash_ = row
    try:
        data = json.loads(payload)
    except (TypeError, ValueError):
        from tutor.store.database import StoreError

        raise StoreError(
            f"event {seq} ({type_}) in the records is damaged: its payload is not JSON. "
            "Run `tutor verify` and restore the records from a backup."
        ) from None
    return Event(seq, ts, type_, learner, data, identity, prev_hash, hash_)


def row_to_event_leniently(row: Sequence[Any]) -> Event:
    """An event as stored, even when its payload is not JSON (then the raw text stands in for it)."""
    seq, ts, type_, learner, identity, payload, prev_hash, hash_ = row
    try:
        data = json.loads(payload)
    except (TypeError, ValueError):
        data = payload
    return Event(seq, ts, type_, learner, data, identity, prev_hash, hash_)


_COLUMNS = "seq, ts, type, learner, identity, payload, prev_hash, hash"


class EventLog:
    """Appends events under BEGIN IMMEDIATE, each chained to the hash of the one before."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock | None = None):
        self.conn = conn
        self.clock = clock or SystemClock()
        self._sealer_cache: Sealer | None = None

    def append_decided(
        self, learner: str, decide: Callable[[list[Event]], list[NewEvent]], durable: bool = False
    ) -> tuple[list[Event], list[Event]]:
        """Read `learner`'s events under the write lock, let `decide` choose what to write, write it.

        `decide` sees the learner's whole history as it stands inside the lock and returns the
        events to append (possibly none), or raises to refuse. Returns (history, appended): the
        caller brings what it derived from the history up to date with the appended events
        instead of reading the history again.
        """
        history: list[Event] = []

        def guard(events: list[Event]) -> None:
            history.extend(events)

        def events_after_guard() -> list[NewEvent]:
            return decide(history)

        return history, self._append(events_after_guard, guard, learner, durable)

    def append(self, event: NewEvent, guard: Guard | None = None, durable: bool = False) -> Event:
        """Append one event atomically; see `append_all`."""
        return self.append_all([event], guard=guard, durable=durable)[-1]

    def append_all(self, events: list[NewEvent], guard: Guard | None = None, durable: bool = False) -> list[Event]:
        """Append events in one transaction, with their derived rows.

        The guard runs inside the write lock with the learner's events, so a rule it checks
        (such as "passed every quiz before signing") cannot be raced past by another process.
        If the guard or any projection raises, nothing is written.
        """
        return self._append(lambda: events, guard, events[0].learner if events else None, durable)

    def _append(
        self, make: Callable[[], list[NewEvent]], guard: Guard | None, learner: str | None, durable: bool
    ) -> list[Event]:
        stored: list[Event] = []
        sealer = None
        try:
            with transaction(self.conn, durable=durable):
                sealer = self._sealer()
                if guard is not None:
                    guard(self._learner_events(learner))
                events = make()
                seq, prev = self._head_locked()
                for new in events:
                    seq += 1
                    ts = iso(self.clock.now())
                    payload_json = canonical_json(new.payload)
                    digest = event_hash(seq, ts, new.type, new.learner, new.identity, payload_json, prev)
                    self.conn.execute(
                        f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (seq, ts, new.type, new.learner, new.identity, payload_json, prev, digest),
                    )
                    event = Event(seq, ts, new.type, new.learner, json.loads(payload_json), new.identity, prev, digest)
                    if sealer is not None:
                        self.conn.execute(
                            "INSERT INTO seals (seq, signature) VALUES (?, ?)", (seq, sealer.sign(seq, digest))
                        )
                    project(self.conn, event)
                    stored.append(event)
                    prev = digest
        except sqlite3.IntegrityError as exc:
            if "answers" in str(exc):
                raise AlreadyRecorded("that answer is already recorded") from None
            raise
        if sealer is not None and stored:
            last = stored[-1]
            signature = self.conn.execute("SELECT signature FROM seals WHERE seq = ?", (last.seq,)).fetchone()[0]
            sealer.write_head(last.seq, last.hash, signature)
        return stored

    def _sealer(self) -> Sealer | None:
        """The sealing key these records name (read each write: sealing may start while the app runs)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'seal.key_file'").fetchone()
        if row is None:
            return None
        from tutor.store.seal import Sealer

        if self._sealer_cache is None or self._sealer_cache.key_file != Path(row[0]):
            self._sealer_cache = Sealer(row[0])
        return self._sealer_cache

    def _head_locked(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    def head(self) -> tuple[int, str]:
        """(sequence number, hash) of the newest event; (0, genesis) when empty."""
        return self._head_locked()

    def _learner_events(self, learner: str | None) -> list[Event]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE learner IS ? ORDER BY seq", (learner,)
        ).fetchall()
        return [_row_to_event(r) for r in rows]

    def for_learner(self, learner: str) -> list[Event]:
        """Every event of one learner, oldest first."""
        return self._learner_events(learner)

    def all(self, after_seq: int = 0) -> Iterator[Event]:
        """Every event after `after_seq`, oldest first."""
        cursor = self.conn.execute(f"SELECT {_COLUMNS} FROM events WHERE seq > ? ORDER BY seq", (after_seq,))
        for row in cursor:
            yield _row_to_event(row)

    def all_leniently(self) -> list[Event]:
        """Every event, oldest first, even those whose payload is damaged (for `tutor verify`)."""
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq").fetchall()
        return [row_to_event_leniently(r) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
