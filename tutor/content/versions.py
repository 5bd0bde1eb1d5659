"""Version hashes: what a district's staff acknowledge, and what they were taught."""

from __future__ import annotations

import hashlib
import json

from tutor.content.model import Content


def _digest(value: object) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def policy_version(content: Content, district: str, acknowledgment_text: str) -> str:
    """Hash over the policy sections a district uses and the acknowledgment text it signs.

    A change here means earlier acknowledgments must be renewed.
    """
    profile = content.districts[district]
    sections = [
        [s.district, s.id, s.policy, s.text]
        for source in profile.sources
        for s in content.policies[source].sections
    ]
    return _digest({"sections": sections, "acknowledgment": acknowledgment_text.strip()})


def content_revision(content: Content, district: str) -> str:
    """Hash over the lessons and questions a district's staff get (typo fixes change it)."""
    lessons = [
        [l.id, l.title, l.topic, [[s.title, s.body, s.check.prompt if s.check else ""] for s in l.steps_for(district)]]
        for l in content.lessons_for(district)
    ]
    questions = [
        [q.id, q.type, q.prompt, [[c.id, c.text] for c in q.choices], sorted(q.answer), q.explanation,
         [str(c) for c in q.sources]]
        for q in content.questions_for(district)
    ]
    return _digest({"lessons": lessons, "questions": questions})
