"""Crash safety: kill the engine with SIGKILL at random moments; no committed write is ever lost.

The engine runs in a subprocess (tests/crash_driver.py) that prints one line per write only
after the write has returned. The parent kills it at seeded random moments, at least 50 times,
restarting it on the same database each time, and after every kill checks the records against
what was printed, and that the restarted engine picks up exactly where the records say.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.crash_driver import active_learners, walk_chain
from tests.test_training import pass_topic
from tutor.store.database import transaction
from tutor.store.projections import DERIVED_TABLES

REPO = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("TUTOR_CRASH_KILLS", "55"))
ACTIVE = 3  # learners the driver works on at once
SEED = 20260901
REQUIRED = ("alpha", "beta")  # tests.factories.make_content: lesson id == topic


# Running the driver until it is killed ------------------------------------------------------------
@dataclass
class Run:
    lines: list[str]
    returncode: int
    stderr: str
    ready: bool


def run_and_kill(db: Path, seed: int, rng: random.Random) -> Run:
    """Start the driver and kill it after a random number of printed writes, not a random time.

    Counting lines makes what a run achieves independent of how fast this machine is: a busy
    machine takes longer to reach the kill, it does not get fewer writes in before it.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_driver", str(db), str(seed), str(ACTIVE)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    chunks: list[bytes] = []
    ready = threading.Event()
    enough = threading.Event()
    during_start_up = rng.random() < 0.15
    # Writes to let through after "ready" before the kill; a few microseconds of random delay
    # on top lands some kills in the middle of the next write.
    wanted_lines = rng.randint(0, 40)

    def read() -> None:
        buffer = b""
        for chunk in iter(lambda: proc.stdout.read1(65536), b""):
            chunks.append(chunk)
            buffer += chunk
            if not ready.is_set() and b"ready\n" in buffer:
                ready.set()
            if ready.is_set() and buffer.split(b"ready\n", 1)[-1].count(b"\n") >= wanted_lines:
                enough.set()
        enough.set()  # the driver ended by itself: nothing more to wait for

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if during_start_up:
        # Sometimes die during start-up: imports, opening or migrating the database, sign-in.
        time.sleep(rng.uniform(0.0, 0.4))
    else:
        enough.wait(timeout=120)
        time.sleep(rng.uniform(0.0, 0.003))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    reader.join(timeout=60)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stdout.close()
    proc.stderr.close()
    text = b"".join(chunks).decode("utf-8")
    # A line without its newline was cut by the kill mid-write: it does not count as printed.
    lines = text.split("\n")[:-1]
    return Run(lines, proc.returncode, stderr, ready.is_set())


# What the records say, read without the product's code ---------------------------------------------
def expected_next(conn: sqlite3.Connection, learner: str) -> tuple:
    """Where `learner` must resume: an open attempt's first unanswered position, else the lesson step."""
    open_attempts = conn.execute(
        "SELECT attempt_id FROM attempts WHERE learner = ? AND finished_at IS NULL ORDER BY started_seq", (learner,)
    ).fetchall()
    assert len(open_attempts) <= 1, f"{learner} has {len(open_attempts)} open attempts"
    if open_attempts:
        attempt = open_attempts[0][0]
        positions = [r[0] for r in conn.execute("SELECT position FROM answers WHERE attempt_id = ? ORDER BY position", (attempt,))]
        assert positions == list(range(len(positions))), f"answers of {attempt} are not contiguous: {positions}"
        return ("resume", attempt, len(positions))
    topics = {t: {"step": -1, "done": False, "fails": 0, "passed": False} for t in REQUIRED}
    attempt_topic: dict[str, str] = {}
    for type_, payload in conn.execute("SELECT type, payload FROM events WHERE learner = ? ORDER BY seq", (learner,)):
        p = json.loads(payload)
        if type_ == "lesson.step_viewed" and p["lesson"] in topics:
            t = topics[p["lesson"]]
            if not t["done"]:
                t["step"] = max(t["step"], p["step"])
        elif type_ == "lesson.completed" and p["lesson"] in topics:
            topics[p["lesson"]].update(done=True, fails=0)
        elif type_ == "attempt.started":
            attempt_topic[p["attempt"]] = p["topics"][0]
        elif type_ == "attempt.finished":
            t = topics[attempt_topic[p["attempt"]]]
            if p["passed"]:
                t["passed"] = True
            else:
                t["fails"] += 1
                if t["fails"] >= 3 and not t["passed"]:
                    t.update(done=False, step=-1)
    for name in REQUIRED:
        t = topics[name]
        if t["passed"]:
            continue
        if not t["done"]:
            step = max(t["step"], 0)
            return ("lesson", name, step, t["step"] >= step)
        return ("quiz", name)
    return ("sign",)


