"""Each lesson as the home screens list it: steps seen, its state in words, best score, minutes.

One rule for the app, plain mode and the web pages, so the three never describe the same
progress differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.content.model import Lesson
from tutor.content.reading import lesson_words, reading_minutes
from tutor.domain.progress import Progress


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    seen: int  # steps seen (all of them once the lesson is done or its topic tested out)
    steps: int
    state: str  # in words: "not started", "in progress", "quiz next", "quiz: 2 tries left", "passed", ...
    score: float | None  # the best quiz score on the topic, if any
    minutes: int  # to read the lesson at 200 words a minute
    tries_left: int | None  # quiz attempts left before the lesson must be done again (None once passed)


def lesson_rows(progress: Progress, district: str, certified: bool = False) -> list[LessonRow]:
    """The district's lessons in teaching order, each with its progress in words.

    `certified`: every required lesson was done for the signature even though the new cycle's
    records start empty, so they read as done and open to review; optional ones as open to read.
    """
    rows: list[LessonRow] = []
    for topic in progress.topics.values():
        lesson = topic.lesson
        steps = topic.steps_total
        seen = steps if topic.lesson_done or topic.passed_by == "testout" else max(topic.step_reached + 1, 0)
        tries = topic.tries_left
        score = topic.best_score
        if certified and lesson.required:
            seen, state, score = steps, "done, open to review", None
        elif certified:
            seen, state, score = 0, "optional, open to read", None
        elif topic.passed:
            state = "passed by test-out" if topic.passed_by == "testout" else "passed"
        elif topic.lesson_done and topic.fails_since_lesson:
            state = f"quiz: {tries} {'try' if tries == 1 else 'tries'} left"
        elif topic.lesson_done:
            state = "quiz next"
        elif seen > 0:
            state = "in progress"
        else:
            state = "not started"
        if not lesson.required and not topic.passed and not certified:
            state = f"optional, {state}"
        rows.append(LessonRow(lesson, seen, steps, state, score, reading_minutes(lesson_words(lesson, district)),
                              tries))
    return sorted(rows, key=lambda r: (r.lesson.order, r.lesson.id))
