"""The payload of each event type as a frozen dataclass, checked field by field when read.

An event is stored as canonical JSON (the hash covers those exact bytes), so each payload class
turns itself into that dict (`as_payload`) and is rebuilt from it (`parse`), refusing a missing
field or a value of the wrong type with a message that names the field. Fields added after
records were first kept (`rules`, `wording`) are optional and left out of the dict when empty,
so older events keep the shape their hash was made over.
"""

from __future__ import annotations

from tutor.errors import TutorError

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union

from tutor.domain.quiz import DrawnQuestion


class PayloadError(TutorError, ValueError):
    """A stored payload does not have the shape its event type requires."""


@dataclass(frozen=True)
class TopicResult:
    correct: int
    total: int
    score: float
    passed: bool


def _check(value: Any, hint: Any, where: str) -> Any:
    """`value` converted to `hint` (tuples from lists, nested dataclasses), or PayloadError."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return _check(value, option, where)
            except PayloadError:
                continue
        raise PayloadError(f"{where} has an unexpected value {value!r}")
    if origin is tuple:
        if not isinstance(value, list):
            raise PayloadError(f"{where} should be a list")
        (item,) = typing.get_args(hint)[:1]
        return tuple(_check(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise PayloadError(f"{where} should be an object")
        key_hint, value_hint = typing.get_args(hint)
        return {_check(k, key_hint, where): _check(v, value_hint, f"{where}.{k}") for k, v in value.items()}
    if hint is Any:
        return value
    if dataclasses.is_dataclass(hint):
        if isinstance(hint, type) and issubclass(hint, DrawnQuestion):
            if not isinstance(value, dict):
                raise PayloadError(f"{where} should be an object")
            try:
                return DrawnQuestion.from_payload(value)
            except (KeyError, TypeError) as exc:
                raise PayloadError(f"{where} is not a drawn question ({exc})") from None
        return _build(typing.cast(type, hint), value, where)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise PayloadError(f"{where} should be a number")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PayloadError(f"{where} should be a whole number")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise PayloadError(f"{where} should be true or false")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise PayloadError(f"{where} should be text")
        return value
    raise PayloadError(f"{where}: no rule to read {hint!r}")


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise PayloadError(f"{where} should be an object")
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
                continue
            raise PayloadError(f"{where} has no '{f.name}'")
        values[f.name] = _check(data[f.name], hints[f.name], f"{where}.{f.name}")
    return cls(**values)


class Payload:
    """Base of every payload class: reading and writing the stored dict."""

    OPTIONAL: ClassVar[tuple[str, ...]] = ()  # left out of the stored dict when None

    @classmethod
    def parse(cls, data: Any) -> Any:
        return _build(cls, data, "payload")

    def as_payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None and f.name in self.OPTIONAL:
                continue
            out[f.name] = _plain(value)
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, DrawnQuestion):
        return value.as_payload()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Enrolled(Payload):
    method: str
    district: str


@dataclass(frozen=True)
class SignInReset(Payload):
    via: str  # where the trainer did it: "command line" or "trainer screen"
    had_pin: bool


@dataclass(frozen=True)
class SignedIn(Payload):
    district: str
    name: str | None = None
    OPTIONAL: ClassVar[tuple[str, ...]] = ("name",)


@dataclass(frozen=True)
class StepViewed(Payload):
    lesson: str
    step: int
    of: int | None = None
    OPTIONAL: ClassVar[tuple[str, ...]] = ("of",)


@dataclass(frozen=True)
class LessonCompleted(Payload):
    lesson: str
    content_revision: str | None = None  # which text was read (absent in older records)
    OPTIONAL: ClassVar[tuple[str, ...]] = ("content_revision",)


@dataclass(frozen=True)
class AttemptStarted(Payload):
    attempt: str
    kind: str  # "quiz" | "testout"
    district: str
    topics: tuple[str, ...]
    questions: tuple[DrawnQuestion, ...]
    pass_mark: float
    policy_version: str
    content_revision: str
    lesson: str | None = None
    rules: str | None = None  # digest of the approved rules (absent before rules were recorded)
    OPTIONAL: ClassVar[tuple[str, ...]] = ("rules",)


@dataclass(frozen=True)
class AnswerRecorded(Payload):
    attempt: str
    position: int
    question: str
    chosen: tuple[str, ...]
    correct: bool


@dataclass(frozen=True)
class AttemptFinished(Payload):
    attempt: str
    correct: int
    total: int
    score: float
    passed: bool
    duration_s: float | None = None
    topic_results: dict[str, TopicResult] = field(default_factory=dict)
    OPTIONAL: ClassVar[tuple[str, ...]] = ("duration_s",)


@dataclass(frozen=True)
class Acknowledged(Payload):
    ack_id: str
    district: str
    name: str
    text: str
    text_hash: str
    policy_version: str
    content_revision: str
    valid_until: str
    scores: dict[str, float | None]
    name_on_record: str | None = None
    rules: str | None = None
    wording: str | None = None
    policy_opened_at: str | None = None  # when the learner first opened the full policy this cycle
    OPTIONAL: ClassVar[tuple[str, ...]] = ("name_on_record", "rules", "wording", "policy_opened_at")


@dataclass(frozen=True)
class ContentApproved(Payload):
    district: str
    rules_digest: str
    rules: dict[str, Any]
    content_revision: str


@dataclass(frozen=True)
class RecordVoided(Payload):
    """A record withdrawn as wrong; the log keeps it, exports void what was said about it."""

    record: str  # the attempt id, acknowledgment id, or a lesson completion's event hash
    kind: str  # "attempt" | "acknowledgment" | "lesson"
    reason: str


@dataclass(frozen=True)
class PolicyOpened(Payload):
    """The learner opened the full policy text (the sign-off says they read it in its entirety)."""

    district: str
    policy_version: str
