"""Opening the records database: location, pragmas, schema version and migrations."""

from __future__ import annotations

from tutor.errors import TutorError

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from tutor.domain.clock import Clock, SystemClock, iso
from tutor.store import schema

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000


class StoreError(TutorError):
    """A records problem the user must hear about in plain words."""


class NewerSchemaError(StoreError):
    """The database was written by a newer tutor; it is left untouched."""


def default_db_path() -> Path:
    """`TUTOR_DB`, else `tutor.db` in the platform's user data folder."""
    env = os.environ.get("TUTOR_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("tutor", appauthor=False)) / "tutor.db"


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection with the pragmas every writer needs (WAL, foreign keys, busy timeout)."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE) so that
    # every write takes the write lock before it reads what it depends on.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = _switch_to_wal(conn)
    if str(path) != ":memory:" and mode.lower() != "wal":
        raise StoreError(f"could not switch {path} to WAL journal mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """Turn on WAL, waiting out other writers.

    Switching a brand-new database's journal mode needs the write lock and SQLite does not
    apply the busy timeout to it, so when a whole lab opens a new database at once some
    connections are told "database is locked" at once; retry them for up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


@contextmanager
def transaction(conn: sqlite3.Connection, durable: bool = False) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    `durable=True` commits with synchronous=FULL, for records (acknowledgments) that must
    survive a power cut the moment they are reported as saved.
    """
    if durable:
        conn.execute("PRAGMA synchronous = FULL")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _is_full(exc):
                raise StoreError(
                    "the disk holding the records is full, so nothing was saved. Free some space, then try again: "
                    "everything saved before this is kept."
                ) from None
            if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace("-", "").replace(" ", ""):
                raise StoreError(
                    "the records database is read-only here, so nothing was saved. "
                    "Ask whoever runs this computer to make it writable for this account."
                ) from None
            raise
    finally:
        if durable:
            conn.execute("PRAGMA synchronous = NORMAL")


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN ... COMMIT around reads: every query inside sees one consistent state (WAL), so a
    report's rows and the chain head it prints agree even while staff keep training."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def _is_full(exc: sqlite3.OperationalError) -> bool:
    return "full" in str(exc) or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL


def schema_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, clock: Clock | None = None, target: int | None = None) -> int:
    """Bring the schema forward to `target`; refuse a database newer than this tutor knows."""
    clock = clock or SystemClock()
    latest = len(schema.MIGRATIONS)
    target = latest if target is None else target
    with transaction(conn):
        current = schema_version(conn)
        if current > latest:
            raise NewerSchemaError(
                f"this records database has schema version {current}, but this tutor understands "
                f"versions up to {latest}. It was written by a newer tutor: upgrade tutor "
                "to open it. The database has not been changed."
            )
        if current == 0:
            conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for version in range(current + 1, target + 1):
            for statement in _statements(schema.MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, iso(clock.now())))
        return max(current, target)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def open_database(path: str | Path | None = None, clock: Clock | None = None) -> "sqlite_utils.Database":
    """Open (creating and migrating as needed) the records database, as a sqlite-utils Database."""
    import sqlite_utils

    return sqlite_utils.Database(open_connection(path, clock))


def _peek_version(path: Path) -> int | None:
    """The schema version of an existing database, read without writing a byte; None if unreadable."""
    # Without a write-ahead log beside it nobody is writing: read it as immutable, which leaves
    # no -wal or -shm file behind (even "mode=ro" makes them for a WAL database).
    mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except sqlite3.Error:
        return None
    try:
        return schema_version(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _refuse_newer(path: Path, version: int | None) -> None:
    latest = len(schema.MIGRATIONS)
    if version is not None and version > latest:
        raise NewerSchemaError(
            f"this records database has schema version {version}, but this tutor understands "
            f"versions up to {latest}. It was written by a newer tutor: upgrade tutor "
            "to open it. The database has not been changed."
        )


def open_readonly(path: str | Path | None = None) -> sqlite3.Connection:
    """Open an existing records database for reading only: nothing is created, migrated or written.

    Works on a read-only file or folder (then the database is read as it is on disk).
    """
    path = Path(path) if path is not None else default_db_path()
    if not path.is_file():
        raise StoreError(f"there is no records database at {path}")
    _refuse_newer(path, _peek_version(path))
    uri = path.resolve().as_uri()
    # With a write-ahead log beside it the database may be in use: read a consistent snapshot.
    # Without one nobody is writing, so read the file as it stands and leave nothing beside it
    # (an evidence copy stays exactly as it was, even in a folder we could write to).
    live = Path(f"{path}-wal").exists()
    modes = ("mode=ro", "immutable=1") if live else ("immutable=1",)
    for mode in modes:
        try:
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            break
        except sqlite3.Error as exc:
            problem = exc
    else:
        raise StoreError(f"cannot read records database {path}: {problem}") from None
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a tutor records database, or its schema is damaged ({exc})") from None
    if version < len(schema.MIGRATIONS):
        conn.close()
        raise StoreError(
            f"{path} has schema version {version} and must be upgraded before it can be checked: "
            "open it once with this tutor (any command that writes, such as `tutor report`), then verify again"
        )
    return conn


def open_connection(path: str | Path | None = None, clock: Clock | None = None) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the records database."""
    path = Path(path) if path is not None else default_db_path()
    if str(path) != ":memory:" and path.exists():
        # Refuse a newer database before any connection that could write to it (even the switch
        # to WAL changes bytes in its header).
        _refuse_newer(path, _peek_version(path))
    try:
        conn = connect(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open records database {path}: {exc}") from None
    try:
        migrate(conn, clock)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a tutor records database, or its schema is damaged ({exc})") from None
    except NewerSchemaError:
        conn.close()
        raise
    return conn
