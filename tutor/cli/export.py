"""`tutor export`: every attempt and acknowledgment as CSV, JSON or xAPI statements, or pushed to an LRS."""

from __future__ import annotations

import os

import click

from tutor.cli.context import TutorContext, pass_tutor
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

    write_out(click.get_current_context().ensure_object(TutorContext), text, out, force)


def write_bytes(data: bytes, out: str, force: bool = False) -> None:
    """To the file (a binary format such as .xlsx never goes to the screen), as `write_text` writes it."""
    write_text(data, out, force)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "xapi"]), default="csv", show_default=True,
              help="csv: one row per record, for programs; xlsx: the same rows with dates as dates and ids as "
                   "text, for people (needs --out); json: one document; xapi: a JSON array of xAPI statements.")
@out_option
@force_option
@click.option("--since", callback=_since, metavar="DATE",
              help="Only attempts started, acknowledgments signed and lessons completed on or after this date "
                   "(YYYY-MM-DD, UTC).")
@click.option("--to", "to", metavar="URL",
              help="xapi: send the statements to this LRS statements endpoint (credentials from TUTOR_LRS_AUTH="
                   "user:password), only those it does not have yet.")
@click.option("--dry-run", is_flag=True, help="With --to: show what would be sent (to the screen or --out), send nothing.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="With --to: statements per request.")
@db_option
@content_option
@pass_tutor
def export(place: TutorContext, fmt: str, out: str | None, force: bool, since, to: str | None, dry_run: bool,
           batch_size: int) -> None:
    """Export every quiz attempt and signed acknowledgment (and, as JSON or xAPI, every lesson
    completion), with the event-log chain head.

    The chain head (sequence number and hash of the newest event when the export was read)
    lets an auditor later confirm that the records behind the export are unchanged.

    With --to URL (and --format xapi) the statements go to a Learning Record Store instead,
    resuming after the last event it is known to have stored; run it from cron (docs/xapi.md).
    """
    if to is not None or dry_run:
        _push(place, fmt, to, dry_run, since, out, force, batch_size)
        return
    from tutor.service import exports

    if fmt == "xlsx" and not out:
        raise click.UsageError("--format xlsx needs --out FILE.xlsx (a workbook is not for the screen)")
    check_out(place, out, force)
    records = place.records()
    warnings: list[str] = []
    lessons = 0  # lesson completions are in the JSON and xAPI exports, not the CSV
    try:
        if fmt == "csv":
            text, attempts, acks, head = exports.csv_export(records, since)
        elif fmt == "xlsx":
            import io

            workbook = io.BytesIO()
            attempts, acks, head = exports.xlsx_export(records, workbook, since)
        else:
            data = exports.collect(records, since, with_events=fmt == "json")
            attempts, acks, head = len(data.attempts), len(data.acknowledgments), data.chain_head
            lessons = len(data.lessons)
            home_page = records.settings.get("xapi.account_home_page")  # where staff accounts live
    finally:
        records.close()

    what = f"{_plural(attempts, 'attempt')} and {_plural(acks, 'acknowledgment')}"
    if fmt == "json":
        text = exports.to_json(data)
        what = f"{_plural(attempts, 'attempt')}, {_plural(acks, 'acknowledgment')} and {_plural(lessons, 'lesson completion')}"
    elif fmt == "xapi":
        from tutor.service.xapi import statements, statements_text

        built, warnings = statements(data, place.content(), home_page)
        text = statements_text(built)
        what = _plural(len(built), "xAPI statement")

    if fmt == "xlsx":
        write_bytes(workbook.getvalue(), out, force)
    else:
        write_text(text, out, force)
    for warning in warnings:
        click.echo(f"tutor: {warning}", err=True)
    if out:
        click.echo(f"Wrote {what} to {out} (event log head: #{head.seq} {head.hash}).", err=True)
    if not attempts and not acks and not lessons:
        note = " since " + since.isoformat() if since else ""
        kinds = "attempts or acknowledgments" if fmt in ("csv", "xlsx") else "attempts, acknowledgments or lesson completions"
        click.echo(f"tutor: there are no {kinds}{note} to export.", err=True)


def _push(place: TutorContext, fmt: str, to: str | None, dry_run: bool, since, out: str | None, force: bool,
          batch_size: int) -> None:
    """`--to URL`: send the LRS what it does not have yet."""
    from tutor.service import lrs_push

    if fmt != "xapi" or to is None:
        raise click.UsageError("--to URL goes with --format xapi, and --dry-run with --to")
    if since is not None:
        raise click.UsageError("--since does not go with --to: a push sends what the LRS does not have yet, "
                               "from the last event it stored")
    if out is not None and not dry_run:
        raise click.UsageError("--out goes with --dry-run only: a push sends the statements to the LRS")
    try:
        endpoint = lrs_push.statements_endpoint(to)
        auth = None if dry_run else lrs_push.parse_auth(os.environ.get(lrs_push.AUTH_VARIABLE))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not dry_run and lrs_push.sends_credentials_in_clear(endpoint):
        click.echo(f"tutor: warning: {endpoint} is plain http, so the credentials cross the network unencrypted; "
                   "use https", err=True)
    check_out(place, out, force)
    loaded = place.content()
    records = place.records()
    try:
        result = lrs_push.push(records, loaded, endpoint, auth, batch_size=batch_size, dry_run=dry_run)
    finally:
        records.close()
    if dry_run and not result.pending:
        write_text("[]\n", out, force)
        click.echo(f"Dry run: nothing new for {endpoint}; it has everything up to event #{result.from_seq}.", err=True)
    elif dry_run:
        from tutor.service.xapi import statements_text

        write_text(statements_text(result.pending), out, force)
        click.echo(f"Dry run: would send {_plural(len(result.pending), 'statement')} to {endpoint} "
                   f"(events #{result.from_seq + 1} to #{result.to_seq}); nothing was sent.", err=True)
    elif result.sent:
        click.echo(f"Sent {_plural(result.sent, 'statement')} in {_plural(result.batches, 'request')} to {endpoint}; "
                   f"it has everything up to event #{result.to_seq}.", err=True)
    else:
        click.echo(f"Nothing new for {endpoint}: it has everything up to event #{result.to_seq}.", err=True)
