"""`tutor export`: every attempt and acknowledgment as CSV, JSON or xAPI statements."""

from __future__ import annotations

import click

from tutor.cli.context import open_content, open_records
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option


def _since(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from tutor.service.exports import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def write_text(text: str | bytes, out: str | None, force: bool = False) -> None:
    """To the file (UTF-8, no BOM, line ends kept as given; private, atomic, never over the records
    database, an existing file only with `force`) or to standard output."""
    from tutor.cli.output import write_out

    ctx = click.get_current_context()
    write_out(ctx, text, out, force, ctx.params.get("db"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "xapi"]), default="csv", show_default=True,
              help="csv: one row per record; json: one document; xapi: a JSON array of xAPI 1.0.3 statements.")
@out_option
@force_option
@click.option("--since", callback=_since, metavar="DATE",
              help="Only attempts started, acknowledgments signed and lessons completed on or after this date "
                   "(YYYY-MM-DD, UTC).")
@db_option
@content_option
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, force: bool, since, db: str | None,
           content: str | None) -> None:
    """Export every quiz attempt and signed acknowledgment (and, as JSON or xAPI, every lesson
    completion), with the event-log chain head.

    The chain head (sequence number and hash of the newest event when the export was read)
    lets an auditor later confirm that the records behind the export are unchanged.
    """
    from tutor.service import exports

    check_out(ctx, out, force, db)
    records = open_records(ctx, db)
    warnings: list[str] = []
    lessons = 0  # lesson completions are in the JSON and xAPI exports, not the CSV
    try:
        if fmt == "csv":
            text, attempts, acks, head = exports.csv_export(records, since)
        else:
            data = exports.collect(records, since, with_events=fmt == "json")
            attempts, acks, head = len(data.attempts), len(data.acknowledgments), data.chain_head
            lessons = len(data.lessons)
    finally:
        records.close()

    what = f"{_plural(attempts, 'attempt')} and {_plural(acks, 'acknowledgment')}"
    if fmt == "json":
        text = exports.to_json(data)
        what = f"{_plural(attempts, 'attempt')}, {_plural(acks, 'acknowledgment')} and {_plural(lessons, 'lesson completion')}"
    elif fmt == "xapi":
        import json

        from tutor.service.xapi import statements

        built, warnings = statements(data, open_content(ctx, content))
        text = json.dumps(built, indent=2, ensure_ascii=False) + "\n"
        what = _plural(len(built), "xAPI statement")

    write_text(text, out, force)
    for warning in warnings:
        click.echo(f"tutor: {warning}", err=True)
    if out:
        click.echo(f"Wrote {what} to {out} (event log head: #{head.seq} {head.hash}).", err=True)
    if not attempts and not acks and not lessons:
        note = " since " + since.isoformat() if since else ""
        kinds = "attempts or acknowledgments" if fmt == "csv" else "attempts, acknowledgments or lesson completions"
        click.echo(f"tutor: there are no {kinds}{note} to export.", err=True)
