"""`tutor roster import|codes`: load staff and hand out one-time enrollment codes."""

from __future__ import annotations

import csv
import io
import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option, stage_out
from tutor.errors import TutorError


@click.group()
def roster() -> None:
    """Import the staff roster, issue enrollment codes, reset a forgotten PIN."""


@roster.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@db_option
@content_option
@pass_tutor
def import_(place: TutorContext, csv_file: str) -> None:
    """Import or update staff from CSV_FILE.

    Columns: employee_id, name, email, school, role, hire_date (YYYY-MM-DD), and optionally
    district and end_date. Other columns are kept with each person as extra details. Every row is
    checked first; if any row is wrong, nothing is imported. Nobody is ever deleted.
    """
    from tutor.service.roster import RosterInvalid, import_roster

    loaded = place.content()
    records = place.records(create=True)
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
@out_option
@force_option
@click.option("--employee", "employees", multiple=True, help="Only this employee id (repeatable).")
@click.option("--reissue", is_flag=True,
              help="Also give a new code to people who already hold an unused one (their old code stops working).")
@db_option
@pass_tutor
def codes(place: TutorContext, out: str | None, force: bool, employees: tuple[str, ...], reissue: bool) -> None:
    """Issue one-time enrollment codes to roster staff who have not enrolled (CSV for mail merge).

    Codes already handed out stay valid: people who hold an unused code are skipped unless
    --reissue is given. With --out, the file is written completely before any code is saved, so
    a file that cannot be written leaves every earlier code working.
    """
    from tutor.service.private_files import OutputRefused
    from tutor.service.roster import commit_codes, plan_codes
    from tutor.store.database import StoreError

    check_out(place, out, force)
    records = place.records()
    plan = plan_codes(records, list(employees) or None, reissue)
    text = _codes_csv(plan.issued)
    if out and plan.issued:
        staged = stage_out(place, out, force)
        try:
            staged.write(text)
            commit_codes(records, plan)
        except (OutputRefused, StoreError) as exc:
            staged.discard()
            raise TutorError(f"{exc} No code was issued; earlier codes still work.") from None
        except BaseException:
            staged.discard()  # the codes were not saved: a file of them would mislead
            raise
        try:
            staged.publish()
        except OutputRefused as exc:
            click.echo(
                f"tutor: the codes were saved, but {exc} They are in {staged.temp}: rename it, or run "
                "`tutor roster codes --reissue` to replace them.", err=True,
            )
            sys.exit(1)
    else:
        try:
            commit_codes(records, plan)
        except StoreError as exc:
            raise TutorError(f"{exc} No code was issued; earlier codes still work.") from None
        if not out:
            click.echo(text, nl=False)
    written = (f" Written to {out}." if plan.issued else f" Nothing was written to {out}.") if out else ""
    click.echo(f"Issued {len(plan.issued)} enrollment code(s).{written}", err=True)
    if plan.holding:
        click.echo(
            f"{len(plan.holding)} person(s) already hold an unused code and were skipped (it still works): "
            f"{_ids(p.employee_id for p in plan.holding)}. Add --reissue to replace their codes.", err=True,
        )
    if plan.not_pending:
        click.echo(
            f"No code for {_ids(plan.not_pending)}: already enrolled, left, or not on the roster. "
            "For a forgotten PIN use `tutor roster reset EMPLOYEE_ID`.", err=True,
        )


def _ids(ids, limit: int = 10) -> str:
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _codes_csv(issued) -> str:
    from tutor.service.spreadsheet import safe_row

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["employee_id", "name", "email", "school", "enrollment_code"])
    for item in issued:
        p = item.person
        writer.writerow(safe_row([p.employee_id, p.name, p.email, p.school, item.code]))
    return buffer.getvalue()


@roster.command("reset")
@click.argument("employee_id")
@db_option
@pass_tutor
def reset(place: TutorContext, employee_id: str) -> None:
    """Give EMPLOYEE_ID a way back in: a new one-time enrollment code (for a forgotten PIN or a lockout).

    Their old PIN and any unused code stop working at once and their failed tries are cleared;
    their training records are kept. The reset is recorded in the event log. Hand the code to
    the person; at the next sign-in they choose a new PIN.
    """
    from tutor.service.sign_in import reset_sign_in

    records = place.records()
    try:
        done = reset_sign_in(records, employee_id, via="command line")
    finally:
        records.close()
    before = "Their old PIN no longer works. " if done.had_pin else ""
    click.echo(
        f"New enrollment code for {done.person.name} ({done.person.employee_id}): {done.code}\n"
        f"{before}Give them this code; they sign in with it and choose a new PIN."
    )
