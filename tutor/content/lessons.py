"""Parse Markdown lessons: YAML front matter, then one chat step per `## ` heading."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from tutor.content.fields import Fields
from tutor.content.model import ContentError, Lesson, Step
from tutor.content.questions import parse_question
from tutor.content.yaml_comments import cut_values
from tutor.content.yaml_lines import YamlSyntaxError, load_yaml

LESSON_FIELDS = {"id", "title", "topic", "order", "required", "sources", "districts"}
DISTRICT_TAG_RE = re.compile(r"\s*\{\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*\}\s*$")
# Only the block structure (headings, fences) is needed to split steps: skip inline parsing.
_md = MarkdownIt("commonmark").disable("inline")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (front matter, body, first line of body) or None when there is no front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def parse_lesson(text: str, path: str, errors: list[ContentError]) -> Lesson | None:
    """Parse one lesson file, recording every problem in `errors`."""
    parts = split_front_matter(text)
    if parts is None:
        errors.append(ContentError(path, 1, "lesson must start with YAML front matter between '---' lines"))
        return None
    front, body, body_line = parts
    try:
        meta = load_yaml(front, first_line=2)
    except YamlSyntaxError as exc:
        errors.append(ContentError(path, exc.line, exc.message))
        return None
    for cut in cut_values(front, first_line=2):
        errors.append(ContentError(path, cut.line, cut.message))
    f = Fields(meta, path, errors, "lesson front matter", 2)
    if not f.ok:
        return None
    f.unknown_keys(LESSON_FIELDS)
    lesson_id = f.ident("id")
    topic = f.ident("topic")
    steps = _steps(body, body_line, path, errors, topic)
    if not steps:
        # A file that ends at the closing '---' has no body line: the error names that last line.
        line = body_line if body else body_line - 1
        errors.append(ContentError(path, line, "lesson has no steps: each step starts with a '## ' heading"))
    return Lesson(
        id=lesson_id,
        title=f.text("title"),
        topic=topic,
        order=f.integer("order", minimum=0),
        required=f.boolean("required", True),
        sources=f.citations("sources"),
        steps=tuple(steps),
        districts=tuple(f.text_list("districts", required=False)),
        path=path,
    )


def _steps(body: str, body_line: int, path: str, errors: list[ContentError], topic: str) -> list[Step]:
    lines = body.splitlines()
    tokens = _md.parse(body)
    headings = [
        (i, tok) for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.tag == "h2"
    ]
    first_heading_line = headings[0][1].map[0] if headings else len(lines)
    preamble = "\n".join(lines[:first_heading_line]).strip()
    if preamble:
        errors.append(ContentError(path, body_line, "text before the first '## ' step heading; start every step with '## '"))
    steps: list[Step] = []
    for n, (index, tok) in enumerate(headings):
        start = tok.map[0]
        end = headings[n + 1][1].map[0] if n + 1 < len(headings) else len(lines)
        title = tokens[index + 1].content.strip()
        districts: tuple[str, ...] = ()
        match = DISTRICT_TAG_RE.search(title)
        if match:
            districts = tuple(d.strip() for d in match.group(1).split(","))
            title = title[: match.start()].strip()
        check = None
        body_lines = lines[start + 1 : end]
        for fence in (t for t in tokens if t.type == "fence" and t.map and start <= t.map[0] < end):
            if fence.info.strip() != "check":
                continue
            fence_first = body_line + fence.map[0] + 1
            try:
                data = load_yaml(fence.content, first_line=fence_first)
            except YamlSyntaxError as exc:
                errors.append(ContentError(path, exc.line, exc.message))
                data = None
            for cut in cut_values(fence.content, first_line=fence_first):
                errors.append(ContentError(path, cut.line, cut.message))
            if data is not None:
                check = parse_question(data, path, errors, topic, fence_first, f"check in step '{title}'", id_required=False)
            # The check block is shown as a question, not as text.
            for i in range(fence.map[0] - start - 1, fence.map[1] - start - 1):
                body_lines[i] = ""
        raw = "\n".join(body_lines)
        lead = len(raw) - len(raw.lstrip("\n"))  # blank lines dropped from the top
        text = raw.strip()
        if not text and check is None:
            errors.append(ContentError(path, body_line + start, f"step '{title}' is empty"))
        steps.append(Step(title=title, body=text, districts=districts, check=check, line=body_line + start,
                          body_line=body_line + start + 1 + lead))
    return steps
