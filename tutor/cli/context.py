"""Opening records and content for a subcommand, with plain messages instead of tracebacks."""

from __future__ import annotations

import sys

import click

from tutor.cli.options import resolve


def open_records(ctx: click.Context, db: str | None):
    from tutor.store.database import StoreError
    from tutor.store.records import Records

    try:
        return Records(resolve(ctx, "db", db))
    except StoreError as exc:
        click.echo(f"tutor: {exc}", err=True)
        sys.exit(1)


def open_content(ctx: click.Context, content: str | None):
    from tutor.content.loader import ContentInvalid, load_valid_content

    try:
        return load_valid_content(resolve(ctx, "content", content))
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        click.echo("tutor: the content has errors (run `tutor check`); fix them first.", err=True)
        sys.exit(1)
