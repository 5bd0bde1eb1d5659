"""Starting the tutor loads only what the first screen needs; the rest comes on first use.

A run-time check (the import-linter contracts check the static graph): the sign-in screen is up
before the training engine, the event log or the answerer is imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LATER = ("tutor.service.training", "tutor.domain.progress", "tutor.store.event_log", "tutor.answer.answerer",
         "tutor.answer.index", "sqlite_utils", "tutor.service.exports", "tutor.service.xapi")

PROGRAM = """
import asyncio, sys, tempfile, os
from pathlib import Path
from tutor.ui.app import make_app

async def main():
    folder = tempfile.mkdtemp()
    app = make_app(db_path=Path(folder) / "records.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = type(app.screen).__name__
    loaded = [m for m in {later!r} if m in sys.modules]
    print(screen, ",".join(loaded) or "-")

asyncio.run(main())
"""


def test_the_sign_in_screen_comes_up_before_the_training_engine_is_imported():
    result = subprocess.run([sys.executable, "-c", PROGRAM.format(later=LATER)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**__import__("os").environ, "TUTOR_NO_CONTENT_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    screen, loaded = result.stdout.split()
    assert screen == "SignInScreen", result.stdout
    assert loaded == "-", f"imported before sign-in: {loaded}"


def test_the_command_line_imports_no_subcommand_it_does_not_run():
    program = ("import sys; from tutor.cli import main; "
               "print(','.join(m for m in sys.modules if m.startswith('tutor.cli.') and m not in "
               "('tutor.cli.main', 'tutor.cli.options')) or '-')")
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-"
