"""`tutor --plain`: open the records and content, then run the plain-text tutor on standard input and output."""

from __future__ import annotations

import os
import sys

import click
from tutor.errors import TutorError


def run_plain_tutor(db: str | None, content_dir: str | None) -> None:
    """Run the plain tutor and exit with its status; problems with the records or content are one message."""
    from tutor.content.loader import ContentInvalid, load_valid_content
    from tutor.domain.clock import SystemClock
    from tutor.plain.app import run_plain
    from tutor.store.database import StoreError
    from tutor.store.records import Records

    # A terminal that cannot show a character (a policy's "§" on an ASCII-only SSH session) gets "?"
    # instead of an error in the middle of a lesson.
    # Likewise a byte that is not UTF-8 in the input is a wrong entry, not an error.
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    clock = SystemClock()
    try:
        content = load_valid_content(content_dir)
        records = Records(db, clock)
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        raise TutorError("the training content has errors (run `tutor check`).") from None
    try:
        status = run_plain(records, content, clock)
    except StoreError as exc:
        click.echo(f"\ntutor: {exc}", err=True)
        raise TutorError("what you did before this message is saved; the last step was not.") from None
    except BrokenPipeError:
        # The reader of our output went away (`tutor --plain | head`): nothing more to say to anyone.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    finally:
        records.close()
    sys.exit(status)