@dataclass
class Ledger:
    """Everything the driver has ever printed, i.e. every write it was told had committed."""

    answers: dict[tuple[str, int], tuple[str, str, list[str]]] = field(default_factory=dict)
    steps: set[tuple[str, str, int]] = field(default_factory=set)
    starts: dict[str, tuple[str, str]] = field(default_factory=dict)
    signs: dict[str, str] = field(default_factory=dict)
    signins: Counter = field(default_factory=Counter)
    unprinted_answers: set[tuple[str, int]] = field(default_factory=set)

    def take(self, lines: list[str]) -> int:
        printed = 0
        for line in lines:
            kind, *rest = line.split(" ")
            if kind == "answer":
                learner, attempt, position, question, chosen = rest
                key = (attempt, int(position))
                assert key not in self.answers, f"the driver was allowed to answer {key} twice"
                self.answers[key] = (learner, question, chosen.split(","))
                printed += 1
            elif kind == "step":
                self.steps.add((rest[0], rest[1], int(rest[2])))
            elif kind == "start":
                self.starts[rest[1]] = (rest[0], rest[2])
            elif kind == "sign":
                self.signs[rest[1]] = rest[0]
            elif kind == "signin":
                self.signins[rest[0]] += 1
        return printed


def check_resume(lines: list[str], expected: dict[str, tuple]) -> tuple[int, int]:
    """The restarted driver's `next` lines and first actions match what the records said."""
    nexts = [l.split(" ") for l in lines if l.startswith("next ")]
    mid_quiz = mid_lesson = 0
    for _, learner, kind, *rest in nexts:
        want = expected[learner]
        if want[0] == "resume":
            assert (kind, rest[0], int(rest[1])) == want, f"{learner} resumed at {kind} {rest}, records say {want}"
            mid_quiz += 1
        elif want[0] == "lesson":
            assert (kind, rest[0], int(rest[1])) == want[:3], f"{learner} resumed at {kind} {rest}, records say {want}"
            mid_lesson += want[3]
        else:
            assert (kind, *rest) == want, f"{learner} resumed at {kind} {rest}, records say {want}"
        actions = [l.split(" ") for l in lines if l.split(" ")[0] in ("answer", "review", "step", "start", "sign")
                   and l.split(" ")[1] == learner]
        if not actions:
            continue
        first = actions[0]
        if want[0] == "resume":
            assert first[:4] == ["answer", learner, want[1], str(want[2])], f"{learner}: first action {first}, wanted {want}"
        elif want[0] == "lesson":
            verb = "review" if want[3] else "step"
            assert first == [verb, learner, want[1], str(want[2])], f"{learner}: first action {first}, wanted {want}"
        elif want[0] == "quiz":
            assert first[0] == "start" and first[3] == want[1], f"{learner}: first action {first}, wanted {want}"
        else:
            assert first[0] == "sign", f"{learner}: first action {first}, wanted {want}"
    return mid_quiz, mid_lesson


