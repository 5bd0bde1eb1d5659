"""Load a content directory (policies, districts, lessons, quizzes) into one Content."""

from __future__ import annotations

from tutor.errors import TutorError

from pathlib import Path

from tutor.content.model import Content, ContentError

FOLDERS = ("policies", "districts", "lessons", "quizzes")


class ContentInvalid(TutorError):
    """Raised by `load_valid_content` when the content has errors."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def default_content_dir() -> Path:
    """The shipped content: inside the installed package, or the source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_content"
    if (installed / "lessons").is_dir():
        return installed
    return package.parent


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# Far beyond any real content file (the largest is about 100 kB).
MAX_FILE_BYTES = 2_000_000


def _read(path: Path, root: Path, errors: list[ContentError]) -> str | None:
    """A content file's text, refusing anything that is not a plain file inside the content folder."""
    import stat

    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            # Never follow it: its lines could end up in an error message or a lesson.
            errors.append(ContentError(_display(path), 1, "is a link to a file outside the content folder; refused"))
            return None
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            errors.append(ContentError(_display(path), 1, "is not a regular file (a pipe, device or folder); refused"))
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            errors.append(ContentError(_display(path), 1, f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; refused"))
            return None
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        errors.append(ContentError(_display(path), 1, f"not UTF-8 text: {exc.reason}"))
    except OSError as exc:
        errors.append(ContentError(_display(path), 1, f"cannot read: {exc.strerror}"))
    return None


def _yaml(path: Path, root: Path, errors: list[ContentError]):
    from tutor.content.yaml_comments import cut_values
    from tutor.content.yaml_lines import YamlSyntaxError, load_yaml

    text = _read(path, root, errors)
    if text is None:
        return None
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        errors.append(ContentError(_display(path), exc.line, exc.message))
        return None
    for cut in cut_values(text):
        errors.append(ContentError(_display(path), cut.line, cut.message))
    return data


def load_content(root: str | Path | None = None) -> Content:
    """Load and validate everything under `root`; problems land in `content.errors`."""
    # The parsers (YAML, Markdown) load only when content is read from files, not from the cache.
    from tutor.content.districts import parse_district
    from tutor.content.lessons import parse_lesson
    from tutor.content.policies import parse_policy
    from tutor.content.questions import parse_bank
    from tutor.content.validate import validate

    root = Path(root) if root is not None else default_content_dir()
    content = Content(root=str(root))
    errors = content.errors
    for folder in FOLDERS:
        if not (root / folder).is_dir():
            errors.append(ContentError(str(root / folder), 0, f"missing content folder '{folder}/'"))

    for path in sorted((root / "policies").glob("*.yaml")):
        shown = _display(path)
        data = _yaml(path, root, errors)
        if data is None:
            continue
        policy = parse_policy(data, shown, errors)
        if policy is None or not policy.district:
            continue
        if policy.district in content.policies:
            errors.append(ContentError(shown, 1, f"a second policy for district '{policy.district}'"))
            continue
        content.policies[policy.district] = policy

    for path in sorted((root / "districts").glob("*.yaml")):
        shown = _display(path)
        data = _yaml(path, root, errors)
        if data is None:
            continue
        district = parse_district(data, shown, errors)
        if district is None or not district.id:
            continue
        if district.id in content.districts:
            errors.append(ContentError(shown, 1, f"a second profile for district '{district.id}'"))
            continue
        content.districts[district.id] = district

    for path in sorted((root / "lessons").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        shown = _display(path)
        text = _read(path, root, errors)
        if text is None:
            continue
        lesson = parse_lesson(text, shown, errors)
        if lesson is None or not lesson.id:
            continue
        if lesson.id in content.lessons:
            other = content.lessons[lesson.id].path
            errors.append(ContentError(shown, 2, f"duplicate lesson id '{lesson.id}' (also in {other})"))
            continue
        content.lessons[lesson.id] = lesson

    for path in sorted((root / "quizzes").glob("*.yaml")):
        shown = _display(path)
        data = _yaml(path, root, errors)
        if data is None:
            continue
        for question in parse_bank(data, shown, errors):
            if not question.id:
                continue
            if question.id in content.questions:
                first = content.questions[question.id]
                errors.append(
                    ContentError(shown, question.line, f"duplicate question id '{question.id}' (first at {first.path}:{first.line})")
                )
                continue
            content.questions[question.id] = question

    validate(content)
    return content


def load_valid_content(root: str | Path | None = None) -> Content:
    """Load content and raise ContentInvalid if anything is wrong.

    Content that validated before, byte for byte, comes from the cache (tutor.content.cache).
    """
    from tutor.content import cache

    root = Path(root) if root is not None else default_content_dir()
    cached = cache.load(root)
    if cached is not None:
        return cached
    content = load_content(root)
    if content.errors:
        raise ContentInvalid(content.errors)
    cache.save(root, content)
    return content
