"""One learner's training: applies the domain rules and writes each step to the records.

Every write goes through the event log with a guard that re-checks the rule inside the
write lock, so a caller that skips the app (or two windows racing) cannot break a rule.
"""

from __future__ import annotations

from tutor.errors import TutorError

import hashlib
import random
import uuid
from dataclasses import dataclass

from tutor.content.model import Citation, Content, Question
from tutor.content.versions import content_revision, policy_version
from tutor.domain import events as ev
from tutor.domain import quiz
from tutor.domain.clock import Clock, iso, parse_iso
from tutor.domain.events import Event, NewEvent
from tutor.domain.identity import names_match
from tutor.domain.path import NextStep, next_step
from tutor.domain import payloads as pl
from tutor.domain.progress import Attempt, Progress, ProgressBuilder, build_progress
from tutor.domain import status as st
from tutor.domain.status import Status, status_of, valid_until
from tutor.domain.rules import rules_for
from tutor.service.acknowledgment import acknowledgment_text, wording_source
from tutor.service.approval import is_approved, preview_reason
from tutor.store.people import Person
from tutor.store.records import Records


_ID_NAMESPACE = uuid.UUID("6f1c2b7e-3f7d-4d55-9a43-2f0f3b8f6a10")


class TrainingRefused(TutorError):
    """A rule of the training forbids this now; nothing was written. The message says why."""


