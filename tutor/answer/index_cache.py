"""A cache of the built answer index, so a `tutor ask` process need not rebuild it.

Building the index reads every passage and the nearly four thousand questions written for the
sections (about 0.3 s); loading it back takes about a third of that. The key is a hash of
everything the index is built from and holds (each passage's words and its whole section, twins
included; the lesson and quiz keys; the written questions and those the policies do not answer)
and of the answerer's own code and the tutor version: any change misses the cache and the index
is built afresh. Any problem with the cache just means building normally; setting
TUTOR_NO_INDEX_CACHE turns it off. Like the content cache, it lives in the user's own cache folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tutor import __version__, cache_files
from tutor.answer.index import Index
from tutor.answer.passages import Passage

_CODE = Path(__file__).parent
PREFIX = "answer-index-"
KEEP = 3


def fingerprint(passages: list[Passage], keys: dict[str, list[str]], asks: dict[str, list[str]],
                outside: list[str]) -> str:
    """A hash of the index's inputs and of the code that builds it."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    sections: set[str] = set()
    for passage in passages:
        if passage.ref not in sections:
            sections.add(passage.ref)
            digest.update(f"\4{passage.section!r}\0".encode())
        digest.update(f"{passage.ref}\0{passage.number}\0{passage.kind}\0{passage.text}\0".encode())
    for table in (keys, asks):
        for ref in sorted(table):
            digest.update(f"\1{ref}\0{chr(2).join(table[ref])}".encode())
    digest.update(f"\3{chr(2).join(outside)}".encode())
    return digest.hexdigest()[:32]


def load_or_build(passages: list[Passage], keys: dict[str, list[str]], asks: dict[str, list[str]],
                  outside: list[str]) -> Index:
    """The index of exactly these inputs: from the cache when it is there, else built and cached
    (written atomically, keeping the KEEP newest; failures to write are ignored)."""
    folder = cache_files.folder("TUTOR_NO_INDEX_CACHE")
    if folder is None:
        return Index(passages, keys, asks, outside)
    path = folder / f"{PREFIX}{fingerprint(passages, keys, asks, outside)}.pickle"
    index = cache_files.read(path, Index)
    if index is not None:
        return index
    index = Index(passages, keys, asks, outside)
    if cache_files.write(path, index):
        # The newest few are kept (one content folder and another, say), older ones removed.
        try:
            others = sorted((f for f in folder.glob(f"{PREFIX}*.pickle") if f != path),
                            key=lambda f: f.stat().st_mtime_ns, reverse=True)
            for old in others[KEEP - 1:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass
    return index
