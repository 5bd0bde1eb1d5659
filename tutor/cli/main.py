"""`tutor`: open the app, or run one of the subcommands."""

from __future__ import annotations

import gc
from importlib import import_module

import click

from tutor import __version__
from tutor.errors import TutorError
from tutor.cli.options import content_option, db_option

# Each subcommand's module is imported only when that subcommand runs (or help lists them),
# so opening the app does not pay for the trainer tools.
SUBCOMMANDS = {
    "approve": "tutor.cli.approve",
    "ask": "tutor.cli.ask",
    "certificate": "tutor.cli.certificate",
    "check": "tutor.cli.check",
    "export": "tutor.cli.export",
    "report": "tutor.cli.report",
    "roster": "tutor.cli.roster",
    "serve": "tutor.cli.serve",
    "seal": "tutor.cli.seal",
    "settings": "tutor.cli.settings",
    "trainer": "tutor.cli.trainer",
    "verify": "tutor.cli.verify",
    "void": "tutor.cli.void",
}


class CommandFailed(click.ClickException):
    """A TutorError on its way out of a command: printed as `tutor: message`, exit status 1."""

    exit_code = 1

    def __init__(self, error: TutorError):
        super().__init__(str(error))
        self.error = error

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        for line in self.error.details():
            click.echo(line, err=True)
        click.echo(f"tutor: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    """A group whose subcommands are named up front and imported on first use.

    It is also the one place where any TutorError a command lets through becomes a clean
    message and exit status, instead of a traceback.
    """

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except TutorError as exc:
            raise CommandFailed(exc) from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *SUBCOMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in SUBCOMMANDS and name not in self.commands:
            self.add_command(getattr(import_module(SUBCOMMANDS[name]), name), name)
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="tutor")
@db_option
@content_option
@click.option("--plain", is_flag=True, help="Plain lines of text instead of the full-screen app (screen readers, SSH).")
@click.pass_context
def cli(ctx: click.Context, plain: bool) -> None:
    """Acceptable Use Policy training: lessons, quizzes and a signed acknowledgment.

    Run without a subcommand to open the tutor.
    """
    # --db and --content are kept in the command line's TutorContext (ctx.obj, made as the root's
    # options are parsed), which every subcommand receives.
    if ctx.invoked_subcommand is None:
        from tutor.cli.context import TutorContext
        from tutor.cli.run_app import run_app

        place = ctx.ensure_object(TutorContext)
        run_app(db=place.db, content=place.content_dir, plain=plain)


def main() -> None:
    try:
        cli(prog_name="tutor")
    finally:
        # The command is done and its output written. Freezing what it built (a report's
        # 10,000 rows, the content) spares the collector's pass over all of it as Python
        # exits: objects are still freed, only the final search for cycles skips them.
        gc.freeze()
