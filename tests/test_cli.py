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
