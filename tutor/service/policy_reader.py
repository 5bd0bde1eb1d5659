"""The policy reader: a district's full policy text, section by section, as the district wrote it."""

from __future__ import annotations

from dataclasses import dataclass

from tutor.content.model import Content


@dataclass(frozen=True)
class ReaderSection:
    """One section to read: its id ("C.7"), title, which part of the policy, and its paragraphs."""

    id: str
    title: str
    part: str
    policy: str
    depth: int  # 1 for "C", 2 for "C.7": sub-sections sit under their section
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PolicyText:
    district: str
    district_name: str
    title: str
    policy: str
    sections: tuple[ReaderSection, ...]


def policy_sections(content: Content, district_id: str) -> PolicyText | None:
    """The district's policy in reading order, or None when the content has no policy for it."""
    district = content.districts.get(district_id)
    policy = content.policies.get(district_id) or next(
        (p for p in content.policies.values() if p.district == district_id), None)
    if policy is None:
        return None
    sections = tuple(
        ReaderSection(
            id=s.id, title=s.title, part=s.part, policy=s.policy, depth=1 + s.id.count("."),
            paragraphs=tuple(" ".join(p.split()) for p in s.text.split("\n\n") if p.strip()),
        )
        for s in policy.sections
    )
    return PolicyText(district_id, district.name if district else district_id, policy.title, policy.policy, sections)
