"""`tutor report`: everyone's status; `report person`: one person's history; `report questions`: what staff miss."""

from __future__ import annotations

import csv
import io
import json

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option, write_out
from tutor.cli.report_person import person
from tutor.cli.report_questions import questions
from tutor.domain.status import OVERDUE, STATUSES


class StatusChoice(click.Choice):
    """The status vocabulary; "overdue" is not a status but a flag of its own, and the error says so."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip().casefold() == OVERDUE:
            self.fail("'overdue' is not a status: use --overdue (alone, or with --status to narrow it).", param, ctx)
        return super().convert(value, param, ctx)


@click.group(invoke_without_command=True)
@click.option("--school", help="Only this school.")
@click.option("--role", help="Only this role.")
@click.option("--status", "status_", type=StatusChoice(STATUSES, case_sensitive=False),
              help="Only this status (overdue or not).")
@click.option("--overdue/--not-overdue", default=None,
              help="Only people who are overdue (or only those who are not), whatever their status.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table", show_default=True,
              help="xlsx: a workbook for HR (dates as dates, ids as text; needs --out FILE.xlsx).")
@out_option
@force_option
@db_option
@content_option
@pass_tutor
def report(place: TutorContext, school, role, status_, overdue, fmt, out, force) -> None:
    """Each person's status, whether they are overdue, hire and due dates, last score and date signed."""
    if click.get_current_context().invoked_subcommand is not None:
        return
    from tutor.domain.clock import SystemClock
    from tutor.service.reports import filter_rows, status_report

    if fmt == "xlsx" and not out:
        raise click.UsageError("--format xlsx needs --out FILE.xlsx (a workbook is not for the screen)")
    check_out(place, out, force)
    records = place.records()
    try:
        rows = status_report(records, place.content(), SystemClock())
    finally:
        records.close()
    rows = filter_rows(rows, school, role, status_, overdue=overdue)
    if fmt == "xlsx":
        import io

        from tutor.service.spreadsheet import status_report_xlsx

        workbook = io.BytesIO()
        status_report_xlsx(rows, workbook)
        write_out(place, workbook.getvalue(), out, force)
        click.echo(f"Wrote {len(rows)} people to {out}.", err=True)
        return
    write_out(place, render_rows(rows, fmt), out, force)
    if out:
        click.echo(f"Wrote {len(rows)} people to {out}.", err=True)


def render_rows(rows, fmt: str) -> str:
    """The report as text in one of the formats: table, csv or json."""
    from tutor.service.reports import CSV_COLUMNS, StatusRow

    if fmt == "json":
        return json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(map(StatusRow.csv_cells, rows))
        return buffer.getvalue()
    return _table(rows)


def _table(rows) -> str:
    headers = ("ID", "Name", "School", "Role", "Status", "Overdue", "Hired", "Due", "Valid until", "Last score",
               "Signed")
    body = [
        (r.employee_id, r.name, r.school, r.role, r.status, OVERDUE if r.overdue else "", r.hire_date, r.due_date,
         r.valid_until, "" if r.last_score is None else f"{r.last_score:.0%}", r.signed)
        for r in rows
    ]
    widths = [max([len(h)] + [len(printable(row[i])) for row in body]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(printable(v).ljust(w) for v, w in zip(row, widths)).rstrip() for row in body]
    overdue = sum(1 for r in rows if r.overdue)
    lines.append(f"{len(rows)} people, {overdue} overdue")
    return "\n".join(lines) + "\n"


def printable(value) -> str:
    """Names are shown as stored, minus control characters that would garble a terminal."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in str(value))


report.add_command(questions)
report.add_command(person)
