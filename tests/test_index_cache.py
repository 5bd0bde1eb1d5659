"""The answer index is kept between runs (tutor/answer/index_cache.py): loaded back when nothing it
is built from has changed, built afresh when anything has, and never trusted when damaged."""

from __future__ import annotations

import pytest

from tutor.answer import Answerer
from tutor.answer import index_cache
from tutor.answer.index import Index
from tutor.content.loader import load_content

QUESTION = "can i put dropbox on my work laptop"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TUTOR_CACHE_DIR", raising=False)
    monkeypatch.delenv("TUTOR_NO_INDEX_CACHE", raising=False)
    return tmp_path / "tutor"


@pytest.fixture(scope="module")
def content():
    return load_content()


def _files(folder):
    return sorted(folder.glob(f"{index_cache.PREFIX}*.pickle"))


def test_a_second_answerer_loads_the_index_and_answers_the_same(cache, content, monkeypatch):
    first = Answerer(content)
    assert len(_files(cache)) == 1
    built = []
    build = Index.__init__
    monkeypatch.setattr(Index, "__init__", lambda self, *args: built.append(args) or build(self, *args))
    second = Answerer(content)
    assert built == []  # loaded, not built
    assert second.answer(QUESTION, "crec") == first.answer(QUESTION, "crec")
    assert second.answer("when do we get paid", "crec") == first.answer("when do we get paid", "crec")
    misspelt = "can i give my pasword to a sub for the day"
    assert second.answer(misspelt, "crec") == first.answer(misspelt, "crec")
    # The passages are not kept in the cache but given back: the answers quote them.
    [path] = _files(cache)
    sentence = second.answer(QUESTION, "crec").citations[0].quote
    assert sentence.encode() not in path.read_bytes() and second.index.passages == first.index.passages


def test_any_change_to_what_it_is_built_from_builds_it_afresh(cache, content, monkeypatch):
    Answerer(content)
    [old] = _files(cache)
    from tutor.answer import answerer as module
    from tutor.answer.section_asks import section_asks

    written = section_asks()
    monkeypatch.setattr(module, "section_asks",
                        lambda: {**written, "crec:C.7": [*written["crec:C.7"], "can I put zoom on the smartboard"]})
    Answerer(content)
    files = _files(cache)
    assert len(files) == 2 and old in files  # built afresh, the older one kept beside it
    # No more than the newest three are kept.
    for extra in ("can I put webex on the smartboard", "can I put slack on the smartboard",
                  "can I put discord on the smartboard"):
        monkeypatch.setattr(module, "section_asks",
                            lambda extra=extra: {**written, "crec:C.7": [*written["crec:C.7"], extra]})
        Answerer(content)
    assert len(_files(cache)) == index_cache.KEEP and old not in _files(cache)


def test_a_damaged_cache_file_is_ignored_and_replaced(cache, content):
    expected = Answerer(content).answer(QUESTION, "crec")
    [path] = _files(cache)
    path.write_bytes(b"not a pickle at all")
    assert Answerer(content).answer(QUESTION, "crec") == expected
    assert path.read_bytes() != b"not a pickle at all"


