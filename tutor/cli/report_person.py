"""`tutor report person EMPLOYEE_ID`: one person's details, status and training history."""

from __future__ import annotations

import click

from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option, write_out


@click.command()
@click.argument("employee_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@out_option
@force_option
@db_option
@content_option
@click.pass_context
def person(ctx: click.Context, employee_id: str, fmt: str, out: str | None, force: bool, db: str | None,
           content: str | None) -> None:
    """One person's roster details, status, due date and history: enrollment, lessons, quizzes, signatures."""
    import json
    import sys

    from tutor.cli.context import open_content, open_records
    from tutor.domain.clock import SystemClock
    from tutor.service.reports import UnknownPerson, person_history

    check_out(ctx, out, force, db)
    records = open_records(ctx, db)
    try:
        history = person_history(records, open_content(ctx, content), SystemClock(), employee_id.strip())
    except UnknownPerson as exc:
        click.echo(f"tutor: {exc} Check the id with `tutor report`.", err=True)
        sys.exit(1)
    finally:
        records.close()
    if fmt == "json":
        text = json.dumps(history.as_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = "\n".join(history_lines(history)) + "\n"
    write_out(ctx, text, out, force, db)
    if out:
        click.echo(f"Wrote the history of {employee_id} to {out}.", err=True)


def history_lines(history) -> list[str]:
    """The history as plain lines, for the terminal (shown literally: names are data)."""
    from tutor.cli.report import printable

    p, row = history.person, history.row
    lines = [
        f"{printable(p.name)} ({printable(p.employee_id)})",
        f"  school: {printable(p.school) or '-'}   role: {printable(p.role) or '-'}   district: {p.district or '-'}",
        f"  e-mail: {printable(p.email) or '-'}",
        f"  hired: {p.hire_date or '-'}" + (f"   left: {p.end_date}" if p.end_date else ""),
    ]
    if row is not None:
        lines.append(f"  status: {row.status}" + ("   OVERDUE" if row.overdue else "")
                     + (f"   due: {row.due_date}" if row.due_date else "")
                     + (f"   valid until: {row.valid_until}" if row.valid_until else ""))
        if row.last_score is not None:
            lines.append(f"  last score: {row.last_score:.0%} on {row.last_attempt}")
    lines.append("  sign-in: " + ("PIN set" if history.has_pin else "not enrolled (needs an enrollment code)")
                 + f"; signed in {history.sign_ins} time(s)")
    lines.append("")
    if not history.entries:
        lines.append("No training recorded yet.")
    for entry in history.entries:
        lines.append(f"{entry.at[:16].replace('T', ' ')}  {entry.what}")
    return lines
