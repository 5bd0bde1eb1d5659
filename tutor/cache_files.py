"""Pickled files in the user's own cache folder (the validated content, the answer index).

Written atomically; read back only when whole and of the kind expected. Any problem (no cache
folder, a damaged or foreign file, a folder that cannot be written) means None or False, and the
caller does the work afresh.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
    """The cache folder, or None when the environment variable `off_switch` is set."""
    if os.environ.get(off_switch):
        return None
    from platformdirs import user_cache_dir

    try:
        return Path(user_cache_dir("tutor", appauthor=False))
    except OSError:
        return None


def read(path: Path, kind: type):
    """The object pickled at `path` when it is a `kind`, else None."""
    try:
        with path.open("rb") as handle, without_gc():
            value = pickle.load(handle)  # noqa: S301 - the user's own cache, written by `write`
    except Exception:  # missing, damaged or foreign
        return None
    return value if isinstance(value, kind) else None


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
