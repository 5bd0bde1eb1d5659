"""Who is training: roster sign-in (enrollment code, then PIN) or single-user self-identification."""

from __future__ import annotations

from tutor.errors import TutorError

from dataclasses import dataclass
from datetime import timedelta

from tutor.content.model import Content
from tutor.domain import events as ev
from tutor.domain.identity import hash_code, hash_secret, pin_problem, verify_secret
from tutor.store.people import Person
from tutor.store.records import Records

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
DISTRICT_SETTING = "district"
# Checked against when an ID has no PIN, so a wrong ID takes as long as a wrong PIN.
_DECOY_HASH = hash_secret("not a real PIN")


class SignInRefused(TutorError):
    """Sign-in failed; the message is safe to show (it never reveals who is on the roster)."""


@dataclass(frozen=True)
class SignedIn:
    person: Person
    district: str
    identity: str


class SignIn:
    """Identifies learners. The district comes from the roster row or the deployment, never the learner,
    except in single-user mode with neither."""

    def __init__(self, records: Records, content: Content):
        self.records = records
        self.content = content

    @property
    def roster_mode(self) -> bool:
        return self.records.people.has_roster()

    def deployment_district(self) -> str | None:
        return self.records.settings.get(DISTRICT_SETTING)

    def learner_chooses_district(self) -> bool:
        return not self.roster_mode and self.deployment_district() is None

    def _district_for(self, person: Person) -> str:
        district = person.district or self.deployment_district()
        if not district:
            raise SignInRefused(
                "Your record has no district and none is set for this computer. "
                "Ask your trainer to run: tutor settings set district <id>"
            )
        if district not in self.content.districts:
            raise SignInRefused(f"Your district '{district}' is not in the training content. Tell your trainer.")
        return district

    def _count_try(self, subject: str) -> None:
        """Count this try before its secret is checked (refusing it when locked out)."""
        from tutor.store.people import LockedOut

        def refusal(failures) -> str | None:
            if len(failures) < MAX_FAILURES:
                return None
            wait = failures[-MAX_FAILURES] + FAILURE_WINDOW - self.records.clock.now()
            minutes = max(1, int(wait.total_seconds() // 60) + 1)
            return f"Too many wrong tries. Wait {minutes} minute(s) or ask your trainer for help."

        try:
            self.records.people.count_try(subject, FAILURE_WINDOW, refusal)
        except LockedOut as exc:
            raise SignInRefused(str(exc)) from None

    def needs_enrollment(self, employee_id: str) -> bool:
        """True when this ID must use an enrollment code (also for unknown IDs, so nothing leaks)."""
        person = self.records.people.get(employee_id.strip())
        return person is None or self.records.people.pin_hash(person.employee_id) is None

    def with_pin(self, employee_id: str, pin: str) -> SignedIn:
        employee_id = employee_id.strip()
        subject = f"pin:{employee_id}"
        self._count_try(subject)
        person = self.records.people.get(employee_id)
        stored = self.records.people.pin_hash(employee_id) if person else None
        # An unknown ID costs the same scrypt as a known one, so timing tells nobody who is on the roster.
        if not verify_secret(pin, stored or _DECOY_HASH) or person is None or stored is None:
            raise SignInRefused("That employee ID and PIN do not match. Check both and try again.")
        if person.end_date and person.end_date <= self.records.clock.now().date():
            raise SignInRefused("Your record shows you have left the district. Ask your trainer if this is wrong.")
        self.records.people.clear_failures(subject)
        return SignedIn(person, self._district_for(person), ev.IDENTITY_PIN)

    def enroll(self, employee_id: str, code: str, pin: str, pin_again: str) -> SignedIn:
        """First sign-in: a one-time code from the trainer, then the learner's own PIN."""
        employee_id = employee_id.strip()
        problem = pin_problem(pin)
        if problem:
            raise SignInRefused(problem)
        if pin != pin_again:
            raise SignInRefused("The two PINs differ. Type the same PIN twice.")
        subject = f"pin:{employee_id}"
        self._count_try(subject)
        person = self.records.people.get(employee_id)
        # Hash the new PIN whether or not the ID is known: the same work, so the same time, either way.
        pin_hash = hash_secret(pin)
        if person is None or not self.records.people.enroll(employee_id, hash_code(code), pin_hash):
            raise SignInRefused(
                "That employee ID and enrollment code do not match, or the code was already used. "
                "Check both, or ask your trainer for a new code."
            )
        district = self._district_for(person)
        self.records.events.append(
            ev.NewEvent(ev.ENROLLED, employee_id, {"method": "enrollment-code", "district": district},
                        ev.IDENTITY_ENROLLMENT_CODE)
        )
        self.records.people.clear_failures(subject)
        return SignedIn(person, district, ev.IDENTITY_PIN)

    def self_asserted(self, employee_id: str, name: str, district: str | None = None) -> SignedIn:
        """Single-user mode (no roster): accept ID and name; every record says so."""
        if self.roster_mode:
            raise SignInRefused("This computer uses a staff roster: sign in with your employee ID and PIN.")
        employee_id, name = employee_id.strip(), " ".join(name.split())
        if not employee_id or not name:
            raise SignInRefused("Type your employee ID and your full name.")
        existing = self.records.people.get(employee_id)
        chosen = self.deployment_district() or (existing.district if existing else None) or district
        if not chosen or chosen not in self.content.districts:
            raise SignInRefused("Choose your district.")
        if existing and " ".join(existing.name.split()).casefold() != name.casefold():
            raise SignInRefused(
                f"Employee ID {employee_id} is already used on this computer under another name. "
                "Check your ID, or ask your trainer."
            )
        person = self.records.people.add_if_missing(Person(employee_id=employee_id, name=name, district=chosen))
        return SignedIn(person, chosen, ev.IDENTITY_SELF_ASSERTED)

    def trusted(self, employee_id: str) -> SignedIn:
        """Identified by an authenticating reverse proxy (the configured trusted header)."""
        person = self.records.people.get(employee_id.strip())
        if person is None:
            raise SignInRefused("You are signed in to the web site, but you are not on this district's roster.")
        return SignedIn(person, self._district_for(person), ev.IDENTITY_TRUSTED_HEADER)


@dataclass(frozen=True)
class SignInReset:
    """A learner's sign-in was reset: their PIN no longer works; `code` is their new enrollment code."""

    person: Person
    code: str
    had_pin: bool


class ResetRefused(TutorError):
    """The reset was not done; the message says why."""


def reset_sign_in(records: Records, employee_id: str, via: str) -> SignInReset:
    """For a learner who forgot their PIN or is locked out: withdraw the PIN and any unused code,
    clear their failed tries and issue a fresh one-time enrollment code.

    Recorded as an event (identity "operator"; `via` says from where) in the same transaction as
    the reset, so the log never misses a reset and never shows one that did not happen. The
    learner's training records are untouched.
    """
    from tutor.domain import payloads
    from tutor.domain.identity import new_enrollment_code

    employee_id = employee_id.strip()
    person = records.people.get(employee_id)
    if person is None:
        raise ResetRefused(f"no one with employee id '{employee_id}' is on record.")
    if not person.on_roster:
        raise ResetRefused(
            f"{employee_id} is not on the roster (self-identified, no PIN to reset); import them with "
            "`tutor roster import` first."
        )
    if person.end_date and person.end_date <= records.clock.now().date():
        raise ResetRefused(f"{employee_id} has left (end date {person.end_date}); update the roster first.")
    code = new_enrollment_code()
    had_pin = records.people.pin_hash(employee_id) is not None

    def reset_with_the_event(_learner_events) -> None:
        # The event log runs this under its write lock, inside the transaction that appends the
        # event: the reset and its record commit together or not at all.
        records.people.reset_sign_in_locked(employee_id, hash_code(code), f"pin:{employee_id}")

    records.events.append(
        ev.NewEvent.of(ev.SIGN_IN_RESET, employee_id, payloads.SignInReset(via=via, had_pin=had_pin),
                       ev.IDENTITY_OPERATOR),
        guard=reset_with_the_event,
    )
    return SignInReset(person, code, had_pin)
