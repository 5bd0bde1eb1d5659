"""`tutor seal init`: give the records an anchor that whoever holds the database does not have."""

from __future__ import annotations

import os
from pathlib import Path

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import db_option
from tutor.errors import TutorError


@click.group()
def seal() -> None:
    """Seal the records with a key kept outside the database (see `tutor seal init --help`)."""


@seal.command("init")
@click.option("--key-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the private sealing key, outside the database's folder, readable only by the account running tutor.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Where to write the verification key: copy it somewhere the database's users cannot reach.")
@db_option
@pass_tutor
def init(place: TutorContext, key_dir: str, out: str) -> None:
    """Set up sealing once: every event from now on is signed with the sealing key.

    `tutor verify --key VERIFICATION_KEY` then catches events altered, removed or forged by
    anyone who had only the database file.
    """
    from tutor.service.sealing import init_sealing

    target = Path(out)
    if target.exists():
        raise TutorError(f"{out} already exists; choose a new file for the verification key")
    records = place.records()
    key = init_sealing(records, key_dir)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key.to_json())
    click.echo(f"Sealed from event {key.sealed_from}. Sealing key: {Path(key_dir).resolve()}/sealing.key")
    click.echo(f"Verification key written to {out}: keep a copy away from this computer, and check with")
    click.echo(f"  tutor verify --key {out}")
