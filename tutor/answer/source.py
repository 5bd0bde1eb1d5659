"""Read a content folder quickly for answering questions from the command line.

`tutor.content.loader.load_content` validates everything with a pure-Python,
line-tracking YAML parser and parses lessons as Markdown: right for `tutor
check` and the app, but about half a second, which `tutor ask` cannot afford.
The answerer needs only the policies, the district profiles, and the text and
citations of quiz questions and lesson steps, so this module reads those with
the shared line-tracking YAML reader through the same `tutor.content` field parsers,
reads lessons as plain text split at `## ` headings, and skips validation.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tutor.content import cache as content_cache
from tutor.content.districts import parse_district
from tutor.content.model import Content, ContentError, Lesson, Step
from tutor.content.policies import parse_policy
from tutor.content.questions import parse_bank, parse_question
from tutor.content.yaml_lines import YamlSyntaxError, load_yaml

_FENCE_RE = re.compile(r"^\s*(```|~~~)\s*(\S*)")
_DISTRICT_TAG_RE = re.compile(r"\s*\{\s*[a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*\s*\}\s*$")


def default_root() -> Path:
    """The shipped content, found as `tutor.content.loader.default_content_dir` finds it
    (repeated here because importing the loader pulls in the Markdown parser)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_content"
    return installed if (installed / "lessons").is_dir() else package.parent


def _yaml(path: Path):
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None


def _lesson(path: Path, errors: list[ContentError]) -> Lesson | None:
    """A lesson's steps as plain text with their check questions: enough for answer keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (l.strip() for l in lines[1:]):
        return None
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    try:
        meta = load_yaml("\n".join(lines[1:end]))
    except YamlSyntaxError:
        return None
    meta = meta if isinstance(meta, dict) else {}
    topic = str(meta.get("topic", ""))
    steps: list[Step] = []
    title, body, check_lines, fence, checks = None, [], [], None, []

    def finish() -> None:
        if title is not None:
            check = None
            for block in checks:
                try:
                    data = load_yaml(block) if block.strip() else None
                except YamlSyntaxError:
                    data = None
                if data is not None:
                    check = parse_question(data, str(path), errors, topic, 1, "check", id_required=False)
            steps.append(Step(title=title, body="\n".join(body).strip(), check=check))

    for line in lines[end + 1 :]:
        opened = _FENCE_RE.match(line)
        if fence is not None:
            if opened and opened.group(1) == fence[0] and not opened.group(2):
                if fence[1] == "check":
                    checks.append("\n".join(check_lines))
                fence, check_lines = None, []
            elif fence[1] == "check":
                check_lines.append(line)
            else:
                body.append(line)
            continue
        if opened:
            fence = (opened.group(1), opened.group(2))
            continue
        if line.startswith("## "):
            finish()
            title, body, checks = _DISTRICT_TAG_RE.sub("", line[3:]).strip(), [], []
            continue
        body.append(line)
    finish()
    return Lesson(
        id=str(meta.get("id", path.stem)), title=str(meta.get("title", "")), topic=topic,
        order=0, required=False, sources=(), steps=tuple(steps), path=str(path),
    )


# What was read is kept in the user's cache folder beside the validated content (the same off
# switch, TUTOR_NO_CONTENT_CACHE), keyed by every content file's bytes, the tutor version and the
# code that reads them: the next `tutor ask` unpickles it instead of parsing some forty files.
PREFIX = "answer-content-"
KEEP = 3
_READERS = [Path(__file__)] + sorted((Path(__file__).parent.parent / "content").glob("*.py"))


def _reader() -> str:
    """A hash of the code that reads the files for answering."""
    digest = hashlib.sha256()
    for path in _READERS:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_for_answers(root: str | Path | None = None) -> Content:
    """Policies, district profiles, quiz questions and lesson steps under `root`, unvalidated:
    from the cache when these very files were read before. Unreadable files are skipped:
    answering from the rest beats failing (and what was read then is not cached)."""
    root = Path(root) if root is not None else default_root()
    reader = _reader()
    cached = content_cache.load(root, PREFIX, reader)
    if cached is not None:
        return cached
    content = _read(root)
    content_cache.save(root, content, PREFIX, reader, keep=KEEP)
    return content


def _read(root: Path) -> Content:
    """Every file `load_for_answers` reads, read afresh."""
    content = Content(root=str(root))
    errors = content.errors
    for path in sorted((root / "policies").glob("*.yaml")):
        policy = parse_policy(_yaml(path), str(path), errors)
        if policy is not None and policy.district and policy.district not in content.policies:
            content.policies[policy.district] = policy
    for path in sorted((root / "districts").glob("*.yaml")):
        district = parse_district(_yaml(path), str(path), errors)
        if district is not None and district.id and district.id not in content.districts:
            content.districts[district.id] = district
    for path in sorted((root / "quizzes").glob("*.yaml")):
        for question in parse_bank(_yaml(path), str(path), errors):
            if question.id and question.id not in content.questions:
                content.questions[question.id] = question
    for path in sorted((root / "lessons").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        lesson = _lesson(path, errors)
        if lesson is not None and lesson.id not in content.lessons:
            content.lessons[lesson.id] = lesson
    return content
