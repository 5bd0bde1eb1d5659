"""Split policy sections into quotable passages: one sentence or one list item each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.content.model import Section

MAX_QUOTE = 400
# A list item this short ("E-mail;") means nothing alone, so it is quoted after
# the sentence that introduces the list, joined by an ellipsis.
SHORT_ITEM = 50
TINY = 20

_ITEM_RE = re.compile(r"^\s*(?:[-*\u25c6\uf0b7]|\d+\.)\s+(.*)$")
# A sentence ends at . ! ? followed by space and a capital, quote or bracket.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[A-Z\"\u201c(\[])")
# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|No|Nos|Dr|Mr|Mrs|Ms|St|vs|cf|Conn|Gen|Stat|U\.S|U\.S\.C|P\.L|Sec|al)|"
    r"\b[A-Z]|C\.E\.S)\.$"
)


@dataclass(frozen=True)
class Passage:
    """One quotable piece of a section, in the policy's own words."""

    section: Section
    number: int
    text: str          # the words quoted, exactly as in the section (bar white space)
    kind: str          # "sentence" | "item" | "clause"

    @property
    def ref(self) -> str:
        """The section's citation, `district:section`."""
        return f"{self.section.district}:{self.section.id}"


def sentences(paragraph: str) -> list[str]:
    """Split prose into sentences without breaking at abbreviations like "C.E.S." or "e.g."."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(paragraph):
        candidate = paragraph[start:match.start()].rstrip()
        head = candidate.rstrip("\"\u201d'")
        if _ABBREVIATIONS.search(head):
            continue
        out.append(paragraph[start:match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _clauses(sentence: str, limit: int) -> list[str]:
    """Cut an over-long sentence at semicolons (then commas) into pieces of at most `limit`
    characters, each marked with an ellipsis where words were left out."""
    pieces: list[str] = []
    for separator in ("; ", ", "):
        parts = sentence.split(separator)
        if len(parts) == 1:
            continue
        pieces, current = [], ""
        for part in parts:
            joined = f"{current}{separator}{part}" if current else part
            if len(joined) + 8 <= limit or not current:
                current = joined
            else:
                pieces.append(current + separator.strip())
                current = part
        pieces.append(current)
        if all(len(p) + 8 <= limit for p in pieces):
            break
    if not pieces:
        pieces = [sentence]
    marked = []
    for i, piece in enumerate(pieces):
        piece = piece[: limit - 8].rstrip() if len(piece) + 8 > limit else piece
        text = ("... " if i else "") + piece + (" ..." if i < len(pieces) - 1 else "")
        marked.append(text)
    return marked


def split_section(section: Section) -> list[Passage]:
    """The section's sentences and list items, in order, each at most MAX_QUOTE characters."""
    found: list[tuple[str, str]] = []
    # The sentence that introduces a list often sits in the paragraph before it.
    lead = ""
    for paragraph in re.split(r"\n\s*\n", section.text.strip()):
        prose: list[str] = []

        def flush() -> None:
            nonlocal lead
            if prose:
                for sentence in sentences(" ".join(prose)):
                    # A fragment like 'Thank you."' is no answer alone; keep it with its sentence.
                    if len(sentence) < TINY and found and found[-1][0] == "sentence" and len(found[-1][1]) + len(sentence) < MAX_QUOTE:
                        found[-1] = ("sentence", f"{found[-1][1]} {sentence}")
                    else:
                        found.append(("sentence", sentence))
                    lead = found[-1][1]
                prose.clear()

        for line in paragraph.splitlines():
            line = line.strip()
            if not line:
                continue
            item = _ITEM_RE.match(line)
            if not item:
                prose.append(line)
                continue
            flush()
            body = item.group(1).strip()
            if len(body) < SHORT_ITEM and lead and len(lead) + len(body) + 5 <= MAX_QUOTE:
                found.append(("item", f"{lead} ... {body}"))
            else:
                found.append(("item", body))
        flush()

    passages: list[Passage] = []
    for kind, text in found:
        if len(text) <= MAX_QUOTE:
            passages.append(Passage(section, len(passages), text, kind))
            continue
        for piece in _clauses(text, MAX_QUOTE):
            passages.append(Passage(section, len(passages), piece, "clause"))
    return passages
