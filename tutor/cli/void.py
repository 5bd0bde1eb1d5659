"""`tutor void RECORD_ID --reason TEXT`: a trainer withdraws a record that is wrong."""

from __future__ import annotations

import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import db_option


@click.command()
@click.argument("record_id")
@click.option("--reason", required=True, help="Why the record is wrong (kept with the correction; one line).")
@click.option("--yes", is_flag=True, help="Do not ask to confirm after showing the record.")
@db_option
@pass_tutor
def void(place: TutorContext, record_id: str, reason: str, yes: bool) -> None:
    """Void RECORD_ID: an attempt, an acknowledgment or a lesson completion that is wrong.

    For example a quiz someone else took under this person's sign-in, or an acknowledgment signed
    for the wrong person. The record stays in the log and the exports, marked voided with the
    reason; it no longer counts: a voided pass passes nothing, a voided acknowledgment certifies
    no one, a voided lesson must be done again. The xAPI export voids its statements in the LRS.
    A correction cannot be undone. Needs the trainer passphrase. `tutor report person
    EMPLOYEE_ID` lists a person's records with their ids.
    """
    from tutor.domain.corrections import reason_problem
    from tutor.service.corrections import find_record, void_record

    problem = reason_problem(reason)
    if problem:
        raise click.BadParameter(problem, param_hint="'--reason'")
    records = place.records()
    try:
        target = find_record(records, record_id)
        click.echo(f"Void the {target.describe()}")
        click.echo(f"Reason: {reason.strip()}")
        if not yes and not click.confirm("Void this record? This cannot be undone", default=False):
            click.echo("Nothing voided.")
            sys.exit(1)
        passphrase = click.prompt("Trainer passphrase", hide_input=True)
        done = void_record(records, target.record, reason, passphrase)
    finally:
        records.close()
    click.echo(f"Voided (event {done.event.seq}). {done.consequence()}")
