"""A printable record of one person's signed acknowledgment, for the personnel file.

The page is one self-contained HTML file: inline CSS (with a print stylesheet), no scripts,
no fonts, images or links to fetch. Every value that comes from the records or the content
is escaped with `html.escape`, so a name such as ``<script>`` prints as text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from tutor.content.model import Content
from tutor.domain import events as ev
from tutor.domain.clock import Clock, iso, parse_iso
from tutor.store.records import Records


class CertificateUnavailable(Exception):
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
    conn = records.conn
    conn.execute("BEGIN")  # one snapshot: the acknowledgments and the chain head agree
    try:
        person = records.people.get(employee_id)
        rows = conn.execute(
            "SELECT k.ack_id, k.district, k.name, k.signed_at, k.valid_until, k.text_hash, k.policy_version,"
            " k.content_revision, k.scores, k.seq, k.event_hash, e.identity, e.payload"
            " FROM acknowledgments k JOIN events e ON e.seq = k.seq WHERE k.learner = ? ORDER BY k.seq DESC",
            (employee_id,),
        ).fetchall()
        head_seq, head_hash = records.events.head()
    finally:
        conn.execute("COMMIT")

    if person is None and not rows:
        raise UnknownPerson(
            f"no one with employee ID '{employee_id}' is in the records. Check the ID "
            "(`tutor report` lists everyone)."
        )
    name = person.name if person else rows[0][2]
    if not rows:
        raise NotSigned(
            f"{name} ({employee_id}) has not signed the acknowledgment, so there is no record to print. "
            "They can sign in the tutor after passing every required quiz."
        )
    signed = tuple(
        SignedRecord(
            ack_id=r[0], district=r[1], signed_name=r[2], signed_at=r[3], valid_until=r[4], text_hash=r[5],
            policy_version=r[6], content_revision=r[7], scores=json.loads(r[8]), seq=r[9], event_hash=r[10],
            identity=r[11], text=json.loads(r[12]).get("text", ""),
        )
        for r in rows
    )
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
  @page { size: auto; margin: 18mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }
    .signed-text { background: none; }
    h2, table, dl, .signed-text { break-inside: avoid; page-break-inside: avoid; }
    .note { color: #000; }
  }
"""


def render_html(data: CertificateData) -> str:
    """The page, every value escaped."""
    e = lambda value: escape(str(value), quote=True)  # noqa: E731
    k = data.latest
    numbers = ", ".join(data.policy_numbers)
    policy = "; ".join(data.policy_titles) or "Acceptable Use Policy"
    policy_line = f"{e(policy)} (Policy {e(numbers)})" if numbers else e(policy)
    identity = IDENTITY_LABELS.get(k.identity, k.identity)
    scores = "\n".join(
        f"      <tr><td>{e(data.topic_titles.get(topic, topic))}</td><td class=\"num\">{e(_percent(score))}</td></tr>"
        for topic, score in sorted(k.scores.items(), key=lambda item: item[0])
    ) or '      <tr><td colspan="2">No quiz scores were recorded with this acknowledgment.</td></tr>'
    history = ""
    if data.earlier:
        rows = "\n".join(
            f"      <tr><td>{e(_utc(r.signed_at))}</td><td>{e(_day(r.valid_until))}</td>"
            f"<td class=\"hash\">{e(r.policy_version)}</td><td class=\"hash\">{e(r.ack_id)}</td>"
            f"<td class=\"hash\">{e(r.event_hash)}</td></tr>"
            for r in data.earlier
        )
        history = f"""
  <h2>Earlier acknowledgments</h2>
  <table>
    <thead><tr><th>Signed (UTC)</th><th>Valid until</th><th>Policy version</th><th>Record ID</th><th>Record hash</th></tr></thead>
    <tbody>
{rows}
    </tbody>
  </table>
"""
    signed_as = ""
    if k.signed_name != data.name:  # shown exactly as typed whenever it differs at all
        signed_as = f"\n    <dt>Name as typed</dt><dd>{e(k.signed_name)}</dd>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acceptable Use Policy acknowledgment: {e(data.name)} ({e(data.employee_id)})</title>
<style>{_CSS}</style>
</head>
<body>
  <h1>Acceptable Use Policy acknowledgment</h1>
  <p class="sub">{e(data.district_name)}: {policy_line}</p>

  <dl>
    <dt>Name</dt><dd>{e(data.name)}</dd>{signed_as}
    <dt>Employee ID</dt><dd>{e(data.employee_id)}</dd>
    <dt>District</dt><dd>{e(data.district_name)}</dd>
    <dt>Policy</dt><dd>{policy_line}</dd>
    <dt>Date signed</dt><dd>{e(_utc(k.signed_at))}</dd>
    <dt>Valid until</dt><dd>{e(_day(k.valid_until))}</dd>
    <dt>Identified by</dt><dd>{e(identity)}</dd>
  </dl>

  <h2>Text signed</h2>
  <div class="signed-text">{e(k.text)}</div>

  <h2>Quiz scores</h2>
  <table>
    <thead><tr><th>Topic</th><th>Best score</th></tr></thead>
    <tbody>
{scores}
    </tbody>
  </table>

  <h2>Record</h2>
  <dl>
    <dt>Record ID</dt><dd class="hash">{e(k.ack_id)}</dd>
    <dt>Record hash</dt><dd class="hash">{e(k.event_hash)}</dd>
    <dt>Event number</dt><dd>{e(k.seq)}</dd>
    <dt>Text hash (SHA-256)</dt><dd class="hash">{e(k.text_hash)}</dd>
    <dt>Policy version</dt><dd class="hash">{e(k.policy_version)}</dd>
    <dt>Content revision</dt><dd class="hash">{e(k.content_revision)}</dd>
    <dt>Event log head</dt><dd class="hash">#{e(data.chain_head_seq)} {e(data.chain_head_hash)}</dd>
  </dl>
{history}
  <p class="note">Printed {e(_utc(data.generated_at))} from the tutor records. The record hash is the
  hash-chain link of the signing event; the event log head is the newest event when this page was
  made. To check that the record is still in the records unchanged, run
  <code>tutor verify --head {e(k.event_hash)}</code> (or with the head hash). The text hash is the
  SHA-256 of the text signed.</p>
</body>
</html>
"""
