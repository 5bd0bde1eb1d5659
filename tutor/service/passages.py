"""Pick the sentence or list item of a section that best supports a point."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = set("a an the and or of to in on for is are be by with as it that this any not no your you their his her "
            "may must should shall will from at all other such".split())
MAX_QUOTE = 400


def split_passages(text: str) -> list[str]:
    """Sentences and list items of a section, each a quotable unit."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        for line in block.splitlines() if re.search(r"(?m)^\s*(?:-|\d+\.)\s", block) else [block]:
            line = re.sub(r"^\s*(?:-|\d+\.)\s+", "", line).strip()
            if not line:
                continue
            line = " ".join(line.split())
            out.extend(s.strip() for s in re.split(r"(?<=[.;:!?])\s+(?=[A-Z(\"\u201c])", line) if s.strip())
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP and len(w) > 2}


def best_passage(section_text: str, hint: str) -> str:
    """The passage sharing most words with `hint`, cut to about 400 characters."""
    passages = split_passages(section_text) or [section_text]
    wanted = _words(hint)
    best = max(passages, key=lambda p: (len(_words(p) & wanted), -len(p)))
    if len(best) > MAX_QUOTE:
        best = best[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "\u2026"
    return best
