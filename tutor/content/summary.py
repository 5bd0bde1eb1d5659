"""A JSON-ready summary of loaded content, as `tutor check --json` prints it."""

from __future__ import annotations

from tutor.content.model import Content


def summarise(content: Content) -> dict:
    topics: dict[str, dict[str, int]] = {}
    for topic in content.topics():
        topics[topic] = {
            "lessons": sum(1 for l in content.lessons.values() if l.topic == topic),
            "questions": sum(1 for q in content.questions.values() if q.topic == topic),
        }
    return {
        "lessons": len(content.lessons),
        "questions": len(content.questions),
        "topics": topics,
        "districts": sorted(content.districts),
        "errors": [str(e) for e in content.errors],
    }
