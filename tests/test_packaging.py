"""A plain `pip install .` ships every content folder inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_contains_all_content(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 and "No matching distribution found for hatchling" in result.stderr:
        pytest.skip("the build backend cannot be fetched here")
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("tutor-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("policies", "districts", "quizzes", "lessons"):
        shipped = {p.name for p in (ROOT / folder).iterdir() if p.is_file()}
        packed = {Path(n).name for n in names if n.startswith(f"tutor/_content/{folder}/")}
        assert shipped <= packed, f"{folder}: missing {shipped - packed}"
    assert "tutor/ui/tutor.tcss" in names
    assert "tutor/serve/templates/app_index.html" in names
    assert "tutor/serve/static/terminal.js" in names
    for page in ("layout.html", "sign_in.html", "lesson_step.html", "question.html"):
        assert f"tutor/web/templates/{page}" in names
    assert "tutor/web/static/tutor.css" in names
    # Ask the policy's word-vector table (tutor/answer/semantic.py), whole.
    packed = zipfile.ZipFile(wheel).read("tutor/answer/data/word_vectors.bin")
    assert packed == (ROOT / "tutor" / "answer" / "data" / "word_vectors.bin").read_bytes()
