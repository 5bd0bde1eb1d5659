"""The rules that decide passing, as one record: what a trainer approves and every attempt cites.

A district's rules are its required topics, pass mark, questions per quiz and per test-out topic,
renewal and due periods, the fails before a lesson must be done again, and its question bank
(each question's topic and a digest of its answer key). Their digest goes into every attempt and
acknowledgment, and a trainer's approval event carries them whole, so `tutor verify` can re-grade
every answer and re-check every acknowledgment without the content files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Iterable

from tutor.content.model import Content
from tutor.domain.events import canonical_json
from tutor.domain.quiz import DEFAULT_QUIZ_LENGTH, TESTOUT_PER_TOPIC

FAILS_BEFORE_LESSON_AGAIN = 3


def answer_key_digest(question_id: str, choice_ids: Iterable[str]) -> str:
    """A digest of one answer to one question; equal to the key's digest exactly when it is right."""
    body = canonical_json([question_id, sorted(choice_ids)])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Rules:
    """Everything that decides whether a learner of one district passed and may sign."""

    district: str
    required: tuple[str, ...]
    pass_mark: float
    quiz_length: int
    testout_per_topic: int
    renewal_days: int
    new_hire_due_days: int
    fails_before_lesson_again: int
    bank: dict[str, dict[str, str]]  # question id -> {"topic": ..., "key": answer_key_digest}

    def as_payload(self) -> dict[str, Any]:
        return {
            "district": self.district,
            "required": list(self.required),
            "pass_mark": self.pass_mark,
            "quiz_length": self.quiz_length,
            "testout_per_topic": self.testout_per_topic,
            "renewal_days": self.renewal_days,
            "new_hire_due_days": self.new_hire_due_days,
            "fails_before_lesson_again": self.fails_before_lesson_again,
            "bank": {qid: dict(entry) for qid, entry in sorted(self.bank.items())},
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> "Rules":
        return cls(
            district=str(data["district"]),
            required=tuple(data["required"]),
            pass_mark=float(data["pass_mark"]),
            quiz_length=int(data["quiz_length"]),
            testout_per_topic=int(data["testout_per_topic"]),
            renewal_days=int(data["renewal_days"]),
            new_hire_due_days=int(data["new_hire_due_days"]),
            fails_before_lesson_again=int(data["fails_before_lesson_again"]),
            bank={str(k): dict(v) for k, v in data["bank"].items()},
        )

    @property
    def digest(self) -> str:
        """A short, stable name for exactly these rules."""
        return hashlib.sha256(canonical_json(self.as_payload()).encode("utf-8")).hexdigest()[:16]

    def topic_bank(self, topic: str) -> list[str]:
        return sorted(qid for qid, entry in self.bank.items() if entry["topic"] == topic)

    def quiz_size(self, topic: str) -> int:
        """How many questions a quiz on `topic` has: the quiz length, or the whole bank if smaller."""
        return min(self.quiz_length, len(self.topic_bank(topic)))

    def testout_size(self, topic: str) -> int:
        return min(self.testout_per_topic, len(self.topic_bank(topic)))

    def is_right(self, question_id: str, chosen: Iterable[str]) -> bool:
        entry = self.bank.get(question_id)
        return entry is not None and entry["key"] == answer_key_digest(question_id, chosen)

    def problems(self) -> list[str]:
        """Why these rules could not be a real certification (empty when they are sound)."""
        out: list[str] = []
        if not self.required:
            out.append("no lesson is required")
        if not 0.5 <= self.pass_mark <= 1.0:
            out.append(f"the pass mark {self.pass_mark:.0%} is outside 50% to 100%")
        for topic in self.required:
            if len(self.topic_bank(topic)) < self.quiz_length:
                out.append(f"the {topic} bank has {len(self.topic_bank(topic))} questions, fewer than a quiz's {self.quiz_length}")
        if not 1 <= self.renewal_days <= 3 * 366:
            out.append(f"a certification lasting {self.renewal_days} days is outside 1 day to 3 years")
        return out


def rules_for(content: Content, district: str) -> Rules:
    """The rules a district's staff are trained under with this content."""
    profile = content.districts[district]
    lessons = content.lessons_for(district)
    required = tuple(dict.fromkeys(lesson.topic for lesson in lessons if lesson.required))
    bank = {
        q.id: {"topic": q.topic, "key": answer_key_digest(q.id, q.answer)}
        for q in content.questions_for(district)
    }
    return Rules(
        district=district,
        required=required,
        pass_mark=float(profile.pass_mark),
        quiz_length=DEFAULT_QUIZ_LENGTH,
        testout_per_topic=TESTOUT_PER_TOPIC,
        renewal_days=int(profile.renewal_days),
        new_hire_due_days=int(profile.new_hire_due_days),
        fails_before_lesson_again=FAILS_BEFORE_LESSON_AGAIN,
        bank=bank,
    )
