"""Cross-file checks: citations resolve, quotations are real, every topic and district is complete."""

from __future__ import annotations

from tutor.content.model import REQUIRED_TOPICS, Citation, Content, ContentError, Question
from tutor.content.quotes import citations_in, inline_quotations, quotations_in, quote_appears

MIN_QUESTIONS_PER_TOPIC = 5


def validate(content: Content) -> None:
    """Append an error to `content.errors` for each cross-reference problem."""
    errors = content.errors

    def cite(path: str, line: int, citation: Citation, where: str) -> None:
        if content.section(citation) is None:
            if citation.district not in content.policies:
                errors.append(ContentError(path, line, f"{where}: citation '{citation}' names unknown district '{citation.district}'"))
            else:
                errors.append(ContentError(path, line, f"{where}: citation '{citation}' names no section of {citation.district}'s policy"))

    for policy in content.policies.values():
        for section in policy.sections:
            for twin in section.equivalent_to:
                cite(policy.path, section.line, twin, f"section '{section.id}' equivalent_to")

    for district in content.districts.values():
        for source in district.sources:
            if source not in content.policies:
                errors.append(ContentError(district.path, 1, f"district '{district.id}': source '{source}' has no policies/{source}.yaml"))
        for citation in district.acknowledgment.basis:
            cite(district.path, 1, citation, f"district '{district.id}' acknowledgment basis")
        for citation in (district.contacts.ask_source, district.contacts.report_source):
            if citation:
                cite(district.path, 1, citation, f"district '{district.id}' contacts")
    known_districts = set(content.districts) | set(content.policies)

    for lesson in content.lessons.values():
        for citation in lesson.sources:
            cite(lesson.path, 2, citation, f"lesson '{lesson.id}' sources")
        for d in lesson.districts:
            if d not in known_districts:
                errors.append(ContentError(lesson.path, 2, f"lesson '{lesson.id}': unknown district '{d}'"))
        for step in lesson.steps:
            where = f"step '{step.title}'"
            for d in step.districts:
                if d not in known_districts:
                    errors.append(ContentError(lesson.path, step.line, f"{where}: unknown district '{d}' in heading tag"))
            for citation in citations_in(step.body):
                cite(lesson.path, step.line, citation, where)
            for words, citation, offset in quotations_in(step.body):
                section = content.section(citation)
                if section is not None and not quote_appears(words, section.text):
                    errors.append(
                        ContentError(lesson.path, step.body_line + offset, f"{where}: quotation does not appear in {citation}: \"{words[:80]}\"")
                    )
            step_sections = [content.section(c) for c in citations_in(step.body)]
            for words in inline_quotations(_without_block_quotes(step.body)):
                if not any(s is not None and quote_appears(words, s.text) for s in step_sections):
                    errors.append(ContentError(lesson.path, step.line, f"{where}: quoted words appear in none of the step's cited sections: \"{words[:80]}\""))
            if step.check is not None:
                _check_question(content, step.check, known_districts, cite)

    for question in content.questions.values():
        _check_question(content, question, known_districts, cite)
        if question.topic and not any(l.topic == question.topic for l in content.lessons.values()):
            errors.append(ContentError(question.path, question.line, f"question '{question.id}': no lesson teaches topic '{question.topic}'"))

    for topic in REQUIRED_TOPICS:
        if not any(l.topic == topic for l in content.lessons.values()):
            errors.append(ContentError(f"{content.root}/lessons", 0, f"required topic '{topic}' has no lesson"))
        if not any(q.topic == topic for q in content.questions.values()):
            errors.append(ContentError(f"{content.root}/quizzes", 0, f"required topic '{topic}' has no questions"))

    for district in content.districts.values():
        for lesson in content.lessons_for(district.id):
            if not lesson.required:
                continue
            count = len(content.questions_for(district.id, lesson.topic))
            if count < MIN_QUESTIONS_PER_TOPIC:
                errors.append(
                    ContentError(
                        district.path, 1,
                        f"district '{district.id}': topic '{lesson.topic}' has {count} questions for its staff; a quiz needs at least {MIN_QUESTIONS_PER_TOPIC}",
                    )
                )


def _without_block_quotes(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


def _check_question(content: Content, question: Question, known_districts: set[str], cite) -> None:
    where = f"question '{question.id}'" if question.id else "check question"
    for citation in question.sources:
        cite(question.path, question.line, citation, where)
    sections = [content.section(c) for c in question.sources]
    for words in inline_quotations(question.explanation):
        if not any(s is not None and quote_appears(words, s.text) for s in sections):
            content.errors.append(
                ContentError(question.path, question.line, f"{where}: quoted words in the explanation appear in none of its cited sections: \"{words[:80]}\"")
            )
    for d in question.districts:
        if d not in known_districts:
            content.errors.append(ContentError(question.path, question.line, f"{where}: unknown district '{d}'"))
