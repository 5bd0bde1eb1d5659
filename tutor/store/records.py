"""One handle on a records database: the event log, people and settings."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from tutor.domain.clock import Clock, SystemClock
from tutor.store.database import open_connection
from tutor.store.event_log import EventLog
from tutor.store.people import People
from tutor.store.settings import Settings


class Records:
    def __init__(self, path: str | Path | None = None, clock: Clock | None = None):
        self.clock = clock or SystemClock()
        self.conn = open_connection(path, self.clock)
        self.path = path
        self.events = EventLog(self.conn, self.clock)
        self.people = People(self.conn, self.clock)
        self.settings = Settings(self.conn)

    @cached_property
    def db(self):
        """The same connection as a sqlite-utils Database, for queries and reports.

        Made on first use: importing sqlite-utils costs start-up time the app does not need.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()
