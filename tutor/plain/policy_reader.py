"""The district's full policy text, section by section with numbers, read from the loaded content.

The same list as `policy_sections(content, district_id)`: kept here until the service layer offers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.content.model import Content


@dataclass(frozen=True)
class PolicySection:
    """One section as a reader meets it: its citation in words, and its text in the policy's own words."""

    label: str  # in full: the district, the policy number, the section number and title
    short: str  # within the policy: "Section C.7: Installing software"
    title: str
    text: str


def policy_sections(content: Content, district_id: str) -> list[PolicySection]:
    """Every section of the district's own policies, in the policy's order."""
    district = content.districts[district_id]
    sources = district.sources or (district_id,)
    out: list[PolicySection] = []
    for source in sources:
        policy = content.policies.get(source)
        if policy is None:
            continue
        for section in policy.sections:
            where = f"{district.short_name} policy {policy.policy}" if policy.policy else district.short_name
            short = _short(section)
            out.append(PolicySection(f"{where}, {short[0].lower()}{short[1:]}" if _numbered(section) else
                                     f"{where}: {short}", short, section.title, section.text))
    return out


# A section id the policy itself numbers ("A", "C.7", "4"), as opposed to a name given it here ("email-guidelines").
_NUMBERED_RE = re.compile(r"^[A-Z0-9]{1,3}(?:\.[A-Za-z0-9]{1,3})*$")


def _numbered(section) -> bool:
    return bool(_NUMBERED_RE.match(section.id))


def _short(section) -> str:
    """'Section C.7: Installing software', or the title alone where the policy gives no section number."""
    return f"Section {section.id}: {section.title}" if _numbered(section) else section.title


def policy_titles(content: Content, district_id: str) -> list[str]:
    """'CREC policy 4118.5/4218.5: Acceptable Computer Network Use' for each of the district's policies."""
    district = content.districts[district_id]
    titles = []
    for source in district.sources or (district_id,):
        policy = content.policies.get(source)
        if policy is not None:
            titles.append(f"{district.short_name} policy {policy.policy}: {policy.title}")
    return titles
