"""The records as xAPI statements (plain dicts) that never change once made.

The statements and the IRIs they use are documented in docs/xapi.md, the project's xAPI
profile; this module is its one implementation. In short:

- one statement per thing that happened: ``attempted`` (a quiz or the test-out started),
  ``completed`` and ``passed``/``failed`` (it finished), ``completed`` (a lesson finished),
  ``agreed`` (the acknowledgment signed), ``certified`` (the whole training done, with the expiry)
  and ``voided`` (a record withdrawn by a correction);
- **immutable**: a statement is built only from what its event recorded and from values that
  never change (ids, hashes, sequence numbers, the policy version, the content revision). It
  carries no name (the actor is an account: home page and employee id), no export time, no
  chain head and no ``version``; activity names come from ids, not from the current lesson
  titles. So the same record gives the same id and the same bytes in every export, whatever
  happened since (new events, roster renames, re-exports), and an LRS that already stored it
  takes it again as "already stored, identical";
- statement ids are UUIDv5 in a fixed namespace over "<record id>/<verb>" (a lesson
  completion's record id is its event hash);
- ``context.registration`` is one UUID per learner per certification cycle (a cycle ends with
  each acknowledgment), ``context.revision`` the content revision, ``contextActivities.parent``
  the course and ``category`` the project's profile;
- every activity type and extension key the project defines lives under one fixed namespace,
  ``https://w3id.org/tutor-aup/xapi/``, the same for every district.
"""

from __future__ import annotations

import json
import uuid
from bisect import bisect_left
from typing import Any
from urllib.parse import quote

from tutor.content.model import Content
from tutor.service.exports import Export

# The project's namespace. Fixed for good: every district's statements use it, and an LRS
# query for one of these IRIs must find the statements of every server that ever sent one.
NAMESPACE = "https://w3id.org/tutor-aup/xapi"
PROFILE_ID = f"{NAMESPACE}/profile/1.0"
PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile"

# Fixed for good: uuid5(NAMESPACE_URL, PROFILE_ID + "/statement-ids"). Changing it would give
# every statement a new id and duplicate the whole history in an LRS. (Earlier exports, whose
# statements carried the export's chain head and so changed, used
# uuid5(NAMESPACE_URL, "urn:tutor:xapi-statement-ids"): a new namespace keeps these statements
# from colliding, 409, with those where an LRS already holds them.)
STATEMENT_NAMESPACE = uuid.UUID("a8b25277-c7d6-5cbc-8ccf-2711b7668fd4")
EARLIER_STATEMENT_NAMESPACE = uuid.UUID("ec7f8b8f-137b-5055-96d3-02c801fb6682")
# Fixed for good: uuid5(NAMESPACE_URL, "urn:tutor:xapi-registrations").
REGISTRATION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:tutor:xapi-registrations")

# The setting that names the system where staff accounts live (the SSO, the HR system).
ACCOUNT_HOME_PAGE_SETTING = "xapi.account_home_page"

ADL_VERB = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "attempted": {"id": ADL_VERB + "attempted", "display": {"en-US": "attempted"}},
    "completed": {"id": ADL_VERB + "completed", "display": {"en-US": "completed"}},
    "passed": {"id": ADL_VERB + "passed", "display": {"en-US": "passed"}},
    "failed": {"id": ADL_VERB + "failed", "display": {"en-US": "failed"}},
    "agreed": {"id": "http://activitystrea.ms/schema/1.0/agree", "display": {"en-US": "agreed"}},
    "certified": {"id": f"{NAMESPACE}/verbs/certified", "display": {"en-US": "certified"}},
    "voided": {"id": ADL_VERB + "voided", "display": {"en-US": "voided"}},
}
# The statements each kind of record gives, so a correction can void every one of them.
RECORD_VERBS = {
    "attempt": ("attempted", "completed", "passed", "failed"),
    "acknowledgment": ("agreed", "certified"),
    "lesson": ("completed",),
}

ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
TYPE_ASSESSMENT = ADL_ACTIVITY + "assessment"
TYPE_COURSE = ADL_ACTIVITY + "course"
TYPE_LESSON = ADL_ACTIVITY + "lesson"
TYPE_ACKNOWLEDGMENT = f"{NAMESPACE}/activity-types/policy-acknowledgment"


