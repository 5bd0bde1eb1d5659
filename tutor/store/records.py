"""One handle on a records database: the event log, people and settings."""

from __future__ import annotations

from pathlib import Path

from tutor.domain.clock import Clock, SystemClock
from tutor.store.database import open_database
from tutor.store.event_log import EventLog
from tutor.store.people import People
from tutor.store.settings import Settings


class Records:
    def __init__(self, path: str | Path | None = None, clock: Clock | None = None):
        self.clock = clock or SystemClock()
        self.db = open_database(path, self.clock)
        self.path = path
        self.events = EventLog(self.db, self.clock)
        self.people = People(self.db, self.clock)
        self.settings = Settings(self.db)

    def close(self) -> None:
        self.db.conn.close()
