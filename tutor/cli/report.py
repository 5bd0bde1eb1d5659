"""`tutor report`: everyone's status; `tutor report questions`: which questions staff miss."""

from __future__ import annotations

import csv
import json
import sys

import click

from tutor.cli.context import open_content, open_records
from tutor.cli.options import content_option, db_option
from tutor.cli.report_questions import questions

@click.group(invoke_without_command=True)
@click.option("--school", help="Only this school.")
@click.option("--role", help="Only this role.")
@click.option("--status", "status_", help="Only this status, e.g. overdue, expired, 'not started'.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of the screen.")
@db_option
@content_option
@click.pass_context
def report(ctx, school, role, status_, fmt, out, db, content) -> None:
    """Each person's training status, last score and date signed."""
    if ctx.invoked_subcommand is not None:
        return
    from tutor.domain.clock import SystemClock
    from tutor.service.reports import CSV_COLUMNS, REPORT_STATUSES, StatusRow, filter_rows, status_report

    if status_ and status_.casefold() not in REPORT_STATUSES:
        click.echo(f"tutor: unknown status '{status_}'; use one of: {', '.join(REPORT_STATUSES)}", err=True)
        sys.exit(2)
    records = open_records(ctx, db)
    rows = filter_rows(status_report(records, open_content(ctx, content), SystemClock()), school, role, status_)
    handle = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        if fmt == "json":
            json.dump([r.as_dict() for r in rows], handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        elif fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(map(StatusRow.csv_cells, rows))
        else:
            handle.write(_table(rows))
    finally:
        if out:
            handle.close()
    if out:
        click.echo(f"Wrote {len(rows)} people to {out}.", err=True)


def _table(rows) -> str:
    headers = ("ID", "Name", "School", "Role", "Status", "Last score", "Signed")
    body = [
        (r.employee_id, r.name, r.school, r.role, r.label,
         "" if r.last_score is None else f"{r.last_score:.0%}", r.signed)
        for r in rows
    ]
    widths = [max([len(h)] + [len(_printable(row[i])) for row in body]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_printable(v).ljust(w) for v, w in zip(row, widths)) for row in body]
    lines.append(f"{len(rows)} people")
    return "\n".join(lines) + "\n"


def _printable(value: str) -> str:
    """Names are shown as stored, minus control characters that would garble a terminal."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in str(value))


report.add_command(questions)