def extension(name: str) -> str:
    """The IRI of one of the project's extensions."""
    return f"{NAMESPACE}/extensions/{name}"


def statement_id(record_id: str, verb: str) -> str:
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"{record_id}/{verb}"))


def registration(account_home_page: str, employee_id: str, cycle: int) -> str:
    """One UUID per learner per certification cycle (cycle 0 ends with their first acknowledgment)."""
    return str(uuid.uuid5(REGISTRATION_NAMESPACE, f"{account_home_page}\n{employee_id}\n{cycle}"))


def xapi_timestamp(stored: str) -> str:
    """'2026-09-01T08:00:00.123456Z' -> '2026-09-01T08:00:00.123Z' (what an LRS keeps)."""
    if "." in stored and stored.endswith("Z"):
        whole, fraction = stored[:-1].split(".", 1)
        return f"{whole}.{(fraction + '000')[:3]}Z"
    return stored


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration to the hundredth: 95.5 -> 'PT1M35.5S', 0 -> 'PT0S'."""
    centis = max(0, round(seconds * 100))
    hours, centis = divmod(centis, 360_000)
    minutes, centis = divmod(centis, 6_000)
    whole, hundredths = divmod(centis, 100)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if whole or hundredths or out == "PT":
        out += f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".") + "S"
    return out


def _without_nulls(values: dict) -> dict:
    """Without the null values (xAPI forbids them), one level deep: the builder applies it where a
    value may be missing; the rest of a statement is built from values that are always there,
    and walking every statement in full would cost more than building it."""
    return {k: v for k, v in values.items() if v is not None}


def _part(text: str) -> str:
    return quote(text, safe="-_.~")


class _District:
    """The activities of one district's training; all of them built from ids alone."""

    def __init__(self, district_id: str):
        self.id = district_id
        self.base = f"{NAMESPACE}/activities/{_part(district_id)}"

    def course(self) -> dict:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/course",
            "definition": {
                "name": {"en-US": f"Acceptable Use Policy training ({self.id})"},
                "type": TYPE_COURSE,
            },
        }

    def quiz(self, topic: str, policy_version: str) -> dict:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/quiz/{_part(topic)}/{_part(policy_version)}",
            "definition": {
                "name": {"en-US": f"Quiz: {topic} ({self.id}, policy version {policy_version[:12]})"},
                "type": TYPE_ASSESSMENT,
            },
        }

    def testout(self, policy_version: str) -> dict:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/test-out/{_part(policy_version)}",
            "definition": {
                "name": {"en-US": f"Test-out ({self.id}, policy version {policy_version[:12]})"},
                "type": TYPE_ASSESSMENT,
            },
        }

    def lesson(self, lesson_id: str) -> dict:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/lesson/{_part(lesson_id)}",
            "definition": {"name": {"en-US": f"Lesson: {lesson_id} ({self.id})"}, "type": TYPE_LESSON},
        }

    def acknowledgment(self, policy_version: str) -> dict:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/acknowledgment/{_part(policy_version)}",
            "definition": {
                "name": {"en-US": f"Acceptable Use Policy acknowledgment ({self.id}, policy version "
                                  f"{policy_version[:12]})"},
                "type": TYPE_ACKNOWLEDGMENT,
            },
        }


_PROFILE = {"objectType": "Activity", "id": PROFILE_ID, "definition": {"type": PROFILE_TYPE}}


