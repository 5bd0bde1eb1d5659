"""Certification status, renewal and overdue rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


EXPIRING_SOON_DAYS = 30
_EXPIRING_SOON = timedelta(days=EXPIRING_SOON_DAYS)

# The one vocabulary of statuses: the app, the report (table, CSV, JSON), the trainer screen and
# every filter use these words. Whether someone is overdue is a separate yes/no, never a status,
# so "not started" finds everyone who has not started, overdue or not.
NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
AWAITING_SIGNATURE = "awaiting signature"  # passed every required quiz, not signed yet
CERTIFIED = "certified"
EXPIRING_SOON = "expiring soon"
EXPIRED = "expired"
REACKNOWLEDGE = "policy changed"  # signed an earlier policy version: must acknowledge the current one
STATUSES = (NOT_STARTED, IN_PROGRESS, AWAITING_SIGNATURE, CERTIFIED, EXPIRING_SOON, EXPIRED, REACKNOWLEDGE)
STATUS_MEANINGS = {
    NOT_STARTED: "no lesson or quiz begun this cycle",
    IN_PROGRESS: "training begun, required quizzes not all passed",
    AWAITING_SIGNATURE: "every required quiz passed, acknowledgment not signed yet",
    CERTIFIED: "signed and valid",
    EXPIRING_SOON: f"signed and valid, but ending within {EXPIRING_SOON_DAYS} days",
    EXPIRED: "the certification ended",
    REACKNOWLEDGE: "signed an earlier version of the policy: must acknowledge the current one",
}
OVERDUE = "overdue"  # the flag's word where it is shown as text
# How the app words a status to the learner where the vocabulary word alone would be terse.
_SPOKEN = {AWAITING_SIGNATURE: "passed, awaiting signature", REACKNOWLEDGE: "re-acknowledgment needed"}


@dataclass(slots=True)
class Status:
    """A learner's status. (Slotted rather than frozen, as Standing: a report builds one per person.)"""

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
        text = _SPOKEN.get(self.state, self.state)
        if self.state in (CERTIFIED, EXPIRING_SOON) and self.valid_until:
            text = f"certified until {self.valid_until.isoformat()}"
            if self.state == EXPIRING_SOON:
                text = f"expiring soon ({self.valid_until.isoformat()})"
        elif self.state == EXPIRED and self.valid_until:
            text = f"expired {self.valid_until.isoformat()}"
        if self.overdue:
            text += f" ({OVERDUE})"
        return text


def valid_until(signed_at: datetime, renewal_days: int) -> datetime:
    return signed_at + timedelta(days=renewal_days)


@dataclass(slots=True)
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
    # Status(state, valid_until, overdue, due, detail), positional: a report computes thousands.
    until = standing.latest_valid_until
    same_policy = standing.latest_policy_version == policy_version
    if until and until > now and same_policy:
        state = EXPIRING_SOON if until - now <= _EXPIRING_SOON else CERTIFIED
        return Status(state, until.date())
    today = now.date()
    due = hire_date + timedelta(days=due_days) if hire_date else None
    left = end_date is not None and end_date <= today
    overdue = bool(due and today > due and not left)
    if until and not same_policy:
        return Status(REACKNOWLEDGE, until.date(), False, due, "the policy changed since the last acknowledgment")
    if standing.all_required_passed:
        return Status(AWAITING_SIGNATURE, None, overdue, due)
    if until:
        # An expired certification is overdue from the day it lapsed.
        detail = "renewal in progress" if standing.started else ""
        return Status(EXPIRED, until.date(), not left, due, detail)
    if standing.started:
        return Status(IN_PROGRESS, None, overdue, due)
    return Status(NOT_STARTED, None, overdue, due)
