"""Lessons 10-40 after shortening: each still teaches, in its own steps, every point its quiz asks,
sends each district's staff to their own contacts only, and fits the four lessons' reading share.

For each question on these topics and each district whose staff may be asked it, every section the
question cites (as that district's own section) is cited in a step of the topic's own lesson that
the same district sees. (tests/test_lesson_coverage.py holds every lesson to the looser rule that a
section is taught in that lesson or an earlier one.)"""

from __future__ import annotations

import pytest

from tutor.content.loader import load_valid_content
from tutor.content.quotes import citations_in
from tutor.content.reading import lesson_words

CONTENT = load_valid_content()
TOPICS = ("acceptable-use", "prohibited-uses", "privacy", "passwords")
# Lessons 10-40's share of the 2,500-word path; lesson 10 also carries the acknowledgment step.
BUDGET_WORDS = 1300


def cited_in_lesson(topic: str, district: str) -> set:
    """Every citation in the steps a district's staff see in the lessons on `topic`."""
    cited = set()
    for lesson in CONTENT.lessons_for(district):
        if lesson.topic == topic:
            for step in lesson.steps_for(district):
                cited.update(citations_in(step.title + "\n" + step.body))
    return cited


def uncovered(question, district: str) -> list[str]:
    """The question's sections (as the district's own) that no step the district sees cites."""
    taught = cited_in_lesson(question.topic, district)
    return [c.ref for c in CONTENT.cites_for(district, question.sources) if c not in taught]


CASES = [
    pytest.param(q.id, d, id=f"{q.id}-{d}")
    for q in sorted(CONTENT.questions.values(), key=lambda q: q.id)
    for d in sorted(CONTENT.districts)
    if q.topic in TOPICS and CONTENT.question_applies(q, d)
]


@pytest.mark.parametrize("question_id,district", CASES)
def test_each_question_s_sections_are_taught_to_the_districts_it_is_asked_of(question_id, district):
    missing = uncovered(CONTENT.questions[question_id], district)
    assert not missing, f"{question_id} asked of {district}: no {district} step cites {', '.join(missing)}"


def test_the_check_notices_a_section_no_step_cites():
    # A question citing a section the lesson never cites must be reported, or the test above proves nothing.
    question = CONTENT.questions["pw-ct-report-to-whom"]
    assert uncovered(question, "crec") == []
    assert "crec:C.15" in {c.ref for c in cited_in_lesson("passwords", "crec")}
    assert "crec:C.15" not in {c.ref for c in cited_in_lesson("copyright", "crec")}
    moved = type(question)(**{**question.__dict__, "topic": "copyright"})
    assert uncovered(moved, "crec") == ["crec:C.15"]


# Each district's own contact wording, which no other district's staff should be told to use.
OTHER_DISTRICTS_CONTACTS = {
    "crec": ["school or district administrator", "Network Coordinator"],
    "thomaston": ["Director of Human Resources", "Network Coordinator"],
    "clinton": ["Network Coordinator", "Director of Human Resources"],
    "stafford": ["Director of Technology", "Director of Human Resources"],
    "ces": ["Network Coordinator", "Director of Human Resources", "Director of Technology"],
}


@pytest.mark.parametrize("lesson_id,district", [
    (lesson.id, d)
    for lesson in sorted(CONTENT.lessons.values(), key=lambda l: l.order)
    for d in sorted(CONTENT.districts)
    if lesson.topic in TOPICS and lesson.applies_to(d)
])
def test_staff_are_sent_to_their_own_districts_contacts_only(lesson_id, district):
    text = "\n".join(s.title + "\n" + s.body for s in CONTENT.lessons[lesson_id].steps_for(district))
    told = [name for name in OTHER_DISTRICTS_CONTACTS[district] if name.lower() in text.lower()]
    assert not told, f"{lesson_id} tells {district} staff about {told}"


@pytest.mark.parametrize("district", sorted(CONTENT.districts))
def test_lessons_10_to_40_keep_to_their_share_of_the_reading_budget(district):
    words = sum(lesson_words(CONTENT.lessons[topic], district) for topic in TOPICS)
    assert words <= BUDGET_WORDS, f"{district}: {words} words in lessons 10-40"
