"""`tutor report person EMPLOYEE_ID`: one person's details, status and training history."""

from __future__ import annotations

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option, write_out
from tutor.errors import TutorError


@click.command()
@click.argument("employee_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@out_option
@force_option
@db_option
@content_option
@pass_tutor
def person(place: TutorContext, employee_id: str, fmt: str, out: str | None, force: bool) -> None:
    """One person's roster details, status, due date and history: enrollment, lessons, quizzes, signatures."""
    import json

    from tutor.domain.clock import SystemClock
    from tutor.service.reports import UnknownPerson, person_history

    check_out(place, out, force)
    records = place.records()
    try:
        history = person_history(records, place.content(), SystemClock(), employee_id.strip())
    except UnknownPerson as exc:
        raise TutorError(f"{exc} Check the id with `tutor report`.") from None
    finally:
        records.close()
    if fmt == "json":
        text = json.dumps(history.as_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        from tutor.cli.report import printable

        text = "\n".join(printable(line) for line in history.lines()) + "\n"
    write_out(place, text, out, force)
    if out:
        click.echo(f"Wrote the history of {employee_id} to {out}.", err=True)
