"""Certification status, renewal and overdue rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


EXPIRING_SOON_DAYS = 30

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
AWAITING_SIGNATURE = "passed, awaiting signature"
CERTIFIED = "certified"
EXPIRING_SOON = "expiring soon"
EXPIRED = "expired"
REACKNOWLEDGE = "re-acknowledgment needed"
STATUSES = (NOT_STARTED, IN_PROGRESS, AWAITING_SIGNATURE, CERTIFIED, EXPIRING_SOON, EXPIRED, REACKNOWLEDGE)


@dataclass(frozen=True)
class Status:
    state: str
    valid_until: date | None = None
    overdue: bool = False
    due: date | None = None
    detail: str = ""

    @property
    def certified(self) -> bool:
        return self.state in (CERTIFIED, EXPIRING_SOON)

    def label(self) -> str:
        """Plain words for a person: 'certified until 2027-11-24', 'not started (overdue)'."""
        text = self.state
        if self.state in (CERTIFIED, EXPIRING_SOON) and self.valid_until:
            text = f"certified until {self.valid_until.isoformat()}"
            if self.state == EXPIRING_SOON:
                text = f"expiring soon ({self.valid_until.isoformat()})"
        elif self.state == EXPIRED and self.valid_until:
            text = f"expired {self.valid_until.isoformat()}"
        if self.overdue:
            text += " (overdue)"
        return text


def valid_until(signed_at: datetime, renewal_days: int) -> datetime:
    return signed_at + timedelta(days=renewal_days)


@dataclass(frozen=True)
class Standing:
    """The facts a status depends on, whether read from events or from report queries."""

    latest_valid_until: datetime | None
    latest_policy_version: str | None
    all_required_passed: bool
    started: bool


def status_of(
    standing: Standing,
    policy_version: str,
    now: datetime,
    hire_date: date | None = None,
    end_date: date | None = None,
    due_days: int = 30,
) -> Status:
    """Where a learner stands. Order matters: a valid certification outranks everything else."""
    until = standing.latest_valid_until
    same_policy = standing.latest_policy_version == policy_version
    if until and until > now and same_policy:
        state = EXPIRING_SOON if until - now <= timedelta(days=EXPIRING_SOON_DAYS) else CERTIFIED
        return Status(state, valid_until=until.date())
    due = hire_date + timedelta(days=due_days) if hire_date else None
    left = end_date is not None and end_date <= now.date()
    overdue = bool(due and now.date() > due and not left)
    detail = "renewal in progress" if standing.started and until else ""
    if until and not same_policy:
        return Status(REACKNOWLEDGE, valid_until=until.date(), due=due,
                      detail="the policy changed since the last acknowledgment")
    if standing.all_required_passed:
        return Status(AWAITING_SIGNATURE, overdue=overdue, due=due)
    if until:
        # An expired certification is overdue from the day it lapsed.
        return Status(EXPIRED, valid_until=until.date(), overdue=not left, due=due, detail=detail)
    if standing.started:
        return Status(IN_PROGRESS, overdue=overdue, due=due)
    return Status(NOT_STARTED, overdue=overdue, due=due)
