"""`tutor verify`: walk the hash chain and name every event that was changed, inserted or removed."""

from __future__ import annotations

import json
import sys

import click

from tutor.cli.context import open_records
from tutor.cli.options import db_option


@click.command()
@click.option("--head", "head", metavar="HASH", help="Also prove this chain head (from an export or certificate) is still in the chain.")
@click.option("--export", "export_file", type=click.Path(exists=True, dir_okay=False), help="Check a JSON export instead of the database.")
@db_option
@click.pass_context
def verify(ctx, head: str | None, export_file: str | None, db: str | None) -> None:
    """Check the records' hash chain. Exits 1 when anything is wrong."""
    from tutor.domain.chain import verify_chain

    if export_file:
        from tutor.service.audit import verify_export

        try:
            with open(export_file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as exc:
            click.echo(f"tutor: cannot read {export_file} as a JSON export: {exc}", err=True)
            sys.exit(1)
        report, problems = verify_export(data)
        _finish(report, problems, head, f"the export {export_file}",
                f"OK: export {export_file} is intact: {report.count} events, head {report.head_seq} {report.head_hash}")
        return

    records = open_records(ctx, db)
    report = verify_chain(records.events.all())
    suffix = f"; head {head[:16]}\u2026 is in the chain" if head else ""
    _finish(report, list(report.problems), head, f"{report.count} events", report.summary() + suffix)


def _finish(report, problems: list[str], head: str | None, what: str, ok_line: str) -> None:
    """Print each problem (and whether `head` is still in the chain); exit 1 if any."""
    from tutor.domain.chain import head_in_chain

    if head:
        problem = head_in_chain(report, head)
        problems = problems + ([problem] if problem else [])
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"FAILED: {len(problems)} problem(s) in {what}")
        sys.exit(1)
    click.echo(ok_line)
