"""The export as xAPI 1.0.3 statements (plain dicts), ready to POST to a Learning Record Store.

Each attempt gives up to three statements and each acknowledgment one:

- ``attempted`` when the quiz or test-out was started (no result yet);
- ``completed`` when its last answer was recorded (result: completion, duration);
- ``passed`` or ``failed`` at the same moment (result: score, success, completion, duration);
- ``agreed`` when the staff member signed the acknowledgment;

and each lesson completion one ``completed`` (result: completion).

Verbs. ``attempted``, ``completed``, ``passed`` and ``failed`` are the ADL verbs
(``http://adlnet.gov/expapi/verbs/...``). ADL has no verb for agreeing to a document, so the
acknowledgment uses ``http://activitystrea.ms/schema/1.0/agree`` ("Indicates that the actor
agrees with the object"), from the Activity Streams 1.0 base schema, a vocabulary listed in
the xAPI registry. Every verb carries an ``en-US`` display.

Activities live under the district's home page (``https://district.example/tutor/...``):

- ``<home>/tutor/quiz/<topic>``, type ``http://adlnet.gov/expapi/activities/assessment``;
- ``<home>/tutor/test-out``, type ``http://adlnet.gov/expapi/activities/assessment``;
- ``<home>/tutor/lesson/<lesson id>``, type ``http://adlnet.gov/expapi/activities/lesson``;
- ``<home>/tutor/acknowledgment/<policy_version>``, type ``http://adlnet.gov/expapi/activities/file``.
  The ADL vocabulary has no "policy" type; what staff agree to is the policy document (and
  its acknowledgment text, fixed by the policy version), and ``file`` is ADL's type for a
  document, so it is the closest published type;
- ``<home>/tutor``, type ``http://adlnet.gov/expapi/activities/course``: the whole training,
  in ``context.contextActivities.grouping`` of every statement.

Actor: an Agent identified by ``account`` (``homePage`` = the district home page, ``name`` =
employee id); ``mbox`` (``mailto:``) only when the district has no home page in the content.
A record with neither is left out and named in the warnings.

Context: ``registration`` is the attempt id (a UUID; acknowledgments and lessons have none),
``platform`` "tutor", ``language`` "en-US", and extensions (IRIs under ``<home>/tutor/xapi/``)
with the content revision and policy version (for attempts and acknowledgments), how the person
was identified, and the event-log chain head at export time. Acknowledgments add the text hash,
record (event) hash and valid-until date; lesson completions the record hash and sequence number.

Statement ids are UUIDv5 in a fixed project namespace over "<attempt or ack id>/<verb>" (for a
lesson completion, "<its event hash>/completed"), so
exporting twice gives the same ids and an LRS never stores a record twice. The chain-head
extension is the head *at export time*, so a statement exported again later differs from the
stored one in that extension: an LRS answers 409 Conflict for it and keeps the first copy.
Send only new records with ``--since`` to avoid that. No value is ever null (xAPI forbids it):
absent values are left out.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from tutor.content.model import Content, District
from tutor.service.exports import Export

XAPI_VERSION = "1.0.3"
# Fixed for good: uuid5(NAMESPACE_URL, "urn:tutor:xapi-statement-ids"). Changing it would
# give every statement a new id and duplicate the whole history in an LRS.
STATEMENT_NAMESPACE = uuid.UUID("ec7f8b8f-137b-5055-96d3-02c801fb6682")

ADL_VERB = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "attempted": {"id": ADL_VERB + "attempted", "display": {"en-US": "attempted"}},
    "completed": {"id": ADL_VERB + "completed", "display": {"en-US": "completed"}},
    "passed": {"id": ADL_VERB + "passed", "display": {"en-US": "passed"}},
    "failed": {"id": ADL_VERB + "failed", "display": {"en-US": "failed"}},
    "agreed": {"id": "http://activitystrea.ms/schema/1.0/agree", "display": {"en-US": "agreed"}},
}

ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
TYPE_ASSESSMENT = ADL_ACTIVITY + "assessment"
TYPE_POLICY_DOCUMENT = ADL_ACTIVITY + "file"
TYPE_COURSE = ADL_ACTIVITY + "course"
TYPE_LESSON = ADL_ACTIVITY + "lesson"


def statement_id(record_id: str, verb: str) -> str:
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"{record_id}/{verb}"))


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


class _District:
    """What the statements need of one district; works when it is gone from the content."""

    def __init__(self, district_id: str, profile: District | None, content: Content):
        self.id = district_id
        self.home_page = profile.home_page if profile and profile.home_page else ""
        self.home = self.home_page.rstrip("/")
        self.base = f"{self.home}/tutor" if self.home else f"urn:tutor:district:{quote(district_id, safe='')}"
        self.short_name = profile.short_name if profile else district_id
        titles = []
        for source in profile.sources if profile else ():
            policy = content.policies.get(source)
            if policy:
                titles.append(f"{policy.title} (policy {policy.policy})" if policy.policy else policy.title)
        self.policy_label = "; ".join(titles) or f"the {self.short_name} Acceptable Use Policy"

    def iri(self, *parts: str) -> str:
        sep = "/" if self.home else ":"
        return sep.join([self.base, *(quote(p, safe="-_.~") for p in parts)])

    def extension(self, name: str) -> str:
        return self.iri("xapi", name)

    def course(self) -> dict:
        return {
            "objectType": "Activity",
            "id": self.base,
            "definition": {
                "name": {"en-US": f"{self.short_name} Acceptable Use Policy training"},
                "type": TYPE_COURSE,
            },
        }


def _lesson_titles(content: Content) -> dict[str, str]:
    titles: dict[str, str] = {}
    for lesson in sorted(content.lessons.values(), key=lambda l: (l.order, l.id)):
        titles.setdefault(lesson.topic, lesson.title)
    return titles


def _actor(record: dict, district: _District) -> dict | None:
    actor: dict[str, Any] = {"objectType": "Agent"}
    if record.get("name"):
        actor["name"] = record["name"]
    if district.home:
        actor["account"] = {"homePage": district.home_page, "name": record["employee_id"]}
    elif record.get("email"):
        actor["mbox"] = "mailto:" + record["email"]
    else:
        return None
    return actor


def _attempt_object(attempt: dict, district: _District, titles: dict[str, str]) -> dict:
    if attempt["kind"] == "testout":
        names = ", ".join(titles.get(t, t) for t in attempt["topics"])
        return {
            "objectType": "Activity",
            "id": district.iri("test-out"),
            "definition": {
                "name": {"en-US": f"{district.short_name} Acceptable Use Policy test-out"},
                "description": {"en-US": f"One assessment over every required topic: {names}."},
                "type": TYPE_ASSESSMENT,
            },
        }
    topic = attempt["topics"][0] if attempt["topics"] else "quiz"
    title = titles.get(topic, topic)
    return {
        "objectType": "Activity",
        "id": district.iri("quiz", topic),
        "definition": {
            "name": {"en-US": f"Quiz: {title}"},
            "description": {"en-US": f"The quiz after the lesson \u201c{title}\u201d of the {district.short_name} "
                                     "Acceptable Use Policy training."},
            "type": TYPE_ASSESSMENT,
        },
    }


def _context(record: dict, district: _District, export: Export, registration: str | None, extra: dict) -> dict:
    extensions = {
        district.extension("content-revision"): record.get("content_revision"),
        district.extension("policy-version"): record.get("policy_version"),
        district.extension("identity-method"): record["identity"],
        district.extension("chain-head"): export.chain_head.as_dict(),
        **{district.extension(k): v for k, v in extra.items()},
    }
    context: dict[str, Any] = {
        "platform": "tutor",
        "language": "en-US",
        "contextActivities": {"grouping": [district.course()]},
        "extensions": extensions,
    }
    if registration:
        context["registration"] = registration
    return context


def _statement(record_id: str, verb: str, actor: dict, obj: dict, timestamp: str, context: dict,
               result: dict | None = None) -> dict:
    statement = {
        "id": statement_id(record_id, verb),
        "actor": actor,
        "verb": VERBS[verb],
        "object": obj,
        "timestamp": xapi_timestamp(timestamp),
        "context": context,
        "version": XAPI_VERSION,
    }
    if result:
        statement["result"] = result
    return drop_nulls(statement)


def drop_nulls(value: Any) -> Any:
    """A copy without null values (xAPI forbids them) or empty objects they leave behind."""
    if isinstance(value, dict):
        out = {k: drop_nulls(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in out.items() if v != {}}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value if v is not None]
    return value


def statements(export: Export, content: Content) -> tuple[list[dict], list[str]]:
    """(statements in time order, warnings about records that could not be expressed)."""
    districts: dict[str, _District] = {}
    titles = _lesson_titles(content)
    out: list[tuple[str, int, dict]] = []
    warnings: list[str] = []

    def district_of(record: dict) -> _District:
        key = record["district"]
        if key not in districts:
            districts[key] = _District(key, content.districts.get(key), content)
        return districts[key]

    for a in export.attempts:
        district = district_of(a)
        actor = _actor(a, district)
        if actor is None:
            warnings.append(
                f"attempt {a['attempt_id']} of {a['employee_id']} left out: district '{a['district']}' has no "
                "home page in the content and the person has no email"
            )
            continue
        obj = _attempt_object(a, district, titles)
        extra = {"attempt-kind": a["kind"], "topics": a["topics"]}
        context = _context(a, district, export, a["attempt_id"], extra)
        out.append((a["started_at"], 0, _statement(a["attempt_id"], "attempted", actor, obj, a["started_at"], context)))
        if a["finished_at"] is None:
            continue
        duration = iso_duration(a["duration_s"]) if a["duration_s"] is not None else None
        out.append((a["finished_at"], 1, _statement(
            a["attempt_id"], "completed", actor, obj, a["finished_at"], context,
            {"completion": True, "duration": duration},
        )))
        result: dict[str, Any] = {"success": bool(a["passed"]), "completion": True, "duration": duration}
        if a["total"]:
            scaled = min(1.0, max(0.0, float(a["score"])))
            result["score"] = {"scaled": scaled, "raw": a["correct"], "min": 0, "max": a["total"]}
        verb = "passed" if a["passed"] else "failed"
        out.append((a["finished_at"], 2, _statement(a["attempt_id"], verb, actor, obj, a["finished_at"], context, result)))

    for k in export.acknowledgments:
        district = district_of(k)
        actor = _actor(k, district)
        if actor is None:
            warnings.append(
                f"acknowledgment {k['ack_id']} of {k['employee_id']} left out: district '{k['district']}' has no "
                "home page in the content and the person has no email"
            )
            continue
        obj = {
            "objectType": "Activity",
            "id": district.iri("acknowledgment", k["policy_version"]),
            "definition": {
                "name": {"en-US": f"{district.short_name} Acceptable Use Policy acknowledgment"},
                "description": {"en-US": f"The acknowledgment of {district.policy_label}, signed after passing every "
                                         f"required quiz (policy version {k['policy_version']})."},
                "type": TYPE_POLICY_DOCUMENT,
            },
        }
        extra = {
            "acknowledgment-id": k["ack_id"], "text-hash": k["text_hash"], "record-hash": k["event_hash"],
            "record-seq": k["seq"], "valid-until": k["valid_until"], "scores": k["scores"],
        }
        context = _context(k, district, export, None, extra)
        out.append((k["signed_at"], 3, _statement(k["ack_id"], "agreed", actor, obj, k["signed_at"], context,
                                                  {"completion": True})))

    for lesson in export.lessons:
        district = district_of(lesson)
        actor = _actor(lesson, district)
        if actor is None:
            warnings.append(
                f"lesson completion #{lesson['seq']} of {lesson['employee_id']} left out: district "
                f"'{lesson['district']}' has no home page in the content and the person has no email"
            )
            continue
        known = content.lessons.get(lesson["lesson_id"])
        obj = {
            "objectType": "Activity",
            "id": district.iri("lesson", lesson["lesson_id"]),
            "definition": {
                "name": {"en-US": f"Lesson: {known.title if known else lesson['lesson_id']}"},
                "type": TYPE_LESSON,
            },
        }
        context = _context(lesson, district, export, None,
                           {"record-hash": lesson["event_hash"], "record-seq": lesson["seq"]})
        out.append((lesson["completed_at"], 0, _statement(
            lesson["event_hash"], "completed", actor, obj, lesson["completed_at"], context, {"completion": True},
        )))

    out.sort(key=lambda s: (s[0], s[1]))
    return [s[2] for s in out], warnings
