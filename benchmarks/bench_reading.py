"""How long a district's required path takes: words to read, questions to answer, minutes.

    python benchmarks/bench_reading.py [--content DIR] [--wpm 200] [--seconds-per-question 10]

For each district, over the required lessons it takes (and the quiz after each):

- lesson words: step titles and bodies the district sees, citations and check questions left out
  (tutor.content.reading.lesson_words, the same count the budget test uses);
- check words: the check-yourself questions in those steps (prompt and choices);
- quiz words: questions per quiz (5) x the mean length (prompt and choices) of the questions that
  district may be asked on the topic, summed over the required quizzes;
- lesson min: lesson words at the reading speed, rounded up (tutor.content.reading.reading_minutes);
- question min: check and quiz words at the reading speed, plus a fixed allowance of 10 seconds
  per question answered (check questions and quiz questions) for choosing an answer and taking in
  the feedback; the explanation's words are not counted;
- total min: lesson words and question minutes together, unrounded.

The target is 25 minutes for the whole required path (lesson words at most 2,500). The figures
are counts, not timings, so they are the same on every machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor.content.loader import load_content  # noqa: E402
from tutor.content.reading import (  # noqa: E402
    READING_WPM,
    check_words,
    lesson_words,
    question_words,
    reading_minutes,
    required_lessons,
)
from tutor.domain.quiz import DEFAULT_QUIZ_LENGTH  # noqa: E402

TARGET_MINUTES = 25
TARGET_LESSON_WORDS = 2500
SECONDS_PER_QUESTION = 10  # choose an answer and take in the right/wrong line of the feedback


def district_row(content, district: str, wpm: int, seconds_per_question: float) -> dict:
    """The counts and minutes for one district's required path."""
    lessons = required_lessons(content, district)
    words = sum(lesson_words(lesson, district) for lesson in lessons)
    checks = sum(check_words(lesson, district) for lesson in lessons)
    check_count = sum(1 for lesson in lessons for step in lesson.steps_for(district) if step.check)
    quiz_words = 0.0
    for lesson in lessons:
        bank = content.questions_for(district, lesson.topic)
        if bank:
            quiz_words += min(DEFAULT_QUIZ_LENGTH, len(bank)) * statistics.mean(question_words(q) for q in bank)
    quiz_count = sum(min(DEFAULT_QUIZ_LENGTH, len(content.questions_for(district, l.topic))) for l in lessons)
    answered = check_count + quiz_count
    question_minutes = (checks + quiz_words) / wpm + answered * seconds_per_question / 60
    return {
        "district": district, "lessons": len(lessons), "lesson_words": words,
        "lesson_minutes": reading_minutes(words, wpm), "check_words": checks, "checks": check_count,
        "quiz_words": round(quiz_words), "quiz_questions": quiz_count,
        "question_minutes": question_minutes, "minutes": words / wpm + question_minutes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=None, help="content directory (default: the shipped one)")
    parser.add_argument("--wpm", type=int, default=READING_WPM, help="reading speed, words a minute")
    parser.add_argument("--seconds-per-question", type=float, default=SECONDS_PER_QUESTION,
                        help="allowance per question answered, on top of reading it")
    args = parser.parse_args(argv)
    content = load_content(args.content)
    if content.errors:
        print(f"content has {len(content.errors)} problem(s); run tutor check", file=sys.stderr)
        return 1
    print(f"Required path per district at {args.wpm} wpm, plus {args.seconds_per_question:g} s per question answered")
    header = ("district", "lessons", "lesson words", "lesson min", "check words (n)", "quiz words (n)",
              "question min", "total min", "target")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for district in sorted(content.districts):
        row = district_row(content, district, args.wpm, args.seconds_per_question)
        within = row["lesson_words"] <= TARGET_LESSON_WORDS and row["minutes"] <= TARGET_MINUTES
        print(f"| {district} | {row['lessons']} | {row['lesson_words']:,} | {row['lesson_minutes']} "
              f"| {row['check_words']} ({row['checks']}) | {row['quiz_words']} ({row['quiz_questions']}) "
              f"| {row['question_minutes']:.1f} | {row['minutes']:.1f} | {'within' if within else 'over'} {TARGET_MINUTES} min |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
