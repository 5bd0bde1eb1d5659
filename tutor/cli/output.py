"""`--out FILE` and `--force` for every command that writes a file: private, atomic, never over the records."""

from __future__ import annotations

from pathlib import Path

import click

from tutor.cli.context import records_path
from tutor.errors import TutorError

out_option = click.option(
    "--out", type=click.Path(dir_okay=False), metavar="FILE",
    help="Write to this file (readable by you only) instead of the screen.",
)
force_option = click.option("--force", is_flag=True, help="Replace the --out file if it already exists.")


def protected_files(ctx: click.Context, db: str | None) -> list[Path]:
    """The records database in use and its companion files: no output may be written over them."""
    from tutor.service.private_files import database_files

    return database_files(records_path(ctx, db))


def _refuse(exc: Exception) -> None:
    raise TutorError(f"{exc}")


def check_out(ctx: click.Context, out: str | None, force: bool, db: str | None) -> None:
    """Refuse a bad --out before any work is done (it is checked again when the file is written)."""
    from tutor.service.private_files import OutputRefused, check_output

    if out:
        try:
            check_output(out, protected_files(ctx, db), force)
        except OutputRefused as exc:
            _refuse(exc)


def stage_out(ctx: click.Context, out: str, force: bool, db: str | None):
    """A StagedOutput for `out`: write it, do what depends on it, then publish it (or discard it)."""
    from tutor.service.private_files import OutputRefused, StagedOutput

    try:
        return StagedOutput(out, protected_files(ctx, db), force)
    except OutputRefused as exc:
        _refuse(exc)


def write_out(ctx: click.Context, text: str | bytes, out: str | None, force: bool, db: str | None) -> None:
    """The text to the --out file (UTF-8, no BOM, line ends as given), or to standard output."""
    from tutor.service.private_files import OutputRefused, write_output

    if not out:
        click.echo(text, nl=False)
        return
    try:
        write_output(out, text, protected_files(ctx, db), force)
    except OutputRefused as exc:
        _refuse(exc)