class _Builder:
    """Builds the statements of one export; see the module docstring."""

    def __init__(self, export: Export, content: Content, account_home_page: str | None):
        self.export = export
        self.content = content
        self.account_home_page = account_home_page or ""
        self.districts: dict[str, _District] = {}
        self.out: list[tuple[int, int, dict]] = []  # (event seq, order within it, statement)
        self.warnings: list[str] = []

    def district(self, district_id: str) -> _District:
        if district_id not in self.districts:
            self.districts[district_id] = _District(district_id)
        return self.districts[district_id]

    def home_page(self, district_id: str) -> str:
        """Where the accounts live: the setting, else the district's home page in the content."""
        if self.account_home_page:
            return self.account_home_page
        profile = self.content.districts.get(district_id)
        return profile.home_page if profile and profile.home_page else ""

    def actor(self, employee_id: str, district_id: str, what: str) -> dict | None:
        home = self.home_page(district_id)
        if not home:
            self.warnings.append(
                f"{what} of {employee_id} left out: no home page for the accounts of district '{district_id}'; "
                "set one with `tutor settings set xapi.account_home_page URL` (the system where staff accounts live)"
            )
            return None
        return {"objectType": "Agent", "account": {"homePage": home, "name": employee_id}}

    def cycle(self, learner: str, seq: int) -> int:
        """How many acknowledgments the learner signed before this event."""
        return bisect_left(self.export.ack_seqs.get(learner, []), seq)

    def context(self, actor: dict, learner: str, seq: int, district: _District, revision: str | None,
                extensions: dict, parent: bool = True) -> dict:
        activities: dict[str, list] = {}
        if parent:
            activities["parent"] = [district.course()]
        activities["category"] = [_PROFILE]
        return _without_nulls({
            "registration": registration(actor["account"]["homePage"], learner, self.cycle(learner, seq)),
            "revision": revision,
            "platform": "tutor",
            "language": "en-US",
            "contextActivities": activities,
            "extensions": {extension(k): v for k, v in extensions.items() if v is not None},
        })

    def add(self, seq: int, order: int, record_id: str, verb: str, actor: dict, obj: dict, timestamp: str,
            context: dict, result: dict | None = None) -> None:
        statement: dict[str, Any] = {
            "id": statement_id(record_id, verb),
            "actor": actor,
            "verb": VERBS[verb],
            "object": obj,
        }
        if result:
            statement["result"] = _without_nulls(result)
        statement["context"] = context
        statement["timestamp"] = xapi_timestamp(timestamp)
        self.out.append((seq, order, statement))

    def attempt(self, a: dict) -> None:
        actor = self.actor(a["employee_id"], a["district"], f"attempt {a['attempt_id']}")
        if actor is None:
            return
        district = self.district(a["district"])
        if a["kind"] == "testout":
            obj = district.testout(a["policy_version"])
        else:
            obj = district.quiz(a["topics"][0] if a["topics"] else "quiz", a["policy_version"])
        base = {"district": district.id, "policy-version": a["policy_version"], "attempt-id": a["attempt_id"],
                "attempt-kind": a["kind"], "topics": a["topics"]}
        started = self.context(actor, a["employee_id"], a["started_seq"], district, a["content_revision"], {
            **base, "identity-method": a["identity"], "record-seq": a["started_seq"], "record-hash": a["started_hash"],
        })
        self.add(a["started_seq"], 0, a["attempt_id"], "attempted", actor, obj, a["started_at"], started)
        if a["finished_at"] is None:
            return
        finished = self.context(actor, a["employee_id"], a["finished_seq"], district, a["content_revision"], {
            **base, "identity-method": a["identity"], "record-seq": a["finished_seq"],
            "record-hash": a["finished_hash"],
        })
        duration = iso_duration(a["duration_s"]) if a["duration_s"] is not None else None
        self.add(a["finished_seq"], 0, a["attempt_id"], "completed", actor, obj, a["finished_at"], finished,
                 {"completion": True, "duration": duration})
        result: dict[str, Any] = {}
        if a["total"]:
            scaled = min(1.0, max(0.0, float(a["score"])))
            result["score"] = {"scaled": scaled, "raw": a["correct"], "min": 0, "max": a["total"]}
        result.update({"success": bool(a["passed"]), "completion": True, "duration": duration})
        verb = "passed" if a["passed"] else "failed"
        self.add(a["finished_seq"], 1, a["attempt_id"], verb, actor, obj, a["finished_at"], finished, result)

    def acknowledgment(self, k: dict) -> None:
        actor = self.actor(k["employee_id"], k["district"], f"acknowledgment {k['ack_id']}")
        if actor is None:
            return
        district = self.district(k["district"])
        extensions = {
            "district": district.id, "policy-version": k["policy_version"], "identity-method": k["identity"],
            "acknowledgment-id": k["ack_id"], "text-hash": k["text_hash"],
            "record-seq": k["seq"], "record-hash": k["event_hash"],
        }
        context = self.context(actor, k["employee_id"], k["seq"], district, k["content_revision"], extensions)
        self.add(k["seq"], 0, k["ack_id"], "agreed", actor, district.acknowledgment(k["policy_version"]),
                 k["signed_at"], context, {"completion": True})
        # Signing is the last step of the training: the course-level statement, with the expiry.
        course = self.context(actor, k["employee_id"], k["seq"], district, k["content_revision"], extensions,
                              parent=False)
        result = {"success": True, "completion": True,
                  "extensions": {extension("valid-until"): k["valid_until"], extension("scores"): k["scores"]}}
        self.add(k["seq"], 1, k["ack_id"], "certified", actor, district.course(), k["signed_at"], course, result)

    def lesson(self, lesson: dict) -> None:
        actor = self.actor(lesson["employee_id"], lesson["district"], f"lesson completion #{lesson['seq']}")
        if actor is None:
            return
        district = self.district(lesson["district"])
        context = self.context(actor, lesson["employee_id"], lesson["seq"], district, lesson.get("content_revision"), {
            "district": district.id, "identity-method": lesson["identity"],
            "record-seq": lesson["seq"], "record-hash": lesson["event_hash"],
        })
        self.add(lesson["seq"], 0, lesson["event_hash"], "completed", actor, district.lesson(lesson["lesson_id"]),
                 lesson["completed_at"], context, {"completion": True})

    def void(self, v: dict) -> None:
        kind = v["kind"] if v["kind"] in RECORD_VERBS else None
        district_id = v["district"] or ""
        actor = self.actor(v["learner"], district_id, f"correction #{v['seq']}")
        if actor is None or kind is None or not v["record"]:
            if actor is not None:
                self.warnings.append(f"correction #{v['seq']} left out: it names no record of a known kind")
            return
        verbs = RECORD_VERBS[kind]
        if kind == "attempt":
            # Only the statements the attempt gave: an unfinished one was only attempted.
            verbs = ("attempted",) + (("completed", "passed" if v["passed"] else "failed") if v["finished"] else ())
        context = self.context(actor, v["learner"], v["seq"], self.district(district_id), None, {
            "district": district_id, "identity-method": v["identity"], "record-seq": v["seq"],
            "record-hash": v["event_hash"], "reason": v["reason"],
        }, parent=False)
        # A correction belongs to no certification cycle: it withdraws statements of whichever one.
        del context["registration"]
        for order, verb in enumerate(verbs):
            target = statement_id(v["record"], verb)
            self.add(v["seq"], order, f"{v['event_hash']}/{target}", "voided", actor,
                     {"objectType": "StatementRef", "id": target}, v["ts"], context)


