"""How far each Learning Record Store has been sent statements (one row per statements endpoint)."""

from __future__ import annotations

import sqlite3

from tutor.domain.clock import Clock, SystemClock, iso
from tutor.store.database import transaction


class LrsCursors:
    """The last event whose statements an LRS is known to have stored, per endpoint.

    A sequence number, not a date: events are numbered in the order they were written, so
    "everything after event N" is exact where "everything since a day" is not.
    """

    def __init__(self, conn: sqlite3.Connection, clock: Clock | None = None):
        self.conn = conn
        self.clock = clock or SystemClock()

    def last_seq(self, endpoint: str) -> int:
        """0 when nothing was ever stored there."""
        row = self.conn.execute("SELECT last_seq FROM lrs_cursors WHERE endpoint = ?", (endpoint,)).fetchone()
        return row[0] if row else 0

    def advance(self, endpoint: str, last_seq: int, statements: int) -> None:
        """Record that the LRS has stored everything up to event `last_seq` (never moves back)."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO lrs_cursors (endpoint, last_seq, statements, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (endpoint) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq),"
                " statements = statements + excluded.statements, updated_at = excluded.updated_at",
                (endpoint, last_seq, statements, iso(self.clock.now())),
            )

    def all(self) -> list[tuple[str, int, int, str]]:
        """(endpoint, last event stored, statements sent, when) for every LRS ever pushed to."""
        return self.conn.execute(
            "SELECT endpoint, last_seq, statements, updated_at FROM lrs_cursors ORDER BY endpoint"
        ).fetchall()
