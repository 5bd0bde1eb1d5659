"""Correcting the records: a trainer voids a record that is wrong (`tutor void`).

The record stays in the log and in every export, marked voided with the reason; from then on it
counts as never made: a voided pass passes nothing, a voided acknowledgment certifies no one,
a voided lesson completion must be done again. The xAPI export sends a `voided` statement for
each statement the record gave. A correction is itself an event (identity: the trainer
passphrase), written under the learner's write lock, and cannot be undone.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.domain import corrections
from tutor.domain import events as ev
from tutor.domain import payloads as pl
from tutor.domain.events import Event, NewEvent
from tutor.errors import TutorError
from tutor.store.records import Records


class CorrectionRefused(TutorError):
    """The record cannot be voided; the message says why and what to do."""


@dataclass(frozen=True)
class RecordToVoid:
    record: str
    kind: str  # "attempt" | "acknowledgment" | "lesson"
    learner: str
    name: str  # the person's name on the roster, else the id
    summary: str  # what the record says, in a line

    def describe(self) -> str:
        return f"{corrections.kind_name(self.kind)} {self.record} of {self.name} ({self.learner}): {self.summary}"


@dataclass(frozen=True)
class Voided:
    record: RecordToVoid
    reason: str
    event: Event

    def consequence(self) -> str:
        """What the correction changes, in a sentence or two for the trainer."""
        return _CONSEQUENCES[self.record.kind]


_CONSEQUENCES = {
    "attempt": "The attempt no longer counts: a topic it passed must be passed again, and a try it used is "
               "given back. An acknowledgment already signed is not changed: void it too if it should not count.",
    "acknowledgment": "The acknowledgment no longer counts: the person must sign again (the quizzes they "
                      "passed for it still count while they are valid).",
    "lesson": "The lesson completion no longer counts: the lesson must be done again.",
}


def find_record(records: Records, record_id: str) -> RecordToVoid:
    """The record a trainer named, described so they can confirm it is the one to void."""
    from tutor.store.record_queries import owner_of

    record = record_id.strip()
    learner = owner_of(records.conn, record) if record else None
    if learner is None:
        raise CorrectionRefused(
            f"no attempt, acknowledgment or lesson completion has the id '{record}'. "
            "`tutor report person EMPLOYEE_ID` lists a person's records with their ids."
        )
    history = records.events.for_learner(learner)
    kind, refusal = corrections.voidable(history, record)
    if kind is None or refusal:
        raise CorrectionRefused(f"{refusal}.")
    person = records.people.get(learner)
    return RecordToVoid(record, kind, learner, person.name if person else learner, _summary(history, record))


def void_record(records: Records, record_id: str, reason: str, passphrase: str) -> Voided:
    """Void a record with the trainer passphrase, giving the reason. Refuses with a message
    (CorrectionRefused, TrainerAuthError) and writes nothing when it cannot."""
    from tutor.service.trainer_auth import check_passphrase

    problem = corrections.reason_problem(reason)
    if problem:
        raise CorrectionRefused(f"{problem[0].upper()}{problem[1:]}.")
    target = find_record(records, record_id)
    check_passphrase(records, passphrase)
    reason = reason.strip()

    def decide(history: list[Event]) -> list[NewEvent]:
        # Again under the write lock: another trainer may have voided it a moment ago.
        kind, refusal = corrections.voidable(history, target.record)
        if refusal or kind != target.kind:
            raise CorrectionRefused(f"{refusal or 'the record changed'}; nothing was written.")
        payload = pl.RecordVoided(record=target.record, kind=target.kind, reason=reason)
        return [NewEvent.of(ev.RECORD_VOIDED, target.learner, payload, ev.IDENTITY_TRAINER)]

    _, written = records.events.append_decided(target.learner, decide, durable=True)
    return Voided(target, reason, written[-1])


def _summary(history: list[Event], record: str) -> str:
    """What the record says: 'passed the quiz (privacy) on 2026-11-03: 4 of 5 right'."""
    started: pl.AttemptStarted | None = None
    for event in history:
        data = event.data
        if isinstance(data, pl.AttemptStarted) and data.attempt == record:
            started = data
        elif isinstance(data, pl.AttemptFinished) and data.attempt == record:
            kind = "test-out" if started and started.kind == "testout" else "quiz"
            topics = ", ".join(started.topics) if started else "?"
            return (f"{'passed' if data.passed else 'failed'} the {kind} ({topics}) on {event.ts[:10]}: "
                    f"{data.correct} of {data.total} right")
        elif isinstance(data, pl.Acknowledged) and data.ack_id == record:
            return f"signed as '{data.name}' on {event.ts[:10]}, valid until {data.valid_until[:10]}"
        elif isinstance(data, pl.LessonCompleted) and event.hash == record:
            return f"completed the lesson {data.lesson} on {event.ts[:10]}"
    return ""
