"""Options shared by the subcommands: where the records and the content live.

Neither is passed to the command's function: each value given is kept in the command line's
`tutor.cli.context.TutorContext`, which the commands receive with `pass_tutor`.
"""

from __future__ import annotations

from typing import Any

import click


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    # Imported on use: `tutor` alone (the app) imports no more of the command line than it needs.
    from tutor.cli.context import remember

    return remember(ctx, param, value)


db_option = click.option(
    "--db",
    "db",
    envvar="TUTOR_DB",
    default=None,
    metavar="PATH",
    help="Records database (default: the user data folder; env TUTOR_DB).",
    callback=_remember,
    expose_value=False,
)
content_option = click.option(
    "--content",
    "content",
    default=None,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Content folder with policies/, districts/, lessons/, quizzes/ (default: the shipped content).",
    callback=_remember,
    expose_value=False,
)
