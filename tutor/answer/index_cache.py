"""A cache of the built answer index, so a `tutor ask` process need not rebuild it.

Building the index reads every passage and the nearly four thousand questions written for the
sections (about 0.3 s); loading it back takes about a third of that. The key is a hash of
everything the index is built from and holds (each passage's words and its whole section, twins
included; the lesson and quiz keys; the written questions and those the policies do not answer)
and of the answerer's own code and the tutor version: any change misses the cache and the index
is built afresh. Any problem with the cache just means building normally; setting
TUTOR_NO_INDEX_CACHE turns it off. Like the content cache, it lives in the user's own cache folder.

Beside it are kept the sections' text vectors (semantic.py) for that index and word table, which a
question with no district would otherwise work out for every section in its own process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tutor import __version__, cache_files
from tutor.answer.index import Index
from tutor.answer.passages import Passage
from tutor.answer.semantic import Semantic, table_stamp, table_words

_CODE = Path(__file__).parent
PREFIX = "answer-index-"
MEANING_PREFIX = "answer-meaning-"
KEEP = 3


def fingerprint(passages: list[Passage], keys: dict[str, list[str]], asks: dict[str, list[str]],
                outside: list[str]) -> str:
    """A hash of the index's inputs and of the code that builds it (the word table's stamp for
    its words, which are read only when the index is built)."""
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
    digest.update(f"\5{table_stamp()}".encode())
    return digest.hexdigest()[:32]


def load_or_build(passages: list[Passage], keys: dict[str, list[str]], asks: dict[str, list[str]],
                  outside: list[str]) -> Index:
    """The index of exactly these inputs: from the cache when it is there, else built and cached
    (written atomically, keeping the KEEP newest; failures to write are ignored)."""
    folder = cache_files.folder("TUTOR_NO_INDEX_CACHE")
    if folder is None:
        return _build(passages, keys, asks, outside)
    key = fingerprint(passages, keys, asks, outside)
    path = folder / f"{PREFIX}{key}.pickle"
    index = cache_files.read(path, Index)
    if index is not None:
        index.passages = passages
        index.cache_read = True
    else:
        index = _build(passages, keys, asks, outside)
        if cache_files.write(path, index):
            cache_files.keep_newest(folder, PREFIX, KEEP, path)
    index.cache_key = key
    return index


def _build(passages: list[Passage], keys: dict[str, list[str]], asks: dict[str, list[str]],
           outside: list[str]) -> Index:
    with cache_files.without_gc():
        return Index(passages, keys, asks, outside, table_words())


def keep_meaning(semantic: Semantic, index: Index) -> None:
    """Give `semantic` the sections' text vectors kept for this very index and word table, or work
    them all out and keep them (about 0.06 s, once): a question with no district otherwise works
    out every section's in its own process. Nothing is kept when the index cache is off, nor by
    the process that has just built the index (it has enough to do: the next one keeps them)."""
    folder = cache_files.folder("TUTOR_NO_INDEX_CACHE")
    if folder is None or not index.cache_key:
        return
    key = hashlib.sha256(f"{index.cache_key}\0{semantic.vectors.digest}".encode()).hexdigest()[:32]
    path = folder / f"{MEANING_PREFIX}{key}.pickle"
    kept = cache_files.read(path, dict)
    if (kept is not None and semantic.restore_texts(kept)) or not index.cache_read:
        return
    if cache_files.write(path, semantic.texts()):
        cache_files.keep_newest(folder, MEANING_PREFIX, KEEP, path)
