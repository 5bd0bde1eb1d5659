"""`tutor approve`: a trainer approves the rules of a content folder for these records."""

from __future__ import annotations

import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.errors import TutorError


@click.command()
@click.option("--district", "districts", multiple=True, metavar="ID",
              help="Approve only this district's rules (repeatable; default: every district with new rules).")
@click.option("--yes", is_flag=True, help="Do not ask to confirm after showing the rules.")
@db_option
@content_option
@pass_tutor
def approve(place: TutorContext, districts: tuple[str, ...], yes: bool) -> None:
    """Approve a content folder's rules (required lessons, pass mark, quiz sizes, renewal, questions).

    Until then, training with that content is a preview: nothing is recorded. Needs the trainer
    passphrase; the approval is recorded as an event in the log.
    """
    from tutor.service.approval import approve as approve_rules, pending

    records = place.records(create=True)
    loaded = place.content()
    waiting = [p for p in pending(records, loaded) if not districts or p.district in districts]
    unknown = sorted(set(districts) - set(loaded.districts))
    if unknown:
        raise TutorError(f"no district {', '.join(unknown)} in this content")
    if not waiting:
        click.echo("Nothing to approve: these rules are already approved for these records.")
        return
    for item in waiting:
        r = item.rules
        click.echo(
            f"{item.district}: rules {r.digest}: required {', '.join(r.required) or '(none)'}; "
            f"pass mark {r.pass_mark:.0%}; {r.quiz_length} questions a quiz, {r.testout_per_topic} a test-out topic; "
            f"valid {r.renewal_days} days; new hires due in {r.new_hire_due_days} days; {len(r.bank)} questions"
        )
        for problem in item.problems:
            click.echo(f"  problem: {problem}")
    if not yes and not click.confirm("Approve these rules for these records?", default=False):
        click.echo("Nothing approved.")
        sys.exit(1)
    passphrase = click.prompt("Trainer passphrase", hide_input=True)
    approved = approve_rules(records, loaded, [p.district for p in waiting], passphrase)
    click.echo(f"Approved: {', '.join(f'{r.district} ({r.digest})' for r in approved)}.")
