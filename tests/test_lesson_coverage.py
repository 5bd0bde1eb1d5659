"""Shortened lessons still teach every point the quizzes ask: for each question and each district
whose staff may be asked it, every section the question cites (as that district's own section) is
cited in a step of the topic's lesson that the same district sees."""

from __future__ import annotations

import pytest

from tutor.content.loader import load_valid_content
from tutor.content.quotes import citations_in

CONTENT = load_valid_content()
# Lessons 50-80 are being shortened in parallel; their topics are checked but may still miss.
TOPICS_IN_PROGRESS = {"supervising-students", "copyright", "communications", "reporting"}


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
    pytest.param(
        q.id, d, id=f"{q.id}-{d}",
        marks=[pytest.mark.xfail(reason="lesson being shortened in parallel", strict=False)]
        if q.topic in TOPICS_IN_PROGRESS else [],
    )
    for q in sorted(CONTENT.questions.values(), key=lambda q: q.id)
    for d in sorted(CONTENT.districts)
    if CONTENT.question_applies(q, d)
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
    pytest.param(
        lesson.id, d, id=f"{lesson.id}-{d}",
        marks=[pytest.mark.xfail(reason="lesson being shortened in parallel", strict=False)]
        if lesson.topic in TOPICS_IN_PROGRESS else [],
    )
    for lesson in sorted(CONTENT.lessons.values(), key=lambda l: l.order)
    for d in sorted(CONTENT.districts)
    if lesson.applies_to(d)
])
def test_staff_are_sent_to_their_own_districts_contacts_only(lesson_id, district):
    text = "\n".join(s.title + "\n" + s.body for s in CONTENT.lessons[lesson_id].steps_for(district))
    told = [name for name in OTHER_DISTRICTS_CONTACTS[district] if name.lower() in text.lower()]
    assert not told, f"{lesson_id} tells {district} staff about {told}"
