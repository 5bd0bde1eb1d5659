"""Find unquoted YAML values that a comment on the same line has silently cut short.

In a plain (unquoted) YAML value, a space followed by '#' starts a comment, so
`text: Violates Policy #4308` loads as "Violates Policy" and the rest is lost
without any error. Content files therefore must not put a comment after a plain
value on the same line; quoted values, block scalars and full-line comments are fine.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

# libyaml's scanner is about ten times faster and gives the same marks; fall back when absent.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LINE_BREAKS = "\r\n\x85\u2028\u2029"


@dataclass(frozen=True)
class CutValue:
    """A plain value followed by a comment: where it is, what was kept and what was dropped."""

    line: int
    kept: str
    comment: str

    @property
    def message(self) -> str:
        return (
            f"unquoted value \"{_short(self.kept, tail=True)}\" is followed by \"{_short(self.comment)}\" on the same line; "
            "YAML drops everything from ' #' on as a comment: put the whole value in quotes, "
            "or move the comment to a line of its own"
        )


def _short(text: str, limit: int = 60, tail: bool = False) -> str:
    # The end of a cut value is where the loss starts, so that is the part worth showing.
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return "..." + text[-(limit - 3):] if tail else text[: limit - 3] + "..."


def cut_values(text: str, first_line: int = 1) -> list[CutValue]:
    """Every plain scalar in `text` that has a comment after it on its last line.

    `first_line` shifts the reported lines, for YAML embedded in a larger file.
    Text that does not scan yields what was found before the error: the loader
    reports the syntax error itself.
    """
    if "#" not in text:
        return []  # no comment anywhere: nothing can be cut
    found: list[CutValue] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if not isinstance(token, yaml.ScalarToken) or not token.plain:
                continue
            end = token.end_mark.index
            line_end = len(text)
            for brk in _LINE_BREAKS:
                at = text.find(brk, end)
                if at != -1:
                    line_end = min(line_end, at)
            rest = text[end:line_end]
            if rest.lstrip(" \t").startswith("#"):
                found.append(CutValue(token.end_mark.line + first_line, token.value, rest.strip()))
    except yaml.YAMLError:
        pass
    return found
