"""Exports of the training records: every attempt, acknowledgment and lesson completion, as CSV or JSON.

Records are evidence, so every export carries the head of the hash-chained event log at the
moment it was read (its sequence number and hash). The rows and the head are read in one
read transaction, so the head is exactly the last event the export could see: anyone holding
the database later can check that the log up to that event is unchanged.

JSON: one object ``{"exported_at", "chain_head": {"seq", "hash"}, "attempts": [...],
"acknowledgments": [...], "lessons": [...], "events": [...]}``, UTF-8 with names written as they
are (no ``\\u`` escapes). ``lessons`` lists each lesson completion (lesson id, person, when,
how they were identified, its event's sequence number and hash). ``events`` is the whole event
log up to the chain head (also with ``--since``: a chain can only be checked from its first
event), so ``tutor verify --export FILE`` can prove offline that the export is intact and that
every row is backed by its event.

CSV (for machines) and XLSX (for people: HR opens this one): one row per attempt or
acknowledgment (lesson completions are in the JSON and xAPI exports), told apart by the
``record_type`` column, with
the chain head repeated in the ``chain_head_seq`` and ``chain_head_hash`` columns of every
row (no comment lines, which spreadsheets and CSV readers would take for data).
The file is UTF-8 *without* a byte-order mark, so names such as "Ana María Pérez" are
written exactly and other programs read the first column name cleanly. Excel guesses the
encoding of a BOM-free file from the system locale: open it with Data > From Text/CSV and
choose UTF-8 (65001) if accented names look wrong.
The CSV keeps values unchanged for the programs that read it: numbers as numbers (``passed``
as 1 or 0), dates as ISO 8601 text (``2026-09-01T08:00:00.000000Z``), ids as they are. Its one
change is the formula guard (``tutor.service.spreadsheet``): text a spreadsheet would run as a
formula gets a leading single quote; a plain number such as ``-42`` is not touched.
The XLSX has the same columns with every cell typed: dates are dates, ids and names text.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator


from tutor.domain.clock import iso
from tutor.service.audit import event_rows
from tutor.service.spreadsheet import safe_cell
from tutor.store import record_queries as queries
from tutor.store.record_queries import AcknowledgmentRow, AttemptRow, LessonRow, VoidRow
from tutor.store.database import read_snapshot
from tutor.store.records import Records


@dataclass(frozen=True)
class ChainHead:
    """The newest event of the log when the export was read: (0, genesis hash) when empty."""

    seq: int
    hash: str

    def as_dict(self) -> dict:
        return {"seq": self.seq, "hash": self.hash}


@dataclass
class Export:
    exported_at: str
    chain_head: ChainHead
    attempts: list[dict] = field(default_factory=list)
    acknowledgments: list[dict] = field(default_factory=list)
    events: list[dict] | None = None  # the log up to the head, for JSON exports
    lessons: list[dict] = field(default_factory=list)  # lesson completions (JSON and xAPI)
    since: str | None = None  # the --since date the rows were chosen by, if any
    # For xAPI: records withdrawn by a correction, and each learner's acknowledgment sequence
    # numbers (every acknowledgment ends a certification cycle).
    voids: list[dict] = field(default_factory=list)
    ack_seqs: dict[str, list[int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        out = {
            "exported_at": self.exported_at,
            "since": self.since,
            "chain_head": self.chain_head.as_dict(),
            "attempts": self.attempts,
            "acknowledgments": self.acknowledgments,
            "lessons": self.lessons,
        }
        if self.events is not None:
            out["events"] = self.events
        return out


def parse_since(text: str) -> date:
    """An ISO date (2026-09-01); ValueError with a message a trainer can act on."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-09-01") from None








def _person(row: AttemptRow | AcknowledgmentRow | LessonRow, fallback_name: str = "") -> dict:
    return {
        "employee_id": row.learner,
        "name": row.person_name if row.person_name is not None else fallback_name,
        "email": row.email or "",
        "school": row.school or "",
        "role": row.role or "",
        "district": row.district or row.person_district or "",
    }


