"""Correcting the records: which of a learner's records a trainer may void, and the reason given.

A voided record stays in the log (nothing is ever deleted) but counts as never made: see
`progress.voided_by`. What can be voided is a finished attempt, an acknowledgment or a lesson
completion, once. The app checks this before writing a correction and `tutor verify` checks it of
every correction in the log, both here.
"""

from __future__ import annotations

from typing import Iterable

from tutor.domain import payloads as pl
from tutor.domain.events import Event
from tutor.domain.progress import record_of

KINDS = ("attempt", "acknowledgment", "lesson")
MAX_REASON = 500


def voidable(history: Iterable[Event], record: str) -> tuple[str | None, str | None]:
    """(the record's kind, why it cannot be voided or None), from the learner's events so far."""
    kind: str | None = None
    finished = already = False
    for event in history:
        data = event.data
        if isinstance(data, pl.RecordVoided):
            already = already or data.record == record
        elif record_of(event) == record:
            if isinstance(data, pl.AttemptStarted):
                kind = "attempt"
            elif isinstance(data, pl.AttemptFinished):
                finished = True
            elif isinstance(data, pl.Acknowledged):
                kind = "acknowledgment"
            elif isinstance(data, pl.LessonCompleted):
                kind = "lesson"
    if kind is None:
        return None, f"this person has no attempt, acknowledgment or lesson completion {record}"
    if already:
        return kind, f"{_NAMES[kind]} {record} is already voided"
    if kind == "attempt" and not finished:
        return kind, f"attempt {record} is still in progress: it can be voided once it is finished"
    return kind, None


def reason_problem(reason: str) -> str | None:
    """What is wrong with a correction's reason, or None. It goes into exports and the personnel record."""
    text = reason.strip()
    if not text:
        return "give the reason for the correction (it is kept with the record)"
    if len(text) > MAX_REASON:
        return f"the reason is {len(text)} characters; keep it to {MAX_REASON}"
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text):
        return "the reason contains control characters; write it on one line"
    return None


_NAMES = {"attempt": "attempt", "acknowledgment": "acknowledgment", "lesson": "lesson completion"}


def kind_name(kind: str) -> str:
    """How a kind of record is named to a person: 'lesson completion' for 'lesson'."""
    return _NAMES.get(kind, kind)
