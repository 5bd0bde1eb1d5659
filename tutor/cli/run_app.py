"""Open the Textual app with the records and content the command line chose."""

from __future__ import annotations

import sys

import click


def run_app(db: str | None, content: str | None, trainer: bool = False, plain: bool = False) -> None:
    from tutor.content.loader import ContentInvalid
    from tutor.store.database import StoreError

    if plain:
        from tutor.cli.run_plain import run_plain_tutor

        return run_plain_tutor(db, content)
    from tutor.ui.app import make_app

    try:
        app = make_app(db_path=db, content_dir=content, trainer=trainer)
    except StoreError as exc:
        click.echo(f"tutor: {exc}", err=True)
        sys.exit(1)
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        click.echo("tutor: the training content has errors (run `tutor check`).", err=True)
        sys.exit(1)
    app.run()
