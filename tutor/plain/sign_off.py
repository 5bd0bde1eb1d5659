"""Sign-off: the acknowledgment text, the full name typed as on record, a confirm step, then the receipt."""

from __future__ import annotations

from tutor.domain import path
from tutor.domain.identity import names_match
from tutor.plain.console import Option
from tutor.plain.session import Session
from tutor.service.acknowledgment import WORDING_DRAFTED, wording_source
from tutor.service.training import Receipt, TrainingRefused

NAME_HELP = "Type your full name as it is on your record; capitals and spacing do not matter."


def sign_off(session: Session) -> None:
    """Sign the acknowledgment, if every required quiz is passed; always returns to the home screen."""
    console = session.console
    training = session.training
    console.heading(f"Acknowledgment: {training.district.name}")
    if training.preview is not None:
        console.say(training.preview)
        console.say("Nothing can be signed in a preview.")
        return None
    if training.next_step().kind != path.SIGN:
        console.say("The acknowledgment can be signed only after you pass every required quiz. "
                    "The home screen shows what is left.")
        return None
    console.say("Read the acknowledgment:")
    console.say("")
    console.policy_text(training.ack_text.strip())
    console.say("")
    if wording_source(training.records, training.district) == WORDING_DRAFTED:
        console.say("(This wording is drafted from the policy's own statements.)")
    console.say(f"To sign, type your full name as on your record: {training.person.name}")
    while True:
        typed = console.text("Type your full name to sign", NAME_HELP)
        if names_match(typed, training.person.name):
            break
        console.say(f"That does not match the name on your record. Type it as shown: {training.person.name}")
    signer = " ".join(typed.split())
    console.say(f"Your typed name, {signer}, will be recorded as your signature with today's date. "
                "It cannot be changed afterwards.")
    if console.choose([Option("Sign"), Option("Cancel")], default=None) != 0:
        console.say("Not signed. Nothing was recorded.")
        return None
    try:
        receipt = training.sign(typed, confirmed=True)
    except TrainingRefused as exc:
        console.say(f"Not signed: {exc}")
        return None
    show_receipt(session, receipt)
    return None


def show_receipt(session: Session, receipt: Receipt) -> None:
    """The receipt, one field a line; the record hash in full, so it can be read out or copied whole."""
    console = session.console
    scores = ", ".join(f"{topic} {score:.0%}" for topic, score in receipt.scores.items())
    console.heading("Signed. Keep this receipt.")
    console.say(f"Record id: {receipt.ack_id}")
    console.say(f"Signed by: {receipt.name}")
    console.say(f"Date (UTC): {receipt.signed_at[:10]} {receipt.signed_at[11:19]}")
    console.say(f"Valid until: {receipt.valid_until[:10]}")
    console.say(f"Scores: {scores}")
    console.say(f"Record hash: {receipt.record_hash}")
