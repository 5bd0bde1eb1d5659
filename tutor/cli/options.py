"""Options shared by the subcommands: where the records and the content live."""

from __future__ import annotations

import click

db_option = click.option(
    "--db",
    "db",
    envvar="TUTOR_DB",
    default=None,
    metavar="PATH",
    help="Records database (default: the user data folder; env TUTOR_DB).",
)
content_option = click.option(
    "--content",
    "content",
    default=None,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Content folder with policies/, districts/, lessons/, quizzes/ (default: the shipped content).",
)


def resolve(ctx: click.Context, key: str, value: str | None) -> str | None:
    """A subcommand's own option wins over the group's."""
    if value is not None:
        return value
    obj = ctx.find_root().obj or {}
    return obj.get(key)