def test_the_cache_can_be_turned_off_and_an_unwritable_folder_is_no_error(cache, content, monkeypatch, tmp_path):
    monkeypatch.setenv("TUTOR_NO_INDEX_CACHE", "1")
    Answerer(content)
    assert not cache.exists()
    monkeypatch.delenv("TUTOR_NO_INDEX_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert not Answerer(content).answer(QUESTION, "crec").abstained


def test_a_change_to_a_section_the_index_holds_builds_it_afresh(cache, content):
    """The index keeps each passage's section (its twins among them): a section changed in any way,
    not only in its words, is a different index."""
    import dataclasses

    Answerer(content)
    [old] = _files(cache)
    policy = content.policies["crec"]
    changed = [dataclasses.replace(s, equivalent_to=()) if s.id == "C.7" else s for s in policy.sections]
    altered = dataclasses.replace(content, policies={**content.policies,
                                                     "crec": dataclasses.replace(policy, sections=changed)})
    Answerer(altered)
    assert len(_files(cache)) == 2 and old in _files(cache)


def _meaning(folder):
    return sorted(folder.glob(f"{index_cache.MEANING_PREFIX}*.pickle"))


def test_the_sections_meaning_is_kept_beside_the_index(cache, content, monkeypatch):
    """Every section's text vector, worked out once, is read back by the next answerer: a question
    with no district then compares it with every section without working any of them out. The
    answerer that has just built the index leaves them to the next one."""
    from tutor.answer import semantic

    builder = Answerer(content)
    assert not builder.index.cache_read and builder.semantic.sections and _meaning(cache) == []
    first = Answerer(content)
    sections = first.semantic.sections
    [kept] = _meaning(cache)
    embedded = []
    embed = semantic.Semantic.embed
    monkeypatch.setattr(semantic.Semantic, "embed", lambda self, text: embedded.append(text) or embed(self, text))
    second = Answerer(content)
    assert second.semantic.texts().keys() == sections.keys() and embedded == []
    question = "am i allowed to use my work computer for personal email at all"
    assert second.answer(question) == first.answer(question)
    # A damaged file is ignored, the vectors worked out again and kept again.
    kept.write_bytes(b"not a pickle")
    third = Answerer(content)
    assert third.answer(question) == first.answer(question)
    assert kept.read_bytes() != b"not a pickle"
    # Vectors kept for other sections are never taken.
    assert not third.semantic.restore_texts({"crec:C.7": None})


def test_nothing_of_meaning_is_kept_with_the_cache_off(cache, content, monkeypatch):
    monkeypatch.setenv("TUTOR_NO_INDEX_CACHE", "1")
    answerer = Answerer(content)
    answerer.answer("am i allowed to use my work computer for personal email at all")
    assert not cache.exists() or _meaning(cache) == []


# -- what the package ships (tutor/_prebuilt, built with the wheel by hatch_build.py) ------------


def test_an_index_the_package_ships_is_read_when_the_users_folder_has_none(tmp_path, content, monkeypatch):
    """The first answerer after an install finds the index the wheel was built with and builds
    nothing, writes nothing; a file of the same name damaged in the user's folder falls back to it."""
    from tutor import cache_files
    from tutor.answer.prebuild import prebuild

    shipped = prebuild(tmp_path / "shipped")
    assert sorted(p.name.split("-")[1] for p in shipped) == ["content", "index", "meaning"]
    monkeypatch.setattr(cache_files, "SHIPPED", tmp_path / "shipped")
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("TUTOR_NO_INDEX_CACHE", raising=False)
    built = []
    build = Index.__init__
    monkeypatch.setattr(Index, "__init__", lambda self, *args: built.append(args) or build(self, *args))
    answerer = Answerer(content)
    assert built == [] and answerer.index.cache_read
    assert answerer.answer(QUESTION, "crec").citations[0].ref == "crec:C.7"
    assert not (tmp_path / "user").exists()  # nothing written: the shipped files were read
    # A damaged file of the same name in the user's folder is passed over for the shipped one.
    [index_file] = [p for p in shipped if p.name.startswith(index_cache.PREFIX)]
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / index_file.name).write_bytes(b"damaged")
    assert Answerer(content).index.cache_read and built == []
    # Another index (here: written questions changed) is never taken from the shipped files.
    from tutor.answer import answerer as module
    from tutor.answer.section_asks import section_asks

    written = section_asks()
    monkeypatch.setattr(module, "section_asks",
                        lambda: {**written, "crec:C.7": [*written["crec:C.7"], "can I put zoom on the smartboard"]})
    assert not Answerer(content).index.cache_read and len(built) == 1


def test_tutor_cache_dir_moves_the_cache_folder(tmp_path, content, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path / "chosen"))
    monkeypatch.delenv("TUTOR_NO_INDEX_CACHE", raising=False)
    Answerer(content)
    assert len(_files(tmp_path / "chosen")) == 1 and not (tmp_path / "xdg").exists()


def test_the_word_tables_stamp_is_its_bytes_not_where_or_when_it_was_written(tmp_path, monkeypatch):
    """An installed package's files have their own modification times: the index built with the
    wheel must still be the one the installed package looks for."""
    import os
    import shutil

    from tutor.answer import semantic

    original = semantic.table_stamp()
    copy = tmp_path / "word_vectors.bin"
    shutil.copyfile(semantic.TABLE, copy)
    os.utime(copy, ns=(1, 1))
    monkeypatch.setattr(semantic, "TABLE", copy)
    semantic.table_stamp.cache_clear()
    try:
        assert semantic.table_stamp() == original
        copy.write_bytes(copy.read_bytes()[:-1] + b"\x01")
        semantic.table_stamp.cache_clear()
        assert semantic.table_stamp() != original
    finally:
        semantic.table_stamp.cache_clear()
