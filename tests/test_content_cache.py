"""Validated content is cached by the bytes of its files: any edit is seen at once."""

from __future__ import annotations

import shutil

import pytest

from tutor.content import cache
from tutor.content.loader import FOLDERS, ContentInvalid, default_content_dir, load_valid_content


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TUTOR_NO_CONTENT_CACHE", raising=False)
    root = tmp_path / "content"
    for folder in FOLDERS:
        shutil.copytree(default_content_dir() / folder, root / folder)
    return root


def test_a_second_load_comes_from_the_cache_and_an_edit_misses_it(tree, tmp_path):
    first = load_valid_content(tree)
    assert cache.load(tree) is not None
    assert load_valid_content(tree).questions.keys() == first.questions.keys()
    bank = tree / "quizzes" / "passwords.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("prompt:", "prompt: (edited)", 1), encoding="utf-8")
    assert cache.load(tree) is None
    edited = load_valid_content(tree)
    assert any(q.prompt.startswith("(edited)") for q in edited.questions.values())


def test_broken_content_is_never_cached_or_served_from_cache(tree):
    load_valid_content(tree)
    (tree / "quizzes" / "zz.yaml").write_text("topic: passwords\nquestions: [\n", encoding="utf-8")
    with pytest.raises(ContentInvalid):
        load_valid_content(tree)
    assert cache.load(tree) is None


def test_a_damaged_cache_file_is_ignored(tree, tmp_path):
    load_valid_content(tree)
    for path in (tmp_path / "cache").rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert cache.load(tree) is None
    assert len(load_valid_content(tree).questions) >= 120
