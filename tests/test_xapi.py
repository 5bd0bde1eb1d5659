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
from tutor.domain.events import NewEvent
from tutor.service.xapi import VERBS, iso_duration, statement_bytes, statements
from tutor.store.people import Person
from tests.factories import make_content

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
    if s.get("version", "1.0.0") != "1.0.0":
        problems.append("version is set, and not to 1.0.0 (a sender may set only that)")
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
    obj = s.get("object", {})
    if obj.get("objectType") == "StatementRef":
        if not UUID_TEXT.match(str(obj.get("id", ""))):
            problems.append("object: a StatementRef id is not a UUID")
        if verb.get("id") != "http://adlnet.gov/expapi/verbs/voided":
            problems.append("a StatementRef object here should only be voided")
    else:
        problems += check_activity(obj, "object")
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
    # One statement a line, each exactly the bytes a push sends.
    lines = out.read_bytes().splitlines()
    assert lines[0] == b"[" and lines[-1] == b"]"
    assert [line.rstrip(b",") for line in lines[1:-1]] == [statement_bytes(s) for s in written]
    finished = records.db.execute("SELECT count(*) FROM events WHERE type = 'lesson.completed'").fetchone()[0]
    assert sum(s["object"]["definition"]["type"].endswith("/lesson") for s in written) == finished >= 2


def test_statement_ids_are_unique_and_the_same_in_a_second_export(records, content, clock, training, db):
    train(records, content, clock, training)
    first = export_xapi(db)
    second = export_xapi(db)
    assert len({s["id"] for s in first}) == len(first)
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert first == second  # nothing happened in between: the same statements exactly


NS = "https://w3id.org/tutor-aup/xapi"
ACT = f"{NS}/activities/tst"


def ext(name: str) -> str:
    return f"{NS}/extensions/{name}"


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
    assert verbs.count(f"{NS}/verbs/certified") == 1

    failed = next(s for s in built if s["verb"]["id"].endswith("/failed"))
    # No name: the account alone identifies the person, so a roster rename changes nothing.
    assert failed["actor"] == {"objectType": "Agent", "account": {"homePage": "https://example.org/", "name": "E100"}}
    assert "version" not in failed
    assert failed["object"]["id"] == f"{ACT}/quiz/alpha/{training.policy_version}"
    assert failed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    assert failed["result"] == {
        "score": {"scaled": 0.4, "raw": 2, "min": 0, "max": 5}, "success": False, "completion": True,
        "duration": "PT1M35.5S",
    }
    assert failed["timestamp"] == "2026-09-01T08:01:35.500Z"
    context = failed["context"]
    first_attempt = records.db.execute(
        "SELECT attempt_id FROM attempts WHERE learner = 'E100' ORDER BY started_seq LIMIT 1").fetchone()[0]
    assert uuid.UUID(context["registration"])
    assert context["revision"] == training.content_revision
    assert context["platform"] == "tutor" and context["language"] == "en-US"
    assert context["contextActivities"]["parent"] == [
        {"objectType": "Activity", "id": f"{ACT}/course",
         "definition": {"name": {"en-US": "Acceptable Use Policy training (tst)"},
                        "type": "http://adlnet.gov/expapi/activities/course"}},
    ]
    assert context["contextActivities"]["category"] == [
        {"objectType": "Activity", "id": f"{NS}/profile/1.0",
         "definition": {"type": "http://adlnet.gov/expapi/activities/profile"}},
    ]
    e = context["extensions"]
    assert e[ext("attempt-id")] == first_attempt
    assert e[ext("policy-version")] == training.policy_version
    assert e[ext("identity-method")] == "pin"
    assert all(key.startswith(f"{NS}/extensions/") for key in e)
    assert ext("content-revision") not in e, "the built-in context.revision holds it"
    # Built-in fields come before the extensions, in the statement and in its context.
    assert list(failed) == ["id", "actor", "verb", "object", "result", "context", "timestamp"]
    assert list(context)[-1] == "extensions"

    testout = [s for s in built if s["object"]["id"].startswith(f"{ACT}/test-out/")]
    assert {s["verb"]["display"]["en-US"] for s in testout} == {"attempted", "completed", "passed"}

    agreed = next(s for s in built if s["verb"]["display"] == {"en-US": "agreed"})
    ack = records.db.execute(
        "SELECT ack_id, policy_version, event_hash, text_hash, valid_until, seq FROM acknowledgments").fetchone()
    assert agreed["object"]["id"] == f"{ACT}/acknowledgment/{ack[1]}"
    assert agreed["object"]["definition"]["type"] == f"{NS}/activity-types/policy-acknowledgment"
    assert agreed["context"]["extensions"][ext("record-hash")] == ack[2]
    assert agreed["context"]["extensions"][ext("text-hash")] == ack[3]

    # Certified: the course itself, with the expiry.
    certified = next(s for s in built if s["verb"]["id"] == f"{NS}/verbs/certified")
    assert certified["object"]["id"] == f"{ACT}/course"
    assert certified["result"]["success"] is True
    assert certified["result"]["extensions"][ext("valid-until")] == ack[4]
    assert "parent" not in certified["context"]["contextActivities"]
    assert certified["timestamp"] == agreed["timestamp"]

    # Each finished lesson: completed, with the lesson as a lesson activity and its event as the record.
    seq, event_hash, learner, ts = lessons[0]
    lesson = next(s for s in built if s["object"]["id"] == f"{ACT}/lesson/alpha"
                  and s["actor"]["account"]["name"] == learner)
    assert lesson["verb"] == VERBS["completed"] and lesson["result"] == {"completion": True}
    assert lesson["object"]["definition"] == {
        "name": {"en-US": "Lesson: alpha (tst)"}, "type": "http://adlnet.gov/expapi/activities/lesson",
    }
    assert lesson["context"]["extensions"][ext("record-hash")] == event_hash
    assert lesson["context"]["extensions"][ext("record-seq")] == seq
    assert lesson["context"]["revision"] == training.content_revision
    assert ext("policy-version") not in lesson["context"]["extensions"]

    # Bo's unfinished quiz: attempted only, no result, his enrollment-code sign-in.
    bo = [s for s in built if s["actor"]["account"]["name"] == "E300" and "/lesson/" not in s["object"]["id"]]
    assert [s["verb"]["display"]["en-US"] for s in bo] == ["attempted"] and "result" not in bo[0]
    assert bo[0]["context"]["extensions"][ext("identity-method")] == "enrollment-code"


