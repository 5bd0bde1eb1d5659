"""Checking a JSON export offline: its events form an intact chain that ends at its stated head,
and every attempt, acknowledgment and lesson completion it lists is backed by those events."""

from __future__ import annotations

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
    problems += _rows_against_events(data, events)
    return report, problems


# Which fields of an export row come from the roster (not the events), so cannot be checked here.
_ROSTER_FIELDS = {
    "attempts": {"name", "email", "school", "role"},
    "acknowledgments": {"name", "email", "school", "role"},
    "lessons": {"name", "email", "school", "role", "district"},
}
_ROW_KEYS = {"attempts": "attempt_id", "acknowledgments": "ack_id", "lessons": "seq"}


def _rows_against_events(data: dict, events: list[Event]) -> list[str]:
    """Every row of every table must match, field by field, the row its events give; every
    event-backed row (within the export's `since`) must be there, once."""
    from datetime import date, datetime, timezone

    from tutor.domain.clock import FixedClock
    from tutor.service.exports import collect
    from tutor.store.projections import replay_into
    from tutor.store.records import Records

    scratch = Records(":memory:", FixedClock(datetime(2000, 1, 1, tzinfo=timezone.utc)))
    try:
        stopped = replay_into(scratch.conn, events)
        if stopped:
            return stopped
        since = date.fromisoformat(data["since"]) if data.get("since") else None
        expected = collect(scratch, since).as_dict()
    finally:
        scratch.close()
    problems: list[str] = []
    for table, key in _ROW_KEYS.items():
        rows = data.get(table)
        if rows is None:
            problems.append(f"the export has no '{table}' list")
            continue
        wanted = {row[key]: row for row in expected[table]}
        seen: dict = {}
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or key not in row:
                problems.append(f"{table} row {number} has no {key}")
                continue
            name = f"{table} row {number} ({key} {row[key]})"
            if row[key] in seen:
                problems.append(f"{name} is listed twice")
                continue
            seen[row[key]] = row
            truth = wanted.get(row[key])
            if truth is None:
                problems.append(f"{name} is not backed by any event in the export")
                continue
            fields = sorted((set(truth) | set(row)) - _ROSTER_FIELDS[table])
            differing = [f for f in fields if row.get(f) != truth.get(f)]
            if differing:
                problems.append(f"{name} differs from its events in {', '.join(differing)}")
        for missing in sorted(set(wanted) - set(seen), key=str):
            problems.append(f"{table}: the record {key} {missing} is in the events but has no row in the export")
    return problems
