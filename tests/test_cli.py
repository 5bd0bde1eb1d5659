"""The `tutor` command: version, help for every subcommand, clear messages for bad databases."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from tutor import __version__
from tutor.cli.main import cli

SUBCOMMANDS = ["check", "ask", "roster", "report", "export", "certificate", "verify", "trainer", "settings", "serve"]


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"tutor, version {__version__}"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_a_database_from_a_newer_tutor_is_refused_with_a_message(tmp_path):
    from tutor.store import schema
    from tutor.store.database import open_database

    path = tmp_path / "newer.db"
    db = open_database(path)
    db.conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (schema.LATEST_VERSION + 5,))
    db.conn.close()
    result = CliRunner().invoke(cli, ["verify", "--db", str(path)])
    assert result.exit_code == 1
    assert "written by a newer tutor" in result.output
    assert "Traceback" not in result.output


def test_the_installed_command_works_from_any_directory(tmp_path):
    """`python -m tutor` run elsewhere finds the shipped content (installed or from the checkout)."""
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "check", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"districts"' in result.stdout


@pytest.mark.parametrize("args, used", [
    (["--db", "{good}", "settings", "show"], "good"),  # the root's --db reaches the subcommand
    (["--db", "{missing}", "settings", "show", "--db", "{good}"], "good"),  # the subcommand's own wins
    (["--db", "{good}", "settings", "show", "--db", "{missing}"], "missing"),
    (["--db", "{missing}", "report", "--db", "{good}", "questions"], "good"),  # a group's wins over the root's
    (["report", "--db", "{good}", "questions", "--db", "{missing}"], "missing"),  # and the innermost over a group's
    (["--db", "{good}", "report", "person", "E100"], "good"),
])
def test_the_innermost_db_given_is_the_one_used(args, used, db, records, person, cli_uses_the_test_content, tmp_path):
    paths = {"good": db, "missing": str(tmp_path / "missing.db")}
    result = CliRunner().invoke(cli, [a.format(**paths) for a in args])
    if used == "good":
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert f"tutor: there is no records database at {paths['missing']}." in result.output
        assert not (tmp_path / "missing.db").exists()


def test_the_content_option_of_a_subcommand_wins_over_the_roots(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["--content", str(tmp_path / "nowhere"), "check", "--content", str(empty), "--json"])
    assert '"lessons": 0' in result.output, result.output