def test_no_statement_carries_export_metadata(records, content, clock, training, db, tmp_path):
    """The chain head and export time go beside the statements (the message), never inside."""
    train(records, content, clock, training)
    training.sign_in()  # the newest event then has no statement of its own
    seq, head = records.events.head()
    out = tmp_path / "statements.json"
    result = CliRunner().invoke(cli, ["export", "--format", "xapi", "--db", db, "--out", str(out)])
    assert f"event log head: #{seq} {head}" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert head not in text and "chain-head" not in text and '"version"' not in text
    assert "Ana" not in text, "no names in statements"


def bytes_by_id(built: list[dict]) -> dict[str, bytes]:
    return {s["id"]: statement_bytes(s) for s in built}


def test_statements_never_change_after_new_events_renames_and_content_edits(records, content, clock, training, db):
    """Export; then train more, rename someone, retitle a lesson and re-export: every statement
    exported before comes back with the same id and exactly the same bytes."""
    train(records, content, clock, training)
    before = bytes_by_id(export_xapi(db))
    assert len(before) > 10

    renamed = replace(training.person, name="Ana María Pérez-Lopez", email="ana.new@example.org")
    records.people.upsert_many([renamed])
    cy = Person("E400", "Cy Diaz", hire_date=date(2027, 8, 1), district="tst")
    records.people.upsert_many([cy])
    clock.advance(days=3)
    certify(Training(records, content, cy, "tst", ev.IDENTITY_PIN, clock, random.Random(11)))
    after_training = bytes_by_id(export_xapi(db))
    retitled = replace(content, lessons={k: replace(v, title=v.title + " (revised)") for k, v in content.lessons.items()})
    after_edit = bytes_by_id(statements(collect(records), retitled)[0])

    for after in (after_training, after_edit):
        assert set(before) < set(after), "new statements were added"
        changed = [i for i in before if after[i] != before[i]]
        assert changed == []


def test_the_account_home_page_setting_names_where_accounts_live(records, content, clock, training, db):
    certify(training)
    refused = CliRunner().invoke(cli, ["settings", "set", "xapi.account_home_page", "sso.district.example", "--db", db])
    assert refused.exit_code == 2 and "http(s) address" in refused.output
    done = CliRunner().invoke(cli, ["settings", "set", "xapi.account_home_page", "https://sso.district.example/",
                                    "--db", db])
    assert done.exit_code == 0, done.output
    built = export_xapi(db)
    assert {json.dumps(s["actor"]) for s in built} == {json.dumps(
        {"objectType": "Agent", "account": {"homePage": "https://sso.district.example/", "name": "E100"}})}


def test_one_registration_per_learner_per_certification_cycle(records, content, clock, training, db):
    train(records, content, clock, training)  # Ana: a first cycle ending with her signature, then a test-out
    built = export_xapi(db)
    ack_seq = records.db.execute("SELECT seq FROM acknowledgments WHERE learner = 'E100'").fetchone()[0]
    ana = [(s["context"]["extensions"][ext("record-seq")], s["context"]["registration"])
           for s in built if s["actor"]["account"]["name"] == "E100"]
    first = {r for seq, r in ana if seq <= ack_seq}
    second = {r for seq, r in ana if seq > ack_seq}
    assert len(first) == 1 and len(second) == 1 and first != second
    bo = {s["context"]["registration"] for s in built if s["actor"]["account"]["name"] == "E300"}
    assert len(bo) == 1 and bo != first and bo != second


