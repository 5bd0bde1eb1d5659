"""Sending the statements to a Learning Record Store, resuming where the last push stopped.

`tutor export --format xapi --to URL` uses this. Each push:

- reads, in one snapshot, every record with an event after the last one this LRS is known to
  have stored (kept in the database per statements endpoint: `lrs_cursors`), and builds their
  statements (`tutor.service.xapi`: the same bytes for the same record, every time);
- POSTs them in batches that never split one event's statements, with HTTP basic auth, and
  moves the endpoint's cursor after each batch the LRS accepted, so a push cut short (network,
  power) resumes with the first batch not stored;
- retries what may pass later (no connection, time-outs, 429, 5xx) with doubling waits, and
  honours Retry-After;
- takes "already stored, identical" as success (an LRS accepts a statement it already holds
  unchanged); stops on a real conflict (409: a *different* statement under the same id,
  found by resending that batch one statement at a time so the message can name it), on
  refused credentials (401/403) and on a statement the LRS rejects (other 4xx), each with a
  message saying what to do. What was stored before the stop stays recorded.

Only the standard library: urllib, base64.
"""

from __future__ import annotations

from tutor.errors import TutorError

import base64
import ipaddress
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from tutor.content.model import Content
from tutor.service import exports
from tutor.service.xapi import ACCOUNT_HOME_PAGE_SETTING, sourced_statements, statement_bytes
from tutor.store.records import Records

AUTH_VARIABLE = "TUTOR_LRS_AUTH"
XAPI_VERSION_HEADER = "1.0.3"
DEFAULT_BATCH = 50
DEFAULT_TRIES = 6
TIMEOUT_S = 60
WINDOW_EVENTS = 20_000

# (url, body, headers, timeout) -> (HTTP status, response body, seconds asked to wait by a
# Retry-After header or None). Raises OSError when nothing answered.
Post = Callable[[str, bytes, dict, float], tuple[int, bytes, float | None]]


class PushError(TutorError):
    """A push stopped; the message says why and what to do. Batches stored before it stay recorded."""


class CredentialsRefused(PushError):
    pass


class Conflict(PushError):
    pass


class Rejected(PushError):
    pass


class Unreachable(PushError):
    pass


@dataclass
class PushResult:
    endpoint: str
    from_seq: int  # the cursor before: the LRS had every statement up to this event
    to_seq: int  # the cursor after
    sent: int = 0  # statements accepted (new, or already stored and identical)
    batches: int = 0
    pending: list[dict] = field(default_factory=list)  # a dry run: what would be sent, in order


def statements_endpoint(url: str) -> str:
    """The LRS's statements endpoint from what a trainer typed: the LRS's xAPI base or the
    statements endpoint itself. ValueError with a message when it cannot be one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{url}' is not an http(s) address of an LRS, such as https://lrs.example.org/xAPI/statements")
    if parts.username or parts.password:
        raise ValueError(f"put the LRS credentials in {AUTH_VARIABLE}=user:password, not in the address")
    if parts.query or parts.fragment:
        raise ValueError(f"'{url}' has a query or fragment; give the statements endpoint alone")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def sends_credentials_in_clear(endpoint: str) -> bool:
    """True for plain http to anything but this computer."""
    parts = urlsplit(endpoint)
    if parts.scheme != "http":
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def parse_auth(value: str | None) -> tuple[str, str]:
    """`user:password` from TUTOR_LRS_AUTH; ValueError with what to set when it is missing or malformed."""
    if not value or ":" not in value or not value.split(":", 1)[0]:
        raise ValueError(
            f"set {AUTH_VARIABLE}=user:password (the LRS's basic-auth key and secret) in the environment; "
            "credentials are never taken as an argument"
        )
    user, password = value.split(":", 1)
    return user, password


def urllib_post(url: str, body: bytes, headers: dict, timeout: float) -> tuple[int, bytes, float | None]:
    """POST with urllib; any HTTP status is returned, only a failure to get one raises OSError."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) checked)
            return response.status, response.read(), None
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read(), _seconds(exc.headers.get("Retry-After"))


def _seconds(value: str | None) -> float | None:
    """A Retry-After given in seconds (the HTTP-date form is rare from an LRS and waits the default)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _detail(body: bytes) -> str:
    """The LRS's own explanation, short."""
    text = body.decode("utf-8", "replace").strip()
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict) and parsed.get("detail"):
            text = parsed["detail"] if isinstance(parsed["detail"], str) else json.dumps(parsed["detail"])
    except ValueError:
        pass
    return text[:500] or "no explanation given"


