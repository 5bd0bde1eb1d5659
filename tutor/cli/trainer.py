"""`tutor trainer`: open the trainer screen; `tutor trainer set-passphrase`: protect it."""

from __future__ import annotations

import sys

import click

from tutor.cli.context import open_records
from tutor.cli.options import content_option, db_option, resolve


@click.group(invoke_without_command=True)
@db_option
@content_option
@click.pass_context
def trainer(ctx, db, content) -> None:
    """Open the trainer screen (status table, search, export). Asks for the trainer passphrase."""
    if ctx.invoked_subcommand is not None:
        return
    from tutor.cli.run_app import run_app

    run_app(db=resolve(ctx, "db", db), content=resolve(ctx, "content", content), trainer=True)


@trainer.command("set-passphrase")
@db_option
@click.pass_context
def set_passphrase_(ctx, db) -> None:
    """Set or change the trainer passphrase (stored only as a salted scrypt hash)."""
    from tutor.service.trainer_auth import TrainerAuthError, has_passphrase, set_passphrase

    records = open_records(ctx, db, create=True)
    old = None
    if has_passphrase(records):
        old = click.prompt("Current passphrase", hide_input=True)
    new = click.prompt("New passphrase (10 characters or more)", hide_input=True, confirmation_prompt=True)
    try:
        set_passphrase(records, new, old)
    except TrainerAuthError as exc:
        click.echo(f"tutor: {exc}", err=True)
        sys.exit(1)
    click.echo("Trainer passphrase set.")
