"""Parse quiz questions (in `quizzes/<topic>.yaml` and lesson check blocks)."""

from __future__ import annotations

from tutor.content.fields import Fields
from tutor.content.model import QUESTION_TYPES, Choice, ContentError, Question
from tutor.content.yaml_lines import LineList

BANK_FIELDS = {"topic", "questions"}
QUESTION_FIELDS = {
    "id", "type", "prompt", "choices", "answer", "explanation", "sources", "topic",
    "districts", "scenario",
}
TRUE_FALSE_CHOICES = (Choice("true", "True"), Choice("false", "False"))


def parse_bank(data: object, path: str, errors: list[ContentError]) -> list[Question]:
    """Parse one question bank file; questions inherit the bank's topic."""
    top = Fields(data, path, errors, "question bank")
    if not top.ok:
        return []
    top.unknown_keys(BANK_FIELDS)
    topic = top.ident("topic")
    raw = top.data.get("questions")
    if not isinstance(raw, list) or not raw:
        top.error(top.line_of("questions"), "question bank: 'questions' must be a non-empty list")
        return []
    out = []
    for index, item in enumerate(raw):
        line = raw.line_of(index) if isinstance(raw, LineList) else top.line
        question = parse_question(item, path, errors, topic, line, f"question {index + 1}")
        if question is not None:
            out.append(question)
    return out


def parse_question(
    data: object,
    path: str,
    errors: list[ContentError],
    topic: str,
    line: int,
    label: str,
    id_required: bool = True,
) -> Question | None:
    """Parse one question mapping; `topic` is the default when it names none."""
    f = Fields(data, path, errors, label, line)
    if not f.ok:
        return None
    qid = f.ident("id", required=id_required)
    if qid:
        f.what = f"question '{qid}'"
    f.unknown_keys(QUESTION_FIELDS)
    qtype = f.text("type")
    if qtype and qtype not in QUESTION_TYPES:
        f.error(f.line_of("type"), f"{f.what}: type must be one of {', '.join(QUESTION_TYPES)}, not {qtype!r}")
    choices = _choices(f, qtype)
    answer = _answer(f, qtype, choices)
    return Question(
        id=qid,
        type=qtype,
        prompt=f.text("prompt"),
        choices=choices,
        answer=answer,
        explanation=f.text("explanation"),
        sources=f.citations("sources"),
        topic=f.ident("topic", required=False) or topic,
        districts=tuple(f.text_list("districts", required=False)),
        scenario=f.boolean("scenario", False),
        path=path,
        line=f.line,
    )


def _choices(f: Fields, qtype: str) -> tuple[Choice, ...]:
    if qtype == "true_false":
        if "choices" in f.data:
            f.error(f.line_of("choices"), f"{f.what}: a true_false question has no 'choices' (they are True and False)")
        return TRUE_FALSE_CHOICES
    raw = f.data.get("choices")
    if not isinstance(raw, list):
        f.error(f.line_of("choices"), f"{f.what}: 'choices' must be a list of {{id, text}}")
        return ()
    choices: list[Choice] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        line = raw.line_of(index) if isinstance(raw, LineList) else f.line
        c = Fields(item, f.path, f.errors, f"{f.what} choice {index + 1}", line)
        if not c.ok:
            continue
        c.unknown_keys({"id", "text"})
        cid = c.ident("id")
        if cid in seen:
            c.error(c.line_of("id"), f"{f.what}: duplicate choice id '{cid}'")
        seen.add(cid)
        choices.append(Choice(cid, c.text("text")))
    if len(choices) < 2:
        f.error(f.line_of("choices"), f"{f.what}: needs at least 2 choices, has {len(choices)}")
    if len(choices) > 9:
        f.error(f.line_of("choices"), f"{f.what}: at most 9 choices (keys 1-9), has {len(choices)}")
    return tuple(choices)


def _answer(f: Fields, qtype: str, choices: tuple[Choice, ...]) -> frozenset[str]:
    if "answer" not in f.data:
        f.error(f.line, f"{f.what}: missing required field 'answer'")
        return frozenset()
    raw = f.data["answer"]
    line = f.line_of("answer")
    if qtype == "true_false":
        if not isinstance(raw, bool):
            f.error(line, f"{f.what}: a true_false answer must be true or false, not {raw!r}")
            return frozenset()
        return frozenset({"true" if raw else "false"})
    values = list(raw) if isinstance(raw, list) else [raw]
    ids = [str(v).strip() for v in values if v is not None]
    known = {c.id for c in choices}
    for cid in ids:
        if known and cid not in known:
            f.error(line, f"{f.what}: answer '{cid}' is not one of the choice ids ({', '.join(sorted(known))})")
    if qtype == "single" and len(ids) != 1:
        f.error(line, f"{f.what}: a single-answer question needs exactly 1 correct answer, has {len(ids)}")
    if qtype == "multiple":
        if len(ids) < 2:
            f.error(line, f"{f.what}: a multiple-answer question needs at least 2 correct answers, has {len(ids)}")
        elif known and len(set(ids)) >= len(known):
            f.error(line, f"{f.what}: a multiple-answer question needs at least one wrong choice")
    if len(set(ids)) != len(ids):
        f.error(line, f"{f.what}: answer lists a choice twice")
    return frozenset(ids)
