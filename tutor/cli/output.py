"""`--out FILE` and `--force` for every command that writes a file: private, atomic, never over the records."""

from __future__ import annotations

import click

from tutor.cli.context import TutorContext
from tutor.errors import TutorError

out_option = click.option(
    "--out", type=click.Path(dir_okay=False), metavar="FILE",
    help="Write to this file (readable by you only) instead of the screen.",
)
force_option = click.option("--force", is_flag=True, help="Replace the --out file if it already exists.")


def _refuse(exc: Exception) -> None:
    raise TutorError(f"{exc}")


def check_out(place: TutorContext, out: str | None, force: bool) -> None:
    """Refuse a bad --out before any work is done (it is checked again when the file is written)."""
    from tutor.service.private_files import OutputRefused, check_output

    if out:
        try:
            check_output(out, place.protected_files(), force)
        except OutputRefused as exc:
            _refuse(exc)


def stage_out(place: TutorContext, out: str, force: bool):
    """A StagedOutput for `out`: write it, do what depends on it, then publish it (or discard it)."""
    from tutor.service.private_files import OutputRefused, StagedOutput

    try:
        return StagedOutput(out, place.protected_files(), force)
    except OutputRefused as exc:
        _refuse(exc)


def write_out(place: TutorContext, text: str | bytes, out: str | None, force: bool) -> None:
    """The text to the --out file (UTF-8, no BOM, line ends as given), or to standard output."""
    from tutor.service.private_files import OutputRefused, write_output

    if not out:
        click.echo(text, nl=False)
        return
    try:
        write_output(out, text, place.protected_files(), force)
    except OutputRefused as exc:
        _refuse(exc)
