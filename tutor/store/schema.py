"""The records schema and its forward migrations. Each entry moves the database up one version."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the event log (append-only, hash-chained), the tables derived from it, roster and settings.
    """
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        type TEXT NOT NULL,
        learner TEXT,
        identity TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX events_by_learner ON events(learner, seq);
    CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed'); END;
    CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;

    CREATE TABLE attempts (
        attempt_id TEXT PRIMARY KEY,
        learner TEXT NOT NULL,
        district TEXT NOT NULL,
        kind TEXT NOT NULL,
        topics TEXT NOT NULL,
        questions TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        total INTEGER NOT NULL,
        correct INTEGER,
        score REAL,
        passed INTEGER,
        duration_s REAL,
        topic_results TEXT,
        content_revision TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        started_seq INTEGER NOT NULL REFERENCES events(seq),
        finished_seq INTEGER REFERENCES events(seq)
    );
    CREATE INDEX attempts_by_learner ON attempts(learner, started_at);

    CREATE TABLE answers (
        attempt_id TEXT NOT NULL REFERENCES attempts(attempt_id),
        position INTEGER NOT NULL,
        learner TEXT NOT NULL,
        question_id TEXT NOT NULL,
        chosen TEXT NOT NULL,
        correct INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES events(seq),
        PRIMARY KEY (attempt_id, position)
    );
    CREATE INDEX answers_by_question ON answers(question_id);

    CREATE TABLE acknowledgments (
        ack_id TEXT PRIMARY KEY,
        learner TEXT NOT NULL,
        district TEXT NOT NULL,
        name TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        content_revision TEXT NOT NULL,
        scores TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES events(seq),
        event_hash TEXT NOT NULL
    );
    CREATE INDEX acknowledgments_by_learner ON acknowledgments(learner, signed_at);

    CREATE TABLE people (
        employee_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        school TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        hire_date TEXT,
        end_date TEXT,
        district TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        on_roster INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE credentials (
        employee_id TEXT PRIMARY KEY REFERENCES people(employee_id),
        pin_hash TEXT NOT NULL,
        set_at TEXT NOT NULL
    );

    CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        employee_id TEXT NOT NULL REFERENCES people(employee_id),
        issued_at TEXT NOT NULL,
        used_at TEXT
    );

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE failed_logins (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX failed_logins_by_subject ON failed_logins(subject, at);
    """,
    # 2: indexes for the trainer's status report over thousands of staff.
    """
    CREATE INDEX attempts_by_learner_finished ON attempts(learner, finished_seq);
    CREATE INDEX acknowledgments_by_learner_seq ON acknowledgments(learner, seq);
    """,
    # 3: each learner's standing in one row, and each topic passed, so the status report reads
    # one row per person instead of searching their events. Filled from what is already recorded.
    # And an index of lesson completions, which the exports list.
    """
    CREATE INDEX events_lesson_completions ON events(ts) WHERE type = 'lesson.completed';

    CREATE TABLE topic_passes (
        attempt_id TEXT NOT NULL REFERENCES attempts(attempt_id),
        topic TEXT NOT NULL,
        learner TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        started_seq INTEGER NOT NULL REFERENCES events(seq),
        finished_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, topic)
    );
    -- Covering: the report reads a learner's passes of this cycle from the index alone.
    CREATE INDEX topic_passes_by_learner ON topic_passes(learner, started_seq, policy_version, finished_at, topic);
    -- A passed quiz passes its topic; a test-out passes each topic whose share it passed.
    INSERT INTO topic_passes (attempt_id, topic, learner, policy_version, started_seq, finished_at)
        SELECT attempt_id, json_extract(topics, '$[0]'), learner, policy_version, started_seq, finished_at
        FROM attempts WHERE kind = 'quiz' AND finished_seq IS NOT NULL AND passed AND json_array_length(topics) > 0;
    INSERT INTO topic_passes (attempt_id, topic, learner, policy_version, started_seq, finished_at)
        SELECT a.attempt_id, j.key, a.learner, a.policy_version, a.started_seq, a.finished_at
        FROM attempts a, json_each(a.topic_results) j
        WHERE a.kind = 'testout' AND a.finished_seq IS NOT NULL AND json_extract(j.value, '$.passed');

    CREATE TABLE standings (
        learner TEXT PRIMARY KEY,
        ack_seq INTEGER NOT NULL DEFAULT 0,
        signed_at TEXT,
        valid_until TEXT,
        policy_version TEXT,
        activity_seq INTEGER NOT NULL DEFAULT 0,
        last_attempt_seq INTEGER NOT NULL DEFAULT 0,
        last_score REAL,
        last_attempt_at TEXT
    ) WITHOUT ROWID;
    INSERT INTO standings (learner, activity_seq)
        SELECT learner, MAX(seq) FROM events
        WHERE learner IS NOT NULL AND type IN ('lesson.step_viewed', 'lesson.completed', 'attempt.started')
        GROUP BY learner;
    INSERT INTO standings (learner, ack_seq, signed_at, valid_until, policy_version)
        SELECT learner, seq, signed_at, valid_until, policy_version FROM acknowledgments k
        WHERE seq = (SELECT MAX(seq) FROM acknowledgments l WHERE l.learner = k.learner)
        ON CONFLICT (learner) DO UPDATE SET ack_seq = excluded.ack_seq, signed_at = excluded.signed_at,
            valid_until = excluded.valid_until, policy_version = excluded.policy_version;
    INSERT INTO standings (learner, last_attempt_seq, last_score, last_attempt_at)
        SELECT learner, finished_seq, score, finished_at FROM attempts a
        WHERE finished_seq = (SELECT MAX(finished_seq) FROM attempts b WHERE b.learner = a.learner)
        ON CONFLICT (learner) DO UPDATE SET last_attempt_seq = excluded.last_attempt_seq,
            last_score = excluded.last_score, last_attempt_at = excluded.last_attempt_at;
    """,
    # 4: the rules a trainer approved for these records (from `content.approved` events), and the
    # signatures of a sealing key kept outside the database, one per event once sealing is set up.
    """
    CREATE TABLE approved_rules (
        district TEXT NOT NULL,
        digest TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES events(seq),
        approved_at TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (district, digest)
    );

    CREATE TABLE seals (
        seq INTEGER PRIMARY KEY REFERENCES events(seq),
        signature TEXT NOT NULL
    );
    CREATE TRIGGER seals_are_never_updated BEFORE UPDATE ON seals
        BEGIN SELECT RAISE(ABORT, 'seals cannot be changed'); END;
    INSERT OR IGNORE INTO approved_rules (district, digest, seq, approved_at, source)
        SELECT json_extract(payload, '$.district'), json_extract(payload, '$.rules_digest'), seq, ts, identity
        FROM events WHERE type = 'content.approved' ORDER BY seq;
    """,
    # 5: how far each Learning Record Store has been sent statements: the last event whose
    # statements it is known to have stored, per statements endpoint (`tutor export --to`).
    """
    CREATE TABLE IF NOT EXISTS lrs_cursors (
        endpoint TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        statements INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    """,
    # 6: records a trainer voided (`tutor void`), from `record.voided` events: the record stays in
    # the log and the exports, and the status report, the certificate and the question statistics
    # leave it out.
    """
    CREATE TABLE voids (
        record TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        learner TEXT NOT NULL,
        reason TEXT NOT NULL,
        voided_at TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES events(seq)
    );
    """,
]

LATEST_VERSION = len(MIGRATIONS)