def _attempt(row: AttemptRow) -> dict:
    finished = row.finished_at is not None
    return {
        "record_type": "attempt",
        "attempt_id": row.attempt_id,
        **_person(row),
        "kind": row.kind,
        "topics": json.loads(row.topics),
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "duration_s": row.duration_s,
        "correct": row.correct,
        "total": row.total,
        "score": row.score,
        "passed": bool(row.passed) if finished else None,
        "topic_results": json.loads(row.topic_results) if row.topic_results else {},
        "content_revision": row.content_revision,
        "policy_version": row.policy_version,
        "identity": row.identity,
        "started_seq": row.started_seq,
        "started_hash": row.started_hash,
        "finished_seq": row.finished_seq,
        "finished_hash": row.finished_hash,
        **_void_fields(row),
    }


def _acknowledgment(row: AcknowledgmentRow) -> dict:
    return {
        "record_type": "acknowledgment",
        "ack_id": row.ack_id,
        **_person(row, fallback_name=row.signed_name),
        "signed_name": row.signed_name,
        "signed_at": row.signed_at,
        "valid_until": row.valid_until,
        "scores": json.loads(row.scores),
        "content_revision": row.content_revision,
        "policy_version": row.policy_version,
        "identity": row.identity,
        "seq": row.seq,
        "event_hash": row.event_hash,
        "text_hash": row.text_hash,
        **_void_fields(row),
    }


def _lesson(row: LessonRow) -> dict:
    return {
        "record_type": "lesson",
        "lesson_id": row.lesson_id,
        **_person(row),
        "completed_at": row.completed_at,
        "identity": row.identity,
        "seq": row.seq,
        "event_hash": row.event_hash,
        "content_revision": row.content_revision,
        **_void_fields(row),
    }


def _void_fields(row: AttemptRow | AcknowledgmentRow | LessonRow) -> dict:
    """A voided record is kept and marked: when a trainer voided it and why (None, None when it stands)."""
    return {"voided_at": row.voided_at, "void_reason": row.void_reason}


def _void(row: VoidRow) -> dict:
    return {**row._asdict(), "finished": bool(row.finished), "passed": None if row.passed is None else bool(row.passed)}


_LAST_SEQ = 2**62


def collect(records: Records, since: date | None = None, with_events: bool = False, after_seq: int = 0,
            through_seq: int | None = None) -> Export:
    """Every attempt (by start date), acknowledgment (by signing date) and lesson completion on
    or after `since`.

    The rows and the chain head come from one read snapshot, so the head is the last event
    the export saw even while staff keep training. `with_events` adds the whole event log
    up to that head (for the JSON export). `after_seq` and `through_seq` keep only records with
    an event in (after_seq, through_seq] (an attempt started before the range but finished in it
    is kept): what an LRS that has everything up to `after_seq` still lacks, a window at a time.
    """
    window = (after_seq + 1, _LAST_SEQ if through_seq is None else through_seq)
    floor = since.isoformat() if since else ""
    deployment_district = records.settings.get("district") or ""
    with read_snapshot(records.conn):
        seq, digest = records.events.head()
        found = queries.export_rows(records.conn, floor, window, deployment_district)
        events = event_rows(records.events.all()) if with_events else None
    attempts = [_attempt(row) for row in found.attempts]
    acks = [_acknowledgment(row) for row in found.acknowledgments]
    lessons = [_lesson(row) for row in found.lessons]
    voids = [_void(row) for row in found.voids]
    ack_seqs = found.acknowledgment_seqs
    return Export(iso(records.clock.now()), ChainHead(seq, digest), attempts, acks, events, lessons,
                  since.isoformat() if since else None, voids, ack_seqs)


# JSON -------------------------------------------------------------------------------------------
def to_json(export: Export) -> str:
    return json.dumps(export.as_dict(), indent=2, ensure_ascii=False) + "\n"


# CSV --------------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "record_type", "record_id", "employee_id", "name", "email", "school", "role", "district",
    "kind", "topics", "started_at", "finished_at", "signed_at", "valid_until",
    "duration_s", "correct", "total", "score", "passed", "scores", "signed_name",
    "content_revision", "policy_version", "identity", "event_seq", "event_hash", "text_hash",
    "voided_at", "void_reason", "chain_head_seq", "chain_head_hash",
)



