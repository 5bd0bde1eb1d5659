"""`tutor verify`: check the records and name every problem by its event."""

from __future__ import annotations

import json
import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import db_option
from tutor.errors import TutorError


@click.command()
@click.option("--head", "head", metavar="HASH", help="Also prove this chain head (from an export or certificate) is still in the chain.")
@click.option("--export", "export_file", type=click.Path(exists=True, dir_okay=False), help="Check a JSON export instead of the database.")
@click.option("--key", "key_file", type=click.Path(exists=True, dir_okay=False),
              help="The verification key kept since `tutor seal init`: also check every seal and the signed head.")
@db_option
@pass_tutor
def verify(place: TutorContext, head: str | None, export_file: str | None, key_file: str | None) -> None:
    """Check the records: the hash chain, that every record is backed by what it claims, the
    derived tables against the log, and (with --key) the seals. Exits 1 when anything is wrong.

    Opens the database read-only: it works on a read-only copy and never creates one.
    """
    if export_file:
        from tutor.service.audit import verify_export

        try:
            with open(export_file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as exc:
            raise TutorError(f"cannot read {export_file} as a JSON export: {exc}") from None
        report, problems = verify_export(data)
        _finish(report, problems, head, f"the export {export_file}",
                f"OK: export {export_file} is intact: {report.count} events, head {report.head_seq} {report.head_hash}")
        return

    from tutor.service.verify import verify_records
    records = place.records(readonly=True)
    result = verify_records(records, key_file)
    report = result.chain
    checks = "chain intact, every record backed, tables match the log" + (", every seal valid" if result.sealed else "")
    ok_line = f"OK: {report.count} events, {checks}, head {report.head_seq} {report.head_hash}"
    if head:
        ok_line += f"; head {head[:16]}\u2026 is in the chain"
    _finish(report, result.problems, head, f"{report.count} events", ok_line)


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
