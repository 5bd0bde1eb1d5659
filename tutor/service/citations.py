"""Citations in words staff recognise, and lesson text with its citation tokens rendered."""

from __future__ import annotations

import re

from tutor.content.model import Citation, Content
from tutor.content.quotes import CITATION_IN_TEXT_RE


def cite_label(content: Content, citation: Citation) -> str:
    """'CREC policy 4118.5/4218.5, §C.7 Installing software without permission'."""
    section = content.section(citation)
    profile = content.districts.get(citation.district)
    who = profile.short_name if profile else citation.district
    if section is None:
        return f"{who} {citation.section}"
    # A document without a number is named by its part (regulation, notice), never by an invented number.
    label = f"policy {section.policy}" if section.policy else section.part
    return f"{who} {label}, \u00a7{section.id} {section.title}".strip()


def short_cite(content: Content, citation: Citation) -> str:
    """'CREC 4118.5/4218.5 §C.7' for inline use."""
    section = content.section(citation)
    profile = content.districts.get(citation.district)
    who = profile.short_name if profile else citation.district
    number = section.policy if section else ""
    return f"{who} {number} \u00a7{citation.section}".replace("  ", " ")


def render_text(content: Content, text: str, district: str) -> str:
    """Replace `[d:s]` tokens with readable citations, the reader's own district's first.

    A run of tokens citing several districts' sections shows only the reader's own (or its
    `equivalent_to` twin); a run citing only other districts keeps them, so no rule is shown unsourced.
    """

    def one_group(match: re.Match) -> str:
        cites = [Citation(d, s) for d, s in CITATION_IN_TEXT_RE.findall(match.group(0))]
        shown = content.cites_for(district, cites) or cites
        trailing = " " if match.group(0)[-1:].isspace() else ""
        return "(" + "; ".join(short_cite(content, c) for c in shown) + ")" + trailing

    return _GROUP_RE.sub(one_group, text)


# A run of adjacent citation tokens is one group: "[crec:D] [thomaston:D]".
_GROUP_RE = re.compile(r"(?:\[[a-z][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9.\-]*\][ \t]*)+")
