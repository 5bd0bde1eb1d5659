"""Hostile content files get a clear `file:line` message: never a hang, a traceback or a leak."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from tutor.cli.main import cli
from tutor.content.loader import default_content_dir


@pytest.fixture
def content_dir(tmp_path):
    copy = tmp_path / "content"
    for folder in ("policies", "districts", "lessons", "quizzes"):
        shutil.copytree(default_content_dir() / folder, copy / folder)
    return copy


def check(content_dir):
    return CliRunner().invoke(cli, ["check", "--content", str(content_dir)], env={"TUTOR_NO_CONTENT_CACHE": "1"})


def test_yaml_aliases_that_would_expand_are_refused_with_their_line(content_dir):
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        laughs.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    (content_dir / "quizzes" / "laughs.yaml").write_text("topic: laughs\n" + "\n".join(laughs) + "\nquestions: []\n")
    result = check(content_dir)
    assert result.exit_code == 1
    assert "laughs.yaml:3: " in result.output and "aliases" in result.output
    assert "Traceback" not in result.output


def test_a_symlink_leading_outside_the_content_folder_is_refused_and_not_printed(content_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("payroll: the superintendent's salary is 123456\n")
    os.symlink(secret, content_dir / "policies" / "leak.yaml")
    result = check(content_dir)
    assert result.exit_code == 1
    assert "leak.yaml:1: is a link to a file outside the content folder; refused" in result.output
    assert "123456" not in result.output and "superintendent" not in result.output


def test_a_fifo_in_the_content_folder_is_refused_without_hanging(content_dir):
    os.mkfifo(content_dir / "lessons" / "90-pipe.md")
    result = check(content_dir)
    assert result.exit_code == 1
    assert "90-pipe.md:1: is not a regular file" in result.output


def test_a_lesson_that_ends_at_its_front_matter_names_a_line_it_has():
    """A lesson cut off right after its closing '---' has no steps; the error points at a line of the file (the
    closing '---'), not one past its end."""
    from tutor.content.model import ContentError
    from tutor.content.lessons import parse_lesson
    text = "---\nid: passwords\ntitle: Passwords\ntopic: passwords\norder: 2\n---\n"
    errors: list[ContentError] = []
    parse_lesson(text, "02-passwords.md", errors)
    assert [e.line for e in errors if "no steps" in e.message] == [6]
    assert len(text.splitlines()) == 6
