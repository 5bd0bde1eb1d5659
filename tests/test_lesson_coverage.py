"""Lessons teach what the quizzes ask: every section a question cites is cited in a lesson step
the same district's staff see, in the question's own lesson or one taught before it."""

from __future__ import annotations

import copy
import dataclasses
import math

import pytest

from tutor.content.loader import load_valid_content
from tutor.content.model import Content
from tutor.content.quotes import CITATION_IN_TEXT_RE

CONTENT = load_valid_content()
DISTRICTS = sorted(CONTENT.districts)
# Lessons 50-80 share of the 2,500-word path: the other four lessons carry the acknowledgment step.
LATER_LESSONS = ("supervising-students", "copyright", "communications", "reporting")
LATER_LESSONS_BUDGET_WORDS = 1150


def untaught(content: Content) -> list[str]:
    """`district question-id section never|later` for each cited section a district's staff are
    quizzed on before any step they see cites it: no step does, or only one in a later lesson."""
    problems = []
    for district in sorted(content.districts):
        first_taught: dict[str, int] = {}
        lesson_order: dict[str, int] = {}
        for lesson in content.lessons_for(district):
            lesson_order.setdefault(lesson.topic, lesson.order)
            for step in lesson.steps_for(district):
                for match in CITATION_IN_TEXT_RE.finditer(f"{step.title}\n{step.body}"):
                    ref = f"{match.group(1)}:{match.group(2)}"
                    first_taught[ref] = min(first_taught.get(ref, math.inf), lesson.order)
        for question in content.questions_for(district):
            quiz_after = lesson_order.get(question.topic)
            if quiz_after is None:
                continue  # a topic without a lesson is reported by `tutor check`
            for citation in content.cites_for(district, question.sources):
                taught = first_taught.get(citation.ref, math.inf)
                if taught > quiz_after:
                    when = "never" if taught == math.inf else "later"
                    problems.append(f"{district} {question.id} {citation.ref} {when}")
    return problems


def _moved(content: Content, ref: str, to_lesson: str | None) -> Content:
    """A copy of `content` whose steps citing `ref` are taken out of their lessons and, unless
    `to_lesson` is None, appended to that lesson."""
    changed = copy.copy(content)
    lessons = dict(content.lessons)
    taken = []
    for lesson_id, lesson in lessons.items():
        keep = tuple(s for s in lesson.steps if f"[{ref}]" not in s.body)
        taken += [s for s in lesson.steps if f"[{ref}]" in s.body]
        lessons[lesson_id] = dataclasses.replace(lesson, steps=keep)
    assert taken, f"no step cites {ref}"
    if to_lesson is not None:
        target = lessons[to_lesson]
        lessons[to_lesson] = dataclasses.replace(target, steps=target.steps + tuple(taken))
    changed.lessons = lessons
    return changed


def _topic(problem: str) -> str:
    return CONTENT.questions[problem.split()[1]].topic


def test_every_section_a_quiz_question_cites_is_taught_to_that_district():
    assert [p for p in untaught(CONTENT) if p.endswith(" never")] == []


def test_lessons_50_to_80_teach_each_section_before_their_quiz_asks_about_it():
    assert [p for p in untaught(CONTENT) if _topic(p) in LATER_LESSONS] == []


def test_a_rule_no_lesson_teaches_is_reported_for_each_question_that_asks_about_it():
    problems = untaught(_moved(CONTENT, "stafford:email-signature", None))
    assert "stafford cm-st-internal-signature stafford:email-signature never" in problems
    assert "stafford cm-st-statement-says stafford:email-signature never" in problems
    assert not any(p.startswith(("clinton ", "crec ")) for p in problems)


def test_a_rule_taught_only_after_its_quiz_is_reported():
    later = _moved(CONTENT, "stafford:email-signature", "reporting")
    assert CONTENT.lessons["reporting"].order > CONTENT.lessons["communications"].order
    assert "stafford cm-st-internal-signature stafford:email-signature later" in untaught(later)


@pytest.mark.parametrize("district", DISTRICTS)
def test_lessons_50_to_80_keep_to_their_share_of_the_reading_budget(district):
    reading = pytest.importorskip("tutor.content.reading")
    words = sum(reading.lesson_words(CONTENT.lessons[lesson_id], district) for lesson_id in LATER_LESSONS)
    assert words <= LATER_LESSONS_BUDGET_WORDS, f"{district}: {words} words in lessons 50-80"


def _later_text(district: str) -> str:
    return "\n".join(
        f"{step.title}\n{step.body}"
        for lesson_id in LATER_LESSONS
        for step in CONTENT.lessons[lesson_id].steps_for(district)
    )


def test_each_district_is_told_its_own_contacts_not_its_twin_districts():
    crec, thomaston = _later_text("crec"), _later_text("thomaston")
    clinton, stafford = _later_text("clinton"), _later_text("stafford")
    assert "other appropriate administrator" in crec and "other appropriate administrator" not in thomaston
    assert "School Principal" in thomaston and "School Principal" not in crec
    assert "Director of Technology" in clinton and "Director of Technology" not in stafford
    assert "District IT / Network Coordinator" in stafford and "District IT / Network Coordinator" not in clinton


def test_ces_staff_are_told_what_the_laptop_form_holds_and_who_collects_it():
    ces = _later_text("ces")
    assert "make, model and serial number" in ces
    assert "building administrator or designee collects it" in ces
