"""Who made a record: enrollment code then PIN with a roster, self-asserted without one."""

from __future__ import annotations


import pytest

from tutor.domain import events as ev
from tutor.domain.identity import hash_code, new_enrollment_code, verify_secret
from tutor.service.sign_in import SignIn, SignInRefused
from tutor.store.people import Person


@pytest.fixture
def sign_in(records, content):
    return SignIn(records, content)


def test_first_sign_in_uses_a_one_time_code_then_a_pin(records, sign_in, person):
    code = new_enrollment_code()
    records.people.issue_code(person.employee_id, hash_code(code))
    assert sign_in.roster_mode
    assert sign_in.needs_enrollment("E100")
    signed = sign_in.enroll("E100", code.lower(), "482915", "482915")
    assert signed.district == "tst"  # from the roster row, not from the learner
    stored = records.people.pin_hash("E100")
    assert stored.startswith("scrypt$") and "482915" not in stored
    assert verify_secret("482915", stored)
    enrolled = [e for e in records.events.all() if e.type == ev.ENROLLED]
    assert enrolled and enrolled[0].identity == ev.IDENTITY_ENROLLMENT_CODE
    # The code is single-use.
    with pytest.raises(SignInRefused, match="already used|do not match"):
        sign_in.enroll("E100", code, "771905", "771905")
    assert not sign_in.needs_enrollment("E100")
    assert sign_in.with_pin("E100", "482915").identity == ev.IDENTITY_PIN


def test_a_code_issued_to_someone_else_does_not_work(records, sign_in, person):
    other = Person("E200", "Other Person", district="tst", on_roster=True)
    records.people.upsert_many([other])
    code = new_enrollment_code()
    records.people.issue_code("E200", hash_code(code))
    with pytest.raises(SignInRefused, match="do not match"):
        sign_in.enroll("E100", code, "482915", "482915")
    assert records.people.pin_hash("E100") is None


def test_weak_or_mismatched_pins_are_refused(records, sign_in, person):
    code = new_enrollment_code()
    records.people.issue_code("E100", hash_code(code))
    with pytest.raises(SignInRefused, match="4 to 12 digits"):
        sign_in.enroll("E100", code, "12a", "12a")
    with pytest.raises(SignInRefused, match="repeated digit|run like"):
        sign_in.enroll("E100", code, "1234", "1234")
    with pytest.raises(SignInRefused, match="differ"):
        sign_in.enroll("E100", code, "482915", "482916")
    assert sign_in.enroll("E100", code, "482915", "482915")


def test_wrong_pins_are_counted_in_the_database_and_slow_down_guessing(records, sign_in, person, clock, content):
    code = new_enrollment_code()
    records.people.issue_code("E100", hash_code(code))
    sign_in.enroll("E100", code, "482915", "482915")
    for _ in range(5):
        with pytest.raises(SignInRefused, match="do not match"):
            sign_in.with_pin("E100", "000111")
    # Another process (a fresh service on the same database) sees the same count.
    again = SignIn(records, content)
    with pytest.raises(SignInRefused, match="Too many wrong tries"):
        again.with_pin("E100", "482915")
    clock.advance(minutes=16)
    assert again.with_pin("E100", "482915").person.employee_id == "E100"


def test_unknown_ids_get_the_same_message_as_wrong_pins(records, sign_in, person):
    with pytest.raises(SignInRefused) as unknown:
        sign_in.with_pin("NOBODY", "482915")
    assert "employee ID and PIN do not match" in str(unknown.value)
    assert sign_in.needs_enrollment("NOBODY")  # no hint that the ID is not on the roster


def test_single_user_mode_records_a_self_asserted_identity(records, content, clock):
    from tutor.service.training import Training

    sign_in = SignIn(records, content)
    assert not sign_in.roster_mode and sign_in.learner_chooses_district()
    with pytest.raises(SignInRefused, match="district"):
        sign_in.self_asserted("T-7", "Sam Lee", None)
    signed = sign_in.self_asserted("T-7", "Sam  Lee", "tst")
    assert signed.identity == ev.IDENTITY_SELF_ASSERTED
    assert records.people.get("T-7").name == "Sam Lee"
    Training(records, content, signed.person, signed.district, signed.identity, clock).sign_in()
    event = list(records.events.all())[-1]
    assert event.identity == "self-asserted" and event.learner == "T-7"
    with pytest.raises(SignInRefused, match="another name"):
        sign_in.self_asserted("T-7", "Someone Else", "tst")


def test_a_deployment_district_overrides_the_learners_choice(records, content):
    records.settings.set("district", "tst")
    sign_in = SignIn(records, content)
    assert not sign_in.learner_chooses_district()
    assert sign_in.self_asserted("T-8", "Kim Ray", "other").district == "tst"


def test_roster_mode_refuses_self_assertion(records, content, person):
    with pytest.raises(SignInRefused, match="roster"):
        SignIn(records, content).self_asserted("X1", "Made Up", "tst")