def _preview_records(person: Person, clock: Clock) -> Records:
    """An in-memory database holding only this learner: where a preview's steps go."""
    scratch = Records(":memory:", clock)
    scratch.people.add_if_missing(person)
    return scratch


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering one question."""

    correct: bool
    question: Question
    chosen: frozenset[str]
    explanation: str
    citations: tuple[Citation, ...]
    position: int
    total: int
    finished: "QuizResult | None" = None
    attempt: Attempt | None = None  # the attempt as it stands after this answer
    progress: Progress | None = None  # the learner's progress after this answer (no need to read it again)


@dataclass(frozen=True)
class QuizResult:
    attempt_id: str
    kind: str
    correct: int
    total: int
    score: float
    passed: bool
    pass_mark: float
    review: tuple[str, ...]
    topic_results: dict
    lesson_again: bool = False


@dataclass(frozen=True)
class Receipt:
    ack_id: str
    name: str
    district: str
    signed_at: str
    valid_until: str
    scores: dict
    text_hash: str
    record_hash: str


class Training:
    """The training of one signed-in learner."""

    def __init__(
        self,
        records: Records,
        content: Content,
        person: Person,
        district: str,
        identity: str,
        clock: Clock,
        rng: random.Random | None = None,
    ):
        if district not in content.districts:
            raise TrainingRefused(f"unknown district '{district}'")
        self.records = records
        self.content = content
        self.person = person
        self.district = content.districts[district]
        self.identity = identity
        self.clock = clock
        self.rng = rng or random.Random()
        self.ack_text = acknowledgment_text(records, self.district)
        self.policy_version = policy_version(content, district, self.ack_text)
        self.content_revision = content_revision(content, district)
        self.rules = rules_for(content, district)
        # Content whose rules no trainer approved for these records may be tried out, but in a
        # throw-away database: nothing done in a preview is recorded or counts.
        self.latest_progress: Progress | None = None  # as it stood after this object's last write
        self.preview: str | None = preview_reason(records, content, district)
        if self.preview is not None:
            self.records = _preview_records(person, clock)

    # Reading --------------------------------------------------------------------------------
    def _progress_of(self, events: list[Event]) -> Progress:
        return build_progress(
            events, self.content, self.district.id, self.policy_version, self.clock.now(), self.district.renewal_days
        )

    def progress(self) -> Progress:
        return self._progress_of(self.records.events.for_learner(self.person.employee_id))

    def status(self, progress: Progress | None = None) -> Status:
        return status_of(
            (progress or self.progress()).standing(), self.policy_version, self.clock.now(),
            hire_date=self.person.hire_date, end_date=self.person.end_date, due_days=self.district.new_hire_due_days,
        )

    def testout_offered(self, progress: Progress) -> bool:
        """Returning staff may test out once a cycle, before they start the lessons, once renewal is open."""
        return (
            progress.is_returning
            and not progress.testout_taken
            and not progress.started
            and self.status(progress).state != st.CERTIFIED
        )

    def next_step(self, progress: Progress | None = None) -> NextStep:
        progress = progress or self.progress()
        # Within 30 days of expiry ("expiring soon") renewal is open, so only CERTIFIED is done.
        done = self.status(progress).state == st.CERTIFIED
        return next_step(progress, done, self.testout_offered(progress))

    def question(self, question_id: str) -> Question:
        q = self.content.questions.get(question_id)
        if q is None:
            raise TrainingRefused(
                f"question '{question_id}' is no longer in the question bank; ask your trainer to restore it"
            )
        return q

    def own_citations(self, citations) -> tuple[Citation, ...]:
        """The learner's own district's citations first, then the rest."""
        own = self.content.cites_for(self.district.id, citations)
        rest = [c for c in citations if c not in own]
        return tuple(own + rest)

    # Writing --------------------------------------------------------------------------------
    def _require_approved_rules(self) -> None:
        """Inside the write lock: only rules approved for these records may count."""
        if self.preview is not None or not is_approved(self.records, self.district.id, self.rules.digest):
            raise TrainingRefused(
                self.preview or "the rules of this training content are not approved for these records"
            )

    def _new_id(self) -> str:
        """A record id: reproducible under a test seed, and never shared between learners."""
        return str(uuid.uuid5(_ID_NAMESPACE, f"{self.person.employee_id}:{self.rng.getrandbits(128)}"))

    def _event(self, type_: ev.EventType, payload: pl.Payload) -> NewEvent:
        return NewEvent.of(type_, self.person.employee_id, payload, self.identity)

    def _write(self, decide, durable: bool = False) -> Progress:
        """Decide under the write lock from the learner's progress, write, and return the progress
        brought up to date with what was written: one read and one replay per action."""
        builder: list[ProgressBuilder] = []

        def decide_from_history(history: list[Event]) -> list[NewEvent]:
            b = self._builder()
            b.apply_all(history)
            builder.append(b)
            return decide(b.progress)

        _, appended = self.records.events.append_decided(self.person.employee_id, decide_from_history, durable=durable)
        b = builder[-1]
        b.apply_all(appended)
        self.latest_progress = b.progress
        return b.progress

    def _builder(self) -> ProgressBuilder:
        return ProgressBuilder(self.content, self.district.id, self.policy_version, self.clock.now(),
                               self.district.renewal_days)

    def open_policy(self) -> Progress:
        """Record that the learner opened the full policy text (once a cycle is enough)."""

        def decide(progress: Progress) -> list[NewEvent]:
            if progress.policy_opened_at is not None:
                return []
            return [self._event(ev.POLICY_OPENED, pl.PolicyOpened(self.district.id, self.policy_version))]

        return self._write(decide)

    def sign_in(self) -> None:
        self.records.events.append(self._event(ev.SIGNED_IN, pl.SignedIn(self.district.id, self.person.name)))

    def view_step(self, lesson_id: str, step: int) -> Progress:
        """Save that the learner reached a step; reaching the last step completes the lesson.

        Reviewing a step already saved writes nothing. Returns the progress afterwards.
        """
        lesson = self.content.lessons.get(lesson_id)
        if lesson is None or not lesson.applies_to(self.district.id):
            raise TrainingRefused(f"there is no lesson '{lesson_id}' for {self.district.short_name} staff")
        steps = lesson.steps_for(self.district.id)
        if not 0 <= step < len(steps):
            raise TrainingRefused(f"lesson '{lesson_id}' has no step {step + 1}")

        def decide(progress: Progress) -> list[NewEvent]:
            topic = progress.topics.get(lesson.topic)
            if topic and (topic.lesson_done or step <= topic.step_reached):
                return []  # saved already (perhaps by another window): nothing to write
            batch = [self._event(ev.STEP_VIEWED, pl.StepViewed(lesson_id, step, len(steps)))]
            if step == len(steps) - 1:
                # The revision goes with the completion: which text was read (xAPI context.revision).
                batch.append(self._event(ev.LESSON_COMPLETED, pl.LessonCompleted(lesson_id, self.content_revision)))
            return batch

        return self._write(decide)

    def start_quiz(self, topic: str) -> Attempt:
        """Draw a fresh quiz for a topic whose lesson is done."""
        pool = self.content.questions_for(self.district.id, topic)
        if not pool:
            raise TrainingRefused(f"there are no questions on '{topic}' for {self.district.short_name} staff")
        lesson = next((l.id for l in self.content.lessons_for(self.district.id) if l.topic == topic), None)

        def draw(progress: Progress) -> tuple[list[str], list[Question]]:
            if progress.open_attempt is not None:
                raise TrainingRefused("finish the quiz you have started first")
            t = progress.topics.get(topic)
            if t is None:
                raise TrainingRefused(f"there is no lesson on '{topic}' for {self.district.short_name} staff")
            if not t.lesson_done:
                raise TrainingRefused(f"finish the lesson \u201c{t.lesson.title}\u201d before its quiz")
            seen: dict[str, int] = {}
            for attempt in progress.attempts:
                if attempt.kind == "quiz" and attempt.topics == [topic]:
                    for q in attempt.questions:
                        seen[q.id] = seen.get(q.id, 0) + 1
            return [topic], quiz.draw(pool, self.rules.quiz_length, self.rng, seen)

        return self._start("quiz", draw, lesson)

    def start_testout(self) -> Attempt:
        """One mixed assessment over every required topic, once per renewal cycle."""

        def draw(progress: Progress) -> tuple[list[str], list[Question]]:
            if not self.testout_offered(progress):
                raise TrainingRefused(
                    "the test-out is for returning staff, once per renewal cycle, before starting the lessons"
                )
            drawn: list[Question] = []
            for topic in progress.required:
                pool = self.content.questions_for(self.district.id, topic)
                drawn += quiz.draw(pool, self.rules.testout_per_topic, self.rng)
            self.rng.shuffle(drawn)
            return list(progress.required), drawn

        return self._start("testout", draw, None)

    def _start(self, kind: str, draw, lesson: str | None) -> Attempt:
        started: list[str] = []

        def decide(progress: Progress) -> list[NewEvent]:
            if self.preview is None:  # a preview's quizzes go to its scratch database
                self._require_approved_rules()
            topics, drawn = draw(progress)
            attempt_id = self._new_id()  # after the draw: a test seed draws the same questions as ever
            started.append(attempt_id)
            payload = pl.AttemptStarted(
                attempt=attempt_id, kind=kind, district=self.district.id, topics=tuple(topics),
                questions=tuple(quiz.DrawnQuestion(q.id, q.topic, quiz.shuffle_choices(q, self.rng)) for q in drawn),
                pass_mark=self.district.pass_mark, policy_version=self.policy_version,
                content_revision=self.content_revision, lesson=lesson, rules=self.rules.digest,
            )
            return [self._event(ev.ATTEMPT_STARTED, payload)]

        progress = self._write(decide)
        attempt = progress.attempt(started[-1])
        assert attempt is not None  # it was just written
        return attempt

    def answer(self, attempt_id: str, position: int, chosen: set[str] | frozenset[str]) -> Feedback:
        """Record one answer (once) and return the feedback; the last answer also finishes the attempt.

        Everything is checked under the write lock against the learner's records as they stand,
        so an answer to a question that is no longer the current one (a double press, a second
        window) is refused and nothing is written.
        """
        chosen = frozenset(chosen)
        decided: dict = {}

        def decide(progress: Progress) -> list[NewEvent]:
            attempt = progress.attempt(attempt_id)
            if attempt is None or not attempt.is_open:
                raise TrainingRefused("that quiz is not open")
            if position != attempt.next_position:
                raise TrainingRefused(f"question {position + 1} is not the current question")
            drawn = attempt.questions[position]
            question = self.question(drawn.id)
            unknown = chosen - set(drawn.choices)
            if not chosen or unknown:
                raise TrainingRefused("choose at least one of the offered answers")
            if question.type != "multiple" and len(chosen) != 1:
                raise TrainingRefused("choose exactly one answer")
            correct = quiz.is_correct(question, chosen)
            answer = pl.AnswerRecorded(attempt_id, position, question.id, tuple(sorted(chosen)), correct)
            batch = [self._event(ev.ANSWER_RECORDED, answer)]
            answered = dict(attempt.answers)
            answered[position] = answer
            if len(answered) == len(attempt.questions):
                batch.append(self._event(ev.ATTEMPT_FINISHED, self._result_payload(attempt, answered)))
            decided.update(question=question, correct=correct)
            return batch

        progress = self._write(decide)
        attempt = progress.attempt(attempt_id)
        assert attempt is not None
        question = decided["question"]
        return Feedback(
            correct=decided["correct"], question=question, chosen=chosen, explanation=question.explanation,
            citations=self.own_citations(question.sources), position=position, total=len(attempt.questions),
            finished=self._result_of(attempt, progress) if not attempt.is_open else None,
            attempt=attempt, progress=progress,
        )

    def _result_payload(self, attempt: Attempt, answered: dict[int, pl.AnswerRecorded]) -> pl.AttemptFinished:
        correct = sum(1 for a in answered.values() if a.correct)
        total = len(attempt.questions)
        topic_results = {}
        for topic in attempt.topics:
            positions = [i for i, q in enumerate(attempt.questions) if q.topic == topic]
            c = sum(1 for i in positions if answered[i].correct)
            topic_results[topic] = pl.TopicResult(
                correct=c, total=len(positions), score=quiz.score(c, len(positions)),
                passed=quiz.passes(c, len(positions), attempt.pass_mark),
            )
        started = parse_iso(attempt.started_at)
        return pl.AttemptFinished(
            attempt=attempt.id, correct=correct, total=total, score=quiz.score(correct, total),
            passed=quiz.passes(correct, total, attempt.pass_mark),
            duration_s=round((self.clock.now() - started).total_seconds(), 3), topic_results=topic_results,
        )

    def result(self, attempt_id: str, progress: Progress | None = None) -> QuizResult:
        """The result of a finished quiz or test-out, read back from the records (the web version shows it
        on a page of its own, after the last answer's feedback)."""
        progress = progress or self.progress()
        attempt = progress.attempt(attempt_id)
        if attempt is None or attempt.finished is None:
            raise TrainingRefused("that quiz is not finished")
        return self._result_of(attempt, progress)

    def _result_of(self, attempt: Attempt, progress: Progress) -> QuizResult:
        f = attempt.finished
        assert f is not None
        lesson_again = attempt.kind == "quiz" and progress.topics[attempt.topics[0]].must_repeat_lesson
        return QuizResult(
            attempt_id=attempt.id, kind=attempt.kind, correct=f.correct, total=f.total, score=f.score,
            passed=f.passed, pass_mark=attempt.pass_mark,
            review=tuple(progress.sections_to_review(attempt, self.content)),
            topic_results={name: {"correct": r.correct, "total": r.total, "score": r.score, "passed": r.passed}
                           for name, r in f.topic_results.items()},
            lesson_again=lesson_again,
        )

    def sign(self, typed_name: str, confirmed: bool) -> Receipt:
        """Record the acknowledgment, only if every required quiz is passed and the name matches."""
        if not confirmed:
            raise TrainingRefused("the acknowledgment was not confirmed")
        if not names_match(typed_name, self.person.name):
            raise TrainingRefused(
                f"the name typed does not match the name on your record ({self.person.name}); type it as shown"
            )
        now = self.clock.now()
        until = valid_until(now, self.district.renewal_days)
        text_hash = hashlib.sha256(self.ack_text.strip().encode("utf-8")).hexdigest()
        ack_id = self._new_id()
        signed_name = " ".join(typed_name.split())

        def decide(progress: Progress) -> list[NewEvent]:
            self._require_approved_rules()
            if progress.open_attempt is not None:
                raise TrainingRefused("finish the quiz you have started before signing")
            missing = [t for t in progress.required if not progress.topics[t].passed]
            if missing or not progress.required:
                raise TrainingRefused(
                    "the acknowledgment can be signed only after passing every required quiz; still to pass: "
                    + ", ".join(missing)
                )
            payload = pl.Acknowledged(
                ack_id=ack_id, district=self.district.id, name=signed_name, name_on_record=self.person.name,
                text=self.ack_text.strip(), text_hash=text_hash, policy_version=self.policy_version,
                content_revision=self.content_revision, valid_until=iso(until),
                scores={t: progress.topics[t].best_score for t in progress.required},
                rules=self.rules.digest, wording=wording_source(self.records, self.district),
                policy_opened_at=progress.policy_opened_at,
            )
            return [self._event(ev.ACKNOWLEDGED, payload)]

        progress = self._write(decide, durable=True)
        ack = progress.latest_acknowledgment
        assert ack is not None and ack.ack_id == ack_id
        return Receipt(
            ack_id=ack_id, name=signed_name, district=self.district.id, signed_at=ack.signed_at,
            valid_until=iso(until), scores=dict(ack.scores), text_hash=text_hash, record_hash=ack.hash,
        )

    def tries_left(self, topic: str, progress: Progress | None = None) -> int | None:
        """Quiz attempts left on `topic` before its lesson must be done again (None once passed)."""
        t = (progress or self.progress()).topics.get(topic)
        return t.tries_left if t is not None else None


def correct_needed(total: int, pass_mark: float) -> int:
    """How many of `total` answers must be right to pass: 4 of 5 at 80%, and 4 of 4."""
    return next((c for c in range(total + 1) if quiz.passes(c, total, pass_mark)), total)
