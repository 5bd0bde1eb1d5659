"""How much a district's staff read: lesson words, question words and minutes at a reading speed.

One definition of "lesson text" for the budget, the benchmark and the tests: the words a learner
of a district sees in the titles and bodies of the steps shown to that district, with citation
markers such as `[crec:C.7]` removed and check-yourself questions left out (they take time to
answer, which `benchmarks/bench_reading.py` counts separately).
"""

from __future__ import annotations

import math
import re

from tutor.content.model import Content, Lesson, Question
from tutor.content.quotes import CITATION_IN_TEXT_RE

# A word is a run of non-space characters holding at least one letter or digit, so Markdown
# marks standing alone (">", "-", "**") are not counted but "don't" and "C.12" are one word each.
_WORD_RE = re.compile(r"\S*[^\W_]\S*")

READING_WPM = 200


def count_words(text: str) -> int:
    """Words in a piece of lesson text, citation markers not counted."""
    return len(_WORD_RE.findall(CITATION_IN_TEXT_RE.sub(" ", text)))


def lesson_words(lesson: Lesson, district_id: str) -> int:
    """Words of lesson text a district's staff see in `lesson` (0 when the lesson is not theirs)."""
    if not lesson.applies_to(district_id):
        return 0
    return sum(count_words(step.title) + count_words(step.body) for step in lesson.steps_for(district_id))


def question_words(question: Question) -> int:
    """Words a learner reads to answer a question: the prompt and every choice."""
    words = count_words(question.prompt)
    for choice in question.choices:
        words += count_words(choice.text)
    return words


def check_words(lesson: Lesson, district_id: str) -> int:
    """Words of the check-yourself questions a district's staff answer in `lesson`."""
    if not lesson.applies_to(district_id):
        return 0
    return sum(question_words(step.check) for step in lesson.steps_for(district_id) if step.check)


def required_lessons(content: Content, district_id: str) -> list[Lesson]:
    """The required lessons a district's staff take, in teaching order."""
    return [lesson for lesson in content.lessons_for(district_id) if lesson.required]


def required_path_words(content: Content, district_id: str) -> int:
    """Lesson words over every required lesson a district's staff take."""
    return sum(lesson_words(lesson, district_id) for lesson in required_lessons(content, district_id))


def reading_minutes(words: int, wpm: int = READING_WPM) -> int:
    """Whole minutes to read `words` at `wpm` words a minute, rounded up."""
    if wpm <= 0:
        raise ValueError("wpm must be positive")
    return math.ceil(words / wpm)
