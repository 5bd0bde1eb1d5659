"""`tutor check`: the shipped content passes; broken copies fail with path:line and a clear message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli.main import cli
from tutor.content.loader import FOLDERS, default_content_dir, load_content

GOOD_QUESTION = """\
  - id: zz-ok
    type: single
    prompt: A colleague asks for your password. What do you do?
    choices:
      - id: share
        text: Share it
      - id: refuse
        text: Refuse
    answer: refuse
    explanation: Accounts are only for their owner.
    sources: [ces:network-security]
"""


@pytest.fixture
def copy(tmp_path) -> Path:
    root = tmp_path / "content"
    for folder in FOLDERS:
        shutil.copytree(default_content_dir() / folder, root / folder)
    return root


def run_check(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["check", "--content", str(root), *extra])


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_content_passes():
    result = run_check(default_content_dir(), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["errors"] == []
    assert summary["districts"] == ["ces", "clinton", "crec", "stafford", "thomaston"]
    assert summary["questions"] >= 120
    for topic in ("prohibited-uses", "privacy", "passwords", "supervising-students", "copyright"):
        assert summary["topics"][topic]["lessons"] >= 1
        assert summary["topics"][topic]["questions"] >= 15


def test_the_text_report_names_counts_and_says_valid():
    result = run_check(default_content_dir())
    assert result.exit_code == 0
    assert "Content is valid." in result.output


BROKEN = {
    "yaml syntax": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n  - id: zz-1\n    prompt: [unclosed\n",
        r"quizzes/zz\.yaml:\d+: YAML syntax error",
    ),
    "two answers on a single question": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("answer: refuse", "answer: [refuse, share]"),
        r"quizzes/zz\.yaml:11: question 'zz-ok': a single-answer question needs exactly 1 correct answer, has 2",
    ),
    "answer that is not a choice": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("answer: refuse", "answer: decline"),
        r"quizzes/zz\.yaml:11: question 'zz-ok': answer 'decline' is not one of the choice ids",
    ),
    "citation of a missing section": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("ces:network-security", "ces:no-such-section"),
        r"quizzes/zz\.yaml:3: question 'zz-ok': citation 'ces:no-such-section' names no section of ces's policy",
    ),
    "citation of an unknown district": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("ces:network-security", "hartford:A"),
        r"quizzes/zz\.yaml:3: question 'zz-ok': citation 'hartford:A' names unknown district 'hartford'",
    ),
    "missing explanation": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("    explanation: Accounts are only for their owner.\n", ""),
        r"quizzes/zz\.yaml:3: question 'zz-ok': missing required field 'explanation'",
    ),
    "misspelt field": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("explanation:", "explaination:"),
        r"quizzes/zz\.yaml:12: question 'zz-ok': unknown field 'explaination'",
    ),
    "duplicate question id": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION + GOOD_QUESTION,
        r"quizzes/zz\.yaml:14: duplicate question id 'zz-ok' \(first at quizzes/zz\.yaml:3\)",
    ),
    "true/false with choices": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("type: single", "type: true_false"),
        r"quizzes/zz\.yaml:6: question 'zz-ok': a true_false question has no 'choices'",
    ),
    "multiple with one answer": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("type: single", "type: multiple"),
        r"quizzes/zz\.yaml:11: question 'zz-ok': a multiple-answer question needs at least 2 correct answers, has 1",
    ),
    "unknown question type": (
        "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("type: single", "type: essay"),
        r"quizzes/zz\.yaml:4: question 'zz-ok': type must be one of single, multiple, true_false, not 'essay'",
    ),
    "lesson without front matter": (
        "lessons/zz.md", "# Just a heading\n\nSome text.\n",
        r"lessons/zz\.md:1: lesson must start with YAML front matter",
    ),
    "lesson quotation not in the section": (
        "lessons/zz.md",
        "---\nid: zz\ntitle: Z\ntopic: passwords\norder: 99\nrequired: false\nsources: [ces:network-security]\n---\n\n"
        "## A step\n\nWords.\n\n> Staff may share passwords with trusted colleagues.\n> [ces:network-security]\n",
        r"lessons/zz\.md:14: step 'A step': quotation does not appear in ces:network-security",
    ),
    "lesson citation of a missing section": (
        "lessons/zz.md",
        "---\nid: zz\ntitle: Z\ntopic: passwords\norder: 99\nrequired: false\nsources: [ces:network-security]\n---\n\n"
        "## A step\n\nNever share it [crec:C.99].\n",
        r"lessons/zz\.md:10: step 'A step': citation 'crec:C.99' names no section of crec's policy",
    ),
    "district profile with a bad pass mark": (
        "districts/zz.yaml",
        "id: zz\nname: Z\nshort_name: Z\nhome_page: https://z.example/\npolicy_numbers: ['1']\nsources: [ces]\n"
        "acknowledgment: {text: I read it., basis: [ces:policy]}\ncontacts: {ask: a, report_to: b, hr: c}\npass_mark: 1.5\n",
        r"districts/zz\.yaml:9: district: 'pass_mark' must be between 0\.01 and 1\.0, not 1\.5",
    ),
    "district profile missing contacts": (
        "districts/zz.yaml",
        "id: zz\nname: Z\nshort_name: Z\nhome_page: https://z.example/\npolicy_numbers: ['1']\nsources: [ces]\n"
        "acknowledgment: {text: I read it., basis: [ces:policy]}\n",
        r"districts/zz\.yaml:1: district: missing required field 'contacts'",
    ),
    "equivalent_to a missing section": (
        "policies/zz.yaml",
        "district: zz\ntitle: Z\npolicy: '1'\nsections:\n  - id: A\n    title: A\n    part: policy\n"
        "    summary: S.\n    equivalent_to: [crec:Z.1]\n    text: Some text.\n",
        r"policies/zz\.yaml:5: section 'A' equivalent_to: citation 'crec:Z.1' names no section of crec's policy",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_content_fails_with_file_and_line(copy, case, monkeypatch):
    relative, text, expected = BROKEN[case]
    write(copy, relative, text)
    monkeypatch.chdir(copy)
    result = CliRunner().invoke(cli, ["check", "--content", "."])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    import re

    assert re.search(expected, result.output), result.output


def test_several_errors_are_all_reported(copy, monkeypatch):
    bad = GOOD_QUESTION.replace("answer: refuse", "answer: decline")
    write(copy, "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + bad + bad.replace("zz-ok", "zz-two").replace("type: single", "type: essay"))
    monkeypatch.chdir(copy)
    result = CliRunner().invoke(cli, ["check", "--content", ".", "--json"])
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert any("zz-ok" in e and "decline" in e for e in errors)
    assert any("zz-two" in e and "essay" in e for e in errors)


def test_a_deleted_required_lesson_is_reported(copy, monkeypatch):
    for lesson in (copy / "lessons").glob("*.md"):
        if "topic: copyright" in lesson.read_text():
            lesson.unlink()
    monkeypatch.chdir(copy)
    result = CliRunner().invoke(cli, ["check", "--content", "."])
    assert result.exit_code == 1
    assert "required topic 'copyright' has no lesson" in result.output


def test_loader_never_raises_on_garbage(copy):
    write(copy, "quizzes/zz.yaml", "\x00\x01 not yaml: [")
    write(copy, "lessons/zz.md", "---\n: : :\n---\n")
    (copy / "districts" / "zz.yaml").write_bytes(b"\xff\xfe\xfa")
    content = load_content(copy)
    assert content.errors


# ---- A comment after an unquoted value cuts the value short --------------------------

CUT_CHOICE = GOOD_QUESTION.replace("text: Refuse", "text: Refuse; Policy #4308 forbids it")


@pytest.mark.parametrize(
    "relative, text, line",
    [
        ("quizzes/zz.yaml", "topic: passwords\nquestions:\n" + CUT_CHOICE, 10),
        ("quizzes/zz.yaml", "topic: passwords\nquestions:\n"
         + GOOD_QUESTION.replace("explanation: Accounts are only for their owner.",
                                 "explanation: Accounts are\n      only for their owner under Policy #4308."), 13),
        ("policies/clinton.yaml", None, None),
        ("districts/ces.yaml", None, None),
        ("lessons/zz.md", "---\nid: zz\ntitle: Z # the title\ntopic: passwords\norder: 99\nrequired: false\n"
         "sources: [ces:network-security]\n---\n\n## A step\n\nWords [ces:network-security].\n", 3),
        ("lessons/zz.md", "---\nid: zz\ntitle: Z\ntopic: passwords\norder: 99\nrequired: false\n"
         "sources: [ces:network-security]\n---\n\n## A step\n\nWords [ces:network-security].\n\n```check\n"
         + "\n".join(line[4:] for line in CUT_CHOICE.splitlines()) + "\n```\n", 22),
    ],
    ids=["quiz choice", "explanation over two lines", "policy summary", "district profile", "lesson front matter", "check block"],
)
def test_a_comment_after_an_unquoted_value_is_refused(copy, monkeypatch, relative, text, line):
    if text is None:
        # Plant the cut in a shipped file: the last plain value on a `key: value` line gets a "#" tail.
        original = (copy / relative).read_text(encoding="utf-8").splitlines()
        for index in range(len(original) - 1, -1, -1):
            key, sep, value = original[index].partition(": ")
            if sep and value and value[0] not in "\"'[{|>&*!" and "#" not in value and key.strip().isidentifier():
                original[index] += " #4308 and the rest"
                line = index + 1
                break
        text = "\n".join(original) + "\n"
    write(copy, relative, text)
    monkeypatch.chdir(copy)
    result = run_check(Path("."))
    assert result.exit_code == 1, result.output
    assert f"{relative}:{line}: unquoted value" in result.output, result.output
    assert "drops everything from ' #' on as a comment" in result.output


def test_quoted_values_and_comment_lines_stay_allowed(copy):
    fine = GOOD_QUESTION.replace("text: Refuse", "text: \"Refuse; Policy #4308 forbids it\"  # quoted, kept whole")
    fine = fine.replace("    answer: refuse", "    # a comment on a line of its own\n    answer: refuse")
    write(copy, "quizzes/zz.yaml", "# bank header\ntopic: passwords\nquestions:\n" + fine)
    content = load_content(copy)
    assert content.errors == []
    assert content.questions["zz-ok"].choices[1].text == "Refuse; Policy #4308 forbids it"


def test_a_hash_without_a_space_before_it_is_not_a_comment(copy):
    write(copy, "quizzes/zz.yaml", "topic: passwords\nquestions:\n" + GOOD_QUESTION.replace("text: Refuse", "text: Refuse (see item#4)"))
    content = load_content(copy)
    assert content.errors == []
    assert content.questions["zz-ok"].choices[1].text == "Refuse (see item#4)"


def test_a_document_without_a_number_loads_and_is_cited_without_one():
    """Stafford's regulation carries no number; none may be invented for it."""
    from tutor.content.model import Citation
    from tutor.service.citations import cite_label, short_cite

    content = load_content(default_content_dir())
    assert content.errors == []
    assert content.policies["stafford"].policy == ""
    assert content.districts["stafford"].policy_numbers == ()
    label = cite_label(content, Citation("stafford", "privacy"))
    assert label.startswith("Stafford regulation, \u00a7privacy ")
    assert "policy" not in label.lower().split(",")[0]
    assert short_cite(content, Citation("stafford", "privacy")) == "Stafford \u00a7privacy"
    assert cite_label(content, Citation("clinton", "privacy")).startswith("Clinton policy 4306 / C-19, \u00a7privacy")
    assert content.districts["clinton"].policy_numbers == ("4306 / C-19",)
