"""A learner's progress, derived from their events: where they are, what they passed, what is next.

Nothing here is stored; it is recomputed from the event log, so a crash can never leave it
inconsistent with the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable

from tutor.content.model import Content, Lesson
from tutor.domain import payloads as pl
from tutor.domain.clock import parse_iso
from tutor.domain.events import Event
from tutor.domain.quiz import DrawnQuestion
from tutor.domain.rules import FAILS_BEFORE_LESSON_AGAIN
from tutor.domain.status import Standing



@dataclass
class Attempt:
    """One quiz or test-out attempt, rebuilt from its events."""

    id: str
    kind: str  # "quiz" | "testout"
    topics: list[str]
    questions: list[DrawnQuestion]
    started_at: str
    started_seq: int
    pass_mark: float
    policy_version: str
    content_revision: str
    lesson: str | None = None
    rules: str | None = None
    answers: dict[int, pl.AnswerRecorded] = field(default_factory=dict)  # by position
    finished: pl.AttemptFinished | None = None
    finished_at: str | None = None

    @property
    def is_open(self) -> bool:
        return self.finished is None

    @property
    def next_position(self) -> int:
        """The first unanswered position; len(questions) when all are answered."""
        for position in range(len(self.questions)):
            if position not in self.answers:
                return position
        return len(self.questions)

    @property
    def passed(self) -> bool:
        return bool(self.finished and self.finished.passed)


@dataclass
class TopicProgress:
    topic: str
    lesson: Lesson
    steps_total: int
    step_reached: int = -1  # highest step index viewed since the lesson (re)started
    lesson_done: bool = False
    passed: bool = False
    passed_by: str | None = None  # "quiz" | "testout"
    best_score: float | None = None
    fails_since_lesson: int = 0
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def tries_left(self) -> int | None:
        """Quiz attempts left before the lesson must be done again (None once passed)."""
        return None if self.passed else max(FAILS_BEFORE_LESSON_AGAIN - self.fails_since_lesson, 0)

    @property
    def must_repeat_lesson(self) -> bool:
        return not self.lesson_done and any(not a.passed for a in self.attempts if not a.is_open)


@dataclass
class Acknowledgment:
    ack_id: str
    signed_at: str
    valid_until: str
    policy_version: str
    content_revision: str
    district: str
    name: str
    scores: dict[str, float | None]
    seq: int
    hash: str


@dataclass
class Progress:
    """Everything the app needs to know about one learner in the current cycle."""

    district: str
    topics: dict[str, TopicProgress]
    required: list[str]
    acknowledgments: list[Acknowledgment] = field(default_factory=list)
    cycle_start_seq: int = 0
    attempts: list[Attempt] = field(default_factory=list)  # this cycle's, oldest first
    policy_opened_at: str | None = None  # first time this cycle the learner opened the full policy

    @property
    def open_attempt(self) -> Attempt | None:
        open_attempts = [a for a in self.attempts if a.is_open]
        return open_attempts[-1] if open_attempts else None

    @property
    def testout_taken(self) -> bool:
        return any(a.kind == "testout" for a in self.attempts)

    def attempt(self, attempt_id: str) -> Attempt | None:
        return next((a for a in self.attempts if a.id == attempt_id), None)

    @property
    def all_required_passed(self) -> bool:
        return all(self.topics[t].passed for t in self.required)

    @property
    def latest_acknowledgment(self) -> Acknowledgment | None:
        return self.acknowledgments[-1] if self.acknowledgments else None

    @property
    def is_returning(self) -> bool:
        return bool(self.acknowledgments)

    @property
    def started(self) -> bool:
        return any(t.step_reached >= 0 or t.lesson_done or t.attempts for t in self.topics.values()) or bool(
            self.attempts
        )

    def standing(self) -> Standing:
        latest = self.latest_acknowledgment
        return Standing(
            latest_valid_until=parse_iso(latest.valid_until) if latest else None,
            latest_policy_version=latest.policy_version if latest else None,
            all_required_passed=bool(self.required) and self.all_required_passed,
            started=self.started,
        )

    def sections_to_review(self, attempt: Attempt, content: Content) -> list[str]:
        """Citations of the questions missed in an attempt, the learner's own district's first."""
        refs: list[str] = []
        for answer in attempt.answers.values():
            if answer.correct:
                continue
            question = content.questions.get(answer.question)
            if question is None:
                continue
            for citation in content.cites_for(self.district, question.sources) or list(question.sources):
                if citation.ref not in refs:
                    refs.append(citation.ref)
        return refs


class ProgressBuilder:
    """A learner's progress, built one event at a time, so an action that appends events can
    bring the progress it checked up to date without reading the learner's history again.

    The current cycle starts after the latest acknowledgment: passes before it were spent on
    that acknowledgment. A pass counts only for the current policy version and while it is
    younger than the renewal period. A record a trainer voided (an attempt, an acknowledgment,
    a lesson completion) counts as never made: the progress is what the rest of the history gives.
    """

    def __init__(self, content: Content, district: str, policy_version: str, now: datetime, renewal_days: int):
        self.content = content
        self.district = district
        self.policy_version = policy_version
        self.oldest_valid = now - timedelta(days=renewal_days)
        self.lessons = content.lessons_for(district)
        self.progress = self._new_cycle([], 0)
        self.voided: set[str] = set()
        self._seen: list[Event] = []  # every event applied, to replay without a record once it is voided

    def _new_cycle(self, acknowledgments: list[Acknowledgment], cycle_start: int) -> Progress:
        topics: dict[str, TopicProgress] = {}
        for lesson in self.lessons:
            topics.setdefault(
                lesson.topic,
                TopicProgress(topic=lesson.topic, lesson=lesson, steps_total=len(lesson.steps_for(self.district))),
            )
        required = list(dict.fromkeys(l.topic for l in self.lessons if l.required and l.topic in topics))
        return Progress(self.district, topics, required, acknowledgments, cycle_start)

    def apply_all(self, events: Iterable[Event]) -> Progress:
        for event in events:
            self.apply(event)
        return self.progress

    def apply(self, event: Event) -> None:
        """Bring the progress up to date with one more of the learner's events."""
        self._seen.append(event)
        data = event.data
        if isinstance(data, pl.RecordVoided):
            # Rare: the whole history again, leaving out every voided record's events.
            self.voided.add(data.record)
            self.progress = self._new_cycle([], 0)
            for earlier in self._seen:
                if not voided_by(earlier, self.voided):
                    self._apply(earlier)
        elif not voided_by(event, self.voided):
            self._apply(event)

    def _apply(self, event: Event) -> None:
        progress = self.progress
        data = event.data
        if isinstance(data, pl.Acknowledged):
            ack = Acknowledgment(
                ack_id=data.ack_id, signed_at=event.ts, valid_until=data.valid_until,
                policy_version=data.policy_version, content_revision=data.content_revision,
                district=data.district, name=data.name, scores=dict(data.scores), seq=event.seq, hash=event.hash,
            )
            self.progress = self._new_cycle(progress.acknowledgments + [ack], event.seq)
        elif isinstance(data, pl.PolicyOpened):
            if progress.policy_opened_at is None and data.policy_version == self.policy_version:
                progress.policy_opened_at = event.ts
        elif isinstance(data, pl.StepViewed):
            topic = self._topic_of_lesson(data.lesson)
            if topic and not topic.lesson_done:
                topic.step_reached = max(topic.step_reached, data.step)
        elif isinstance(data, pl.LessonCompleted):
            topic = self._topic_of_lesson(data.lesson)
            if topic:
                topic.lesson_done = True
                topic.fails_since_lesson = 0
        elif isinstance(data, pl.AttemptStarted):
            attempt = Attempt(
                id=data.attempt, kind=data.kind, topics=list(data.topics), questions=list(data.questions),
                started_at=event.ts, started_seq=event.seq, pass_mark=data.pass_mark,
                policy_version=data.policy_version, content_revision=data.content_revision, lesson=data.lesson,
                rules=data.rules,
            )
            progress.attempts.append(attempt)
            if attempt.kind == "quiz" and attempt.topics and attempt.topics[0] in progress.topics:
                progress.topics[attempt.topics[0]].attempts.append(attempt)
        elif isinstance(data, pl.AnswerRecorded):
            answered = progress.attempt(data.attempt)
            if answered is not None:
                answered.answers.setdefault(data.position, data)
        elif isinstance(data, pl.AttemptFinished):
            finished = progress.attempt(data.attempt)
            if finished is not None:
                finished.finished, finished.finished_at = data, event.ts
                self._count_result(finished, data, event)

    def _topic_of_lesson(self, lesson_id: str) -> TopicProgress | None:
        lesson = self.content.lessons.get(lesson_id)
        return self.progress.topics.get(lesson.topic) if lesson else None

    def _count_result(self, attempt: Attempt, result: pl.AttemptFinished, event: Event) -> None:
        topics = self.progress.topics
        counts = attempt.policy_version == self.policy_version and parse_iso(event.ts) >= self.oldest_valid
        if attempt.kind == "quiz":
            topic = topics.get(attempt.topics[0])
            if topic is None:
                return
            topic.best_score = max(topic.best_score or 0.0, result.score)
            if result.passed and counts:
                topic.passed, topic.passed_by = True, "quiz"
            elif not result.passed:
                topic.fails_since_lesson += 1
                if topic.fails_since_lesson >= FAILS_BEFORE_LESSON_AGAIN and not topic.passed:
                    topic.lesson_done = False
                    topic.step_reached = -1
        elif attempt.kind == "testout" and counts:
            for name in topics_passed(attempt.kind, attempt.topics, result):
                topic = topics.get(name)
                if topic:
                    topic.passed, topic.passed_by = True, "testout"
                    topic.best_score = max(topic.best_score or 0.0, result.topic_results[name].score)


