"""The shipped curriculum: lesson shape per district, question mix, and every district covered."""

from __future__ import annotations

import re

import pytest

from tutor.content.loader import load_valid_content
from tutor.content.model import REQUIRED_TOPICS
from tutor.content.quotes import CITATION_IN_TEXT_RE

CONTENT = load_valid_content()
DISTRICTS = sorted(CONTENT.districts)
VIEWS = [(lesson.id, d) for lesson in CONTENT.lessons.values() for d in DISTRICTS if lesson.applies_to(d)]


def words(text: str) -> int:
    text = CITATION_IN_TEXT_RE.sub("", text)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return len(re.findall(r"[\w'’-]+", text))


@pytest.mark.parametrize("lesson_id,district", VIEWS)
def test_each_lesson_view_is_short_steps_with_a_scenario_and_a_check(lesson_id, district):
    steps = CONTENT.lessons[lesson_id].steps_for(district)
    assert 5 <= len(steps) <= 12, f"{lesson_id} for {district}: {len(steps)} steps"
    for step in steps:
        assert words(step.body) <= 130, f"{lesson_id} / {step.title} for {district}: {words(step.body)} words"
    assert any("scenario" in (s.title + s.body).lower() for s in steps), f"{lesson_id} for {district}: no scenario"
    assert any(s.check is not None for s in steps), f"{lesson_id} for {district}: no check-yourself question"


def test_banks_meet_the_curriculum_counts():
    assert len(CONTENT.questions) >= 120
    for topic in REQUIRED_TOPICS:
        assert sum(1 for q in CONTENT.questions.values() if q.topic == topic) >= 15, topic
    scenarios = sum(1 for q in CONTENT.questions.values() if q.scenario)
    assert scenarios * 2 >= len(CONTENT.questions)
    kinds = {q.type for q in CONTENT.questions.values()}
    assert kinds == {"single", "multiple", "true_false"}
    assert any(q.districts for q in CONTENT.questions.values())


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_district_has_enough_questions_for_a_retake_and_the_test_out(district):
    for lesson in CONTENT.lessons_for(district):
        if lesson.required:
            assert len(CONTENT.questions_for(district, lesson.topic)) >= 8, (district, lesson.topic)


def test_district_differences_reach_their_own_staff():
    def text_for(district: str) -> str:
        return "\n".join(s.body for l in CONTENT.lessons_for(district) for s in l.steps_for(district))

    assert "reasonable personal use" in text_for("crec").lower()
    assert "reasonable personal use" not in text_for("thomaston").lower()
    assert "incidental personal use" in text_for("thomaston").lower()
    assert "confidentiality statement" in text_for("stafford").lower()
    assert "confidentiality statement" not in text_for("clinton").lower()
    assert "30 days" in text_for("ces")
    assert "30 days" not in text_for("crec")


def test_acknowledgments_say_whether_they_were_drafted():
    assert CONTENT.districts["thomaston"].acknowledgment.drafted is False
    for d in ("crec", "clinton", "ces", "stafford"):
        assert CONTENT.districts[d].acknowledgment.drafted is True
