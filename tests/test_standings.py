"""Each learner's standing (the row the status report reads) stays in step with their events.

Random histories of lessons, quizzes, test-outs, signatures, corrections, policy changes and the
passing of time are played through the training service; at every checkpoint the report must give each
person exactly the status the app shows them, and the standings kept event by event must equal
what replaying the log, or upgrading an older database, produces.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import date

import pytest

from tests.test_training import answer_all, finish_lesson
from tutor.domain import events as ev
from tutor.service.reports import status_report
from tutor.service.training import Training, TrainingRefused
from tutor.store.projections import DERIVED_TABLES, rebuild
from tutor.store.people import Person
from tutor.store.records import Records

PEOPLE = [
    Person("S1", "Ana Pérez", hire_date=date(2026, 8, 25), district="tst", on_roster=True),
    Person("S2", "Bo Chen", hire_date=date(2026, 6, 1), district="tst", on_roster=True),
    Person("S3", "Cy Diaz", hire_date=date(2020, 1, 1), district="tst", on_roster=True),
    Person("S4", "Di Evans", hire_date=date(2025, 3, 1), end_date=date(2027, 1, 15), district="tst", on_roster=True),
]


def act(training: Training, rng: random.Random, records: Records, clock, corrections: bool = True) -> None:
    """One thing a learner (or the passing of time, or a trainer) might do; refusals are fine.

    Without `corrections`, no record is voided: as in databases from before corrections existed."""
    choice = rng.choice(["step", "lesson", "quiz", "study", "study", "study", "testout", "sign", "sign", "time", "policy",
                         "void"])
    progress = training.progress()
    topic = rng.choice(sorted(progress.topics))
    if choice == "step":
        lesson = progress.topics[topic].lesson
        training.view_step(lesson.id, rng.randrange(len(lesson.steps_for(training.district.id))))
    elif choice == "lesson":
        finish_lesson(training, topic)
    elif choice in ("quiz", "study"):
        if choice == "study":
            finish_lesson(training, topic)
        attempt = progress.open_attempt or training.start_quiz(topic)
        answer_all(training, attempt, right=rng.choice([None, None, 2]))
    elif choice == "testout":
        attempt = progress.open_attempt or training.start_testout()
        answer_all(training, attempt, right=rng.choice([None, 3, len(attempt.questions) - 1]))
    elif choice == "sign":
        training.sign(training.person.name, confirmed=True)
    elif choice == "time":
        clock.advance(days=rng.choice([1, 20, 45, 120, 300]))
    elif choice == "policy" and rng.random() < 0.3:
        records.settings.set("acknowledgment.tst", f"I have read the policy, revision {rng.randrange(3)}.")
    elif choice == "void" and corrections and rng.random() < 0.4:
        void_one(training.person, rng, records)


def void_one(person: Person, rng: random.Random, records: Records) -> bool:
    """A trainer voids one of the person's records: a finished attempt, a signature or a lesson."""
    from tutor.domain.corrections import voidable
    from tutor.domain.progress import record_of
    from tutor.service.corrections import void_record
    from tutor.service.trainer_auth import has_passphrase, set_passphrase

    history = records.events.for_learner(person.employee_id)
    candidates = sorted({r for e in history if (r := record_of(e)) and voidable(history, r)[1] is None})
    if not candidates:
        return False
    if not has_passphrase(records):
        set_passphrase(records, "trainer passphrase")
    void_record(records, rng.choice(candidates), "a correction", "trainer passphrase")
    return True


def table(conn: sqlite3.Connection, name: str) -> list:
    return sorted(conn.execute(f"SELECT * FROM {name}").fetchall())


@pytest.mark.parametrize("seed", range(6))
def test_the_report_gives_everyone_the_status_the_app_shows_through_a_random_history(
    seed, records, content, clock
):
    rng = random.Random(seed)
    records.people.upsert_many(PEOPLE)
    # A fresh Training per action, as each sign-in makes one (it reads the policy version once).
    training = lambda p: Training(records, content, p, "tst", ev.IDENTITY_PIN, clock, random.Random(rng.random()))
    seen = set()
    for turn in range(90):
        try:
            act(training(rng.choice(PEOPLE)), rng, records, clock)
        except TrainingRefused:
            pass
        if turn == 84:  # at least one correction in every history
            any(void_one(p, rng, records) for p in PEOPLE)
        if turn % 6 == 5:
            rows = {r.employee_id: r for r in status_report(records, content, clock)}
            for p in PEOPLE:
                eid, shown = p.employee_id, training(p).status()
                assert rows[eid].label == shown.label(), (seed, turn, eid)
                assert rows[eid].valid_until == (shown.valid_until.isoformat() if shown.valid_until else "")
                seen.add(shown.state)
    assert len(seen) >= 3, seen  # the histories reach several different statuses
    assert records.conn.execute("SELECT COUNT(*) FROM voids").fetchone()[0] >= 1  # and corrections

    # What was kept event by event is exactly what a replay of the log gives.
    conn = records.db.conn
    kept = {name: table(conn, name) for name in DERIVED_TABLES}
    rebuild(conn)
    assert {name: table(conn, name) for name in DERIVED_TABLES} == kept


def test_upgrading_a_database_from_before_standings_fills_them_from_its_records(tmp_path, content, clock):
    path = tmp_path / "records.db"
    records = Records(path, clock)
    records.people.upsert_many(PEOPLE)
    rng = random.Random(11)
    for _ in range(120):
        try:
            act(Training(records, content, rng.choice(PEOPLE), "tst", ev.IDENTITY_PIN, clock, random.Random(rng.random())),
                rng, records, clock, corrections=False)
        except TrainingRefused:
            pass
    kept = {name: table(records.db.conn, name) for name in ("standings", "topic_passes", "approved_rules")}
    report = [r.as_dict() for r in status_report(records, content, clock)]
    records.close()
    assert kept["standings"] and kept["topic_passes"]

    # The same records as a version-2 database: no standings yet.
    old = tmp_path / "old.db"
    shutil.copy(path, old)
    conn = sqlite3.connect(old)
    conn.executescript(
        "DROP TABLE standings; DROP TABLE topic_passes; DROP INDEX events_lesson_completions;"
        " DROP TABLE approved_rules; DROP TABLE seals; DROP TABLE voids;"
        " DELETE FROM schema_version WHERE version >= 3;"
    )
    conn.close()

    upgraded = Records(old, clock)
    try:
        assert {name: table(upgraded.db.conn, name) for name in kept} == kept
        assert [r.as_dict() for r in status_report(upgraded, content, clock)] == report
    finally:
        upgraded.close()
