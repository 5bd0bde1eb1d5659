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


def inline_citation(content: Content, citation: Citation) -> str:
    """'CREC 4118.5/4218.5 §C.7' where the policy numbers its sections; otherwise the section's
    title, never the project's id: 'Clinton 4306 / C-19, Monitoring', 'Stafford, Monitoring'."""
    section = content.section(citation)
    if section is None or _NUMBERED_SECTION_RE.match(section.id):
        return short_cite(content, citation)
    profile = content.districts.get(citation.district)
    who = profile.short_name if profile else citation.district
    number = section.policy if any(ch.isdigit() for ch in section.policy) else ""
    return f"{f'{who} {number}'.strip()}, {section.title}"


def render_text(content: Content, text: str, district: str, cite=short_cite) -> str:
    """Replace `[d:s]` tokens with readable citations, the reader's own district's first.

    A run of tokens citing several districts' sections shows only the reader's own (or its
    `equivalent_to` twin); a run citing only other districts keeps them, so no rule is shown unsourced.
    `cite` words each citation (`short_cite`, or `inline_citation` for section titles).
    """

    def one_group(match: re.Match) -> str:
        cites = [Citation(d, s) for d, s in CITATION_IN_TEXT_RE.findall(match.group(0))]
        shown = content.cites_for(district, cites) or cites
        trailing = " " if match.group(0)[-1:].isspace() else ""
        return "(" + "; ".join(cite(content, c) for c in shown) + ")" + trailing

    return _GROUP_RE.sub(one_group, text)


# A run of adjacent citation tokens is one group: "[crec:D] [thomaston:D]".
_GROUP_RE = re.compile(r"(?:\[[a-z][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9.\-]*\][ \t]*)+")


# Section ids that are the policy's own numbering ("C.7", "A", "3.2") are worth showing; the
# project's slugs ("monitoring", "prohibited-uses") mean nothing to staff and are left out.
_NUMBERED_SECTION_RE = re.compile(r"^[A-Z0-9]{1,3}(?:\.[A-Z0-9]{1,3})*$")


def policy_name(content: Content, district: str) -> str:
    """'Clinton policy 4306', or just 'Stafford' for a district whose regulation has no number."""
    profile = content.districts.get(district)
    policy = content.policies.get(district)
    who = profile.short_name if profile else district
    number = policy.policy if policy else ""
    return f"{who} policy {number}" if any(ch.isdigit() for ch in number) else who


def citation_title(content: Content, citation: Citation) -> str:
    """A citation as staff read it: policy number, section number where the policy has one, title.

    'Clinton policy 4306, Monitoring'; 'CREC policy 4118.5/4218.5, §C.7 Installing software
    without permission'; 'Stafford, Monitoring' (Stafford's regulation has no number).
    """
    section = content.section(citation)
    where = policy_name(content, citation.district)
    if section is None:
        return where
    number = f"\u00a7{section.id} " if _NUMBERED_SECTION_RE.match(section.id) else ""
    return f"{where}, {number}{section.title}"
