"""Open the Textual app with the records and content the command line chose."""

from __future__ import annotations


def run_app(db: str | None, content: str | None) -> None:
    from tutor.ui.app import make_app

    app = make_app(db_path=db, content_dir=content)
    app.run()
