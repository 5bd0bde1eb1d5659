"""A cache of validated content, so starting the app does not re-read and re-check every file.

The key is a hash of every content file's path and bytes plus the tutor version: any edit, or
a new tutor, misses the cache and the content is loaded and validated afresh. Only content
that passed validation is ever cached. Any problem with the cache just means loading normally.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from tutor import __version__
from tutor.content.model import Content

FOLDERS = ("policies", "districts", "lessons", "quizzes")


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*")):
            if path.is_symlink():
                # Hashed by where it points, never read: the loader refuses links leaving the folder.
                digest.update(f"{folder}/{path.name}\0->{os.readlink(path)}\0".encode())
                if path.is_file() and path.resolve().is_relative_to(root.resolve()):
                    digest.update(path.read_bytes())
            elif path.is_file():
                digest.update(f"{folder}/{path.name}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _cache_file(root: Path) -> Path | None:
    if os.environ.get("TUTOR_NO_CONTENT_CACHE"):
        return None
    from platformdirs import user_cache_dir

    try:
        return Path(user_cache_dir("tutor", appauthor=False)) / f"content-{fingerprint(root)}.pickle"
    except OSError:
        return None


def load(root: Path) -> Content | None:
    """The cached content for exactly these files, or None."""
    path = _cache_file(root)
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            content = pickle.load(handle)  # noqa: S301 - the user's own cache, written below
    except Exception:  # a damaged or foreign file: ignore it and load normally
        return None
    if not isinstance(content, Content) or content.errors:
        return None
    content.root = str(root)
    return content


def save(root: Path, content: Content) -> None:
    """Cache validated content (written atomically; failures are ignored)."""
    if content.errors:
        return
    path = _cache_file(root)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass
