"""Outputs never destroy records (issue 16): every --out is private, atomic, never the database,
never over an existing file without --force; commands that read records never create a database."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from tests.test_training import certify
from tutor.cli.main import cli
from tutor.service.private_files import (
    OutputRefused, StagedOutput, create_private_database_file, unused_name, write_output,
)

pytestmark = pytest.mark.usefixtures("cli_uses_the_test_content")

# Every command that takes --out, with the arguments it needs (the signed learner is E100).
OUT_COMMANDS = {
    "report": ["report", "--format", "csv"],
    "report questions": ["report", "questions"],
    "report person": ["report", "person", "E100"],
    "export csv": ["export", "--format", "csv"],
    "export json": ["export", "--format", "json"],
    "export xapi": ["export", "--format", "xapi"],
    "export xlsx": ["export", "--format", "xlsx"],
    "roster codes": ["roster", "codes"],
    "certificate": ["certificate", "E100"],
}


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def signed(records, training, db):
    """A database with one learner who trained and signed, and one roster member without a code."""
    from datetime import date

    from tutor.store.people import Person

    certify(training)
    records.people.upsert_many([Person("E200", "Bo Chen", hire_date=date(2026, 8, 30), district="tst",
                                       on_roster=True)])
    return db


def intact(db: str) -> tuple[int, int]:
    """The records still open, their chain verifies, and (events, people) are as many as before."""
    from tutor.domain.chain import verify_chain
    from tutor.store.records import Records

    records = Records(db)
    try:
        report = verify_chain(records.events.all())
        assert not report.problems, report.problems
        return records.events.count(), len(records.people.all())
    finally:
        records.close()


@pytest.mark.parametrize("command", OUT_COMMANDS)
@pytest.mark.parametrize("target", ["", "-wal", "-shm"])
def test_out_pointed_at_the_database_is_refused_and_the_records_are_kept(signed, command, target):
    before = intact(signed)
    result = run(*OUT_COMMANDS[command], "--db", signed, "--out", signed + target, "--force")
    assert result.exit_code == 1, result.output
    assert "is the records database" in result.stderr and "Traceback" not in result.output
    assert intact(signed) == before
    assert run("verify", "--db", signed).exit_code == 0


@pytest.mark.parametrize("command", ["report", "export csv", "roster codes"])
def test_out_reaching_the_database_by_another_name_is_refused(signed, tmp_path, command):
    """A symbolic link or a hard link to the database is the database: compared by resolved path and inode."""
    symlink = tmp_path / "looks-harmless.csv"
    symlink.symlink_to(signed)
    hardlink = tmp_path / "also-harmless.csv"
    os.link(signed, hardlink)
    before = intact(signed)
    for target in (symlink, hardlink, tmp_path / "." / os.path.basename(signed)):
        result = run(*OUT_COMMANDS[command], "--db", signed, "--out", target, "--force")
        assert result.exit_code == 1 and "is the records database" in result.stderr, (target, result.output)
    assert intact(signed) == before


@pytest.mark.parametrize("command", OUT_COMMANDS)
def test_outputs_are_private_and_never_replace_a_file_without_force(signed, tmp_path, command):
    out = tmp_path / "out.txt"
    first = run(*OUT_COMMANDS[command], "--db", signed, "--out", out)
    assert first.exit_code == 0, first.output
    assert mode_of(out) == 0o600
    written = out.read_bytes()
    assert written
    out.write_bytes(b"the trainer's earlier file")
    again = run(*OUT_COMMANDS[command], "--db", signed, "--out", out)
    assert again.exit_code == 1 and "already exists" in again.stderr and "--force" in again.stderr
    assert out.read_bytes() == b"the trainer's earlier file"
    os.chmod(out, 0o644)
    reissue = ["--reissue"] if command == "roster codes" else []  # the codes of the first run are still unused
    forced = run(*OUT_COMMANDS[command], *reissue, "--db", signed, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"the trainer's earlier file" and mode_of(out) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.txt")] == []  # no temporary left


# Reading commands never create a database ---------------------------------------------------------

READING_COMMANDS = [
    ["report"], ["report", "questions"], ["report", "person", "E1"], ["export"], ["export", "--format", "json"],
    ["certificate", "E1", "--out", "{tmp}/c.html"], ["verify"], ["roster", "codes"], ["roster", "reset", "E1"],
    ["settings", "show"], ["settings", "unset", "district"],
]


@pytest.mark.parametrize("args", READING_COMMANDS, ids=" ".join)
def test_a_mistyped_database_path_is_refused_and_nothing_is_created(tmp_path, args):
    """Issue 16: `verify --db` on a typo created folders and an empty database and said "OK: 0 events"."""
    typo = tmp_path / "recrods" / "tutor.db"
    result = run(*[a.format(tmp=tmp_path) for a in args], "--db", typo)
    assert result.exit_code == 1, result.output
    assert f"there is no records database at {typo}" in result.stderr
    assert "OK" not in result.output and "Traceback" not in result.output
    assert not typo.parent.exists()


def test_tutor_db_pointing_nowhere_is_refused_too(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DB", str(tmp_path / "nowhere.db"))
    result = run("verify")
    assert result.exit_code == 1 and "there is no records database" in result.stderr
    assert not (tmp_path / "nowhere.db").exists()


def test_a_folder_given_as_the_database_is_refused(tmp_path):
    result = run("report", "--db", tmp_path)
    assert result.exit_code == 1 and "a folder, not a records database" in result.stderr


# Commands that create records create the database privately ---------------------------------------

def test_the_default_database_is_created_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("TUTOR_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from tutor.store.database import default_db_path

    path = default_db_path()
    assert str(path).startswith(str(tmp_path))
    result = run("settings", "set", "district", "tst")
    assert result.exit_code == 0, result.output
    assert mode_of(path) == 0o600
    for companion in ("-wal", "-shm"):
        if os.path.exists(f"{path}{companion}"):
            assert mode_of(f"{path}{companion}") == 0o600, companion


def test_roster_import_and_set_passphrase_create_a_private_database(tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("employee_id,name,email,school,role,hire_date,district\n1,Ana,,,,2026-08-20,tst\n")
    imported = tmp_path / "imported.db"
    assert run("roster", "import", staff, "--db", imported).exit_code == 0
    assert mode_of(imported) == 0o600 and mode_of(f"{imported}-wal") == 0o600
    trainer = tmp_path / "trainer.db"
    result = run("trainer", "set-passphrase", "--db", trainer, input="long enough pass\nlong enough pass\n")
    assert result.exit_code == 0, result.output
    assert mode_of(trainer) == 0o600


def test_the_app_creates_its_database_privately_before_opening_it(tmp_path, monkeypatch):
    from tutor.cli import run_app as run_app_module

    opened = []

    class FakeApp:
        def run(self):
            opened.append(True)

    def fake_make_app(db_path, content_dir, trainer):
        assert mode_of(db_path) == 0o600  # already there, private, before the app touches it
        return FakeApp()

    monkeypatch.setattr("tutor.ui.app.make_app", fake_make_app)
    path = tmp_path / "new" / "tutor.db"
    run_app_module.run_app(str(path), None)
    assert opened and mode_of(path) == 0o600


# The helper itself ---------------------------------------------------------------------------------

def test_a_file_that_appears_while_the_output_is_made_is_not_overwritten(tmp_path):
    target = tmp_path / "report.csv"
    staged = StagedOutput(target)
    staged.write("new\n")
    target.write_text("someone else's file")
    with pytest.raises(OutputRefused, match="already exists"):
        staged.publish()
    assert target.read_text() == "someone else's file"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_output_into_a_missing_folder_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(OutputRefused, match="does not exist"):
        write_output(tmp_path / "missing" / "x.csv", "x")
    assert list(tmp_path.iterdir()) == []


def test_exports_on_the_trainer_screen_get_a_new_name_rather_than_replacing_one(tmp_path):
    (tmp_path / "tutor-status-2026-09-01.csv").write_text("earlier")
    (tmp_path / "tutor-status-2026-09-01-2.csv").write_text("earlier too")
    assert unused_name(tmp_path, "tutor-status-2026-09-01.csv").name == "tutor-status-2026-09-01-3.csv"


def test_creating_the_database_file_never_touches_an_existing_one(tmp_path):
    path = tmp_path / "tutor.db"
    path.write_bytes(b"records")
    os.chmod(path, 0o640)
    assert create_private_database_file(path) is False
    assert path.read_bytes() == b"records" and mode_of(path) == 0o640
