"""`tutor roster import|codes`: load staff and hand out one-time enrollment codes."""

from __future__ import annotations

import csv
import sys

import click

from tutor.cli.context import open_content, open_records
from tutor.cli.options import content_option, db_option


@click.group()
def roster() -> None:
    """Import the staff roster and issue enrollment codes."""


@roster.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@db_option
@content_option
@click.pass_context
def import_(ctx: click.Context, csv_file: str, db: str | None, content: str | None) -> None:
    """Import or update staff from CSV_FILE.

    Columns: employee_id, name, email, school, role, hire_date (YYYY-MM-DD), and optionally
    district and end_date. Other columns are kept with each person as extra details. Every row is
    checked first; if any row is wrong, nothing is imported. Nobody is ever deleted.
    """
    from tutor.service.roster import RosterInvalid, import_roster

    loaded = open_content(ctx, content)
    records = open_records(ctx, db)
    with open(csv_file, "rb") as handle:
        data = handle.read()
    try:
        result = import_roster(records, loaded, data)
    except RosterInvalid as exc:
        for error in exc.errors:
            click.echo(f"{csv_file}: {error}", err=True)
        click.echo(f"Nothing was imported: {len(exc.errors)} row(s) need fixing.", err=True)
        sys.exit(1)
    click.echo(f"Imported {csv_file}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged.")
    if result.extra_columns:
        click.echo(f"Extra columns kept with each person: {', '.join(result.extra_columns)}.")


@roster.command("codes")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write the CSV here instead of printing it.")
@click.option("--employee", "employees", multiple=True, help="Only this employee id (repeatable).")
@db_option
@click.pass_context
def codes(ctx: click.Context, out: str | None, employees: tuple[str, ...], db: str | None) -> None:
    """Issue one-time enrollment codes to roster staff who have not enrolled (CSV for mail merge).

    A new code replaces that person's earlier unused code.
    """
    from tutor.service.roster import issue_codes
    from tutor.service.spreadsheet import safe_row

    records = open_records(ctx, db)
    issued = issue_codes(records, list(employees) or None)
    handle = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = csv.writer(handle)
        writer.writerow(["employee_id", "name", "email", "school", "enrollment_code"])
        for item in issued:
            p = item.person
            writer.writerow(safe_row([p.employee_id, p.name, p.email, p.school, item.code]))
    finally:
        if out:
            handle.close()
    click.echo(f"Issued {len(issued)} enrollment code(s)." + (f" Written to {out}." if out else ""), err=True)
