"""Question analysis: facility, discrimination, the most-chosen wrong answer; and `tutor report questions`."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from datetime import date

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, finish_lesson
from tutor.cli.report_questions import questions
from tutor.domain import events as ev
from tutor.service.item_analysis import (
    NO_SPREAD, NOT_ENOUGH_DATA, Response, analyse, load_responses, point_biserial,
)
from tutor.service.training import Training
from tutor.store.people import Person


def attempt(attempt_id: str, marks: dict[str, int], finished: bool = True, wrong: str = "wrong") -> list[Response]:
    """Responses of one attempt: question -> 1 (chose "right") or 0 (chose `wrong`)."""
    return [
        Response(attempt_id, q, ("right",) if m else (wrong,), bool(m), finished) for q, m in marks.items()
    ]


# Four finished attempts of three questions (1 = right):
#          Q1 Q2 Q3   attempt score
#   A1      1  1  1   3
#   A2      1  1  0   2
#   A3      0  1  0   1
#   A4      0  0  0   0
HAND = (
    attempt("A1", {"alpha-1": 1, "alpha-2": 1, "alpha-3": 1})
    + attempt("A2", {"alpha-1": 1, "alpha-2": 1, "alpha-3": 0})
    + attempt("A3", {"alpha-1": 0, "alpha-2": 1, "alpha-3": 0})
    + attempt("A4", {"alpha-1": 0, "alpha-2": 0, "alpha-3": 0})
)


def by_id(stats):
    return {s.question_id: s for s in stats}


def test_facility_and_discrimination_match_hand_computed_values(content):
    stats = by_id(analyse(HAND, content, min_responses=1))
    # Facility: share right.
    assert (stats["alpha-1"].facility, stats["alpha-2"].facility, stats["alpha-3"].facility) == (0.5, 0.75, 0.25)
    assert [stats[q].asked for q in ("alpha-1", "alpha-2", "alpha-3")] == [4, 4, 4]
    # Q1: item scores 1,1,0,0; rest-of-attempt scores (other two questions) 2/2, 1/2, 1/2, 0/2.
    # Point-biserial (M1 - M0) / s * sqrt(pq) = (0.75 - 0.25) / sqrt(0.125) * sqrt(0.25) = 1/sqrt(2).
    assert stats["alpha-1"].discrimination == pytest.approx(1 / math.sqrt(2), abs=1e-4)
    # Q2: items 1,1,1,0; rest 2/2, 1/2, 0/2, 0/2: Sxy = 0.375, Sxx = 0.75, Syy = 0.6875.
    assert stats["alpha-2"].discrimination == pytest.approx(0.375 / math.sqrt(0.75 * 0.6875), abs=1e-4)
    assert stats["alpha-2"].discrimination == pytest.approx(0.5222, abs=1e-4)
    # Q3: items 1,0,0,0; rest 2/2, 2/2, 1/2, 0/2: Sxy = 0.375, Sxx = 0.75, Syy = 0.6875.
    assert stats["alpha-3"].discrimination == pytest.approx(0.5222, abs=1e-4)
    assert all(s.discrimination_n == 4 and s.discrimination_note == "" for s in stats.values())


def test_most_missed_comes_first():
    assert [s.question_id for s in analyse(HAND, None, min_responses=1)] == ["alpha-3", "alpha-1", "alpha-2"]


def test_a_question_the_strong_staff_miss_has_negative_discrimination(content):
    responses = (
        attempt("A1", {"alpha-1": 0, "alpha-2": 1, "alpha-3": 1})
        + attempt("A2", {"alpha-1": 1, "alpha-2": 0, "alpha-3": 0})
    )
    assert by_id(analyse(responses, content, min_responses=1))["alpha-1"].discrimination == pytest.approx(-1.0)


def test_point_biserial_is_none_without_spread():
    assert point_biserial([1, 1, 1], [0.5, 1.0, 0.0]) is None
    assert point_biserial([1, 0, 1], [0.5, 0.5, 0.5]) is None
    assert point_biserial([1, 0], [1.0, 0.0]) == pytest.approx(1.0)


def test_everyone_right_has_no_discrimination_and_says_why(content):
    responses = attempt("A1", {"alpha-1": 1, "alpha-2": 1}) + attempt("A2", {"alpha-1": 1, "alpha-2": 0})
    s = by_id(analyse(responses, content, min_responses=1))["alpha-1"]
    assert s.facility == 1.0 and s.discrimination is None and s.discrimination_note == NO_SPREAD
    assert s.wrong_choice_id is None


def test_statistics_below_the_minimum_responses_are_withheld_and_listed_last(content):
    responses = HAND + attempt("A5", {"alpha-4": 0, "alpha-1": 1})
    stats = analyse(responses, content, min_responses=5)
    s = by_id(stats)
    assert s["alpha-1"].asked == 5 and s["alpha-1"].facility == 0.6
    assert s["alpha-1"].discrimination is not None
    for q in ("alpha-2", "alpha-3", "alpha-4"):
        assert s[q].facility is None and s[q].discrimination is None
        assert s[q].discrimination_note == NOT_ENOUGH_DATA
        assert s[q].wrong_choice_id is None and s[q].wrong_choice_count is None
        assert not s[q].enough_data
    assert stats[0].question_id == "alpha-1"
    assert [x.question_id for x in stats[1:]] == ["alpha-2", "alpha-3", "alpha-4"]


def test_the_most_chosen_wrong_answer_is_named_by_choice_id_with_its_text(content):
    responses = (
        attempt("A1", {"alpha-1": 0}, wrong="other") + attempt("A2", {"alpha-1": 0}, wrong="other")
        + attempt("A3", {"alpha-1": 0}, wrong="wrong") + attempt("A4", {"alpha-1": 1})
    )
    s = by_id(analyse(responses, content, min_responses=1))["alpha-1"]
    assert (s.wrong_choice_id, s.wrong_choice_text, s.wrong_choice_count) == ("other", "Other", 2)
    tie = attempt("B1", {"alpha-2": 0}, wrong="other") + attempt("B2", {"alpha-2": 0}, wrong="wrong")
    # A tie goes to the choice listed first in the question: "wrong" before "other".
    assert by_id(analyse(tie, content, min_responses=1))["alpha-2"].wrong_choice_id == "wrong"


def test_a_multiple_answer_miss_counts_only_choices_outside_the_key(content):
    responses = [
        Response("A1", "alpha-multi", ("r1",), False),  # missed r2: no wrong choice picked
        Response("A2", "alpha-multi", ("r1", "w"), False),
        Response("A3", "alpha-multi", ("r1", "r2"), True),
    ]
    s = by_id(analyse(responses, content, min_responses=1))["alpha-multi"]
    assert (s.wrong_choice_id, s.wrong_choice_text, s.wrong_choice_count) == ("w", "W", 1)
    assert s.facility == pytest.approx(1 / 3, abs=1e-4)


def test_unfinished_attempts_count_as_asked_but_not_in_discrimination(content):
    responses = HAND + attempt("A5", {"alpha-1": 1}, finished=False)
    s = by_id(analyse(responses, content, min_responses=1))["alpha-1"]
    assert s.asked == 5 and s.correct == 3 and s.discrimination_n == 4
    assert s.discrimination == pytest.approx(1 / math.sqrt(2), abs=1e-4)


def test_a_question_gone_from_the_bank_is_still_reported(content):
    s = analyse(attempt("A1", {"retired-9": 0}, wrong="x"), content, min_responses=1)[0]
    assert s.prompt == "(no longer in the question bank)"
    assert (s.wrong_choice_id, s.wrong_choice_text) == ("x", "(no longer in the question)")


# The command, against real records ------------------------------------------------------------
pytestmark = pytest.mark.usefixtures("cli_uses_the_test_content")


@pytest.fixture
def six_staff_took_the_alpha_quiz(records, content, clock):
    """Staff member i answers the first i questions right (0..5 of 5)."""
    for i in range(6):
        person = Person(f"S{i}", f"Staff {i}", hire_date=date(2026, 8, 30), district="tst", on_roster=True)
        records.people.upsert_many([person])
        t = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(i))
        finish_lesson(t, "alpha")
        answer_all(t, t.start_quiz("alpha"), right=i)


def run(*args):
    return CliRunner().invoke(questions, list(args))


def test_json_lists_each_question_asked_with_the_numbers_a_trainer_can_check(records, db, six_staff_took_the_alpha_quiz):
    result = run("--db", db, "--format", "json", "--min-responses", "1")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    counts = {q: (n, c) for q, n, c in records.db.execute(
        "SELECT question_id, COUNT(*), SUM(correct) FROM answers GROUP BY question_id")}
    assert {r["question_id"]: (r["asked"], r["correct"]) for r in rows} == counts
    assert sum(r["asked"] for r in rows) == 30
    facilities = [r["facility"] for r in rows]
    assert facilities == sorted(facilities), "most-missed first"
    for r in rows:
        assert r["facility"] == pytest.approx(r["correct"] / r["asked"], abs=1e-4)
        if r["correct"] < r["asked"]:
            assert (r["wrong_choice_id"], r["wrong_choice_text"]) == ("wrong", "Wrong")
    assert all(-1 <= r["discrimination"] <= 1 for r in rows if r["discrimination"] is not None)


def test_when_the_strong_get_it_right_and_the_weak_wrong_discrimination_is_one(records, content, clock, db):
    for i in range(6):
        person = Person(f"S{i}", f"Staff {i}", hire_date=date(2026, 8, 30), district="tst", on_roster=True)
        records.people.upsert_many([person])
        t = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(i))
        finish_lesson(t, "alpha")
        answer_all(t, t.start_quiz("alpha"), right=5 if i % 2 else 0)
    rows = json.loads(run("--db", db, "--format", "json", "--min-responses", "2").stdout)
    spread = [r for r in rows if 0 < r["correct"] < r["asked"] and r["discrimination_n"] >= 2]
    assert spread and all(r["discrimination"] == pytest.approx(1.0) for r in spread)
    table = run("--db", db, "--min-responses", "2").stdout
    assert "+1.00" in table


def test_with_the_default_minimum_small_numbers_show_as_not_enough_data(db, six_staff_took_the_alpha_quiz):
    table = run("--db", db)
    assert table.exit_code == 0, table.output
    assert "not enough data" in table.stdout and "at least 20 responses" in table.stdout
    assert table.stdout.splitlines()[0].split() == ["Question", "Question", "text", "Topic", "Asked", "Correct",
                                                    "Discrimination", "Most-chosen", "wrong", "answer"]
    rows = json.loads(run("--db", db, "--format", "json").stdout)
    assert all(r["facility"] is None and r["discrimination"] is None for r in rows)


def test_the_table_shows_percentages_and_the_wrong_answer_text(db, six_staff_took_the_alpha_quiz):
    result = run("--db", db, "--min-responses", "1")
    assert result.exit_code == 0, result.output
    body = result.stdout.splitlines()[2:-1]
    assert body and all("%" in line for line in body)
    assert any("wrong: Wrong (" in line for line in body)


def test_the_table_shows_each_questions_text_beside_its_id(db, six_staff_took_the_alpha_quiz, content):
    """Issue 17: a trainer reading "alpha-3" had to look the question up by hand."""
    body = run("--db", db, "--min-responses", "1").stdout.splitlines()[2:-1]
    assert body
    for line in body:
        question_id = line.split()[0]
        assert line.split(question_id, 1)[1].lstrip().startswith(content.questions[question_id].prompt)


def test_csv_keeps_numbers_as_numbers(db, six_staff_took_the_alpha_quiz):
    result = run("--db", db, "--format", "csv", "--min-responses", "1")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(0 <= float(r["facility"]) <= 1 and int(r["asked"]) > 0 for r in rows)
    few = list(csv.DictReader(io.StringIO(run("--db", db, "--format", "csv").stdout)))
    assert all(r["facility"] == "not enough data" for r in few)


def test_no_answers_yet_says_so(db):
    result = run("--db", db)
    assert result.exit_code == 0 and "No quiz answers are recorded yet" in result.stdout


def test_it_is_reachable_as_tutor_report_questions(db, six_staff_took_the_alpha_quiz):
    from tutor.cli.main import cli

    result = CliRunner().invoke(cli, ["report", "questions", "--db", db, "--format", "json", "--min-responses", "1"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == len(json.loads(
        run("--db", db, "--format", "json", "--min-responses", "1").stdout))


def test_load_responses_reads_every_answer(records, six_staff_took_the_alpha_quiz):
    responses = load_responses(records)
    assert len(responses) == 30 and all(r.finished for r in responses)
    assert sum(r.correct for r in responses) == 0 + 1 + 2 + 3 + 4 + 5
