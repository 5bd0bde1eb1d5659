"""Which content counts in these records: only rules a trainer approved (or the installed content's).

Anyone can point the tutor at a copy of the content (`--content DIR`) and edit it: a lower pass
mark, fewer required lessons, a longer renewal. Such content may be previewed, but nothing done
with it is recorded until a trainer approves its rules for this database behind the trainer
passphrase. The content installed with the tutor is approved on first use, without ceremony.
"""

from __future__ import annotations

from tutor.errors import TutorError

from dataclasses import dataclass
from pathlib import Path

from tutor.content.model import Content
from tutor.content.versions import content_revision
from tutor.domain import events as ev
from tutor.domain.rules import Rules, rules_for
from tutor.store.records import Records


class ApprovalRefused(TutorError):
    """The rules cannot be approved; the message says why."""


@dataclass(frozen=True)
class PendingRules:
    """A district's rules under some content that these records do not accept yet."""

    district: str
    rules: Rules
    problems: tuple[str, ...]


def is_installed(content: Content) -> bool:
    """True when `content` is the copy installed with the tutor (not a `--content` folder)."""
    from tutor.content.loader import default_content_dir

    try:
        return Path(content.root).resolve() == default_content_dir().resolve()
    except OSError:
        return False


def is_approved(records: Records, district: str, digest: str) -> bool:
    from tutor.store.record_queries import rules_approved

    return rules_approved(records.conn, district, digest)


def _approval_event(content: Content, rules: Rules, identity: str) -> ev.NewEvent:
    return ev.NewEvent(
        ev.CONTENT_APPROVED,
        None,
        {
            "district": rules.district,
            "rules_digest": rules.digest,
            "rules": rules.as_payload(),
            "content_revision": content_revision(content, rules.district),
        },
        identity,
    )


def preview_reason(records: Records, content: Content, district: str) -> str | None:
    """None when training under this content counts here; otherwise what to tell the learner.

    The installed content's rules are approved (and the approval recorded) the first time they
    are used, so a fresh database needs no set-up.
    """
    rules = rules_for(content, district)
    if is_approved(records, district, rules.digest):
        return None
    if is_installed(content) and not rules.problems():
        # Two windows may both get here first; a second approval of the same rules is harmless.
        record_approval(records, content, [district], ev.IDENTITY_INSTALLED)
        return None
    return (
        "Preview only: this training content has not been approved by your trainer for these records, "
        "so nothing you do here is saved or counts toward certification. "
        "Trainer: run `tutor approve --content DIR` to approve it."
    )


def pending(records: Records, content: Content) -> list[PendingRules]:
    """Every district whose rules under `content` are not approved in these records."""
    out: list[PendingRules] = []
    for district in sorted(content.districts):
        rules = rules_for(content, district)
        if not is_approved(records, district, rules.digest):
            out.append(PendingRules(district, rules, tuple(rules.problems())))
    return out


def approve(records: Records, content: Content, districts: list[str], passphrase: str) -> list[Rules]:
    """Record a trainer's approval of these districts' rules; needs the trainer passphrase.

    Rules that could not be a real certification (no required lesson, a pass mark under 50%,
    a bank too small for a quiz, a renewal over three years) are refused outright.
    """
    from tutor.service.trainer_auth import check_passphrase

    unknown = [d for d in districts if d not in content.districts]
    if unknown:
        raise ApprovalRefused(f"no district {', '.join(unknown)} in this content")
    all_rules = [rules_for(content, d) for d in districts]
    for rules in all_rules:
        problems = rules.problems()
        if problems:
            raise ApprovalRefused(f"{rules.district}: these rules cannot certify anyone: " + "; ".join(problems))
    check_passphrase(records, passphrase)
    record_approval(records, content, districts, ev.IDENTITY_TRAINER)
    return all_rules


def record_approval(records: Records, content: Content, districts: list[str], identity: str) -> None:
    """Append the approval events themselves (the caller has established the right to approve)."""
    events = []
    for district in districts:
        rules = rules_for(content, district)
        if not is_approved(records, district, rules.digest):
            events.append(_approval_event(content, rules, identity))
    if events:
        records.events.append_all(events)