class _Sender:
    def __init__(self, endpoint: str, auth: tuple[str, str], post: Post, sleep: Callable[[float], None],
                 tries: int, first_wait: float):
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode("utf-8")).decode("ascii")
        self.endpoint = endpoint
        self.headers = {
            "Authorization": f"Basic {token}",
            "Content-Type": "application/json; charset=utf-8",
            "X-Experience-API-Version": XAPI_VERSION_HEADER,
        }
        self.post, self.sleep, self.tries, self.first_wait = post, sleep, tries, first_wait

    def send(self, statements: list[dict]) -> int:
        """POST one batch; its HTTP status once it is final (200/204, or 409 for the caller)."""
        body = b"[" + b",".join(statement_bytes(s) for s in statements) + b"]"
        wait = self.first_wait
        for attempt in range(1, self.tries + 1):
            asked = None
            try:
                status, answer, asked = self.post(self.endpoint, body, self.headers, TIMEOUT_S)
            except OSError as exc:
                problem = f"could not reach it ({getattr(exc, 'reason', None) or exc})"
            else:
                if status in (200, 204, 409):
                    self.conflict_detail = _detail(answer) if status == 409 else ""
                    return status
                if status in (401, 403):
                    raise CredentialsRefused(
                        f"the LRS at {self.endpoint} refused the credentials in {AUTH_VARIABLE} (HTTP {status}: "
                        f"{_detail(answer)}); check the key and secret and that they may write statements"
                    )
                if status != 429 and status < 500:
                    raise Rejected(
                        f"the LRS at {self.endpoint} rejected a batch of {len(statements)} statements (HTTP {status}: "
                        f"{_detail(answer)}); nothing of that batch was stored"
                    )
                problem = f"it answered HTTP {status} ({_detail(answer)})"
            if attempt == self.tries:
                raise Unreachable(
                    f"gave up on the LRS at {self.endpoint} after {self.tries} tries: {problem}; "
                    "the next push resumes from the first statement not stored"
                )
            self.sleep(min(asked, 300.0) if asked is not None else wait)
            wait = min(wait * 2, 60.0)
        raise AssertionError("unreachable")


def _batches(pending: list[tuple[int, dict]], size: int) -> list[list[tuple[int, dict]]]:
    """Batches of about `size` statements that never split one event's statements."""
    batches: list[list[tuple[int, dict]]] = []
    current: list[tuple[int, dict]] = []
    for i, item in enumerate(pending):
        current.append(item)
        next_seq = pending[i + 1][0] if i + 1 < len(pending) else None
        if len(current) >= size and next_seq != item[0]:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


def push(records: Records, content: Content, url: str, auth: tuple[str, str] | None, *,
         batch_size: int = DEFAULT_BATCH, dry_run: bool = False, post: Post = urllib_post,
         sleep: Callable[[float], None] = time.sleep, tries: int = DEFAULT_TRIES, first_wait: float = 1.0,
         window_events: int = WINDOW_EVENTS) -> PushResult:
    """Send the LRS at `url` every statement it does not have yet; see the module docstring.

    `auth` may be None only for a dry run, which sends nothing and moves no cursor.
    """
    from tutor.store.lrs_cursors import LrsCursors

    endpoint = statements_endpoint(url)
    cursors = LrsCursors(records.conn, records.clock)
    start = cursors.last_seq(endpoint)
    head = records.events.head()[0]  # events written during the push wait for the next one
    home_page = records.settings.get(ACCOUNT_HOME_PAGE_SETTING)
    result = PushResult(endpoint, start, start)
    if not dry_run and auth is None:
        raise ValueError("a push needs credentials")
    sender = None if dry_run else _Sender(endpoint, auth, post, sleep, tries, first_wait)
    # A window of events at a time, so a district's first push of years of records does not
    # hold every statement in memory at once.
    low = start
    while low < head:
        high = min(head, low + window_events)
        data = exports.collect(records, after_seq=low, through_seq=high)
        built, warnings = sourced_statements(data, content, home_page)
        if warnings:
            # Sending the rest would move the cursor past these records for good.
            raise PushError(f"stopped before event #{low + 1}: " + "; ".join(warnings[:3])
                            + (f"; and {len(warnings) - 3} more" if len(warnings) > 3 else ""))
        pending = [(seq, s) for seq, s in built if low < seq <= high]
        if dry_run:
            result.pending += [s for _, s in pending]
        else:
            for batch in _batches(pending, max(1, batch_size)):
                status = sender.send([s for _, s in batch])
                if status == 409:
                    _one_by_one(sender, batch, cursors, result)
                else:
                    result.sent += len(batch)
                result.batches += 1
                result.to_seq = batch[-1][0]
                cursors.advance(endpoint, result.to_seq, len(batch))
            # Every statement of the window is stored, whether or not its last events made any.
            cursors.advance(endpoint, high, 0)
        result.to_seq = low = high
    return result


def _one_by_one(sender: _Sender, batch: list[tuple[int, dict]], cursors, result: PushResult) -> None:
    """A batch met a conflict: send it one statement at a time to store the identical ones and
    name the one that differs."""
    stored = 0
    for seq, statement in batch:
        if sender.send([statement]) == 409:
            if seq - 1 > result.to_seq:
                cursors.advance(sender.endpoint, seq - 1, stored)
            raise Conflict(
                f"the LRS at {sender.endpoint} already holds a different statement with id {statement['id']} "
                f"(the '{statement['verb']['display']['en-US']}' statement of event #{seq}, employee "
                f"{statement['actor']['account']['name']}): {sender.conflict_detail}. Stopped; everything before "
                f"event #{seq} is stored. Statements never change, so another system wrote that id, or "
                f"{ACCOUNT_HOME_PAGE_SETTING} changed since it was sent (set it back)."
            )
        result.sent += 1
        stored += 1
