"""A training engine that can be killed at any moment: the subject of tests/test_crash_safety.py.

Run as ``python -m tests.crash_driver DB SEED [ACTIVE]``. It works through lessons and quizzes
for ACTIVE learners at a time (``L0000``, ``L0001``, ...; the first ACTIVE not yet certified),
through the service layer only, round-robin, for ever (or for MAX_SECONDS). Each line it prints
is written and flushed *after* the call that made the write has returned, so every line printed
is a committed write:

    ready
    next <learner> resume <attempt> <position>   # what training.next_step() says at start-up,
    next <learner> lesson <lesson> <step>        # before anything is written
    next <learner> quiz <topic>
    next <learner> sign
    signin <learner>
    review <learner> <lesson> <step>             # a step already saved, shown again (no write)
    step <learner> <lesson> <step>
    start <learner> <attempt> <topic>
    answer <learner> <attempt> <position> <question> <chosen,ids>
    sign <learner> <ack id>

It also holds `walk_chain`, the hash-chain check the crash and concurrency tests share.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from pathlib import Path

MAX_SECONDS = 300.0  # a driver whose parent died does not run for ever


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def learner_id(n: int) -> str:
    return f"L{n:04d}"


def active_learners(conn: sqlite3.Connection, count: int) -> list[str]:
    """The first `count` learner ids with no acknowledgment yet (the parent computes the same)."""
    certified = {row[0] for row in conn.execute("SELECT DISTINCT learner FROM acknowledgments")}
    out: list[str] = []
    n = 0
    while len(out) < count:
        if learner_id(n) not in certified:
            out.append(learner_id(n))
        n += 1
    return out


def describe(learner: str, step) -> str:
    from tutor.domain import path

    if step.kind == path.RESUME:
        return f"next {learner} resume {step.attempt.id} {step.attempt.next_position}"
    if step.kind == path.LESSON:
        return f"next {learner} lesson {step.lesson_id} {step.step}"
    if step.kind == path.QUIZ:
        return f"next {learner} quiz {step.topic}"
    return f"next {learner} {step.kind}"


def main(argv: list[str]) -> int:
    db, seed = argv[0], int(argv[1])
    active_count = int(argv[2]) if len(argv) > 2 else 3
    deadline = time.monotonic() + MAX_SECONDS

    from tests.factories import make_content
    from tutor.domain import events as ev
    from tutor.domain import path
    from tutor.domain.clock import SystemClock
    from tutor.service.training import Training
    from tutor.store.people import Person
    from tutor.store.records import Records

    rng = random.Random(seed)
    content = make_content()
    clock = SystemClock()
    records = Records(db, clock)
    from tests.factories import approve_test_content

    approve_test_content(records, content)
    emit("ready")

    trainings: dict[str, Training] = {}

    def training_for(learner: str) -> Training:
        if learner not in trainings:
            person = records.people.add_if_missing(Person(learner, f"Learner {learner}", district="tst"))
            trainings[learner] = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, rng)
        return trainings[learner]

    current = active_learners(records.db.conn, active_count)
    # Where each learner stands, before anything is written.
    for learner in current:
        emit(describe(learner, training_for(learner).next_step()))
    for learner in current:
        training_for(learner).sign_in()
        emit(f"signin {learner}")

    turn = 0
    while time.monotonic() < deadline:
        learner = current[turn % len(current)]
        turn += 1
        training = training_for(learner)
        progress = training.progress()
        step = training.next_step(progress)
        if step.kind == path.RESUME:
            attempt = step.attempt
            position = attempt.next_position
            question = training.question(attempt.questions[position].id)
            if rng.random() < 0.75:
                chosen = question.answer
            else:
                chosen = frozenset({next(c for c in attempt.questions[position].choices if c not in question.answer)})
            training.answer(attempt.id, position, chosen)
            emit(f"answer {learner} {attempt.id} {position} {question.id} {','.join(sorted(chosen))}")
        elif step.kind == path.LESSON:
            number = step.step
            if progress.topics[step.topic].step_reached >= number:
                training.view_step(step.lesson_id, number)  # already saved: writes nothing
                emit(f"review {learner} {step.lesson_id} {number}")
                number += 1
            training.view_step(step.lesson_id, number)
            emit(f"step {learner} {step.lesson_id} {number}")
        elif step.kind == path.QUIZ:
            attempt = training.start_quiz(step.topic)
            emit(f"start {learner} {attempt.id} {step.topic}")
        elif step.kind == path.SIGN:
            receipt = training.sign(training.person.name, confirmed=True)
            emit(f"sign {learner} {receipt.ack_id}")
        else:  # certified: bring in the next learner
            current = active_learners(records.db.conn, active_count)
    return 0


# The hash chain, walked without the product's own verifier ----------------------------------------
def walk_chain(db_path: str | Path) -> tuple[int, list[str]]:
    """Recompute every event's hash in seq order and check each link; (events, problems)."""
    from tutor.domain.events import GENESIS_HASH, event_hash

    conn = sqlite3.connect(str(db_path))
    try:
        problems: list[str] = []
        previous_hash, expected_seq, count = GENESIS_HASH, 1, 0
        rows = conn.execute(
            "SELECT seq, ts, type, learner, identity, payload, prev_hash, hash FROM events ORDER BY seq"
        )
        for seq, ts, type_, learner, identity, payload, prev_hash, digest in rows:
            count += 1
            if seq != expected_seq:
                problems.append(f"seq {seq} follows {expected_seq - 1}")
            if prev_hash != previous_hash:
                problems.append(f"event {seq} links to {prev_hash[:12]}, not to the previous event's hash")
            if event_hash(seq, ts, type_, learner, identity, payload, prev_hash) != digest:
                problems.append(f"event {seq} does not match its hash")
            try:
                json.loads(payload)
            except ValueError:
                problems.append(f"event {seq} payload is not JSON")
            previous_hash, expected_seq = digest, seq + 1
        return count, problems
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