def test_quiz_activity_ids_change_with_the_policy_version(records, content, clock, training, db):
    finish_lesson(training, "alpha")
    answer_all(training, training.start_quiz("alpha"))
    changed = make_content(district_ack="I have read the revised policy.")
    other = Training(records, changed, training.person, "tst", ev.IDENTITY_PIN, clock, random.Random(9))
    assert other.policy_version != training.policy_version
    answer_all(other, other.start_quiz("alpha"))
    quizzes = {s["object"]["id"] for s in export_xapi(db) if "/quiz/" in s["object"]["id"]}
    assert quizzes == {f"{ACT}/quiz/alpha/{training.policy_version}", f"{ACT}/quiz/alpha/{other.policy_version}"}


def test_a_corrected_record_gets_voiding_statements_for_each_of_its_statements(records, content, clock, training, db):
    finish_lesson(training, "alpha")
    attempt = training.start_quiz("alpha")
    answer_all(training, attempt, right=1)
    before = export_xapi(db)
    records.events.append(NewEvent(ev.RECORD_VOIDED, "E100", {
        "record": attempt.id, "kind": "attempt", "reason": "taken by someone else at a shared kiosk",
    }, ev.IDENTITY_TRAINER))
    after = export_xapi(db)
    assert after[:len(before)] == before
    voids = after[len(before):]
    targets = {s["id"] for s in before if s["context"]["extensions"].get(ext("attempt-id")) == attempt.id}
    assert len(targets) == 3  # attempted, completed, failed
    assert {s["object"]["id"] for s in voids} == targets
    for s in voids:
        assert s["verb"] == {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}
        assert s["object"]["objectType"] == "StatementRef"
        assert s["context"]["extensions"][ext("reason")] == "taken by someone else at a shared kiosk"
        assert "registration" not in s["context"]
        assert check_statement(s) == []


def test_statements_are_in_time_order_and_since_filters_them(records, content, clock, training, db):
    train(records, content, clock, training)
    built = export_xapi(db)
    stamps = [s["timestamp"] for s in built]
    assert stamps == sorted(stamps)
    later = export_xapi(db, "--since", "2027-01-01")
    assert later and all(s["timestamp"] >= "2027-01-01" for s in later)
    assert {s["id"] for s in later} <= {s["id"] for s in built}
    by_id = {s["id"]: s for s in built}
    assert all(by_id[s["id"]] == s for s in later), "the same statements, whatever the filter"


def test_without_any_home_page_records_are_left_out_with_a_warning_saying_what_to_set(records, content, clock, training):
    certify(training)
    records.people.upsert_many([replace(training.person, email="ana@example.org")])
    no_home = replace(content, districts={"tst": replace(content.districts["tst"], home_page="")})
    built, warnings = statements(collect(records), no_home)
    assert built == []
    assert warnings and "E100" in warnings[0] and "xapi.account_home_page" in warnings[0]
    built, warnings = statements(collect(records), no_home, "https://sso.example.org/")
    assert built and not warnings
    for s in built:
        assert s["actor"]["account"]["homePage"] == "https://sso.example.org/" and "mbox" not in s["actor"]
        assert check_statement(s) == []


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


def test_statement_ids_are_fixed_and_new_beside_earlier_exports():
    """Ids are a promise to every LRS that ever stored one: pinned here. They differ from the ids
    of earlier exports, whose statements changed with every export, so those never collide."""
    from tutor.service import xapi

    assert xapi.statement_id("48519a51-5b6e-5cb4-b367-a4bb01143f88", "passed") == str(
        uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, f"{NS}/profile/1.0/statement-ids"),
                   "48519a51-5b6e-5cb4-b367-a4bb01143f88/passed"))
    assert xapi.statement_id("x", "passed") != str(uuid.uuid5(xapi.EARLIER_STATEMENT_NAMESPACE, "x/passed"))


def test_the_examples_in_the_profile_keep_the_rules_and_use_only_documented_iris():
    """docs/xapi.md is the published profile: its examples must be statements this export could make."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "xapi.md").read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", doc, re.S)]
    assert len(examples) == 3
    documented = set(re.findall(r"`(https://w3id\.org/tutor-aup/xapi/extensions/)?([a-z-]+)`", doc))
    names = {name for _, name in documented}
    for statement in examples:
        assert check_statement(statement) == [], statement["id"]
        keys = list(statement["context"]["extensions"]) + list(statement.get("result", {}).get("extensions", {}))
        for key in keys:
            assert key.startswith(f"{NS}/extensions/") and key.rsplit("/", 1)[1] in names, key
