"""Opening records and content for a subcommand, with plain messages instead of tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tutor.cli.options import resolve


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


def open_records(ctx: click.Context, db: str | None, must_exist: bool = False):
    """Open the records database. `must_exist` refuses to create an empty one where a trainer
    mistyped a path for a read-only command."""
    from tutor.store.database import StoreError, default_db_path
    from tutor.store.records import Records

    path = option_value(ctx, "db", db)
    if must_exist and not Path(path or default_db_path()).exists():
        click.echo(
            f"tutor: there is no records database at {path or default_db_path()}. Pass the right one with "
            "--db PATH (or set TUTOR_DB).", err=True,
        )
        sys.exit(1)
    try:
        return Records(path)
    except StoreError as exc:
        click.echo(f"tutor: {exc}", err=True)
        sys.exit(1)


def open_content(ctx: click.Context, content: str | None):
    from tutor.content.loader import ContentInvalid, load_valid_content

    try:
        return load_valid_content(option_value(ctx, "content", content))
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        click.echo("tutor: the content has errors; run `tutor check` and fix them first.", err=True)
        sys.exit(1)
