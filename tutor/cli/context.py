"""Opening records and content for a subcommand, with plain messages instead of tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tutor.cli.options import resolve
from tutor.errors import TutorError


def option_value(ctx: click.Context, key: str, value: str | None) -> str | None:
    """The command's own option, else a parent group's (`tutor report --db X questions`), else the root's."""
    if value is not None:
        return value
    parent = ctx.parent
    while parent is not None:
        if parent.params.get(key) is not None:
            return parent.params[key]
        parent = parent.parent
    return resolve(ctx, key, None)


def records_path(ctx: click.Context, db: str | None) -> Path:
    """The records database this command uses: --db, else TUTOR_DB, else the user data folder."""
    from tutor.store.database import default_db_path

    path = option_value(ctx, "db", db)
    return Path(path).expanduser() if path else default_db_path()


def open_records(ctx: click.Context, db: str | None, create: bool = False, must_exist: bool = True):
    """Open the records database.

    Only commands that create records (`create=True`) may create it, readable by its owner
    only; every other command refuses a missing database, so a mistyped --db never leaves an
    empty one behind or reports on nothing as if all were well. (`must_exist=False` is the older
    spelling of `create=True`.)
    """
    create = create or not must_exist
    from tutor.service.private_files import create_private_database_file
    from tutor.store.records import Records

    path = records_path(ctx, db)
    if create:
        try:
            create_private_database_file(path)
        except OSError as exc:
            raise TutorError(f"cannot create the records database {path}: {exc.strerror}.") from None
    elif not path.is_file():
        what = "a folder, not a records database" if path.is_dir() else "no records database"
        click.echo(
            f"tutor: there is {what} at {path}. Pass the right one with --db PATH (or set TUTOR_DB); "
            "`tutor roster import` or the app itself creates a new one.", err=True,
        )
        sys.exit(1)
    return Records(path)


def open_content(ctx: click.Context, content: str | None):
    """The validated content (--content, else the shipped copy), or a list of its errors and exit 1."""
    from tutor.content.loader import ContentInvalid, load_valid_content

    try:
        return load_valid_content(option_value(ctx, "content", content))
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        raise TutorError("the content has errors; run `tutor check` and fix them first.") from None
