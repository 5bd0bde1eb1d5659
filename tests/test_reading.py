"""How much staff read: the counting rule, and each district's required path within the budget."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tutor.content.lessons import parse_lesson
from tutor.content.loader import load_valid_content
from tutor.content.reading import (
    READING_WPM,
    check_words,
    count_words,
    lesson_words,
    reading_minutes,
    required_path_words,
)

CONTENT = load_valid_content()
DISTRICTS = sorted(CONTENT.districts)
PATH_BUDGET_WORDS = 2500
PATH_BUDGET_MINUTES = 25
# Stated here, not read from the benchmark, so that raising its allowance can't quietly pass:
# ten seconds per question answered to choose an answer and take in the verdict.
SECONDS_PER_QUESTION = 10


def _bench_reading():
    """benchmarks/bench_reading.py as a module (the folder is not a package)."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_reading.py"
    spec = importlib.util.spec_from_file_location("bench_reading", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench_reading()

LESSON = """---
id: sample
title: Sample
topic: sample
order: 1
sources: [crec:C.12]
---

## Your account is yours {crec}

Keep it to yourself [crec:C.12].

> Misuse of the computer passwords or accounts
> [crec:C.12]

## Everyone sees this

Two words.

```check
type: true_false
prompt: Sharing a login is fine.
answer: false
explanation: It is not.
sources: [crec:C.12]
```
"""


def _lesson():
    errors: list = []
    lesson = parse_lesson(LESSON, "sample.md", errors)
    assert not errors
    return lesson


def test_citation_markers_and_lone_markdown_marks_are_not_words():
    assert count_words("Keep it to yourself [crec:C.12] [thomaston:C.12].") == 4
    assert count_words("> **Good practice, not policy:** lock - the screen") == 7
    assert count_words("Don't share C.12 accounts") == 4


def test_a_district_counts_only_the_steps_it_sees_and_never_the_check_question():
    lesson = _lesson()
    # Titles: "Your account is yours" (4) + "Everyone sees this" (3); bodies: 4 + 7 quoted + 2.
    assert lesson_words(lesson, "crec") == 4 + 4 + 7 + 3 + 2
    assert lesson_words(lesson, "ces") == 3 + 2
    assert check_words(lesson, "ces") == 5 + 2


def test_a_lesson_for_other_districts_counts_nothing():
    lesson = _lesson()
    only_ces = type(lesson)(**{**lesson.__dict__, "districts": ("ces",)})
    assert lesson_words(only_ces, "crec") == 0
    assert check_words(only_ces, "crec") == 0


def test_minutes_round_up():
    assert reading_minutes(0) == 0
    assert reading_minutes(200) == 1
    assert reading_minutes(201) == 2
    assert reading_minutes(2500) == 13
    assert reading_minutes(300, wpm=100) == 3
    with pytest.raises(ValueError):
        reading_minutes(10, wpm=0)


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_required_path_counts_every_required_lesson_the_district_takes(district):
    expected = sum(
        lesson_words(lesson, district) for lesson in CONTENT.lessons.values()
        if lesson.required and lesson.applies_to(district)
    )
    assert required_path_words(CONTENT, district) == expected > 0


@pytest.mark.parametrize("district", DISTRICTS)
def test_each_districts_required_path_is_at_most_2500_words(district):
    words = required_path_words(CONTENT, district)
    assert words <= PATH_BUDGET_WORDS, f"{district}: {words} words of lesson text"


@pytest.mark.parametrize("district", DISTRICTS)
def test_each_districts_required_path_takes_at_most_25_minutes(district):
    """Lessons, one check per lesson and the quizzes, read at 200 wpm plus 10 s per question answered."""
    row = BENCH.district_row(CONTENT, district, READING_WPM, SECONDS_PER_QUESTION)
    assert row["quiz_questions"] > 0 and row["checks"] > 0
    assert row["minutes"] <= PATH_BUDGET_MINUTES, (
        f"{district}: {row['minutes']:.1f} minutes ({row['lesson_words']} lesson words, "
        f"{row['check_words']} words in {row['checks']} checks, {row['quiz_words']} quiz words)"
    )


def test_the_minutes_measure_counts_the_time_to_answer():
    """The measure can fail: at a slower 20 s per question no district's path fits in 25 minutes."""
    for district in DISTRICTS:
        slow = BENCH.district_row(CONTENT, district, READING_WPM, 2 * SECONDS_PER_QUESTION)
        assert slow["minutes"] > PATH_BUDGET_MINUTES, district
