"""The events a learner's training produces. Progress, attempts and status are derived from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from tutor.domain import payloads

GENESIS_HASH = "0" * 64

class EventType(StrEnum):
    """Every kind of event, in the order a learner usually produces them."""

    ENROLLED = "learner.enrolled"
    # Not the learner's: a trainer withdrew their PIN and issued a new enrollment code.
    SIGN_IN_RESET = "learner.sign_in_reset"
    SIGNED_IN = "learner.signed_in"
    STEP_VIEWED = "lesson.step_viewed"
    LESSON_COMPLETED = "lesson.completed"
    ATTEMPT_STARTED = "attempt.started"
    ANSWER_RECORDED = "attempt.answered"
    ATTEMPT_FINISHED = "attempt.finished"
    ACKNOWLEDGED = "acknowledgment.signed"
    # Not a learner's: a trainer approved the rules of some content for these records.
    CONTENT_APPROVED = "content.approved"
    # A record found to be wrong, withdrawn (the xAPI export voids its statements).
    RECORD_VOIDED = "record.voided"
    # The learner opened the district's full policy text in the policy reader.
    POLICY_OPENED = "policy.opened"


# The same members by their short names (a StrEnum member equals its text: "attempt.started").
ENROLLED = EventType.ENROLLED
SIGN_IN_RESET = EventType.SIGN_IN_RESET
SIGNED_IN = EventType.SIGNED_IN
STEP_VIEWED = EventType.STEP_VIEWED
LESSON_COMPLETED = EventType.LESSON_COMPLETED
ATTEMPT_STARTED = EventType.ATTEMPT_STARTED
ANSWER_RECORDED = EventType.ANSWER_RECORDED
ATTEMPT_FINISHED = EventType.ATTEMPT_FINISHED
ACKNOWLEDGED = EventType.ACKNOWLEDGED
CONTENT_APPROVED = EventType.CONTENT_APPROVED
RECORD_VOIDED = EventType.RECORD_VOIDED
POLICY_OPENED = EventType.POLICY_OPENED

# Which payload class each event type carries.
PAYLOAD_TYPES: dict[str, type[payloads.Payload]] = {
    EventType.ENROLLED: payloads.Enrolled,
    EventType.SIGN_IN_RESET: payloads.SignInReset,
    EventType.SIGNED_IN: payloads.SignedIn,
    EventType.STEP_VIEWED: payloads.StepViewed,
    EventType.LESSON_COMPLETED: payloads.LessonCompleted,
    EventType.ATTEMPT_STARTED: payloads.AttemptStarted,
    EventType.ANSWER_RECORDED: payloads.AnswerRecorded,
    EventType.ATTEMPT_FINISHED: payloads.AttemptFinished,
    EventType.ACKNOWLEDGED: payloads.Acknowledged,
    EventType.CONTENT_APPROVED: payloads.ContentApproved,
    EventType.RECORD_VOIDED: payloads.RecordVoided,
    EventType.POLICY_OPENED: payloads.PolicyOpened,
}

# How the person behind an event was identified.
IDENTITY_PIN = "pin"
IDENTITY_ENROLLMENT_CODE = "enrollment-code"
IDENTITY_SELF_ASSERTED = "self-asserted"
IDENTITY_TRUSTED_HEADER = "trusted-header"
IDENTITY_OPERATOR = "operator"
IDENTITY_TRAINER = "trainer-passphrase"
IDENTITY_INSTALLED = "installed-content"


def canonical_json(value: Any) -> str:
    """One exact text for a value: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class NewEvent:
    """An event about to be appended to the log."""

    type: str
    learner: str | None
    payload: dict[str, Any]
    identity: str

    @classmethod
    def of(cls, type_: EventType, learner: str | None, payload: payloads.Payload, identity: str) -> "NewEvent":
        """An event from its typed payload (the class must be the one its type carries)."""
        if not isinstance(payload, PAYLOAD_TYPES[type_]):
            raise TypeError(f"a {type_} event carries {PAYLOAD_TYPES[type_].__name__}, not {type(payload).__name__}")
        return cls(str(type_), learner, payload.as_payload(), identity)


@dataclass(frozen=True)
class Event:
    """An event as stored: numbered, timestamped and chained to the one before."""

    seq: int
    ts: str
    type: str
    learner: str | None
    payload: dict[str, Any]
    identity: str
    prev_hash: str = GENESIS_HASH
    hash: str = ""

    @cached_property
    def data(self) -> Any:
        """The payload as its typed class, checked field by field (PayloadError names the field).

        An event type this version does not know keeps its plain dict.
        """
        kind = PAYLOAD_TYPES.get(self.type)
        if kind is None:
            return self.payload
        try:
            return kind.parse(self.payload)
        except payloads.PayloadError as exc:
            raise payloads.PayloadError(f"event {self.seq} ({self.type}): {exc}") from None


def event_hash(seq: int, ts: str, type_: str, learner: str | None, identity: str, payload_json: str, prev_hash: str) -> str:
    """The chain hash of one event: covers every stored field and the previous hash."""
    body = canonical_json([seq, ts, type_, learner, identity, payload_json, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
