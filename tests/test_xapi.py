"""`tutor export --format xapi`: statements an LRS accepts, checked against the xAPI 1.0.3 rules."""

from __future__ import annotations

import json
import random
import re
import uuid
from dataclasses import replace
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.service.exports import collect
from tutor.service.training import Training
from tutor.service.xapi import VERBS, iso_duration, statements
from tutor.store.people import Person

# xAPI 1.0.3, Data 4.6: ISO 8601 durations (the forms LRS conformance tests accept).
DURATION = re.compile(r"^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def nulls(value, path="$"):
    """Paths of every null in a JSON value."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in nulls(v, f"{path}[{i}]")]
    return []


def language_map(value) -> bool:
    return isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def check_activity(activity: dict, where: str) -> list[str]:
    problems = []
    if activity.get("objectType", "Activity") != "Activity":
        problems.append(f"{where}: objectType is not Activity")
    if not ABSOLUTE_IRI.match(activity.get("id", "")):
        problems.append(f"{where}: id {activity.get('id')!r} is not an absolute IRI")
    definition = activity.get("definition", {})
    for key in ("name", "description"):
        if key in definition and not language_map(definition[key]):
            problems.append(f"{where}: definition.{key} is not a language map")
    if "type" in definition and not ABSOLUTE_IRI.match(definition["type"]):
        problems.append(f"{where}: definition.type is not an IRI")
    return problems


def check_statement(s: dict) -> list[str]:
    """The xAPI 1.0.3 rules the export must keep; an empty list when it keeps them all."""
    problems = [f"null at {p}" for p in nulls(s)]
    if not UUID_TEXT.match(str(s.get("id", ""))):
        problems.append(f"id {s.get('id')!r} is not a UUID")
    if s.get("version", "1.0.3") != "1.0.3":
        problems.append("version is not 1.0.3")
    actor = s.get("actor", {})
    if actor.get("objectType", "Agent") != "Agent":
        problems.append("actor is not an Agent")
    ifis = [k for k in IFIS if k in actor]
    if len(ifis) != 1:
        problems.append(f"actor has {len(ifis)} inverse functional identifiers: {ifis}")
    if "account" in actor:
        account = actor["account"]
        if not re.match(r"^https?://\S+$", account.get("homePage", "")) or not account.get("name"):
            problems.append("actor.account needs an IRL homePage and a name")
    if "mbox" in actor and not re.match(r"^mailto:[^@\s]+@[^@\s]+$", actor["mbox"]):
        problems.append("actor.mbox is not a mailto: IRI")
    verb = s.get("verb", {})
    if not ABSOLUTE_IRI.match(verb.get("id", "")):
        problems.append("verb id is not an IRI")
    if not language_map(verb.get("display")):
        problems.append("verb has no display")
    problems += check_activity(s.get("object", {}), "object")
    result = s.get("result", {})
    score = result.get("score")
    if score is not None:
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            problems.append("score.scaled is outside [-1, 1]")
        if "min" in score and "max" in score and not score["min"] < score["max"]:
            problems.append("score.min is not below score.max")
        if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
            problems.append("score.raw is outside [min, max]")
    for flag in ("success", "completion"):
        if flag in result and not isinstance(result[flag], bool):
            problems.append(f"result.{flag} is not a boolean")
    if "duration" in result and not DURATION.match(result["duration"]):
        problems.append(f"result.duration {result['duration']!r} is not an ISO 8601 duration")
    try:
        stamp = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))
        if stamp.tzinfo is None:
            problems.append("timestamp has no time zone")
    except (KeyError, ValueError):
        problems.append(f"timestamp {s.get('timestamp')!r} does not parse")
    context = s.get("context", {})
    if "registration" in context and not UUID_TEXT.match(str(context["registration"])):
        problems.append("context.registration is not a UUID")
    for key in context.get("extensions", {}):
        if not ABSOLUTE_IRI.match(key):
            problems.append(f"context extension key {key!r} is not an IRI")
    for kind, activities in context.get("contextActivities", {}).items():
        for activity in activities:
            problems += check_activity(activity, f"context.contextActivities.{kind}")
    return problems


pytestmark = pytest.mark.usefixtures("cli_uses_the_test_content")


def export_xapi(db, *extra) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", "--format", "xapi", "--db", db, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def train(records, content, clock, training):
    """Ana fails alpha once in 95.5 s, passes, signs; Bo starts a quiz and stops; a year on Ana
    takes the test-out."""
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    clock.advance(seconds=95.5)
    answer_all(training, attempt, right=2)
    certify(training)
    bo = Person("E300", "Bo Chen", email="bo@example.org", hire_date=date(2026, 8, 30), district="tst")
    records.people.upsert_many([bo])
    bo_training = Training(records, content, bo, "tst", ev.IDENTITY_ENROLLMENT_CODE, clock, random.Random(5))
    finish_lesson(bo_training, "alpha")
    bo_training.start_quiz("alpha")
    clock.advance(days=340)
    answer_all(training, training.start_testout())


def test_every_statement_keeps_the_xapi_rules(records, content, clock, training, db):
    train(records, content, clock, training)
    built = export_xapi(db)
    assert built
    for statement in built:
        assert check_statement(statement) == [], json.dumps(statement, indent=1)


def test_writing_to_a_file_says_what_was_exported(records, content, clock, training, db, tmp_path):
    train(records, content, clock, training)
    out = tmp_path / "statements.json"
    result = CliRunner().invoke(cli, ["export", "--format", "xapi", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert f"Wrote {len(written)} xAPI statements to {out}" in result.stderr
    finished = records.db.execute("SELECT count(*) FROM events WHERE type = 'lesson.completed'").fetchone()[0]
    assert sum(s["object"]["definition"]["type"].endswith("/lesson") for s in written) == finished >= 2


def test_statement_ids_are_unique_and_the_same_in_a_second_export(records, content, clock, training, db):
    train(records, content, clock, training)
    first = export_xapi(db)
    second = export_xapi(db)
    assert len({s["id"] for s in first}) == len(first)
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert first == second  # nothing happened in between: the same statements exactly


def test_attempts_acknowledgments_and_lessons_map_to_the_expected_verbs_objects_and_results(
    records, content, clock, training, db
):
    train(records, content, clock, training)
    built = export_xapi(db)
    attempts = records.db.execute("SELECT attempt_id, passed, finished_at FROM attempts").fetchall()
    lessons = records.db.execute(
        "SELECT seq, hash, learner, ts FROM events WHERE type = 'lesson.completed' ORDER BY seq").fetchall()
    assert lessons
    verbs = [s["verb"]["id"] for s in built]
    assert verbs.count(VERBS["attempted"]["id"]) == len(attempts)
    finished = [a for a in attempts if a[2]]
    assert verbs.count(VERBS["completed"]["id"]) == len(finished) + len(lessons)
    assert verbs.count(VERBS["passed"]["id"]) == sum(1 for a in finished if a[1])
    assert verbs.count(VERBS["failed"]["id"]) == sum(1 for a in finished if not a[1])
    assert verbs.count("http://activitystrea.ms/schema/1.0/agree") == 1

    failed = next(s for s in built if s["verb"]["id"].endswith("/failed"))
    assert failed["actor"] == {
        "objectType": "Agent", "name": "Ana María Pérez", "account": {"homePage": "https://example.org/", "name": "E100"},
    }
    assert failed["object"]["id"] == "https://example.org/tutor/quiz/alpha"
    assert failed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    assert failed["result"] == {
        "success": False, "completion": True, "duration": "PT1M35.5S",
        "score": {"scaled": 0.4, "raw": 2, "min": 0, "max": 5},
    }
    assert failed["timestamp"] == "2026-09-01T08:01:35.500Z"
    context = failed["context"]
    first_attempt = records.db.execute(
        "SELECT attempt_id FROM attempts WHERE learner = 'E100' ORDER BY started_seq LIMIT 1").fetchone()[0]
    assert context["registration"] == first_attempt and uuid.UUID(first_attempt)
    assert context["platform"] == "tutor" and context["language"] == "en-US"
    ext = context["extensions"]
    assert ext["https://example.org/tutor/xapi/content-revision"] == training.content_revision
    assert ext["https://example.org/tutor/xapi/policy-version"] == training.policy_version
    assert ext["https://example.org/tutor/xapi/identity-method"] == "pin"

    testout = [s for s in built if s["object"]["id"] == "https://example.org/tutor/test-out"]
    assert {s["verb"]["display"]["en-US"] for s in testout} == {"attempted", "completed", "passed"}

    agreed = next(s for s in built if s["verb"]["display"] == {"en-US": "agreed"})
    ack = records.db.execute("SELECT ack_id, policy_version, event_hash, text_hash FROM acknowledgments").fetchone()
    assert agreed["object"]["id"] == f"https://example.org/tutor/acknowledgment/{ack[1]}"
    assert agreed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/file"
    assert agreed["context"]["extensions"]["https://example.org/tutor/xapi/record-hash"] == ack[2]
    assert agreed["context"]["extensions"]["https://example.org/tutor/xapi/text-hash"] == ack[3]
    assert "registration" not in agreed["context"]

    # Each finished lesson: completed, with the lesson as a lesson activity and its event as the record.
    seq, event_hash, learner, ts = lessons[0]
    lesson = next(s for s in built if s["object"]["id"] == "https://example.org/tutor/lesson/alpha"
                  and s["actor"]["account"]["name"] == learner)
    assert lesson["verb"] == VERBS["completed"] and lesson["result"] == {"completion": True}
    assert lesson["object"]["definition"] == {
        "name": {"en-US": "Lesson: Lesson alpha"}, "type": "http://adlnet.gov/expapi/activities/lesson",
    }
    assert lesson["context"]["extensions"]["https://example.org/tutor/xapi/record-hash"] == event_hash
    assert lesson["context"]["extensions"]["https://example.org/tutor/xapi/record-seq"] == seq
    assert "registration" not in lesson["context"]
    assert "https://example.org/tutor/xapi/policy-version" not in lesson["context"]["extensions"]

    # Bo's unfinished quiz: attempted only, no result, his enrollment-code sign-in.
    bo = [s for s in built if s["actor"]["account"]["name"] == "E300" and "/lesson/" not in s["object"]["id"]]
    assert [s["verb"]["display"]["en-US"] for s in bo] == ["attempted"] and "result" not in bo[0]
    assert bo[0]["context"]["extensions"]["https://example.org/tutor/xapi/identity-method"] == "enrollment-code"


def test_every_statement_carries_the_chain_head_at_export_time(records, content, clock, training, db):
    train(records, content, clock, training)
    seq, head = records.events.head()
    for s in export_xapi(db):
        assert s["context"]["extensions"]["https://example.org/tutor/xapi/chain-head"] == {"seq": seq, "hash": head}


def test_statements_are_in_time_order_and_since_filters_them(records, content, clock, training, db):
    train(records, content, clock, training)
    built = export_xapi(db)
    stamps = [s["timestamp"] for s in built]
    assert stamps == sorted(stamps)
    later = export_xapi(db, "--since", "2027-01-01")
    assert later and all(s["timestamp"] >= "2027-01-01" for s in later)
    assert {s["id"] for s in later} <= {s["id"] for s in built}


def test_without_a_home_page_the_actor_is_identified_by_email(records, content, clock, training):
    certify(training)
    records.people.upsert_many([replace(training.person, email="ana@example.org")])
    no_home = replace(content, districts={"tst": replace(content.districts["tst"], home_page="")})
    built, warnings = statements(collect(records), no_home)
    assert built and not warnings
    for s in built:
        assert s["actor"]["mbox"] == "mailto:ana@example.org" and "account" not in s["actor"]
        assert check_statement(s) == []


def test_a_record_that_cannot_be_identified_is_left_out_with_a_warning(records, content, clock, training):
    certify(training)
    gone = replace(content, districts={})
    built, warnings = statements(collect(records), gone)
    assert built == []
    assert warnings and "E100" in warnings[0] and "no home page" in warnings[0]


@pytest.mark.parametrize("seconds, text", [
    (95.5, "PT1M35.5S"), (0, "PT0S"), (0.004, "PT0S"), (59.999, "PT1M"), (3600, "PT1H"),
    (3725.25, "PT1H2M5.25S"), (12.0, "PT12S"), (90061, "PT25H1M1S"),
])
def test_durations_are_iso_8601(seconds, text):
    assert iso_duration(seconds) == text
    assert DURATION.match(text)


def test_the_validator_catches_what_it_should(records, content, clock, training):
    """The checks above would fail on a broken statement."""
    certify(training)
    good = statements(collect(records), content)[0][-1]
    broken = json.loads(json.dumps(good))
    broken["id"] = "not-a-uuid"
    broken["actor"]["mbox"] = "mailto:x@example.org"
    broken["object"]["id"] = "relative/path"
    broken["result"] = {"score": {"scaled": 1.5, "raw": 9, "min": 0, "max": 5}, "duration": "95s"}
    broken["timestamp"] = "2026-09-01T08:00:00"
    broken["context"]["registration"] = None
    problems = "\n".join(check_statement(broken))
    for expected in ("not a UUID", "2 inverse functional", "not an absolute IRI", "scaled", "raw",
                     "duration", "time zone", "null at $.context.registration"):
        assert expected in problems
