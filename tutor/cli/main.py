"""`tutor`: open the app, or run one of the subcommands."""

from __future__ import annotations

import click

from tutor import __version__
from tutor.cli.options import content_option, db_option


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tutor")
@db_option
@content_option
@click.pass_context
def cli(ctx: click.Context, db: str | None, content: str | None) -> None:
    """Acceptable Use Policy training: lessons, quizzes and a signed acknowledgment.

    Run without a subcommand to open the tutor.
    """
    ctx.ensure_object(dict)
    ctx.obj.setdefault("db", db)
    ctx.obj.setdefault("content", content)
    if ctx.invoked_subcommand is None:
        from tutor.cli.run_app import run_app

        run_app(db=db, content=content)


def _register() -> None:
    from tutor.cli.check import check

    cli.add_command(check)
    for module, name in (
        ("tutor.cli.ask", "ask"),
        ("tutor.cli.roster", "roster"),
        ("tutor.cli.report", "report"),
        ("tutor.cli.export", "export"),
        ("tutor.cli.certificate", "certificate"),
        ("tutor.cli.verify", "verify"),
        ("tutor.cli.serve", "serve"),
        ("tutor.cli.trainer", "trainer"),
        ("tutor.cli.settings", "settings"),
    ):
        try:
            mod = __import__(module, fromlist=[name])
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        cli.add_command(getattr(mod, name))


_register()


def main() -> None:
    cli(prog_name="tutor")
