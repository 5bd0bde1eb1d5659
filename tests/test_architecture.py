"""The layers stay apart: Textual never reaches content, domain, answer, store or service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 broken." in result.stdout and "BROKEN" not in result.stdout


def test_ruff_finds_nothing():
    """The lint rules in pyproject.toml ([tool.ruff]) hold for the package, tests and benchmarks."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "tutor", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_holds_for_the_rules_and_the_records():
    """`mypy` with the pyproject settings: tutor.domain and tutor.store are strictly typed."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
