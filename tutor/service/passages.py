"""Pick the sentence or list item of a section that best supports a point (the "Why?" quote)."""

from __future__ import annotations

import re

from tutor.answer.passages import split_section
from tutor.content.model import Section

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = set("a an the and or of to in on for is are be by with as it that this any not no your you their his her "
            "may must should shall will from at all other such".split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP and len(w) > 2}


def best_passage(section: Section, hint: str) -> str:
    """The quotable passage (as ask-the-policy splits sections) sharing most words with `hint`."""
    passages = [p.text for p in split_section(section)] or [section.text]
    wanted = _words(hint)
    return max(passages, key=lambda p: (len(_words(p) & wanted), -len(p)))
