"""Pickled files in the user's own cache folder (the validated content, the answer index).

Written atomically; read back only when whole and of the kind expected. Any problem (no cache
folder, a damaged or foreign file, a folder that cannot be written) means None or False, and the
caller does the work afresh.

A file missing from the user's folder is looked for among those the package ships
(tutor/_prebuilt, made when the wheel is built: see hatch_build.py), so the first `tutor ask`
after an install finds its index already built. Every file is named by a hash of exactly what
it was made from, so a shipped file is only ever read for the very inputs it was made from.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Files the package ships, built with it (absent in a source checkout).
SHIPPED = Path(__file__).resolve().parent / "_prebuilt"
# Where the cache lives instead of the platform's user cache folder.
FOLDER_SWITCH = "TUTOR_CACHE_DIR"


@contextmanager
def without_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a great many objects that are kept are made (a
    cache read back, an index built): it would otherwise walk them again and again for nothing,
    a third of the time taken."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def folder(off_switch: str) -> Path | None:
    """The cache folder (TUTOR_CACHE_DIR when set, else the user's cache folder), or None when
    the environment variable `off_switch` is set."""
    if os.environ.get(off_switch):
        return None
    chosen = os.environ.get(FOLDER_SWITCH)
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    try:
        return Path(user_cache_dir("tutor", appauthor=False))
    except OSError:
        return None


def read(path: Path, kind: type):
    """The object pickled at `path` when it is a `kind`; else the one the package ships under
    the same name; else None."""
    value = _unpickled(path)
    if not isinstance(value, kind):
        value = _unpickled(SHIPPED / path.name)
    return value if isinstance(value, kind) else None


def _unpickled(path: Path):
    try:
        with path.open("rb") as handle, without_gc():
            return pickle.load(handle)  # noqa: S301 - the user's own cache (written by `write`) or the package's
    except Exception:  # missing, damaged or foreign
        return None


def write(path: Path, value: object) -> bool:
    """Pickle `value` to `path` atomically; False when it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle, without_gc():
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        return False
    return True


def keep_newest(folder: Path, prefix: str, keep: int, current: Path) -> None:
    """Remove all but the `keep` newest `prefix*.pickle` files of `folder`, `current` among them
    (one content folder and another used in turn do not evict each other); failures are ignored."""
    try:
        others = sorted((f for f in folder.glob(f"{prefix}*.pickle") if f != current),
                        key=lambda f: f.stat().st_mtime_ns, reverse=True)
        for old in others[keep - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
