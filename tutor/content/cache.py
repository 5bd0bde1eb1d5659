"""A cache of validated content, so starting the app does not re-read and re-check every file.

The key is a hash of every content file's path and bytes plus the tutor version: any edit, or
a new tutor, misses the cache and the content is loaded and validated afresh. Only content
that passed validation is ever cached. Any problem with the cache just means loading normally.
`tutor ask` keeps what it reads of the same files here too, as another kind (answer/source.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tutor import __version__, cache_files
from tutor.content.model import Content

FOLDERS = ("policies", "districts", "lessons", "quizzes")
VALIDATED = "content-"


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


def _cache_file(root: Path, kind: str, reader: str) -> Path | None:
    cache = cache_files.folder("TUTOR_NO_CONTENT_CACHE")
    if cache is None:
        return None
    key = fingerprint(root)
    if reader:
        key = hashlib.sha256(f"{key}\0{reader}".encode()).hexdigest()[:32]
    return cache / f"{kind}{key}.pickle"


def load(root: Path, kind: str = VALIDATED, reader: str = "") -> Content | None:
    """The cached content for exactly these files, or None. `kind` names what was cached (the
    validated content, or what `tutor ask` reads) and `reader` stands for the code that read it."""
    path = _cache_file(root, kind, reader)
    content = cache_files.read(path, Content) if path is not None else None
    if content is None or content.errors:
        return None
    content.root = str(root)
    return content


def save(root: Path, content: Content, kind: str = VALIDATED, reader: str = "", keep: int | None = None) -> None:
    """Cache content read without errors (written atomically; failures are ignored), keeping only the
    `keep` newest of its kind when given."""
    if content.errors:
        return
    path = _cache_file(root, kind, reader)
    if path is not None and cache_files.write(path, content) and keep is not None:
        cache_files.keep_newest(path.parent, kind, keep, path)
