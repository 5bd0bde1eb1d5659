"""Checking a JSON export offline: its events form an intact chain that ends at its stated head,
and every attempt, acknowledgment and lesson completion it lists is backed by those events."""

from __future__ import annotations

from tutor.domain import events as ev
from tutor.domain.chain import ChainReport, verify_chain
from tutor.domain.events import Event


def export_events(rows: list[dict]) -> list[Event]:
    return [
        Event(r["seq"], r["ts"], r["type"], r.get("learner"), r["payload"], r["identity"], r["prev_hash"], r["hash"])
        for r in rows
    ]


def event_rows(events) -> list[dict]:
    """Events as plain dicts for the JSON export."""
    return [
        {"seq": e.seq, "ts": e.ts, "type": e.type, "learner": e.learner, "identity": e.identity,
         "payload": e.payload, "prev_hash": e.prev_hash, "hash": e.hash}
        for e in events
    ]


def verify_export(data: dict) -> tuple[ChainReport, list[str]]:
    """Problems with an export (empty when it is intact)."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return ChainReport(), ["this file has no 'events' list: it is not a tutor JSON export"]
    try:
        events = export_events(data["events"])
    except (KeyError, TypeError) as exc:
        return ChainReport(), [f"an event in the export is missing a field: {exc}"]
    report = verify_chain(events)
    problems = list(report.problems)
    head = data.get("chain_head") or {}
    if head.get("hash") != report.head_hash or head.get("seq") != report.head_seq:
        problems.append(
            f"the export says its chain head is {head.get('seq')} {head.get('hash')}, but its events end at "
            f"{report.head_seq} {report.head_hash}: events were added or removed after export"
        )
    by_hash = {e.hash: e for e in events}
    finished = {e.payload.get("attempt"): e for e in events if e.type == ev.ATTEMPT_FINISHED}
    for ack in data.get("acknowledgments", []):
        event = by_hash.get(ack.get("record_hash") or ack.get("event_hash"))
        if event is None or event.type != ev.ACKNOWLEDGED:
            problems.append(f"acknowledgment {ack.get('ack_id')} is not backed by an acknowledgment event")
            continue
        for field in ("ack_id", "text_hash", "policy_version", "valid_until"):
            if field in ack and ack[field] != event.payload.get(field):
                problems.append(f"acknowledgment {ack.get('ack_id')}: {field} differs from its event {event.seq}")
    for attempt in data.get("attempts", []):
        event = finished.get(attempt.get("attempt_id"))
        if event is None:
            if attempt.get("finished_at"):
                problems.append(f"attempt {attempt.get('attempt_id')} is listed as finished but has no finishing event")
            continue
        for field in ("score", "passed", "correct", "total"):
            if field in attempt and attempt[field] is not None and attempt[field] != event.payload.get(field):
                if not (field == "passed" and bool(attempt[field]) == bool(event.payload.get(field))):
                    problems.append(f"attempt {attempt.get('attempt_id')}: {field} differs from its event {event.seq}")
    for lesson in data.get("lessons", []):
        event = by_hash.get(lesson.get("event_hash"))
        if event is None or event.type != ev.LESSON_COMPLETED:
            problems.append(f"lesson completion #{lesson.get('seq')} is not backed by a lesson-completed event")
        elif lesson.get("lesson_id") != event.payload.get("lesson") or lesson.get("employee_id") != event.learner:
            problems.append(f"lesson completion #{lesson.get('seq')}: lesson or person differs from its event {event.seq}")
    return report, problems
