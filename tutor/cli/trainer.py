"""`tutor trainer`: open the trainer screen; `tutor trainer set-passphrase`: protect it."""

from __future__ import annotations


import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option


@click.group(invoke_without_command=True)
@db_option
@content_option
@pass_tutor
def trainer(place: TutorContext) -> None:
    """Open the trainer screen (status table, search, export). Asks for the trainer passphrase."""
    if click.get_current_context().invoked_subcommand is not None:
        return
    from tutor.cli.run_app import run_app

    run_app(db=place.db, content=place.content_dir, trainer=True)


@trainer.command("set-passphrase")
@db_option
@pass_tutor
def set_passphrase_(place: TutorContext) -> None:
    """Set or change the trainer passphrase (stored only as a salted scrypt hash)."""
    from tutor.service.trainer_auth import (
        MIN_LENGTH, check_passphrase, has_passphrase, set_passphrase,
    )

    records = place.records(create=True)
    old = None
    if has_passphrase(records):
        old = click.prompt("Current passphrase", hide_input=True)
        check_passphrase(records, old)  # before asking for a new one, not after

    def long_enough(value: str) -> str:
        # Checked as soon as it is typed (click asks again), before the confirmation prompt.
        if len(value) < MIN_LENGTH:
            raise click.UsageError(f"The passphrase must be at least {MIN_LENGTH} characters; it has {len(value)}.")
        return value

    new = click.prompt(f"New passphrase ({MIN_LENGTH} characters or more)", hide_input=True,
                       confirmation_prompt=True, value_proc=long_enough)
    set_passphrase(records, new, old)
    click.echo("Trainer passphrase set.")
