"""Extra search keys for each section: the questions lessons and quizzes already answer with it.

A quiz item citing `crec:C.7` is a staff-worded question whose answer is that
section, so its prompt, correct choices and explanation are good keys for it.
A lesson step's text is the same for the sections it cites. Whatever lessons
and quizzes exist when the index is built are used, so keys grow with content.
"""

from __future__ import annotations

from tutor.content.model import Content, Question
from tutor.content.quotes import citations_in, strip_citations


def _question_text(question: Question) -> str:
    right = [c.text for c in question.choices if c.id in question.answer]
    return " ".join([question.prompt, *right, question.explanation])


def section_keys(content: Content) -> dict[str, list[str]]:
    """`district:section` -> texts (quiz questions, lesson steps) that are answered by it.
    Keys are shared with `equivalent_to` twins, which say the same thing."""
    keys: dict[str, list[str]] = {}

    def add(citations, text: str) -> None:
        seen: set[str] = set()
        for citation in citations:
            section = content.section(citation)
            if section is None:
                continue
            for target in (citation, *section.equivalent_to):
                if target.ref not in seen:
                    seen.add(target.ref)
                    keys.setdefault(target.ref, []).append(text)

    for question in content.questions.values():
        add(question.sources, _question_text(question))
    for lesson in content.lessons.values():
        for step in lesson.steps:
            cited = citations_in(step.body)
            body = strip_citations(step.body, lambda c: "")
            # A step citing many sections says little about any one of them.
            if cited and len({c.ref for c in cited}) <= 3:
                add(cited, f"{step.title} {body}")
            if step.check is not None:
                add(step.check.sources, _question_text(step.check))
    return keys