def record_of(event: Event) -> str | None:
    """The id of the record an event belongs to, as a correction names it: the attempt's id for
    an attempt's events, the acknowledgment's id, a lesson completion's own event hash."""
    data = event.data
    if isinstance(data, (pl.AttemptStarted, pl.AnswerRecorded, pl.AttemptFinished)):
        return data.attempt
    if isinstance(data, pl.Acknowledged):
        return data.ack_id
    if isinstance(data, pl.LessonCompleted):
        return event.hash
    return None


def voided_by(event: Event, voided: set[str]) -> bool:
    """Whether the event belongs to a voided record (a correction itself is never voided)."""
    return bool(voided) and record_of(event) in voided


def topics_passed(kind: str, topics: list[str] | tuple[str, ...], result: pl.AttemptFinished) -> list[str]:
    """The topics a finished attempt passes: a passed quiz its topic, a test-out each topic whose
    share it passed. The one place this rule is written; the projections take it from here."""
    if kind == "quiz":
        return list(topics[:1]) if result.passed else []
    if kind == "testout":
        return [name for name, r in result.topic_results.items() if r.passed]
    return []


def build_progress(
    events: Iterable[Event],
    content: Content,
    district: str,
    policy_version: str,
    now: datetime,
    renewal_days: int,
) -> Progress:
    """Derive a learner's progress from their events (see ProgressBuilder)."""
    return ProgressBuilder(content, district, policy_version, now, renewal_days).apply_all(events)
