"""Find citations and quotations in lesson text and check quotations against the policy."""

from __future__ import annotations

import re
from functools import lru_cache

from tutor.content.model import Citation

CITATION_IN_TEXT_RE = re.compile(r"\[([a-z][a-z0-9-]*):([A-Za-z0-9][A-Za-z0-9.\-]*)\]")
_QUOTE_CHARS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold case, curly quotes, list markers and white space so wording can be compared."""
    text = text.translate(_QUOTE_CHARS).lower()
    text = re.sub(r"(?m)^\s*(?:[-*\u25c6\uf0b7]|\d+\.)\s+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def citations_in(text: str) -> list[Citation]:
    """Every `[district:section]` citation in a piece of lesson text, in order."""
    return [Citation(d, s) for d, s in CITATION_IN_TEXT_RE.findall(text)]


def quotations_in(text: str) -> list[tuple[str, Citation, int]]:
    """Block quotes that end with a lone citation line: (quoted words, citation, line offset)."""
    found = []
    block: list[tuple[int, str]] = []
    lines = text.splitlines() + [""]
    for number, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            block.append((number, line.lstrip()[1:].strip()))
            continue
        if block:
            last = block[-1][1]
            cites = CITATION_IN_TEXT_RE.fullmatch(last)
            if cites and len(block) > 1:
                words = " ".join(part for _, part in block[:-1])
                found.append((words, Citation(*cites.groups()), block[0][0]))
            block = []
    return found


INLINE_QUOTE_RE = re.compile(r'["\u201c]([^"\u201c\u201d]+)["\u201d]')


def inline_quotations(text: str, min_words: int = 4) -> list[str]:
    """Words in double quotes that are long enough to be a quotation rather than a term."""
    return [m.group(1) for m in INLINE_QUOTE_RE.finditer(text) if len(m.group(1).split()) >= min_words]


def quote_appears(quote: str, source: str) -> bool:
    """True when every fragment of the quotation (split at '...') appears in order in the source."""
    haystack = normalise(source)
    position = 0
    for fragment in re.split(r"\.\.\.|\u2026", quote):
        fragment = normalise(fragment).strip(" \"'")
        if not fragment:
            continue
        found = haystack.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def strip_citations(text: str, render) -> str:
    """Replace each citation token with `render(citation)`."""
    return CITATION_IN_TEXT_RE.sub(lambda m: render(Citation(m.group(1), m.group(2))), text)
