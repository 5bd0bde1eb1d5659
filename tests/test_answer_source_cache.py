"""`tutor ask` keeps what it read of the content folder (tutor/answer/source.py): read back when
no file (and no code reading them) has changed, read afresh when one has, never trusted when
damaged, and not kept when a file could not be read."""

from __future__ import annotations

import shutil

import pytest

from tutor.answer import source
from tutor.content import cache as content_cache


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TUTOR_NO_CONTENT_CACHE", raising=False)
    return tmp_path / "cache" / "tutor"


@pytest.fixture()
def folder(tmp_path):
    """A copy of the shipped content, free to edit."""
    root = source.default_root()
    copy = tmp_path / "content"
    for name in content_cache.FOLDERS:
        shutil.copytree(root / name, copy / name)
    return copy


def _files(cache):
    return sorted(cache.glob(f"{source.PREFIX}*.pickle"))


def _refusing_to_read(monkeypatch):
    def read(root):
        raise AssertionError("read afresh")

    monkeypatch.setattr(source, "_read", read)


def test_the_second_ask_reads_nothing_and_gets_the_same_content(cache, folder, monkeypatch):
    first = source.load_for_answers(folder)
    assert len(_files(cache)) == 1
    _refusing_to_read(monkeypatch)
    second = source.load_for_answers(folder)
    assert second.root == str(folder)
    assert second.policies == first.policies and second.questions == first.questions
    assert second.lessons == first.lessons and second.districts == first.districts


def test_an_edited_policy_is_read_afresh(cache, folder):
    source.load_for_answers(folder)
    path = folder / "policies" / "crec.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Acceptable", "Agreeable", 1), encoding="utf-8")
    edited = source.load_for_answers(folder)
    assert "Agreeable" in edited.policies["crec"].title + "".join(s.title for s in edited.policies["crec"].sections)
    assert len(_files(cache)) == 2


def test_a_damaged_cache_file_is_ignored_and_replaced(cache, folder):
    first = source.load_for_answers(folder)
    (damaged,) = _files(cache)
    damaged.write_bytes(b"not a pickle")
    again = source.load_for_answers(folder)
    assert again.policies == first.policies
    assert damaged.read_bytes() != b"not a pickle"


def test_the_off_switch_keeps_nothing(cache, folder, monkeypatch):
    monkeypatch.setenv("TUTOR_NO_CONTENT_CACHE", "1")
    source.load_for_answers(folder)
    assert _files(cache) == []


def test_content_read_with_an_unreadable_file_is_answered_from_but_not_kept(cache, folder):
    (folder / "quizzes" / "broken.yaml").write_bytes(b"\xff\xfe not text")
    read = source.load_for_answers(folder)
    assert read.policies and read.errors and "broken.yaml" in read.errors[0].path
    assert _files(cache) == []
