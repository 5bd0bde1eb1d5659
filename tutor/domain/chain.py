"""Walking the hash chain: which events were changed, inserted or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from tutor.domain.events import GENESIS_HASH, Event, canonical_json, event_hash


@dataclass
class ChainReport:
    count: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)
    hashes: dict[str, int] = field(default_factory=dict)  # hash -> seq, for head checks

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"OK: {self.count} events, chain intact, head {self.head_seq} {self.head_hash}"
        return f"FAILED: {len(self.problems)} problem(s) in {self.count} events"


def recompute(event: Event) -> str:
    return event_hash(event.seq, event.ts, event.type, event.learner, event.identity,
                      canonical_json(event.payload), event.prev_hash)


def verify_chain(events: Iterable[Event]) -> ChainReport:
    """Check every event's own hash and its link to the one before, naming each break.

    - changed: an event's stored hash no longer matches its contents, or (hash recomputed)
      the next event no longer links to it;
    - removed: the sequence numbers jump; the missing numbers are named;
    - inserted: an event that the next event skips over, linking to the one before it.
    """
    report = ChainReport()
    previous: Event | None = None
    for event in events:
        report.count += 1
        report.hashes[event.hash] = event.seq
        if recompute(event) != event.hash:
            report.problems.append(
                f"event {event.seq} ({event.type}, {event.ts}) was changed: its hash does not match its contents"
            )
        expected_seq = previous.seq + 1 if previous else 1
        expected_prev = previous.hash if previous else GENESIS_HASH
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                gap = str(expected_seq) if event.seq - expected_seq == 1 else f"{expected_seq}-{event.seq - 1}"
                report.problems.append(f"event(s) {gap} were removed: the sequence jumps from {expected_seq - 1} to {event.seq}")
            else:
                report.problems.append(f"event {event.seq} is out of order after event {expected_seq - 1}")
        elif event.prev_hash != expected_prev:
            if previous is not None and event.prev_hash == previous.prev_hash:
                report.problems.append(
                    f"event {previous.seq} ({previous.type}) was inserted: event {event.seq} links past it"
                )
            elif previous is not None and event.prev_hash in report.hashes:
                back = report.hashes[event.prev_hash]
                report.problems.append(
                    f"events {back + 1}-{previous.seq} were inserted: event {event.seq} links to event {back}"
                )
            else:
                before = previous.seq if previous else 0
                report.problems.append(
                    f"event {before} was changed (its hash recomputed) or replaced: event {event.seq} does not link to it"
                    if before else f"event {event.seq} does not start the chain: earlier events were removed"
                )
        previous = event
    report.head_seq = previous.seq if previous else 0
    report.head_hash = previous.hash if previous else GENESIS_HASH
    return report


def head_in_chain(report: ChainReport, head: str) -> str | None:
    """None when `head` (a hash from an export or certificate) is still in an intact chain."""
    if head not in report.hashes:
        return (f"head {head} is not in the chain: the events up to it were removed or changed "
                f"(the chain now ends at event {report.head_seq})")
    return None
