"""Staff records (the roster), PINs, enrollment codes and failed sign-in counts. Ordinary tables."""

from __future__ import annotations

from tutor.errors import TutorError

from typing import Any, Callable

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlite3

from tutor.domain.clock import Clock, SystemClock, iso
from tutor.store.database import transaction


@dataclass(frozen=True)
class Person:
    employee_id: str
    name: str
    email: str = ""
    school: str = ""
    role: str = ""
    hire_date: date | None = None
    end_date: date | None = None
    district: str | None = None
    on_roster: bool = False
    extra: dict[str, Any] | None = None


def _to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _person(row: dict[str, Any]) -> Person:
    return Person(
        employee_id=row["employee_id"], name=row["name"], email=row["email"], school=row["school"],
        role=row["role"], hire_date=_to_date(row["hire_date"]), end_date=_to_date(row["end_date"]),
        district=row["district"], on_roster=bool(row["on_roster"]), extra=json.loads(row["extra"] or "{}"),
    )


class LockedOut(TutorError):
    """Too many recent wrong tries: this one was not checked. The message says how long to wait."""


class People:
    """Reads and writes staff records; every write is one transaction."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock | None = None):
        self.conn = conn
        self.clock = clock or SystemClock()

    def _query(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def get(self, employee_id: str) -> Person | None:
        rows = list(self._query("SELECT * FROM people WHERE employee_id = ?", [employee_id]))
        return _person(rows[0]) if rows else None

    def all(self) -> list[Person]:
        return [_person(r) for r in self._query("SELECT * FROM people ORDER BY name, employee_id")]

    def has_roster(self) -> bool:
        return self.conn.execute("SELECT 1 FROM people WHERE on_roster = 1 LIMIT 1").fetchone() is not None

    def upsert_many(self, people: list[Person]) -> tuple[int, int]:
        """Insert new people and update existing ones in one transaction; returns (added, updated).

        Nothing is ever deleted: someone who left keeps their records and gets an end date.
        """
        now = iso(self.clock.now())
        added = updated = 0
        with transaction(self.conn):
            for p in people:
                exists = self.conn.execute("SELECT 1 FROM people WHERE employee_id = ?", (p.employee_id,)).fetchone()
                values = (
                    p.name, p.email, p.school, p.role,
                    p.hire_date.isoformat() if p.hire_date else None,
                    p.end_date.isoformat() if p.end_date else None,
                    p.district, json.dumps(p.extra or {}, ensure_ascii=False, sort_keys=True), int(p.on_roster),
                )
                if exists:
                    self.conn.execute(
                        "UPDATE people SET name=?, email=?, school=?, role=?, hire_date=?, end_date=?, district=?,"
                        " extra=?, on_roster=?, updated_at=? WHERE employee_id=?",
                        (*values, now, p.employee_id),
                    )
                    updated += 1
                else:
                    self.conn.execute(
                        "INSERT INTO people (name, email, school, role, hire_date, end_date, district, extra, on_roster,"
                        " created_at, updated_at, employee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, now, now, p.employee_id),
                    )
                    added += 1
        return added, updated

    def add_if_missing(self, person: Person) -> Person:
        """Record a self-identified learner the first time they sign in (single-user mode)."""
        existing = self.get(person.employee_id)
        if existing:
            return existing
        self.upsert_many([person])
        return self.get(person.employee_id)  # type: ignore[return-value]

    # PINs -------------------------------------------------------------------------------------
    def pin_hash(self, employee_id: str) -> str | None:
        row = self.conn.execute("SELECT pin_hash FROM credentials WHERE employee_id = ?", (employee_id,)).fetchone()
        return row[0] if row else None

    # Enrollment codes ---------------------------------------------------------------------------
    def issue_code(self, employee_id: str, code_hash: str) -> None:
        """Add a one-time code for a person (earlier unused codes stay valid)."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO enrollment_codes (code_hash, employee_id, issued_at) VALUES (?, ?, ?)",
                (code_hash, employee_id, iso(self.clock.now())),
            )

    def replace_code(self, employee_id: str, code_hash: str) -> None:
        """Issue a code and withdraw the person's earlier unused ones, atomically."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM enrollment_codes WHERE employee_id = ? AND used_at IS NULL", (employee_id,))
            self.conn.execute(
                "INSERT INTO enrollment_codes (code_hash, employee_id, issued_at) VALUES (?, ?, ?)",
                (code_hash, employee_id, iso(self.clock.now())),
            )

    def with_unused_code(self) -> set[str]:
        """Employee ids holding an enrollment code that has not been used yet."""
        rows = self.conn.execute("SELECT DISTINCT employee_id FROM enrollment_codes WHERE used_at IS NULL")
        return {r[0] for r in rows}

    def issue_codes(self, codes: list[tuple[str, str]], withdraw_unused: bool = False) -> None:
        """Issue (employee_id, code_hash) pairs in one transaction, all or none.

        `withdraw_unused` first withdraws each person's earlier unused codes (a reissue); without
        it, codes already handed out stay valid.
        """
        now = iso(self.clock.now())
        with transaction(self.conn):
            if withdraw_unused:
                self.conn.executemany(
                    "DELETE FROM enrollment_codes WHERE employee_id = ? AND used_at IS NULL",
                    [(employee_id,) for employee_id, _ in codes],
                )
            self.conn.executemany(
                "INSERT INTO enrollment_codes (code_hash, employee_id, issued_at) VALUES (?, ?, ?)",
                [(code_hash, employee_id, now) for employee_id, code_hash in codes],
            )

    def reset_sign_in_locked(self, employee_id: str, code_hash: str, failure_subject: str) -> None:
        """Withdraw the PIN and unused codes, issue a new code and forget failed tries.

        Runs inside the caller's transaction (the reset's event is written in the same one).
        """
        self.conn.execute("DELETE FROM credentials WHERE employee_id = ?", (employee_id,))
        self.conn.execute("DELETE FROM enrollment_codes WHERE employee_id = ? AND used_at IS NULL", (employee_id,))
        self.conn.execute(
            "INSERT INTO enrollment_codes (code_hash, employee_id, issued_at) VALUES (?, ?, ?)",
            (code_hash, employee_id, iso(self.clock.now())),
        )
        self.conn.execute("DELETE FROM failed_logins WHERE subject = ?", (failure_subject,))

    def enroll(self, employee_id: str, code_hash: str, pin_hash: str) -> bool:
        """Use a one-time code and set the PIN, atomically. False if the code is not valid for them."""
        now = iso(self.clock.now())
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT used_at FROM enrollment_codes WHERE code_hash = ? AND employee_id = ?", (code_hash, employee_id)
            ).fetchone()
            if row is None or row[0] is not None:
                return False
            self.conn.execute("UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ?", (now, code_hash))
            self.conn.execute(
                "INSERT INTO credentials (employee_id, pin_hash, set_at) VALUES (?, ?, ?)"
                " ON CONFLICT(employee_id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at",
                (employee_id, pin_hash, now),
            )
        return True

    def unenrolled(self) -> list[Person]:
        """Roster people with no PIN yet: they need an enrollment code."""
        rows = self._query(
            "SELECT p.* FROM people p LEFT JOIN credentials c ON c.employee_id = p.employee_id"
            " WHERE c.employee_id IS NULL AND p.on_roster = 1 AND (p.end_date IS NULL OR p.end_date > ?)"
            " ORDER BY p.name, p.employee_id",
            [self.clock.now().date().isoformat()],
        )
        return [_person(r) for r in rows]

    # Failed sign-ins: counted in the database so every process sees them ----------------------
    def record_failure(self, subject: str) -> None:
        with transaction(self.conn):
            self.conn.execute("INSERT INTO failed_logins (subject, at) VALUES (?, ?)", (subject, iso(self.clock.now())))

    def count_try(self, subject: str, window: timedelta, refusal: Callable[[list[datetime]], str | None]) -> None:
        """Count a try at a secret *before* it is checked, inside the write lock.

        `refusal` sees the recent failures and returns a message to refuse this try (nothing is
        written) or None to allow it; an allowed try is stored as a failure straight away and only
        a right secret clears it (`clear_failures`). So guesses sent all at once are counted one
        by one, and no more get checked than the limit allows.
        """
        with transaction(self.conn):
            message = refusal(self._recent_failures(subject, window))
            if message is not None:
                raise LockedOut(message)
            self.conn.execute("INSERT INTO failed_logins (subject, at) VALUES (?, ?)", (subject, iso(self.clock.now())))

    def recent_failures(self, subject: str, window: timedelta) -> list[datetime]:
        return self._recent_failures(subject, window)

    def _recent_failures(self, subject: str, window: timedelta) -> list[datetime]:
        since = iso(self.clock.now() - window)
        rows = self.conn.execute(
            "SELECT at FROM failed_logins WHERE subject = ? AND at > ? ORDER BY at", (subject, since)
        ).fetchall()
        return [datetime.fromisoformat(r[0].replace("Z", "+00:00")) for r in rows]

    def clear_failures(self, subject: str) -> None:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM failed_logins WHERE subject = ?", (subject,))
