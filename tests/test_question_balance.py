"""Quizzes cannot be passed without reading: the form of a choice does not give the answer away.

Test-taking strategies are tried against the shipped banks: always pick the longest choice,
always pick the most specific, hedged-sounding one (the most qualifiers and policy words), and,
so that lengthening distractors cannot overshoot, always pick the shortest. Each must fail the
quizzes of every district, drawn with the domain's own drawing code and marked with the
district's own pass mark.
"""

from __future__ import annotations

import random
import re
import statistics

import pytest

from tutor.content.loader import load_valid_content
from tutor.content.model import Question
from tutor.domain import quiz

CONTENT = load_valid_content()
DISTRICTS = sorted(CONTENT.districts)

# Chance for three choices is one in three; a little above that is still not a giveaway.
MAX_LONGEST_IS_KEY = 0.35
QUIZZES_PER_TOPIC = 200
# Passing a quiz by a strategy this often in one topic would let a retake or two get through.
MAX_TOPIC_PASS_RATE = 0.25
MAX_DISTRICT_PASS_RATE = 0.10

QUALIFIERS = re.compile(
    r"\b(only|unless|must|may|should|shall|if|except|until|as long as|appropriate(?:ly)?|permission|"
    r"authori[sz]\w*|approv\w*|prohibited|polic(?:y|ies)|regulations?|guidelines?|district|board|agency|"
    r"administrator|supervisor|director|confidential\w*)\b|[;,]",
    re.I,
)


def _single_choice_questions(questions) -> list[Question]:
    return [q for q in questions if q.type == "single" and len(q.choices) >= 3]


def _longest_is_key(question: Question) -> bool:
    longest = max(len(c.text) for c in question.choices)
    at_longest = [c.id for c in question.choices if len(c.text) == longest]
    return len(at_longest) == 1 and at_longest[0] in question.answer


def pick_longest(question: Question) -> set[str]:
    """The longest choice; on a multiple-answer question, every choice longer than average."""
    if question.type == "multiple":
        average = statistics.mean(len(c.text) for c in question.choices)
        return {c.id for c in question.choices if len(c.text) > average}
    return {max(question.choices, key=lambda c: len(c.text)).id}


def pick_most_hedged(question: Question) -> set[str]:
    """The choice with the most qualifiers and policy words (then the longest); the top half on a multiple."""
    ranked = sorted(question.choices, key=lambda c: (len(QUALIFIERS.findall(c.text)), len(c.text)), reverse=True)
    if question.type == "multiple":
        return {c.id for c in ranked[: max(2, len(ranked) // 2)]}
    return {ranked[0].id}


def pick_shortest(question: Question) -> set[str]:
    """The shortest choice; on a multiple-answer question, every choice shorter than average."""
    if question.type == "multiple":
        average = statistics.mean(len(c.text) for c in question.choices)
        return {c.id for c in question.choices if len(c.text) < average}
    return {min(question.choices, key=lambda c: len(c.text)).id}


STRATEGIES = {"longest": pick_longest, "most hedged": pick_most_hedged, "shortest": pick_shortest}


def test_the_longest_choice_is_the_answer_no_more_often_than_chance():
    questions = _single_choice_questions(CONTENT.questions.values())
    assert len(questions) >= 150
    share = sum(map(_longest_is_key, questions)) / len(questions)
    assert share <= MAX_LONGEST_IS_KEY, f"the longest choice is the answer in {share:.0%} of questions"


@pytest.mark.parametrize("topic", sorted({q.topic for q in CONTENT.questions.values()}))
def test_no_bank_concentrates_the_longest_answers(topic):
    questions = _single_choice_questions(q for q in CONTENT.questions.values() if q.topic == topic)
    keyed = sorted(q.id for q in questions if _longest_is_key(q))
    assert len(keyed) / len(questions) <= MAX_LONGEST_IS_KEY, f"{topic}: longest choice is the answer in {keyed}"


def test_the_length_measure_catches_a_bank_that_gives_answers_away():
    """The measure is able to fail: a bank whose keys are padded is caught."""
    padded = [_padded_key(q) for q in _single_choice_questions(CONTENT.questions.values())]
    assert all(map(_longest_is_key, padded))


def _padded_key(question: Question) -> Question:
    from dataclasses import replace

    longest = max(len(c.text) for c in question.choices)
    choices = tuple(
        replace(c, text=c.text + " " + "x" * longest) if c.id in question.answer else c for c in question.choices
    )
    return replace(question, choices=choices)


def _pass_rates(district: str, strategy, pool_of=CONTENT.questions_for) -> dict[str, float]:
    """Share of drawn quizzes the strategy passes, per required topic of the district."""
    profile = CONTENT.districts[district]
    rng = random.Random(f"{district}-{strategy.__name__}")
    rates = {}
    for lesson in CONTENT.lessons_for(district):
        if not lesson.required:
            continue
        pool = pool_of(district, lesson.topic)
        passed = 0
        for _ in range(QUIZZES_PER_TOPIC):
            drawn = quiz.draw(pool, quiz.DEFAULT_QUIZ_LENGTH, rng)
            correct = sum(quiz.is_correct(q, strategy(q)) for q in drawn)
            passed += quiz.passes(correct, len(drawn), profile.pass_mark)
        rates[lesson.topic] = passed / QUIZZES_PER_TOPIC
    return rates


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
@pytest.mark.parametrize("district", DISTRICTS)
def test_answering_by_form_alone_fails_the_quizzes(district, strategy):
    rates = _pass_rates(district, STRATEGIES[strategy])
    assert rates, f"{district} has no required topics"
    overall = sum(rates.values()) / len(rates)
    worst = max(rates, key=rates.get)
    assert overall <= MAX_DISTRICT_PASS_RATE, f"{district}: '{strategy}' passes {overall:.0%} of quizzes"
    assert rates[worst] <= MAX_TOPIC_PASS_RATE, f"{district}: '{strategy}' passes {rates[worst]:.0%} of {worst} quizzes"


def test_the_simulation_would_notice_a_strategy_that_works():
    """Against a bank where the answer is always the longest choice, the simulation reports passes."""
    def padded_pool(district: str, topic: str) -> list[Question]:
        return [_padded_key(q) if q.type == "single" else q for q in CONTENT.questions_for(district, topic)]

    rates = _pass_rates("crec", pick_longest, pool_of=padded_pool)
    assert max(rates.values()) > MAX_TOPIC_PASS_RATE
