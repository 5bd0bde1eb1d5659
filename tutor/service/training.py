"""One learner's training: applies the domain rules and writes each step to the records.

Every write goes through the event log with a guard that re-checks the rule inside the
write lock, so a caller that skips the app (or two windows racing) cannot break a rule.
"""

from __future__ import annotations

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
from tutor.domain.progress import Attempt, Progress, build_progress
from tutor.domain import status as st
from tutor.domain.status import Status, status_of, valid_until
from tutor.service.acknowledgment import acknowledgment_text
from tutor.store.people import Person
from tutor.store.records import Records


_ID_NAMESPACE = uuid.UUID("6f1c2b7e-3f7d-4d55-9a43-2f0f3b8f6a10")


class TrainingRefused(Exception):
    """A rule of the training forbids this now; nothing was written. The message says why."""


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
    def _new_id(self) -> str:
        """A record id: reproducible under a test seed, and never shared between learners."""
        return str(uuid.uuid5(_ID_NAMESPACE, f"{self.person.employee_id}:{self.rng.getrandbits(128)}"))

    def _event(self, type_: str, payload: dict) -> NewEvent:
        return NewEvent(type_, self.person.employee_id, payload, self.identity)

    def sign_in(self) -> None:
        self.records.events.append(self._event(ev.SIGNED_IN, {"district": self.district.id, "name": self.person.name}))

    def view_step(self, lesson_id: str, step: int) -> None:
        """Save that the learner reached a step; reaching the last step completes the lesson."""
        lesson = self.content.lessons.get(lesson_id)
        if lesson is None or not lesson.applies_to(self.district.id):
            raise TrainingRefused(f"there is no lesson '{lesson_id}' for {self.district.short_name} staff")
        steps = lesson.steps_for(self.district.id)
        if not 0 <= step < len(steps):
            raise TrainingRefused(f"lesson '{lesson_id}' has no step {step + 1}")

        def already_saved(progress: Progress) -> bool:
            topic = progress.topics.get(lesson.topic)
            return bool(topic and (topic.lesson_done or step <= topic.step_reached))

        if already_saved(self.progress()):
            return  # reviewing writes nothing

        class _Saved(Exception):
            pass

        def guard(events: list[Event]) -> None:
            # Another window may have saved this step since we looked.
            if already_saved(self._progress_of(events)):
                raise _Saved

        batch = [self._event(ev.STEP_VIEWED, {"lesson": lesson_id, "step": step, "of": len(steps)})]
        if step == len(steps) - 1:
            batch.append(self._event(ev.LESSON_COMPLETED, {"lesson": lesson_id}))
        try:
            self.records.events.append_all(batch, guard=guard)
        except _Saved:
            pass

    def start_quiz(self, topic: str) -> Attempt:
        """Draw a fresh quiz for a topic whose lesson is done."""
        pool = self.content.questions_for(self.district.id, topic)
        if not pool:
            raise TrainingRefused(f"there are no questions on '{topic}' for {self.district.short_name} staff")

        def guard(events: list[Event]) -> None:
            progress = self._progress_of(events)
            if progress.open_attempt is not None:
                raise TrainingRefused("finish the quiz you have started first")
            t = progress.topics.get(topic)
            if t is None:
                raise TrainingRefused(f"there is no lesson on '{topic}' for {self.district.short_name} staff")
            if not t.lesson_done:
                raise TrainingRefused(f"finish the lesson \u201c{t.lesson.title}\u201d before its quiz")

        seen: dict[str, int] = {}
        for attempt in self.progress().attempts:
            if attempt.kind == "quiz" and attempt.topics == [topic]:
                for q in attempt.questions:
                    seen[q.id] = seen.get(q.id, 0) + 1
        drawn = quiz.draw(pool, quiz.DEFAULT_QUIZ_LENGTH, self.rng, seen)
        lesson = next((l.id for l in self.content.lessons_for(self.district.id) if l.topic == topic), None)
        return self._start("quiz", [topic], drawn, guard, lesson)

    def start_testout(self) -> Attempt:
        """One mixed assessment over every required topic, once per renewal cycle."""
        progress = self.progress()

        def guard(events: list[Event]) -> None:
            if not self.testout_offered(self._progress_of(events)):
                raise TrainingRefused(
                    "the test-out is for returning staff, once per renewal cycle, before starting the lessons"
                )

        drawn: list[Question] = []
        for topic in progress.required:
            pool = self.content.questions_for(self.district.id, topic)
            drawn += quiz.draw(pool, quiz.TESTOUT_PER_TOPIC, self.rng)
        self.rng.shuffle(drawn)
        return self._start("testout", list(progress.required), drawn, guard, None)

    def _start(self, kind: str, topics: list[str], drawn: list[Question], guard, lesson: str | None) -> Attempt:
        attempt_id = self._new_id()
        payload = {
            "attempt": attempt_id,
            "kind": kind,
            "district": self.district.id,
            "topics": topics,
            "lesson": lesson,
            "questions": [
                quiz.DrawnQuestion(q.id, q.topic, quiz.shuffle_choices(q, self.rng)).as_payload() for q in drawn
            ],
            "pass_mark": self.district.pass_mark,
            "policy_version": self.policy_version,
            "content_revision": self.content_revision,
        }
        self.records.events.append(self._event(ev.ATTEMPT_STARTED, payload), guard=guard)
        # Read back by id: another window may already have moved the attempt on.
        return next(a for a in self.progress().attempts if a.id == attempt_id)

    def answer(self, attempt_id: str, position: int, chosen: set[str] | frozenset[str]) -> Feedback:
        """Record one answer (once) and return the feedback; the last answer also finishes the attempt."""
        attempt = next((a for a in self.progress().attempts if a.id == attempt_id), None)
        if attempt is None or not attempt.is_open:
            raise TrainingRefused("that quiz is not open")
        if position != attempt.next_position:
            raise TrainingRefused(f"question {position + 1} is not the current question")
        drawn = attempt.questions[position]
        question = self.question(drawn.id)
        chosen = frozenset(chosen)
        unknown = chosen - set(drawn.choices)
        if not chosen or unknown:
            raise TrainingRefused("choose at least one of the offered answers")
        if question.type != "multiple" and len(chosen) != 1:
            raise TrainingRefused("choose exactly one answer")
        correct = quiz.is_correct(question, chosen)

        def guard(events: list[Event]) -> None:
            current = next((a for a in self._progress_of(events).attempts if a.id == attempt_id), None)
            if current is None or not current.is_open or current.next_position != position:
                raise TrainingRefused("that answer was already recorded")

        batch = [self._event(ev.ANSWER_RECORDED, {
            "attempt": attempt_id, "position": position, "question": question.id,
            "chosen": sorted(chosen), "correct": correct,
        })]
        answered = dict(attempt.answers)
        answered[position] = {"question": question.id, "chosen": sorted(chosen), "correct": correct}
        result = None
        if len(answered) == len(attempt.questions):
            result_payload = self._result_payload(attempt, answered)
            batch.append(self._event(ev.ATTEMPT_FINISHED, result_payload))
        self.records.events.append_all(batch, guard=guard)
        if len(answered) == len(attempt.questions):
            result = self._result(attempt_id)
        return Feedback(
            correct=correct, question=question, chosen=chosen, explanation=question.explanation,
            citations=self.own_citations(question.sources), position=position, total=len(attempt.questions),
            finished=result,
        )

    def _result_payload(self, attempt: Attempt, answered: dict[int, dict]) -> dict:
        correct = sum(1 for a in answered.values() if a["correct"])
        total = len(attempt.questions)
        topic_results = {}
        for topic in attempt.topics:
            positions = [i for i, q in enumerate(attempt.questions) if q.topic == topic]
            c = sum(1 for i in positions if answered[i]["correct"])
            topic_results[topic] = {
                "correct": c, "total": len(positions), "score": quiz.score(c, len(positions)),
                "passed": quiz.passes(c, len(positions), attempt.pass_mark),
            }
        started = parse_iso(attempt.started_at)
        return {
            "attempt": attempt.id,
            "correct": correct,
            "total": total,
            "score": quiz.score(correct, total),
            "passed": quiz.passes(correct, total, attempt.pass_mark),
            "duration_s": round((self.clock.now() - started).total_seconds(), 3),
            "topic_results": topic_results,
        }

    def _result(self, attempt_id: str) -> QuizResult:
        progress = self.progress()
        attempt = next(a for a in progress.attempts if a.id == attempt_id)
        f = attempt.finished or {}
        lesson_again = attempt.kind == "quiz" and progress.topics[attempt.topics[0]].must_repeat_lesson
        return QuizResult(
            attempt_id=attempt.id, kind=attempt.kind, correct=f["correct"], total=f["total"], score=f["score"],
            passed=f["passed"], pass_mark=attempt.pass_mark,
            review=tuple(progress.sections_to_review(attempt, self.content)),
            topic_results=f.get("topic_results", {}), lesson_again=lesson_again,
        )

    def result(self, attempt_id: str) -> QuizResult:
        return self._result(attempt_id)

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
        scores_holder: dict = {}

        def guard(events: list[Event]) -> None:
            progress = self._progress_of(events)
            if progress.open_attempt is not None:
                raise TrainingRefused("finish the quiz you have started before signing")
            missing = [t for t in progress.required if not progress.topics[t].passed]
            if missing or not progress.required:
                raise TrainingRefused(
                    "the acknowledgment can be signed only after passing every required quiz; still to pass: "
                    + ", ".join(missing)
                )
            scores_holder.update({t: progress.topics[t].best_score for t in progress.required})

        ack_id = self._new_id()
        # The scores are read inside the guard, under the write lock, and land in the payload
        # through this shared dict before the event is serialised.
        payload = {
            "ack_id": ack_id, "district": self.district.id, "name": " ".join(typed_name.split()),
            "name_on_record": self.person.name, "text": self.ack_text.strip(), "text_hash": text_hash,
            "policy_version": self.policy_version, "content_revision": self.content_revision,
            "valid_until": iso(until), "scores": scores_holder,
        }
        event = self.records.events.append(self._event(ev.ACKNOWLEDGED, payload), guard=guard, durable=True)
        return Receipt(
            ack_id=ack_id, name=" ".join(typed_name.split()), district=self.district.id, signed_at=event.ts,
            valid_until=iso(until), scores=dict(event.payload["scores"]), text_hash=text_hash, record_hash=event.hash,
        )

    def tries_left(self, topic: str, progress: Progress | None = None) -> int | None:
        """Quiz attempts left on `topic` before its lesson must be done again (None once passed)."""
        from tutor.domain.progress import FAILS_BEFORE_LESSON_AGAIN

        t = (progress or self.progress()).topics.get(topic)
        if t is None or t.passed:
            return None
        return max(FAILS_BEFORE_LESSON_AGAIN - t.fails_since_lesson, 0)


def correct_needed(total: int, pass_mark: float) -> int:
    """How many of `total` answers must be right to pass: 4 of 5 at 80%, and 4 of 4."""
    return next((c for c in range(total + 1) if quiz.passes(c, total, pass_mark)), total)
