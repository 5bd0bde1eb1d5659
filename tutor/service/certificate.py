"""A printable record of one person's signed acknowledgment, for the personnel file.

The page is one self-contained HTML file: inline CSS (with a print stylesheet), no scripts,
no fonts, images or links to fetch. It is rendered from an autoescaping Jinja2 template
(templates/certificate.html), so every value prints as text: a name such as ``<script>``
cannot become markup, and there is no hand-placed escape to forget.
"""

from __future__ import annotations

from tutor.errors import TutorError

import json
from dataclasses import dataclass, field

from tutor.content.model import Content
from tutor.domain import events as ev
from tutor.domain.clock import Clock, iso, parse_iso
from tutor.store.records import Records


class CertificateUnavailable(TutorError):
    """No record can be printed; the message says why and what to do."""


class UnknownPerson(CertificateUnavailable):
    pass


class NotSigned(CertificateUnavailable):
    pass


IDENTITY_LABELS = {
    ev.IDENTITY_PIN: "employee ID and PIN",
    ev.IDENTITY_ENROLLMENT_CODE: "employee ID and one-time enrollment code",
    ev.IDENTITY_SELF_ASSERTED: "self-identified (employee ID and name typed, no PIN)",
    ev.IDENTITY_TRUSTED_HEADER: "district single sign-on",
    ev.IDENTITY_OPERATOR: "entered by an operator",
}


@dataclass(frozen=True)
class SignedRecord:
    ack_id: str
    district: str
    signed_name: str
    signed_at: str
    valid_until: str
    text: str
    text_hash: str
    policy_version: str
    content_revision: str
    scores: dict
    seq: int
    event_hash: str
    identity: str
    wording: str = ""  # acknowledgment.WORDING_*: where the text signed came from
    policy_opened_at: str | None = None  # when the learner opened the full policy text before signing


@dataclass(frozen=True)
class CertificateData:
    employee_id: str
    name: str
    district_name: str
    policy_numbers: tuple[str, ...]
    policy_titles: tuple[str, ...]
    latest: SignedRecord
    earlier: tuple[SignedRecord, ...]  # newest first
    topic_titles: dict[str, str] = field(default_factory=dict)
    chain_head_seq: int = 0
    chain_head_hash: str = ""
    generated_at: str = ""


def certificate_data(records: Records, content: Content, employee_id: str, clock: Clock) -> CertificateData:
    """Gather the latest acknowledgment (and the earlier ones) of one person.

    Raises UnknownPerson or NotSigned with a message for the trainer.
    """
    from tutor.store.database import read_snapshot
    from tutor.store.record_queries import acknowledgments_of

    with read_snapshot(records.conn):  # the acknowledgments and the chain head agree
        person = records.people.get(employee_id)
        every = acknowledgments_of(records.conn, employee_id)
        head_seq, head_hash = records.events.head()
    rows = [row for row in every if row["voided_at"] is None]  # a voided acknowledgment certifies nothing

    if person is None and not every:
        raise UnknownPerson(
            f"no one with employee ID '{employee_id}' is in the records. Check the ID "
            "(`tutor report` lists everyone)."
        )
    name = person.name if person else every[0]["name"]
    if not rows:
        voided = f" ({len(every)} acknowledgment(s) voided by a trainer)" if every else ""
        raise NotSigned(
            f"{name} ({employee_id}) has not signed the acknowledgment{voided}, so there is no record to print. "
            "They can sign in the tutor after passing every required quiz."
        )
    signed = tuple(_signed_record(content, row) for row in rows)
    latest = signed[0]
    profile = content.districts.get(latest.district)
    titles: list[str] = []
    for source in profile.sources if profile else ():
        policy = content.policies.get(source)
        if policy and policy.title not in titles:
            titles.append(policy.title)
    topic_titles: dict[str, str] = {}
    for lesson in sorted(content.lessons.values(), key=lambda l: (l.order, l.id)):
        topic_titles.setdefault(lesson.topic, lesson.title)
    return CertificateData(
        employee_id=employee_id,
        name=name,
        district_name=profile.name if profile else latest.district,
        policy_numbers=tuple(profile.policy_numbers) if profile else (),
        policy_titles=tuple(titles),
        latest=latest,
        earlier=signed[1:],
        topic_titles=topic_titles,
        chain_head_seq=head_seq,
        chain_head_hash=head_hash,
        generated_at=iso(clock.now()),
    )


def _utc(stored: str) -> str:
    """'2026-09-01T08:00:00.000000Z' -> '2026-09-01 08:00:00 UTC'."""
    return parse_iso(stored).strftime("%Y-%m-%d %H:%M:%S UTC")


def _day(stored: str) -> str:
    return parse_iso(stored).date().isoformat()


def _percent(value) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return str(value)


def _signed_record(content: Content, row: dict) -> SignedRecord:
    payload = json.loads(row["payload"])
    return SignedRecord(
        ack_id=row["ack_id"], district=row["district"], signed_name=row["name"], signed_at=row["signed_at"],
        valid_until=row["valid_until"], text_hash=row["text_hash"], policy_version=row["policy_version"],
        content_revision=row["content_revision"], scores=json.loads(row["scores"]), seq=row["seq"],
        event_hash=row["event_hash"], identity=row["identity"], text=payload.get("text", ""),
        wording=payload.get("wording") or _inferred_wording(content, row["district"], payload.get("text", "")),
        policy_opened_at=payload.get("policy_opened_at"),
    )


def _inferred_wording(content: Content, district: str, text: str) -> str:
    """For acknowledgments recorded before the wording's source was: judge by the profile's text."""
    from tutor.service.acknowledgment import WORDING_DEPLOYMENT, WORDING_DISTRICT_FORM, WORDING_DRAFTED

    profile = content.districts.get(district)
    if profile is None or " ".join(text.split()) != " ".join(profile.acknowledgment.text.split()):
        return WORDING_DEPLOYMENT if profile is not None else ""
    return WORDING_DRAFTED if profile.acknowledgment.drafted else WORDING_DISTRICT_FORM


def render_html(data: CertificateData) -> str:
    """The page, from an autoescaping template."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("tutor.service", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    environment.filters.update(utc=_utc, day=_day, percent=_percent)
    k = data.latest
    policy = "; ".join(data.policy_titles) or "Acceptable Use Policy"
    numbers = ", ".join(data.policy_numbers)
    return environment.get_template("certificate.html").render(
        data=data, k=k, policy_line=f"{policy} (Policy {numbers})" if numbers else policy,
        identity=IDENTITY_LABELS.get(k.identity, k.identity),
        scores=sorted(k.scores.items()), css=_CSS,
    )


_CSS = """
  :root { color-scheme: light; }
  body { font-family: Georgia, "Times New Roman", serif; color: #111; background: #fff;
         max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
  h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
  .sub { color: #444; margin: 0 0 1.2rem; }
  dl { display: grid; grid-template-columns: 12rem 1fr; gap: .3rem 1rem; margin: 0; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  .signed-text { border: 1px solid #999; padding: .8rem 1rem; white-space: pre-wrap; background: #fafafa; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  td.num { text-align: right; }
  .hash { font-family: "Courier New", Courier, monospace; font-size: .85rem; word-break: break-all; }
  .note { color: #444; font-size: .85rem; margin-top: 2rem; }
  .wording { border-left: 4px solid #444; padding: .2rem .8rem; margin: .8rem 0; }
  @page { size: auto; margin: 18mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
    .signed-text { background: none; }
    h2, table, dl, .signed-text { break-inside: avoid; page-break-inside: avoid; }
    .note { color: #000; }
  }
"""


