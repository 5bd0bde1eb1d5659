"""A learner's progress, derived from their events: where they are, what they passed, what is next.

Nothing here is stored; it is recomputed from the event log, so a crash can never leave it
inconsistent with the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tutor.content.model import Content, Lesson
from tutor.domain import events as ev
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
    answers: dict[int, dict] = field(default_factory=dict)  # position -> {question, chosen, correct}
    finished: dict | None = None

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
    def correct_count(self) -> int:
        return sum(1 for a in self.answers.values() if a["correct"])

    @property
    def passed(self) -> bool:
        return bool(self.finished and self.finished["passed"])


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
    scores: dict
    seq: int
    hash: str


@dataclass
class Progress:
    """Everything the app needs to know about one learner in the current cycle."""

    district: str
    topics: dict[str, TopicProgress]
    required: list[str]
    open_attempt: Attempt | None
    acknowledgments: list[Acknowledgment]
    cycle_start_seq: int
    testout_taken: bool
    attempts: list[Attempt]

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
            if answer["correct"]:
                continue
            question = content.questions.get(answer["question"])
            if question is None:
                continue
            for citation in content.cites_for(self.district, question.sources) or list(question.sources):
                if citation.ref not in refs:
                    refs.append(citation.ref)
        return refs


def build_attempts(events: list[Event]) -> list[Attempt]:
    attempts: dict[str, Attempt] = {}
    for event in events:
        p = event.payload
        if event.type == ev.ATTEMPT_STARTED:
            attempts[p["attempt"]] = Attempt(
                id=p["attempt"],
                kind=p["kind"],
                topics=list(p["topics"]),
                questions=[DrawnQuestion.from_payload(q) for q in p["questions"]],
                started_at=event.ts,
                started_seq=event.seq,
                pass_mark=p["pass_mark"],
                policy_version=p["policy_version"],
                content_revision=p["content_revision"],
                lesson=p.get("lesson"),
            )
        elif event.type == ev.ANSWER_RECORDED and p["attempt"] in attempts:
            attempts[p["attempt"]].answers.setdefault(
                p["position"], {"question": p["question"], "chosen": p["chosen"], "correct": p["correct"]}
            )
        elif event.type == ev.ATTEMPT_FINISHED and p["attempt"] in attempts:
            attempts[p["attempt"]].finished = p | {"at": event.ts}
    return list(attempts.values())


def build_progress(
    events: list[Event],
    content: Content,
    district: str,
    policy_version: str,
    now: datetime,
    renewal_days: int,
) -> Progress:
    """Derive a learner's progress from their events.

    The current cycle starts after the latest acknowledgment: passes before it were spent on
    that acknowledgment. A pass counts only for the current policy version and while it is
    younger than the renewal period.
    """
    acknowledgments = [
        Acknowledgment(
            ack_id=e.payload["ack_id"], signed_at=e.ts, valid_until=e.payload["valid_until"],
            policy_version=e.payload["policy_version"], content_revision=e.payload["content_revision"],
            district=e.payload["district"], name=e.payload["name"], scores=e.payload["scores"],
            seq=e.seq, hash=e.hash,
        )
        for e in events
        if e.type == ev.ACKNOWLEDGED
    ]
    cycle_start = acknowledgments[-1].seq if acknowledgments else 0
    cycle_events = [e for e in events if e.seq > cycle_start]
    attempts = build_attempts(cycle_events)
    oldest_valid = now - timedelta(days=renewal_days)

    lessons = content.lessons_for(district)
    topics: dict[str, TopicProgress] = {}
    for lesson in lessons:
        topics.setdefault(
            lesson.topic, TopicProgress(topic=lesson.topic, lesson=lesson, steps_total=len(lesson.steps_for(district)))
        )
    required = [l.topic for l in lessons if l.required and l.topic in topics]
    required = list(dict.fromkeys(required))

    # Walk the cycle in order so "three fails, then the lesson again" follows the real sequence.
    attempts_by_id = {a.id: a for a in attempts}
    for event in cycle_events:
        p = event.payload
        if event.type == ev.STEP_VIEWED and p.get("lesson") in content.lessons:
            topic = topics.get(content.lessons[p["lesson"]].topic)
            if topic and not topic.lesson_done:
                topic.step_reached = max(topic.step_reached, int(p["step"]))
        elif event.type == ev.LESSON_COMPLETED and p.get("lesson") in content.lessons:
            topic = topics.get(content.lessons[p["lesson"]].topic)
            if topic:
                topic.lesson_done = True
                topic.fails_since_lesson = 0
        elif event.type == ev.ATTEMPT_FINISHED and p["attempt"] in attempts_by_id:
            attempt = attempts_by_id[p["attempt"]]
            counts = attempt.policy_version == policy_version and parse_iso(event.ts) >= oldest_valid
            if attempt.kind == "quiz":
                topic = topics.get(attempt.topics[0])
                if topic is None:
                    continue
                topic.best_score = max(topic.best_score or 0.0, p["score"])
                if p["passed"] and counts:
                    topic.passed, topic.passed_by = True, "quiz"
                elif not p["passed"]:
                    topic.fails_since_lesson += 1
                    if topic.fails_since_lesson >= FAILS_BEFORE_LESSON_AGAIN and not topic.passed:
                        topic.lesson_done = False
                        topic.step_reached = -1
            elif attempt.kind == "testout" and counts:
                for name, result in p.get("topic_results", {}).items():
                    topic = topics.get(name)
                    if topic and result["passed"]:
                        topic.passed, topic.passed_by = True, "testout"
                        topic.best_score = max(topic.best_score or 0.0, result["score"])
    for attempt in attempts:
        if attempt.kind == "quiz" and attempt.topics and attempt.topics[0] in topics:
            topics[attempt.topics[0]].attempts.append(attempt)

    open_attempts = [a for a in attempts if a.is_open]
    return Progress(
        district=district,
        topics=topics,
        required=required,
        open_attempt=open_attempts[-1] if open_attempts else None,
        acknowledgments=acknowledgments,
        cycle_start_seq=cycle_start,
        testout_taken=any(a.kind == "testout" for a in attempts),
        attempts=attempts,
    )
