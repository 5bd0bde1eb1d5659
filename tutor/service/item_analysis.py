"""Which quiz questions staff miss, and which ones tell those who know from those who don't.

For each question that was asked:

- asked: how many answers were recorded (rows of `answers`, finished attempts or not);
- facility: the share of those answers that were correct;
- discrimination: the point-biserial correlation between the item score (1 right, 0 wrong)
  and the rest-of-attempt score, i.e. the share of the *other* questions of the same attempt
  answered correctly. Only finished attempts of two or more questions count. A low or
  negative value flags a question that those who do well overall get wrong: often an
  ambiguous prompt or a mis-keyed answer;
- the most-chosen wrong answer: the choice outside the answer key picked most often, by its
  stable choice id (ties go to the choice listed first in the content).

A statistic based on fewer than `min_responses` responses is withheld (None, shown as
"not enough data"): a handful of answers says little about a question.

Pure computation over `Response` rows; `load_responses` reads them from the records.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Iterable

from tutor.content.model import Content

DEFAULT_MIN_RESPONSES = 20
NOT_ENOUGH_DATA = "not enough data"
NO_SPREAD = "no spread"  # everyone scored the same on the item or on the rest: no correlation


@dataclass(frozen=True)
class Response:
    """One recorded answer."""

    attempt_id: str
    question_id: str
    chosen: tuple[str, ...]
    correct: bool
    finished: bool = True  # whether its attempt was finished


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    topic: str
    prompt: str
    asked: int
    correct: int
    facility: float | None
    discrimination: float | None
    discrimination_n: int  # responses the discrimination is computed from
    discrimination_note: str  # "" | NOT_ENOUGH_DATA | NO_SPREAD
    wrong_choice_id: str | None
    wrong_choice_text: str | None
    wrong_choice_count: int | None

    @property
    def enough_data(self) -> bool:
        return self.facility is not None

    def as_dict(self) -> dict:
        return asdict(self)


def load_responses(records) -> list[Response]:
    """Every recorded answer, with whether its attempt was finished."""
    from tutor.store.record_queries import answers_with_attempt_state

    rows = answers_with_attempt_state(records.conn)
    return [Response(r[0], r[1], tuple(json.loads(r[2])), bool(r[3]), bool(r[4])) for r in rows]


def point_biserial(items: list[int], rest: list[float]) -> float | None:
    """Pearson correlation of 0/1 item scores with rest scores; None when either has no spread."""
    if len(items) < 2 or len(items) != len(rest):
        return None
    try:
        return statistics.correlation(items, rest)
    except statistics.StatisticsError:  # one of them is constant
        return None


def analyse(
    responses: Iterable[Response], content: Content | None = None, min_responses: int = DEFAULT_MIN_RESPONSES
) -> list[ItemStats]:
    """One ItemStats per question asked: most-missed first, then those without enough data."""
    responses = list(responses)
    by_question: dict[str, list[Response]] = defaultdict(list)
    by_attempt: dict[str, list[Response]] = defaultdict(list)
    for r in responses:
        by_question[r.question_id].append(r)
        if r.finished:
            by_attempt[r.attempt_id].append(r)
    attempt_right = {a: sum(r.correct for r in rs) for a, rs in by_attempt.items()}

    stats = []
    for question_id, answers in by_question.items():
        question = content.questions.get(question_id) if content else None
        asked = len(answers)
        right = sum(1 for r in answers if r.correct)
        enough = asked >= max(1, min_responses)

        items: list[int] = []
        rest: list[float] = []
        for r in answers:
            others = len(by_attempt.get(r.attempt_id, ())) - 1
            if not r.finished or others < 1:
                continue
            items.append(int(r.correct))
            rest.append((attempt_right[r.attempt_id] - int(r.correct)) / others)
        if len(items) < max(2, min_responses):
            discrimination, note = None, NOT_ENOUGH_DATA
        else:
            discrimination = point_biserial(items, rest)
            note = NO_SPREAD if discrimination is None else ""

        wrong_id = wrong_text = wrong_count = None
        if enough:
            key = question.answer if question else frozenset()
            counts = Counter(c for r in answers if not r.correct for c in r.chosen if c not in key)
            if counts:
                position = {c.id: i for i, c in enumerate(question.choices)} if question else {}
                wrong_id = min(counts, key=lambda c: (-counts[c], position.get(c, len(position)), c))
                wrong_count = counts[wrong_id]
                choice = question.choice(wrong_id) if question else None
                wrong_text = choice.text if choice else "(no longer in the question)"

        stats.append(ItemStats(
            question_id=question_id,
            topic=question.topic if question else "",
            prompt=question.prompt if question else "(no longer in the question bank)",
            asked=asked,
            correct=right,
            facility=round(right / asked, 4) if enough else None,
            discrimination=round(discrimination, 4) if discrimination is not None else None,
            discrimination_n=len(items),
            discrimination_note=note,
            wrong_choice_id=wrong_id,
            wrong_choice_text=wrong_text,
            wrong_choice_count=wrong_count,
        ))

    def most_missed_first(s: ItemStats):
        if s.enough_data:
            d = s.discrimination if s.discrimination is not None else math.inf
            return (0, s.facility, d, s.question_id)
        return (1, -s.asked, 0.0, s.question_id)

    return sorted(stats, key=most_missed_first)
