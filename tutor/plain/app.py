"""`tutor --plain`: the whole training as plain lines on standard output, answers read from standard input."""

from __future__ import annotations

import random
from typing import Any, TextIO

from tutor.content.model import Content
from tutor.domain.clock import Clock
from tutor.plain.console import Console, GoHome, Leave, console_for
from tutor.plain.session import Session
from tutor.service.sign_in import SignedIn, SignIn

EXIT_OK = 0
EXIT_INTERRUPTED = 130  # the shell's convention for a program stopped by Ctrl-C


def start_training(session: Session, signed: SignedIn) -> None:
    """The signed-in learner's training, as the app starts it."""
    from tutor.service.training import Training

    session.training = Training(
        session.records, session.content, signed.person, signed.district, signed.identity, session.clock, session.rng
    )
    session.training.sign_in()


def run_session(session: Session) -> None:
    """Sign in, then the home screen and the conversation, until the learner leaves (Leave is raised)."""
    from tutor.plain import conversation
    from tutor.plain.home import SIGN_OUT, home
    from tutor.plain.sign_in import sign_in

    console = session.console
    while True:
        start_training(session, sign_in(session))
        console.home_allowed = True
        while session.training is not None:
            try:
                chosen = home(session)
                if chosen == SIGN_OUT:
                    console.say("Signed out. Your progress is saved.")
                    session.training = None
                    break
                step = chosen
                while step is not None:
                    step = conversation.run(session, step)
            except GoHome:
                continue


def run_plain(
    records: Any,
    content: Content,
    clock: Clock,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    seed: int | None = None,
    console: Console | None = None,
) -> int:
    """Run the plain-text tutor on these records; returns the exit status (0, or 130 after Ctrl-C)."""
    console = console or console_for(stdin, stdout)
    session = Session(console, records, content, clock, random.Random(seed), SignIn(records, content))
    try:
        run_session(session)
    except Leave as left:
        return _goodbye(session, left.interrupted)
    except KeyboardInterrupt:
        # Ctrl-C while the tutor was working rather than waiting: every write is one transaction,
        # so whatever it was doing is either saved whole or not at all.
        console.say("")
        return _goodbye(session, True)
    return EXIT_OK


def _goodbye(session: Session, interrupted: bool) -> int:
    if session.training is not None:
        session.console.say("Your progress is saved. Run tutor --plain again to pick up where you stopped.")
    else:
        session.console.say("Goodbye.")
    return EXIT_INTERRUPTED if interrupted else EXIT_OK