def check_records(db: Path, ledger: Ledger) -> int:
    """Every printed write is stored, exactly once; returns how many answers are stored but unprinted."""
    conn = sqlite3.connect(str(db))
    try:
        table = {
            (a, p): (learner, q, json.loads(chosen), seq)
            for a, p, learner, q, chosen, seq in conn.execute(
                "SELECT attempt_id, position, learner, question_id, chosen, seq FROM answers"
            )
        }
        logged = Counter()
        for seq, learner, payload in conn.execute("SELECT seq, learner, payload FROM events WHERE type = 'attempt.answered'"):
            p = json.loads(payload)
            key = (p["attempt"], p["position"])
            logged[key] += 1
            assert key in table, f"answer event {seq} {key} has no row in answers"
            assert table[key] == (learner, p["question"], sorted(p["chosen"]), seq), f"answers row for {key} differs from event {seq}"
        doubled = {k: n for k, n in logged.items() if n > 1}
        assert not doubled, f"answers logged more than once: {doubled}"
        assert set(logged) == set(table), "answers rows without an event"
        for key, (learner, question, chosen) in ledger.answers.items():
            assert key in table, f"printed answer {key} of {learner} was lost"
            assert table[key][:3] == (learner, question, sorted(chosen)), f"printed answer {key} stored differently"
        viewed = {
            (learner, json.loads(p)["lesson"], json.loads(p)["step"])
            for learner, p in conn.execute("SELECT learner, payload FROM events WHERE type = 'lesson.step_viewed'")
        }
        lost_steps = ledger.steps - viewed
        assert not lost_steps, f"printed lesson steps not stored: {sorted(lost_steps)[:5]}"
        attempts = {r[0]: r for r in conn.execute("SELECT attempt_id, learner, topics, total, finished_at FROM attempts")}
        started = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'attempt.started'").fetchone()[0]
        assert started == len(attempts)
        for attempt, (learner, topic) in ledger.starts.items():
            assert attempt in attempts and attempts[attempt][1] == learner, f"printed quiz start {attempt} lost"
            assert json.loads(attempts[attempt][2]) == [topic]
        answered = Counter(a for a, _ in table)
        for attempt, (_, learner, _, total, finished_at) in attempts.items():
            if finished_at is not None:
                assert answered[attempt] == total, f"finished attempt {attempt} has {answered[attempt]} of {total} answers"
            else:
                assert answered[attempt] < total
        acks = {r[0]: r[1] for r in conn.execute("SELECT ack_id, learner FROM acknowledgments")}
        for ack, learner in ledger.signs.items():
            assert acks.get(ack) == learner, f"printed acknowledgment {ack} of {learner} lost"
        signins = Counter(r[0] for r in conn.execute("SELECT learner FROM events WHERE type = 'learner.signed_in'"))
        for learner, n in ledger.signins.items():
            assert signins[learner] >= n, f"{learner}: {n} sign-ins printed, {signins[learner]} stored"
        return len(set(table) - set(ledger.answers))
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_no_committed_write_and_resumes_where_the_records_say(tmp_path):
    db = tmp_path / "records.db"
    rng = random.Random(SEED)
    ledger = Ledger()
    started = time.monotonic()
    kills = checked_restarts = mid_quiz = mid_lesson = in_flight = printed_answers = 0
    unprinted_before = 0
    cycle = 0
    # At least KILLS kills, and keep going (within a generous bound) until the kills have landed
    # mid-quiz and mid-lesson often enough and enough answers were written: a busy machine
    # needs more cycles, never fails for being slow.
    def enough_seen() -> bool:
        return checked_restarts >= 30 and mid_quiz >= 20 and mid_lesson >= 5 and printed_answers >= 500

    while cycle < KILLS or (not enough_seen() and cycle < 8 * KILLS):
        cycle += 1
        expected = {}
        if db.exists():
            conn = sqlite3.connect(str(db))
            try:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'acknowledgments'").fetchone():
                    expected = {l: expected_next(conn, l) for l in active_learners(conn, ACTIVE)}
            finally:
                conn.close()
        run = run_and_kill(db, SEED + cycle, rng)
        assert run.returncode == -signal.SIGKILL, f"the driver stopped by itself ({run.returncode}):\n{run.stderr}"
        kills += 1
        if expected and any(l.startswith("next ") for l in run.lines):
            q, l = check_resume(run.lines, expected)
            checked_restarts += 1
            mid_quiz += q
            mid_lesson += l
        printed_answers += ledger.take(run.lines)
        if db.exists():
            unprinted = check_records(db, ledger)
            # Only the one write in flight when the kill came can be stored yet unprinted.
            assert unprinted - unprinted_before in (0, 1), f"cycle {cycle}: {unprinted - unprinted_before} unprinted answers"
            in_flight += unprinted - unprinted_before
            unprinted_before = unprinted
            count, problems = walk_chain(db)
            assert problems == [], problems[:5]

    elapsed = time.monotonic() - started
    assert kills >= 50
    # The kills really landed mid-quiz and mid-lesson, and the restarts were checked.
    assert checked_restarts >= 30, checked_restarts
    assert mid_quiz >= 20, mid_quiz
    assert mid_lesson >= 5, mid_lesson
    assert printed_answers >= 500, printed_answers

    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        count, problems = walk_chain(db)
        assert problems == [] and count == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        derived = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in DERIVED_TABLES}
    finally:
        conn.close()
    # The derived tables are exactly what replaying the log gives: no half-applied write survived.
    copy = tmp_path / "rebuilt.db"
    shutil.copy(db, copy)
    from tutor.store.database import connect
    from tutor.store.projections import rebuild

    rebuilt_conn = connect(copy)
    try:
        rebuild(rebuilt_conn)
        for table, rows in derived.items():
            assert sorted(rebuilt_conn.execute(f"SELECT * FROM {table}").fetchall()) == rows, table
    finally:
        rebuilt_conn.close()
    print(f"\n{kills} kills, {printed_answers} answers printed, {in_flight} committed-but-unprinted at a kill, "
          f"{checked_restarts} restarts checked ({mid_quiz} mid-quiz, {mid_lesson} mid-lesson), "
          f"{count} events, {elapsed:.1f}s")


