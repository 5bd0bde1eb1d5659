"""A computer lab: many tutor processes recording answers into one database at the same moment.

Fourteen processes (multiprocessing "spawn", so each has its own interpreter and connection)
start together at a barrier: ten each train their own learners, and two pairs each drive the
same learners from two windows at once, racing on every quiz answer, quiz start and signature.
No process may see an error (in particular no "database is locked"), every answer a process
was told it recorded must be in the table exactly once, no answer may be stored that no
process recorded, and the hash chain must still verify.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
import traceback
from collections import Counter
from datetime import date


from tests.crash_driver import walk_chain

SOLO_WORKERS = 10
PAIRS = 2
LEARNERS_PER_WORKER = 4
WRONG_RATE = 0.3


def lab_worker(db: str, worker: str, learners: list[str], seed: int, barrier, results) -> None:
    """Train `learners` one after another; report every answer recorded and every refusal or error."""
    report = {"worker": worker, "answers": [], "refused": Counter(), "errors": [], "signed": 0, "seconds": 0.0}
    try:
        import random

        from tests.factories import make_content
        from tutor.domain import events as ev
        from tutor.domain import path
        from tutor.domain.clock import SystemClock
        from tutor.service.training import Training, TrainingRefused
        from tutor.store.records import Records

        rng = random.Random(seed)
        content = make_content()
        clock = SystemClock()
        records = Records(db, clock)
        from tests.factories import approve_test_content

        approve_test_content(records, content)
        barrier.wait(timeout=120)
        started = time.monotonic()
        for learner in learners:
            training = Training(records, content, records.people.get(learner), "tst", ev.IDENTITY_PIN, clock, rng)
            training.sign_in()
            for _ in range(400):
                try:
                    step = training.next_step()
                    if step.kind == path.RESUME:
                        attempt, position = step.attempt, step.attempt.next_position
                        drawn = attempt.questions[position]
                        question = training.question(drawn.id)
                        chosen = question.answer
                        if rng.random() < WRONG_RATE:
                            chosen = frozenset({next(c for c in drawn.choices if c not in question.answer)})
                        training.answer(attempt.id, position, chosen)
                        report["answers"].append((attempt.id, position, learner))
                    elif step.kind == path.LESSON:
                        steps = len(training.content.lessons[step.lesson_id].steps_for("tst"))
                        for number in range(step.step, steps):
                            training.view_step(step.lesson_id, number)
                    elif step.kind == path.QUIZ:
                        training.start_quiz(step.topic)
                    elif step.kind == path.SIGN:
                        training.sign(training.person.name, confirmed=True)
                        report["signed"] += 1
                    else:
                        break
                except TrainingRefused as exc:
                    # The other window got there first: the guard refused, nothing was written.
                    report["refused"][str(exc).split(";")[0][:60]] += 1
                except Exception:  # noqa: BLE001 - every other exception is a failure to report
                    report["errors"].append(traceback.format_exc())
        report["seconds"] = time.monotonic() - started
        records.close()
    except Exception:  # noqa: BLE001
        report["errors"].append(traceback.format_exc())
    results.put(report)


def test_fourteen_processes_record_answers_at_once_without_errors_or_lost_rows(tmp_path):
    from tutor.domain.clock import SystemClock
    from tutor.store.people import Person
    from tutor.store.records import Records

    db = tmp_path / "lab.db"
    plan: list[tuple[str, list[str]]] = []
    for w in range(SOLO_WORKERS):
        plan.append((f"solo{w}", [f"S{w}-{i}" for i in range(LEARNERS_PER_WORKER)]))
    for p in range(PAIRS):
        shared = [f"P{p}-{i}" for i in range(LEARNERS_PER_WORKER)]
        plan += [(f"pair{p}a", shared), (f"pair{p}b", shared)]
    # The trainer imported the roster before the lab opened (so the database exists, in WAL mode).
    records = Records(db, SystemClock())
    everyone = sorted({l for _, ls in plan for l in ls})
    records.people.upsert_many([Person(l, f"Learner {l}", hire_date=date(2026, 8, 25), district="tst", on_roster=True)
                                for l in everyone])
    records.close()

    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(plan))
    results = ctx.Queue()
    processes = [
        ctx.Process(target=lab_worker, args=(str(db), name, learners, 1000 + i, barrier, results), name=name)
        for i, (name, learners) in enumerate(plan)
    ]
    started = time.monotonic()
    for p in processes:
        p.start()
    reports = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=90))
    finally:
        for p in processes:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    elapsed = time.monotonic() - started
    assert len(processes) >= 10

    errors = [(r["worker"], e) for r in reports for e in r["errors"]]
    assert errors == [], "\n".join(f"{w}:\n{e}" for w, e in errors[:3])
    assert not any("locked" in e for _, e in errors)

    conn = sqlite3.connect(str(db))
    try:
        rows = conn.execute("SELECT attempt_id, position, learner FROM answers").fetchall()
        logged = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'attempt.answered'").fetchone()[0]
        acks = dict(conn.execute("SELECT learner, COUNT(*) FROM acknowledgments GROUP BY learner").fetchall())
        open_attempts = dict(
            conn.execute("SELECT learner, COUNT(*) FROM attempts WHERE finished_at IS NULL GROUP BY learner").fetchall()
        )
        unfinished = conn.execute(
            "SELECT a.attempt_id, a.total, COUNT(w.position) FROM attempts a LEFT JOIN answers w USING (attempt_id)"
            " WHERE a.finished_at IS NOT NULL GROUP BY a.attempt_id HAVING COUNT(w.position) != a.total"
        ).fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()

    reported = [tuple(a) for r in reports for a in r["answers"]]
    # Zero lost rows and zero phantom rows: the table holds exactly what the processes reported.
    assert len(rows) == len(reported) == logged
    assert Counter(rows) == Counter(reported)
    assert len(set(reported)) == len(reported), "two processes were both told they recorded the same answer"
    assert unfinished == []
    # Everyone finished and signed exactly once, even learners trained from two windows at once.
    assert acks == {l: 1 for l in everyone}
    assert open_attempts == {}
    # The pairs really raced: their guards refused writes the other window had made.
    refused = sum(sum(r["refused"].values()) for r in reports if r["worker"].startswith("pair"))
    assert refused > 0
    assert all(not r["refused"] for r in reports if r["worker"].startswith("solo"))

    count, problems = walk_chain(db)
    assert problems == [] and count > len(rows)
    print(f"\n{len(processes)} processes, {len(rows)} answers, {count} events, {refused} guarded refusals "
          f"in the pairs, {elapsed:.1f}s")


# Regression: a brand-new database opened by many processes at once
def test_opening_a_new_database_waits_for_another_process_instead_of_failing(tmp_path):
    from tutor.store.database import connect

    path = tmp_path / "new.db"
    # Another tutor has just created the file and is writing to it (not yet switched to WAL).
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE first_table (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO first_table VALUES (1)")
    released = threading.Event()

    def release() -> None:
        time.sleep(0.5)
        other.execute("COMMIT")
        released.set()

    threading.Thread(target=release, daemon=True).start()
    try:
        conn = connect(path)  # BUSY_TIMEOUT_MS is 30 s: it should wait half a second, then succeed
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
    finally:
        released.wait(5)
        other.close()
