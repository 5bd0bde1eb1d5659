"""The events a learner's training produces. Progress, attempts and status are derived from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

GENESIS_HASH = "0" * 64

# Event types, in the order a learner usually produces them.
ENROLLED = "learner.enrolled"
SIGNED_IN = "learner.signed_in"
STEP_VIEWED = "lesson.step_viewed"
LESSON_COMPLETED = "lesson.completed"
ATTEMPT_STARTED = "attempt.started"
ANSWER_RECORDED = "attempt.answered"
ATTEMPT_FINISHED = "attempt.finished"
ACKNOWLEDGED = "acknowledgment.signed"
# Not a learner's: a trainer approved the rules of some content for these records.
CONTENT_APPROVED = "content.approved"

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
    extra: dict[str, Any] = field(default_factory=dict)


def event_hash(seq: int, ts: str, type_: str, learner: str | None, identity: str, payload_json: str, prev_hash: str) -> str:
    """The chain hash of one event: covers every stored field and the previous hash."""
    body = canonical_json([seq, ts, type_, learner, identity, payload_json, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
