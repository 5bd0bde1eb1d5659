"""The records database under bad conditions: a clear message, nothing lost, nothing changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat

import pytest
from click.testing import CliRunner

from tests.test_training import certify, finish_lesson
from tutor.cli.main import cli
from tutor.store import schema
from tutor.store.database import NewerSchemaError, StoreError
from tutor.store.records import Records


def digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_a_newer_database_is_left_byte_for_byte_untouched(tmp_path):
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
                       f"INSERT INTO schema_version VALUES ({len(schema.MIGRATIONS) + 1}, 'later');"
                       "CREATE TABLE events (seq INTEGER PRIMARY KEY);")
    conn.close()
    before = digest(path)
    listing = sorted(os.listdir(tmp_path))
    with pytest.raises(NewerSchemaError, match="has not been changed"):
        Records(path)
    result = CliRunner().invoke(cli, ["report", "--db", str(path)])
    assert result.exit_code == 1 and "newer tutor" in result.output
    result = CliRunner().invoke(cli, ["verify", "--db", str(path)])
    assert result.exit_code == 1 and "newer tutor" in result.output
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal or -shm left beside it either


def test_verify_works_on_a_read_only_copy_in_a_read_only_folder(records, training, tmp_path):
    certify(training)
    records.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = tmp_path / "evidence"
    folder.mkdir()
    shutil.copy(tmp_path / "records.db", folder / "records.db")
    os.chmod(folder / "records.db", stat.S_IRUSR)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        before = digest(folder / "records.db")
        result = CliRunner().invoke(cli, ["verify", "--db", str(folder / "records.db")])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("OK:")
        assert digest(folder / "records.db") == before
        assert sorted(os.listdir(folder)) == ["records.db"]
    finally:
        os.chmod(folder, stat.S_IRWXU)


def test_verify_on_a_mistyped_path_creates_nothing(tmp_path):
    missing = tmp_path / "no" / "such" / "records.db"
    result = CliRunner().invoke(cli, ["verify", "--db", str(missing)])
    assert result.exit_code == 1 and "there is no records database" in result.output
    assert not (tmp_path / "no").exists()


def test_a_full_disk_saves_nothing_and_says_so(records, training):
    finish_lesson(training, "alpha")
    before = records.events.count()
    attempt = training.start_quiz("alpha")
    page_size = records.conn.execute("PRAGMA page_size").fetchone()[0]
    pages = records.conn.execute("PRAGMA page_count").fetchone()[0]
    records.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
    # Fill the last free pages so the next write must grow the file.
    with pytest.raises(StoreError, match="disk holding the records is full"):
        for _ in range(200):
            training.sign_in()
    records.conn.execute(f"PRAGMA max_page_count = {2**30}")
    count = records.events.count()
    assert count >= before + 1  # the attempt, and any sign-ins that fitted, are kept
    # The refused write left no half: the chain and the tables still agree.
    result = CliRunner().invoke(cli, ["verify", "--db", records.conn.execute("PRAGMA database_list").fetchone()[2]])
    assert result.exit_code == 0, result.output
    assert page_size > 0 and attempt.id


def test_a_damaged_schema_gets_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "damaged.db"
    Records(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE TABLE events (seq INTEGER PRIMARY KEY' WHERE name = 'events'")
    conn.commit()
    conn.close()
    for command in (["verify"], ["report"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(path)])
        assert result.exit_code == 1, command
        assert "Traceback" not in result.output and "damaged" in result.output or "not a tutor records database" in result.output
