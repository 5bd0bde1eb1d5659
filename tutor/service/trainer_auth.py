"""The trainer passphrase: scrypt-hashed in settings; wrong guesses counted in the database and slowed."""

from __future__ import annotations

from tutor.errors import TutorError

from datetime import timedelta

from tutor.domain.identity import hash_secret, verify_secret
from tutor.store.records import Records

SETTING = "trainer.passphrase"
SUBJECT = "trainer"
MIN_LENGTH = 10
FREE_TRIES = 3
WINDOW = timedelta(hours=1)
MAX_WAIT_SECONDS = 15 * 60


class TrainerAuthError(TutorError):
    """The message says what went wrong and what to do."""


def has_passphrase(records: Records) -> bool:
    return records.settings.get(SETTING) is not None


def set_passphrase(records: Records, new: str, old: str | None = None) -> None:
    """Set or change the passphrase; changing it needs the current one."""
    if len(new) < MIN_LENGTH:
        raise TrainerAuthError(f"The passphrase must be at least {MIN_LENGTH} characters.")
    if has_passphrase(records):
        if old is None:
            raise TrainerAuthError("A passphrase is already set: give the current one to change it.")
        check_passphrase(records, old)
    records.settings.set(SETTING, hash_secret(new))


def _wait_after(records: Records, failures) -> int:
    if len(failures) < FREE_TRIES:
        return 0
    delay = min(2 ** (len(failures) - FREE_TRIES + 1) * 15, MAX_WAIT_SECONDS)
    ready = failures[-1] + timedelta(seconds=delay)
    return max(0, int((ready - records.clock.now()).total_seconds() + 0.999))


def wait_seconds(records: Records) -> int:
    """How long before another guess is allowed: doubling after the first few wrong ones."""
    return _wait_after(records, records.people.recent_failures(SUBJECT, WINDOW))


def check_passphrase(records: Records, guess: str) -> None:
    """Raise TrainerAuthError unless the guess is right and no wait is pending."""
    stored = records.settings.get(SETTING)
    if stored is None:
        raise TrainerAuthError("No trainer passphrase is set. Run: tutor trainer set-passphrase")
    from tutor.store.people import LockedOut

    def refusal(failures) -> str | None:
        wait = _wait_after(records, failures)
        return f"Too many wrong passphrases. Try again in {wait} seconds." if wait else None

    # The try is counted (inside the write lock) before the passphrase is checked, so guesses
    # sent at the same moment cannot all slip in before the first failure is written.
    try:
        records.people.count_try(SUBJECT, WINDOW, refusal)
    except LockedOut as exc:
        raise TrainerAuthError(str(exc)) from None
    if not verify_secret(guess, stored):
        raise TrainerAuthError("That passphrase is not right.")
    records.people.clear_failures(SUBJECT)
