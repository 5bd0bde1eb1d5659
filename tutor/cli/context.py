"""One context object per command line: where the records and the content are, opened on first use.

The root group and every subcommand (and subgroup) take `--db` and `--content`; each one given is
kept in the `TutorContext` in `ctx.obj` as it is parsed, so the innermost command's wins over a
group's (`tutor report --db X questions`), which wins over the root's (`tutor --db X report`).
Commands receive the object with `pass_tutor` and open what they need from it: a missing
database or invalid content is a plain message, not a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tutor.errors import TutorError

if TYPE_CHECKING:
    from tutor.content.model import Content
    from tutor.store.records import Records


@dataclass
class TutorContext:
    """The records database and content folder a command uses, and, once opened, the records and content."""

    db: str | None = None  # --db (or TUTOR_DB); None: the user data folder
    content_dir: str | None = None  # --content; None: the shipped content
    _records: Records | None = field(default=None, init=False, repr=False)
    _content: Content | None = field(default=None, init=False, repr=False)

    @property
    def db_path(self) -> Path:
        """The records database: --db, else TUTOR_DB, else the user data folder."""
        from tutor.store.database import default_db_path

        return Path(self.db).expanduser() if self.db else default_db_path()

    def records(self, create: bool = False, readonly: bool = False) -> Records:
        """The records database, opened on first use.

        Only commands that create records (`create=True`) may create it, readable by its owner
        only; every other command refuses a missing database, so a mistyped --db never leaves an
        empty one behind or reports on nothing as if all were well. `readonly` opens an existing
        database without creating, migrating or writing anything.
        """
        if self._records is None:
            self._records = self._open_records(create, readonly)
        return self._records

    def _open_records(self, create: bool, readonly: bool) -> Records:
        from tutor.service.private_files import create_private_database_file
        from tutor.store.records import Records

        if readonly:
            return Records(self.db, readonly=True)
        path = self.db_path
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

    def content(self) -> Content:
        """The validated content (--content, else the shipped copy), loaded on first use; if it has
        errors, the first 20 of them and a TutorError."""
        if self._content is None:
            from tutor.content.loader import ContentInvalid, load_valid_content

            try:
                self._content = load_valid_content(self.content_dir)
            except ContentInvalid as exc:
                for error in exc.errors[:20]:
                    click.echo(str(error), err=True)
                raise TutorError("the content has errors; run `tutor check` and fix them first.") from None
        return self._content

    def protected_files(self) -> list[Path]:
        """The records database in use and its companion files: no output may be written over them."""
        from tutor.service.private_files import database_files

        return database_files(self.db_path)


# What each shared option is called in the context object.
_FIELDS = {"db": "db", "content": "content_dir"}


def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """The callback of --db and --content: a value given to this command (or group) replaces one
    given further out."""
    place = ctx.ensure_object(TutorContext)
    if value is not None and param.name is not None:
        setattr(place, _FIELDS[param.name], value)
    return value


pass_tutor = click.make_pass_decorator(TutorContext, ensure=True)
