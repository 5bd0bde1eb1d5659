"""Open the Textual app with the records and content the command line chose."""

from __future__ import annotations


import click
from tutor.errors import TutorError


def run_app(db: str | None, content: str | None, trainer: bool = False, plain: bool = False) -> None:
    """Open the app (or the plain-text tutor) on `db`, created readable by its owner only if new, and `content`."""
    from pathlib import Path

    from tutor.content.loader import ContentInvalid
    from tutor.service.private_files import create_private_database_file
    from tutor.store.database import default_db_path

    db_path = Path(db).expanduser() if db else default_db_path()
    try:
        create_private_database_file(db_path)
    except OSError as exc:
        raise TutorError(f"cannot create the records database {db_path}: {exc.strerror}.") from None
    if plain:
        from tutor.cli.run_plain import run_plain_tutor

        return run_plain_tutor(str(db_path), content)
    from tutor.ui.app import make_app

    try:
        app = make_app(db_path=db_path, content_dir=content, trainer=trainer)
    except ContentInvalid as exc:
        for error in exc.errors[:20]:
            click.echo(str(error), err=True)
        raise TutorError("the training content has errors (run `tutor check`).") from None
    app.run()
