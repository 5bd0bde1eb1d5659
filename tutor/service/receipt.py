"""The learner's copy of a signed acknowledgment: the receipt in words, as HTML, saved safely.

The records hold the acknowledgment itself; this is the copy the learner keeps. It names the
policy and topics in words, gives the time in the computer's local time zone, and is saved
without ever replacing a file that is already there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tutor.content.model import Content
from tutor.domain.clock import parse_iso
from tutor.service.citations import policy_name
from tutor.service.training import Receipt


@dataclass(frozen=True)
class ReceiptView:
    """Everything the receipt shows, as text ready to display."""

    record_id: str
    signed_by: str
    district: str
    policy: str
    signed_at: str  # local date and time with its zone, e.g. "2026-09-01 08:00 UTC"
    valid_until: str  # local date
    scores: tuple[tuple[str, str], ...]  # (topic title, "80%")
    record_hash: str


def topic_title(content: Content, district: str, topic: str) -> str:
    """The title of the lesson that teaches `topic` to this district's staff (the id if none)."""
    for lesson in content.lessons_for(district):
        if lesson.topic == topic:
            return lesson.title
    return topic


def local_time(timestamp: str, tz=None) -> datetime:
    """A stored UTC timestamp in the local time zone (or `tz`)."""
    return parse_iso(timestamp).astimezone(tz)


def receipt_view(content: Content, receipt: Receipt, tz=None) -> ReceiptView:
    """The receipt in words: topic titles, the policy by number, local time."""
    profile = content.districts.get(receipt.district)
    signed = local_time(receipt.signed_at, tz)
    # The stored scores are keyed alphabetically; the learner took the topics in lesson order.
    order = {lesson.topic: i for i, lesson in enumerate(content.lessons_for(receipt.district))}
    return ReceiptView(
        record_id=receipt.ack_id,
        signed_by=receipt.name,
        district=profile.name if profile else receipt.district,
        policy=policy_name(content, receipt.district),
        signed_at=f"{signed:%Y-%m-%d %H:%M} {signed.tzname() or ''}".strip(),
        valid_until=f"{local_time(receipt.valid_until, tz):%Y-%m-%d}",
        scores=tuple(
            (topic_title(content, receipt.district, topic), f"{score:.0%}" if score is not None else "")
            for topic, score in sorted(receipt.scores.items(), key=lambda item: order.get(item[0], len(order)))
        ),
        record_hash=receipt.record_hash,
    )


def receipt_html(view: ReceiptView) -> str:
    """A self-contained HTML page of the receipt (no scripts, nothing fetched), escaped by Jinja2."""
    import jinja2  # loaded only when a receipt is saved

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tutor.service", "templates"), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("receipt.html").render(r=view)


def receipt_filename(view: ReceiptView) -> str:
    """'tutor-receipt-2026-09-01.html': the signing date, so a folder of receipts sorts by date."""
    return f"tutor-receipt-{view.signed_at[:10]}.html"


def save_new_file(folder: Path, filename: str, data: bytes) -> Path:
    """Write `data` to a new file in `folder`, readable by its owner only, never replacing a file.

    If `filename` is taken, ' (2)', ' (3)'... is added before the extension, as browsers do.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    for n in range(1, 1000):
        name = filename if n == 1 else f"{stem} ({n}){dot}{ext}"
        path = folder / name
        try:
            # O_EXCL: fail rather than open a file someone else created (or a symlink planted) meanwhile.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return path
    raise FileExistsError(f"too many files named like {filename} in {folder}")
