"""Quizzes: drawing questions, shuffling choices, grading answers and scoring attempts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from tutor.content.model import Question

DEFAULT_QUIZ_LENGTH = 5
TESTOUT_PER_TOPIC = 4


@dataclass(frozen=True)
class DrawnQuestion:
    """A question as it was put to the learner: which one, and the choice order shown."""

    id: str
    topic: str
    choices: tuple[str, ...]

    def as_payload(self) -> dict[str, object]:
        return {"id": self.id, "topic": self.topic, "choices": list(self.choices)}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> "DrawnQuestion":
        return cls(data["id"], data["topic"], tuple(data["choices"]))


def draw(pool: list[Question], count: int, rng: random.Random, seen: dict[str, int] | None = None) -> list[Question]:
    """Pick `count` questions, preferring ones not seen before, then the least often seen.

    `seen` maps question id to how many earlier attempts showed it; a retake therefore gets
    fresh questions wherever the pool is large enough.
    """
    seen = seen or {}
    shuffled = list(pool)
    rng.shuffle(shuffled)
    shuffled.sort(key=lambda q: seen.get(q.id, 0))  # stable: random order within each group
    picked = shuffled[:count]
    rng.shuffle(picked)
    return picked


def shuffle_choices(question: Question, rng: random.Random) -> tuple[str, ...]:
    """Choice order for display; True/False keep their natural order."""
    ids = [c.id for c in question.choices]
    if question.type != "true_false":
        rng.shuffle(ids)
    return tuple(ids)


def is_correct(question: Question, chosen: set[str] | frozenset[str]) -> bool:
    """All-or-nothing: exactly the correct choices, no more, no fewer."""
    return frozenset(chosen) == question.answer


def passes(correct: int, total: int, pass_mark: float) -> bool:
    # A small tolerance so 4/5 passes an 0.8 mark despite floating point.
    return total > 0 and correct / total + 1e-9 >= pass_mark


def score(correct: int, total: int) -> float:
    return round(correct / total, 4) if total else 0.0