# Each record's CSV cells (less the chain head) come from the same rows as the JSON and xAPI
# exports, preceded by the record's time and event sequence number to merge attempts and
# acknowledgments in time order. `guard` is the formula guard for the cells whose text comes from
# people (the roster, a typed name): the only ones a formula could hide in. The others hold ids,
# hashes, ISO timestamps and numbers written by tutor itself.
def _attempt_cells(rows: list[AttemptRow], guard) -> Iterator[tuple]:
    for (attempt_id, learner, district, kind, _topics, topic_list, started_at, finished_at, total, correct, score,
         passed, duration_s, _results, revision, policy, started_seq, started_hash, identity, finished_seq,
         finished_hash, name, email, school, role, person_district, voided_at, void_reason) in rows:
        if district is None:
            district = "" if person_district is None else person_district
        yield started_at, started_seq, [
            "attempt", attempt_id, guard(learner), guard("" if name is None else name),
            guard("" if email is None else email), guard("" if school is None else school),
            guard("" if role is None else role), guard(district), kind, topic_list, started_at, finished_at,
            None, None, duration_s, correct, total, score, passed, None, None, revision, policy, identity,
            started_seq if finished_seq is None else finished_seq,
            started_hash if finished_hash is None else finished_hash, None,
            voided_at, None if void_reason is None else guard(void_reason),
        ]


def _acknowledgment_cells(rows: list[AcknowledgmentRow], guard) -> Iterator[tuple]:
    for (ack_id, learner, district, signed_name, signed_at, valid_until, text_hash, policy, revision, scores, seq,
         event_hash, identity, name, email, school, role, person_district, voided_at, void_reason) in rows:
        if district is None:
            district = "" if person_district is None else person_district
        yield signed_at, seq, [
            "acknowledgment", ack_id, guard(learner), guard(signed_name if name is None else name),
            guard("" if email is None else email), guard("" if school is None else school),
            guard("" if role is None else role), guard(district), None, None, None, None, signed_at, valid_until,
            None, None, None, None, None, scores, guard(signed_name), revision, policy, identity, seq, event_hash,
            text_hash, voided_at, None if void_reason is None else guard(void_reason),
        ]


def _unchanged(value):
    return value


def _record_cells(records: Records, since: date | None, guard) -> tuple[Iterator[list], int, int, tuple[int, str]]:
    """(every record's cells in time order, CSV_COLUMNS less the chain head; attempts;
    acknowledgments; chain head), read in one read snapshot."""
    floor = since.isoformat() if since else ""
    with read_snapshot(records.conn):
        head = records.events.head()
        attempts = queries.attempt_rows(records.conn, floor)
        acks = queries.acknowledgment_rows(records.conn, floor)
    # An attempt and an acknowledgment never share an event, so (time, seq) never ties.
    merged = (cells for _, _, cells in heapq.merge(_attempt_cells(attempts, guard), _acknowledgment_cells(acks, guard)))
    return merged, len(attempts), len(acks), head


def csv_export(records: Records, since: date | None = None) -> tuple[str, int, int, ChainHead]:
    """(CSV text, attempts, acknowledgments, chain head): every record in time order.

    CRLF line ends, as RFC 4180 has them; write it with newline="" as UTF-8 (no byte-order mark).
    """
    cells, attempts, acks, head = _record_cells(records, since, safe_cell)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    tail = list(head)
    writer.writerows(row + tail for row in cells)
    return buffer.getvalue(), attempts, acks, ChainHead(*head)


# XLSX -------------------------------------------------------------------------------------------
_XLSX_DATETIMES = ("started_at", "finished_at", "signed_at", "valid_until", "voided_at")
_XLSX_TEXTS = (
    "record_type", "record_id", "employee_id", "name", "email", "school", "role", "district", "kind", "topics",
    "scores", "signed_name", "content_revision", "policy_version", "identity", "event_hash", "text_hash",
    "void_reason", "chain_head_hash",
)


def xlsx_export(records: Records, target, since: date | None = None) -> tuple[int, int, ChainHead]:
    """(attempts, acknowledgments, chain head): the CSV's rows and columns as an .xlsx for people
    to open, with typed cells (`tutor.service.spreadsheet.write_xlsx`): timestamps are date-time
    cells in UTC, ids and names text, numbers numbers (`passed` 1 or 0, as in the CSV: Calc would
    save a TRUE/FALSE cell back as a formula). Values are unchanged:
    no formula guard is needed where no cell can be a formula."""
    from tutor.service.spreadsheet import write_xlsx

    cells, attempts, acks, head = _record_cells(records, since, _unchanged)
    tail = list(head)
    write_xlsx(target, "Records", CSV_COLUMNS, [row + tail for row in cells], datetimes=_XLSX_DATETIMES,
               texts=_XLSX_TEXTS)
    return attempts, acks, ChainHead(*head)