# Acknowledgments are durable the moment they are reported saved ----------------------------------
def test_a_durable_transaction_commits_with_synchronous_full_and_then_restores_normal(records):
    conn = records.db.conn
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL for everyday writes
    with transaction(conn):
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    with transaction(conn, durable=True):
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL while writing
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    with pytest.raises(RuntimeError):
        with transaction(conn, durable=True):
            raise RuntimeError("refused")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1


def _spy_on_writes(records, monkeypatch) -> list[dict]:
    """Record, for each write, the event types, whether it was durable and what PRAGMA synchronous
    read inside the lock (every append goes through EventLog._append)."""
    conn = records.db.conn
    original = records.events._append
    writes: list[dict] = []

    def _append(make, guard, learner, durable):
        write = {"types": [], "durable": durable, "synchronous": None}
        writes.append(write)

        def reading_guard(learner_events):
            write["synchronous"] = conn.execute("PRAGMA synchronous").fetchone()[0]
            if guard is not None:
                guard(learner_events)

        def made():
            events = make()
            write["types"] = [e.type for e in events]
            return events

        return original(made, reading_guard, learner, durable)

    monkeypatch.setattr(records.events, "_append", _append)
    return writes


def test_training_sign_writes_the_acknowledgment_with_synchronous_full(training, records, monkeypatch):
    for topic in ("alpha", "beta"):
        pass_topic(training, topic)
    writes = _spy_on_writes(records, monkeypatch)
    statements: list[str] = []
    conn = records.db.conn
    conn.set_trace_callback(statements.append)
    try:
        receipt = training.sign(training.person.name, confirmed=True)
    finally:
        conn.set_trace_callback(None)
    assert writes == [{"types": ["acknowledgment.signed"], "durable": True, "synchronous": 2}]
    # The COMMIT of the acknowledgment ran between `synchronous = FULL` and the switch back.
    flat = [" ".join(s.split()).upper() for s in statements]
    full = flat.index("PRAGMA SYNCHRONOUS = FULL")
    insert = next(i for i, s in enumerate(flat) if s.startswith("INSERT INTO ACKNOWLEDGMENTS"))
    commit = next(i for i, s in enumerate(flat) if s == "COMMIT" and i > insert)
    normal = next(i for i, s in enumerate(flat) if s == "PRAGMA SYNCHRONOUS = NORMAL" and i > commit)
    assert full < flat.index("BEGIN IMMEDIATE", full) < insert < commit < normal
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert records.db.execute("SELECT ack_id FROM acknowledgments").fetchone()[0] == receipt.ack_id


def test_a_refused_acknowledgment_also_restores_normal_synchronous(training, records, monkeypatch):
    from tutor.service.training import TrainingRefused

    writes = _spy_on_writes(records, monkeypatch)
    with pytest.raises(TrainingRefused):
        training.sign(training.person.name, confirmed=True)
    assert writes[0]["durable"] is True and writes[0]["synchronous"] == 2
    assert records.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 1


def test_answers_and_lesson_steps_use_normal_synchronous(training, records, monkeypatch):
    writes = _spy_on_writes(records, monkeypatch)
    pass_topic(training, "alpha")
    assert writes and all(not w["durable"] and w["synchronous"] == 1 for w in writes)
