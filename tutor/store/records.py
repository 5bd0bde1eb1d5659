"""One handle on a records database: the event log, people and settings."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from typing import TYPE_CHECKING

from tutor.domain.clock import Clock, SystemClock
from tutor.store.database import open_connection, open_readonly
from tutor.store.settings import Settings

if TYPE_CHECKING:
    import sqlite_utils

    from tutor.store.event_log import EventLog
    from tutor.store.people import People


class Records:
    def __init__(self, path: str | Path | None = None, clock: Clock | None = None, readonly: bool = False):
        """Open the records; `readonly` opens an existing database without creating or writing anything."""
        self.clock = clock or SystemClock()
        self.conn = open_readonly(path) if readonly else open_connection(path, self.clock)
        self.path = path
        self.settings = Settings(self.conn)

    # The log and the roster are made on first use, so a read-only report does not import them.
    @cached_property
    def events(self) -> EventLog:
        from tutor.store.event_log import EventLog

        return EventLog(self.conn, self.clock)

    @cached_property
    def people(self) -> People:
        from tutor.store.people import People

        return People(self.conn, self.clock)

    @cached_property
    def db(self) -> "sqlite_utils.Database":
        """The same connection as a sqlite-utils Database, for queries and reports.

        Made on first use: importing sqlite-utils costs start-up time the app does not need.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()
