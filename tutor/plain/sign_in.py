"""Sign-in as lines: employee ID, then the enrollment code and a new PIN or the PIN (roster),
or employee ID, full name and, where nothing else decides it, the district (single user)."""

from __future__ import annotations

from tutor.plain.session import Session
from tutor.service.sign_in import SignedIn, SignInRefused

ID_HELP = "Type your employee ID, then press Enter. If you do not know it, ask your trainer."
PIN_HELP = "Type your PIN, then press Enter. What you type is not shown."
CODE_HELP = "Type the one-time enrollment code your trainer gave you, such as K7QF-3MZP."
NEW_PIN_HELP = "Choose a PIN of 4 to 12 digits that you will remember; you will type it each time you sign in."
NAME_HELP = "Type your full name as it is on your HR record; it goes on your records and your acknowledgment."


def sign_in(session: Session) -> SignedIn:
    """Ask until the learner is identified (each refusal is one message, then the questions again)."""
    console = session.console
    service = session.sign_in_service
    console.home_allowed = False
    console.heading("Acceptable Use Policy training: sign in")
    if service.roster_mode:
        console.say("Sign in with your employee ID. The first time, use the enrollment code from your trainer "
                    "and choose a PIN. Your PIN is not shown as you type it.")
    else:
        console.say("No staff roster is set up on this computer, so you identify yourself. "
                    "Your records will say the identity was self-asserted.")
    while True:
        try:
            return _roster(session) if service.roster_mode else _self_asserted(session)
        except SignInRefused as exc:
            console.say(f"Not signed in: {exc}")


def _roster(session: Session) -> SignedIn:
    console = session.console
    service = session.sign_in_service
    employee_id = console.text("Type your employee ID", ID_HELP)
    if service.needs_enrollment(employee_id):
        console.say("First sign-in: enroll with the code from your trainer, then choose a PIN.")
        code = console.text("Type your enrollment code", CODE_HELP)
        pin = console.text("Choose a PIN of 4 to 12 digits (not shown)", NEW_PIN_HELP, secret=True)
        again = console.text("Type the PIN again (not shown)", NEW_PIN_HELP, secret=True)
        return service.enroll(employee_id, code, pin, again)
    pin = console.text("Type your PIN (not shown)", PIN_HELP, secret=True)
    return service.with_pin(employee_id, pin)


def _self_asserted(session: Session) -> SignedIn:
    console = session.console
    service = session.sign_in_service
    employee_id = console.text("Type your employee ID", ID_HELP)
    name = console.text("Type your full name", NAME_HELP)
    district = None
    if service.learner_chooses_district():
        districts = sorted(session.content.districts.values(), key=lambda d: d.name)
        console.say("Which district do you work for?")
        picked = console.choose([d.name for d in districts], "Type the number of your district.", default=None)
        district = districts[picked].id
    return service.self_asserted(employee_id, name, district)
