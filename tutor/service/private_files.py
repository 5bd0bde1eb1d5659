"""Files the tutor writes: readable by their owner only, written whole or not at all, never over the records.

Every output (reports, exports, enrollment codes, certificates) is written to a temporary file
in the target folder and renamed into place once complete, so a full disk or a crash never
leaves half a file, and an existing file is only replaced when asked. The records database and
its `-wal`, `-shm` and `-journal` companions are refused by resolved path and by inode, so a
slip such as `--out tutor.db` cannot destroy the evidence.
"""

from __future__ import annotations

from tutor.errors import TutorError

import os
from pathlib import Path
from typing import Iterable

# The files SQLite keeps beside a database; writing over any of them damages the records.
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


class OutputRefused(TutorError):
    """The output cannot or must not be written; the message says why and what to do."""


def database_files(db_path: str | Path) -> list[Path]:
    """The database and the companion files SQLite may keep beside it."""
    db_path = Path(db_path)
    return [db_path.with_name(db_path.name + suffix) for suffix in DATABASE_COMPANIONS]


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links, bind mounts, case-insensitive file systems
    except OSError:
        return False  # one of them does not exist


def check_output(target: str | Path, protected: Iterable[str | Path] = (), force: bool = False) -> Path:
    """Refuse a target that is one of the protected files, a folder, or (without `force`) an existing file."""
    target = Path(target).expanduser()
    for path in protected:
        if _same_file(target, Path(path).expanduser()):
            raise OutputRefused(
                f"{target} is the records database (or one of its files); writing there would destroy the "
                "records. Choose another file."
            )
    if target.is_dir():
        raise OutputRefused(f"{target} is a folder; give a file name.")
    if not force and (target.exists() or target.is_symlink()):
        raise OutputRefused(f"{target} already exists; choose another file name, or add --force to replace it.")
    folder = target.parent
    if not folder.is_dir():
        raise OutputRefused(f"the folder {folder} does not exist; create it first or choose another file.")
    return target


class StagedOutput:
    """An output written to a private temporary file beside its target, then published by renaming.

    Use `write`, then `publish` once everything else that depends on the file has succeeded, or
    `discard` to leave the target folder as it was.
    """

    def __init__(self, target: str | Path, protected: Iterable[str | Path] = (), force: bool = False):
        self.protected = [Path(p) for p in protected]
        self.force = force
        self.target = check_output(target, self.protected, force)
        # A new file only this account can read, under a name nobody else is using (as tempfile.mkstemp
        # makes it, without the 10 ms that importing tempfile adds to every report).
        for _ in range(100):
            temp = self.target.parent / f".{self.target.name}.{os.urandom(6).hex()}.part"
            try:
                handle = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                                 PRIVATE_FILE_MODE)
            except FileExistsError:
                continue
            except OSError as exc:
                raise OutputRefused(
                    f"cannot write in {self.target.parent}: {exc.strerror}. Choose another folder."
                ) from None
            break
        else:
            raise OutputRefused(f"cannot find a free temporary name in {self.target.parent}.")
        os.close(handle)
        self.temp = temp
        self.published = False

    def write(self, data: str | bytes) -> None:
        """Write the whole output (text as UTF-8, line ends as given) and flush it to disk."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            with open(self.temp, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            self.discard()
            raise OutputRefused(f"cannot write {self.target}: {exc.strerror}. Nothing was written.") from None

    def publish(self) -> Path:
        """Move the finished file into place (never over a file that appeared meanwhile, unless forced)."""
        try:
            # Checked again: another program may have created the target while the output was made.
            check_output(self.target, self.protected, self.force)
            if self.force:
                os.replace(self.temp, self.target)
            else:
                self._link_without_replacing()
        except OutputRefused:
            self.discard()
            raise
        except OSError as exc:
            self.discard()
            raise OutputRefused(f"cannot write {self.target}: {exc.strerror}. Nothing was written.") from None
        self.published = True
        _sync_folder(self.target.parent)
        return self.target

    def _link_without_replacing(self) -> None:
        try:
            os.link(self.temp, self.target)  # fails if the target exists: no window to overwrite it
        except FileExistsError:
            raise OutputRefused(
                f"{self.target} already exists; choose another file name, or add --force to replace it."
            ) from None
        except OSError:
            # A file system without hard links: the check above is the best that can be done.
            if self.target.exists():
                raise
            os.replace(self.temp, self.target)
            return
        os.unlink(self.temp)

    def discard(self) -> None:
        """Remove the temporary file, if it is still there."""
        try:
            os.unlink(self.temp)
        except FileNotFoundError:
            pass


def write_output(target: str | Path, data: str | bytes, protected: Iterable[str | Path] = (),
                 force: bool = False) -> Path:
    """Write a whole output file privately and atomically; raise OutputRefused with a plain message."""
    staged = StagedOutput(target, protected, force)
    staged.write(data)
    return staged.publish()


def unused_name(folder: str | Path, filename: str) -> Path:
    """`folder/filename`, or `name-2.ext`, `name-3.ext`... when that is taken: exports never replace one another."""
    folder = Path(folder)
    candidate = folder / filename
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / (f"{stem}-{number}.{suffix}" if dot else f"{stem}-{number}")
        number += 1
    return candidate


def create_private_database_file(path: str | Path) -> bool:
    """Create an empty database file readable by its owner only, if none exists; True if created.

    SQLite gives the `-wal` and `-shm` files it creates later the database file's permissions,
    so creating the file first with 0600 keeps all of the records private.
    """
    path = Path(path).expanduser()
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False  # another process created it first
    os.close(handle)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
