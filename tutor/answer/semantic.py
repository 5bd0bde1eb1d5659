"""A second opinion on what a question is about, from a small static word-embedding table.

The table (data/word_vectors.bin, built by tools/build_word_vectors.py) holds one short vector
per word, distilled from a sentence-embedding model: words used in like contexts ("Instagram",
"social media", "app") lie close together even when they share no letters. A text's vector is
the mean of its words' vectors weighted by how telling each word is (the index's idf), so a
question and a section that speak of the same thing in different words come out close.

Pure Python (the stdlib `array` module); nothing is downloaded and no model runs at answer time.
"""

from __future__ import annotations

import hashlib
import math
import struct
from array import array
from functools import lru_cache
from itertools import repeat
from operator import add, mul
from pathlib import Path

from tutor.answer.terms import STOP_WORDS, stem, words
from tutor.content.model import Section

TABLE = Path(__file__).parent / "data" / "word_vectors.bin"
_MAGIC = b"TWV1"
_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "ly")


class WordVectors:
    """Word -> unit vector (dequantised on lookup)."""

    def __init__(self, dims: int, vocabulary: list[str], scale: tuple[float, ...], values: array, digest: str = ""):
        self.dims = dims
        self.digest = digest  # of the file it was read from: what vectors worked out with it are kept by
        self.scale = scale
        self._values = values
        self._row = {word: number for number, word in enumerate(vocabulary)}

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, word: str) -> bool:
        return word in self._row

    def row(self, word: str) -> int | None:
        number = self._row.get(word)
        if number is None:
            # A word the table lacks may be there in another form ("texting" -> "text").
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    number = self._row.get(word[: -len(suffix)])
                    if number is not None:
                        break
        return number

    def vector(self, word: str) -> list[float] | None:
        number = self.row(word)
        if number is None:
            return None
        start = number * self.dims
        return list(map(mul, self._values[start:start + self.dims], self.scale))

    def embed(self, weighted: dict[str, float]) -> list[float] | None:
        """The unit-length weighted mean of the words' vectors; None when no word is known."""
        total: list[float] | None = None
        dims = self.dims
        values = self._values
        for word, weight in weighted.items():
            number = self.row(word)
            if number is None or weight <= 0:
                continue
            start = number * dims
            scaled = map(mul, values[start:start + dims], repeat(weight))
            total = list(scaled) if total is None else list(map(add, total, scaled))
        if total is None:
            return None
        total = list(map(mul, total, self.scale))
        norm = math.sqrt(sum(map(mul, total, total)))
        return [t / norm for t in total] if norm else None


def cosine(a: list[float] | None, b: list[float] | None) -> float:
    """Cosine of two unit vectors; 0 when either is missing."""
    if a is None or b is None:
        return 0.0
    return sum(map(mul, a, b))


def _vocabulary(data: bytes) -> tuple[int, int, tuple[float, ...], list[str], int]:
    """A table's header and word list: its dimensions, word count, scale, words, and the offset
    at which its values begin."""
    if data[:4] != _MAGIC:
        raise ValueError("not a word-vector table")
    dims, count = struct.unpack_from("<II", data, 4)
    offset = 12
    scale = struct.unpack_from(f"<{dims}f", data, offset)
    offset += 4 * dims
    (length,) = struct.unpack_from("<I", data, offset)
    offset += 4
    vocabulary = data[offset:offset + length].decode("utf-8").split("\n")
    return dims, count, scale, vocabulary, offset + length


def read(path: Path) -> WordVectors:
    data = path.read_bytes()
    try:
        dims, count, scale, vocabulary, offset = _vocabulary(data)
    except ValueError:
        raise ValueError(f"{path} is not a word-vector table") from None
    values = array("b")
    values.frombytes(data[offset:offset + dims * count])
    if len(vocabulary) != count or len(values) != dims * count:
        raise ValueError(f"{path} is truncated")
    digest = table_stamp() if path == TABLE else hashlib.sha256(data).hexdigest()
    return WordVectors(dims, vocabulary, tuple(scale), values, digest)


def table_words() -> frozenset[str]:
    """The words of the shipped table, read without their vectors: the real English words (and the
    names of apps and devices) it holds, which no typing slip produces ("cough", "detention")."""
    return frozenset(_vocabulary(TABLE.read_bytes())[3])


@lru_cache(maxsize=1)
def table_stamp() -> str:
    """A hash of the shipped table's bytes (about 3 ms): the same wherever the package is
    installed, so the index shipped with it (tutor/answer/prebuild.py) is found."""
    return hashlib.sha256(TABLE.read_bytes()).hexdigest()


def content_words(text: str) -> list[str]:
    """The words of `text` that can carry meaning (stop words and numbers dropped)."""
    return [w for w in words(text) if w not in STOP_WORDS and not w.isdigit()]


@lru_cache(maxsize=1)
def shipped() -> WordVectors:
    """The table shipped inside the package, read once per process."""
    return read(TABLE)


class Semantic:
    """Vectors of the sections' policy text, sentences and written questions, made when first
    needed (a question compares only a few sections, a "not sure" one the asker's policy)."""

    def __init__(self, vectors: WordVectors, idf: dict[str, float], unknown: float,
                 sections: dict[str, Section], passages: dict[str, list[str]], asks: dict[str, list[str]]):
        self.vectors = vectors
        self.idf = idf
        self.unknown = unknown
        self.sections = sections
        self._passages = passages
        self._asks = asks
        self._text: dict[str, list[float] | None] = {}
        self._best: dict[str, list[list[float] | None]] = {}
        self._passage: dict[str, list[float] | None] = {}

    def embed(self, text: str) -> list[float] | None:
        """`text`'s vector: its words' vectors weighted by how telling each word is."""
        weights: dict[str, float] = {}
        for word in content_words(text):
            weights[word] = max(weights.get(word, 0.0), self.idf.get(stem(word), self.unknown))
        return self.vectors.embed(weights)

    def texts(self) -> dict[str, list[float] | None]:
        """Every section's text vector (worked out now where not yet), to be kept between runs."""
        return {ref: self.text(ref) for ref in self.sections}

    def restore_texts(self, vectors: dict[str, list[float] | None]) -> bool:
        """Take the text vectors kept from an earlier run; False (taking none) unless they cover
        exactly these sections."""
        if set(vectors) != set(self.sections):
            return False
        self._text.update(vectors)
        return True

    def text(self, ref: str) -> list[float] | None:
        """The vector of section `ref`'s title, summary and text."""
        if ref not in self._text:
            section = self.sections[ref]
            self._text[ref] = self.embed(f"{section.title} {section.summary} {section.text}")
        return self._text[ref]

    def passage(self, text: str) -> list[float] | None:
        """The vector of one quotable passage (kept: a section's passages are compared again
        with every question it answers)."""
        if text not in self._passage:
            self._passage[text] = self.embed(text)
        return self._passage[text]

    def closeness(self, question: list[float] | None, ref: str) -> float:
        """How close `question` is to section `ref`: its text, its nearest sentence or its
        nearest written question, whichever is closest."""
        if ref not in self._best:
            self._best[ref] = [self.embed(t) for t in (*self._passages.get(ref, ()), *self._asks.get(ref, ()))]
        return max([cosine(question, self.text(ref))] + [cosine(question, v) for v in self._best[ref]])
