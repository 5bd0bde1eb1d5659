"""Small, fully controlled content for engine tests (the shipped content is tested separately)."""

from __future__ import annotations

from tutor.content.model import (
    Acknowledgment, Choice, Citation, Contacts, Content, District, Lesson, Policy, Question, Section, Step,
)


TEST_ROOT = "<test>"


def approve_test_content(records, content) -> None:
    """Approve the test content's rules in `records` (for processes started outside pytest)."""
    from tutor.domain import events as ev
    from tutor.service.approval import record_approval

    record_approval(records, content, sorted(content.districts), ev.IDENTITY_TRAINER)


def make_content(questions_per_topic: int = 8, district_ack: str = "I have read the policy.") -> Content:
    sections = tuple(
        Section("tst", sid, f"Section {sid}", "regulation", "9.99", f"Summary {sid}.", f"Rule text for {sid}. Obey it.")
        for sid in ("A", "B", "C")
    )
    policy = Policy("tst", "Test Policy", "9.99", "tst.txt", {}, sections)
    district = District(
        id="tst", name="Test District", short_name="TST", home_page="https://example.org/",
        policy_numbers=("9.99",), sources=("tst",),
        acknowledgment=Acknowledgment(district_ack, False, (Citation("tst", "A"),)),
        contacts=Contacts(ask="the principal", report_to="the principal", hr="HR"),
        pass_mark=0.8, renewal_days=365, new_hire_due_days=30,
    )
    lessons = {}
    questions = {}
    for order, (topic, section, required) in enumerate((("alpha", "A", True), ("beta", "B", True), ("gamma", "C", False))):
        steps = tuple(Step(f"{topic} step {i + 1}", f"Body {i + 1} [tst:{section}]") for i in range(3))
        lessons[topic] = Lesson(topic, f"Lesson {topic}", topic, order, required, (Citation("tst", section),), steps)
        for n in range(questions_per_topic):
            qid = f"{topic}-{n}"
            questions[qid] = Question(
                id=qid, type="single", prompt=f"{topic} question {n}?",
                choices=(Choice("right", "Right"), Choice("wrong", "Wrong"), Choice("other", "Other")),
                answer=frozenset({"right"}), explanation="Because the rule says so.",
                sources=(Citation("tst", section),), topic=topic,
            )
    multi = Question(
        id="alpha-multi", type="multiple", prompt="Pick both right ones",
        choices=(Choice("r1", "R1"), Choice("r2", "R2"), Choice("w", "W")), answer=frozenset({"r1", "r2"}),
        explanation="Both.", sources=(Citation("tst", "A"),), topic="alpha",
    )
    return Content(root=TEST_ROOT, policies={"tst": policy}, districts={"tst": district}, lessons=lessons,
                   questions=questions | ({} if questions_per_topic < 8 else {"alpha-multi": multi}))