def sourced_statements(export: Export, content: Content, account_home_page: str | None = None
                       ) -> tuple[list[tuple[int, dict]], list[str]]:
    """([(seq of the event the statement comes from, statement)] in event order, warnings).

    `account_home_page` is the `xapi.account_home_page` setting; without it each district's home
    page in the content names where the accounts live. Records whose person cannot be
    identified are left out and named in the warnings.
    """
    builder = _Builder(export, content, account_home_page)
    for a in export.attempts:
        builder.attempt(a)
    for k in export.acknowledgments:
        builder.acknowledgment(k)
    for lesson in export.lessons:
        builder.lesson(lesson)
    for v in export.voids:
        builder.void(v)
    builder.out.sort(key=lambda s: (s[0], s[1]))
    return [(seq, statement) for seq, _, statement in builder.out], builder.warnings


def statements(export: Export, content: Content, account_home_page: str | None = None) -> tuple[list[dict], list[str]]:
    """(statements in event order, warnings about records that could not be expressed)."""
    built, warnings = sourced_statements(export, content, account_home_page)
    return [statement for _, statement in built], warnings


def statements_text(built: list[dict]) -> str:
    """The statements as a JSON array, one statement a line, each exactly as a push sends it."""
    if not built:
        return "[]\n"
    return "[\n" + ",\n".join(statement_bytes(s).decode("utf-8") for s in built) + "\n]\n"


def statement_bytes(statement: dict) -> bytes:
    """The exact bytes of one statement as exported and sent (UTF-8, keys in the order built)."""
    return json.dumps(statement, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
