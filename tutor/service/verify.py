"""`tutor verify`: everything that can be checked about the records, each problem named by event.

Four checks, from what anyone can check to what needs the trainer's verification key:
1. the hash chain (changed, inserted or removed events);
2. backing: a replay of the log under the approved rules (every answer graded again, every
   acknowledgment backed by passes; see tutor.domain.backing);
3. the derived tables against a rebuild from the log (rows written into a table directly);
4. with the verification key: every event's seal and the signed head (a rebuilt chain,
   forged or removed latest events).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor.domain.backing import check_backing
from tutor.domain.chain import ChainReport, verify_chain
from tutor.store.records import Records


@dataclass
class Verification:
    chain: ChainReport
    problems: list[str] = field(default_factory=list)
    sealed: bool = False  # the seals were checked with a verification key

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_records(records: Records, key_file: str | Path | None = None) -> Verification:
    """Run every check; `key_file` is the verification key the trainer kept (optional)."""
    from tutor.store.projections import derived_differences

    events = records.events.all_leniently()
    chain = verify_chain(events)
    problems = list(chain.problems)
    for event in events:
        if isinstance(event.payload, str):
            problems.append(f"event {event.seq} ({event.type}): its payload is not JSON")
    problems += check_backing(e for e in events if not isinstance(e.payload, str))
    problems += derived_differences(records.conn, [e for e in events if not isinstance(e.payload, str)])
    result = Verification(chain, problems)
    if key_file is not None:
        from tutor.store.seal import VerificationKey, seal_problems

        result.problems += seal_problems(records.conn, events, VerificationKey.read(key_file))
        result.sealed = True
    return result
