"""Lockouts cannot be raced: guesses sent at the same moment are counted before any is checked."""

from __future__ import annotations

import threading

import pytest

from tutor.domain.identity import hash_code, new_enrollment_code
from tutor.service import sign_in as sign_in_module
from tutor.service import trainer_auth
from tutor.service.sign_in import MAX_FAILURES, SignIn, SignInRefused
from tutor.service.trainer_auth import FREE_TRIES, TrainerAuthError, check_passphrase, set_passphrase
from tutor.store.records import Records

PIN = "48213"
GUESSES = 24


def enrolled(records, content, person) -> None:
    code = new_enrollment_code()
    records.people.issue_code(person.employee_id, hash_code(code))
    SignIn(records, content).enroll(person.employee_id, code, PIN, PIN)


def all_at_once(db, clock, attempt, count: int) -> list[str]:
    """Run `attempt(records, i)` in `count` threads released together, each with its own connection."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = [""] * count

    def run(i: int) -> None:
        records = Records(db, clock)
        try:
            barrier.wait(timeout=60)
            outcomes[i] = attempt(records, i)
        finally:
            records.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


def counting(monkeypatch, module) -> list[int]:
    """Count how many secrets `module` actually checks."""
    checked: list[int] = []
    real = module.verify_secret

    def verify_secret(secret, stored):
        checked.append(1)
        return real(secret, stored)

    monkeypatch.setattr(module, "verify_secret", verify_secret)
    return checked


def test_pin_guesses_sent_at_once_are_checked_no_more_than_the_limit(records, content, person, clock, db, monkeypatch):
    enrolled(records, content, person)
    checked = counting(monkeypatch, sign_in_module)

    def guess(r, i):
        pin = PIN if i == GUESSES - 1 else f"{90000 + i}"
        try:
            SignIn(r, content).with_pin(person.employee_id, pin)
            return "in"
        except SignInRefused as exc:
            return "locked" if "Too many" in str(exc) else "wrong"

    outcomes = all_at_once(db, clock, guess, GUESSES)
    assert len(checked) <= MAX_FAILURES
    assert outcomes.count("wrong") + outcomes.count("in") == len(checked)
    assert outcomes.count("locked") >= GUESSES - MAX_FAILURES
    # After the burst the ID is locked, even for the right PIN (unless it was among the few checked).
    if "in" not in outcomes:
        with pytest.raises(SignInRefused, match="Too many"):
            SignIn(records, content).with_pin(person.employee_id, PIN)


def test_passphrase_guesses_sent_at_once_are_checked_no_more_than_the_free_tries(records, clock, db, monkeypatch):
    set_passphrase(records, "the real trainer passphrase")
    checked = counting(monkeypatch, trainer_auth)

    def guess(r, i):
        try:
            check_passphrase(r, f"wrong guess number {i}")
            return "in"
        except TrainerAuthError as exc:
            return "wait" if "Try again" in str(exc) else "wrong"

    outcomes = all_at_once(db, clock, guess, GUESSES)
    assert "in" not in outcomes
    assert len(checked) == outcomes.count("wrong") <= FREE_TRIES
    with pytest.raises(TrainerAuthError, match="Try again in"):
        check_passphrase(records, "the real trainer passphrase")


def test_an_unknown_id_costs_the_same_work_as_a_known_one(records, content, person, monkeypatch):
    """Enrollment and PIN sign-in hash once whether or not the ID is on the roster (no timing oracle)."""
    from tutor.domain import identity

    calls: list[str] = []
    real_scrypt = identity.hashlib.scrypt

    def scrypt(*args, **kwargs):
        calls.append("scrypt")
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(identity.hashlib, "scrypt", scrypt)
    sign_in = SignIn(records, content)
    for employee_id in (person.employee_id, "NOBODY"):
        calls.clear()
        with pytest.raises(SignInRefused):
            sign_in.enroll(employee_id, "WRONG-CODE", PIN, PIN)
        assert calls == ["scrypt"], employee_id
    enrolled(records, content, person)
    for employee_id in (person.employee_id, "NOBODY"):
        calls.clear()
        with pytest.raises(SignInRefused):
            sign_in.with_pin(employee_id, "11111")
        assert calls == ["scrypt"], employee_id


def test_a_tampered_hash_is_no_match_rather_than_an_error():
    from tutor.domain.identity import hash_secret, verify_secret

    good = hash_secret("secret-passphrase")
    scheme, n, r, p, salt, digest = good.split("$")
    assert verify_secret("secret-passphrase", good)
    for tampered in (f"{scheme}$999999999999${r}${p}${salt}${digest}", f"{scheme}${n}${r}${p}$zz${digest}",
                     "scrypt$1$1$1$00$00", "plain", ""):
        assert verify_secret("secret-passphrase", tampered) is False
