"""Browser sessions: a random id in a signed, HttpOnly, SameSite=Strict cookie; the state stays on the server.

The state (who signed in, their training, the trainer's unlock, the CSRF token) lives in this process's
memory, so a restart signs everyone out; their progress is in the records. The cookie holds only the
session id and an HMAC of it under a key made at start-up, so a forged or guessed cookie is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

COOKIE = "tutor_session"
SECURE_COOKIE = "__Host-tutor_session"  # behind TLS: the __Host- prefix also pins it to this host and path /
IDLE_SECONDS = 2 * 60 * 60
LIFETIME_SECONDS = 12 * 60 * 60
TRAINER_SECONDS = 30 * 60
MAX_SESSIONS = 50_000


@dataclass
class WebSession:
    """One browser's state. `training` is the service's Training object for the signed-in learner."""

    id: str
    csrf: str
    created: float
    seen: float
    signed: Any = None  # tutor.service.sign_in.SignedIn
    training: Any = None  # tutor.service.training.Training
    trainer_until: float = 0.0
    pending_employee_id: str | None = None  # roster sign-in: the ID typed, before the PIN or code
    notes: list[str] = field(default_factory=list)  # one-time messages for the next page

    @property
    def trainer(self) -> bool:
        """The trainer pages are unlocked in this session (for TRAINER_SECONDS after the passphrase)."""
        return self.trainer_until > time.monotonic()

    def note(self, message: str) -> None:
        """A one-time message for the next page this browser shows."""
        self.notes.append(message)

    def take_notes(self) -> list[str]:
        """The waiting messages, which are then gone."""
        notes, self.notes = self.notes, []
        return notes


class SessionStore:
    """Sessions by id, with idle and absolute expiry and a cap on how many are kept."""

    def __init__(self, key: bytes | None = None, clock=time.monotonic):
        self.key = key or secrets.token_bytes(32)
        self.clock = clock
        self.sessions: dict[str, WebSession] = {}

    def _sign(self, session_id: str) -> str:
        return hmac.new(self.key, session_id.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    def cookie_value(self, session: WebSession) -> str:
        """The session id and its HMAC, as the cookie carries them."""
        return f"{session.id}.{self._sign(session.id)}"

    def from_cookie(self, value: str | None) -> WebSession | None:
        """The live session a cookie names, or None (unsigned, forged, expired or unknown)."""
        if not value or "." not in value:
            return None
        session_id, signature = value.rsplit(".", 1)
        if not session_id.isascii() or not hmac.compare_digest(signature, self._sign(session_id)):
            return None
        session = self.sessions.get(session_id)
        now = self.clock()
        if session is None:
            return None
        if now - session.seen > IDLE_SECONDS or now - session.created > LIFETIME_SECONDS:
            self.sessions.pop(session_id, None)
            return None
        session.seen = now
        return session

    def new(self) -> WebSession:
        """A fresh session (also at every sign-in, so an id seen before sign-in is never signed in)."""
        if len(self.sessions) >= MAX_SESSIONS:
            self._prune()
        now = self.clock()
        session = WebSession(secrets.token_urlsafe(24), secrets.token_urlsafe(24), now, now)
        self.sessions[session.id] = session
        return session

    def drop(self, session: WebSession) -> None:
        """Forget a session (sign-out, or a new id at sign-in)."""
        self.sessions.pop(session.id, None)

    def _prune(self) -> None:
        now = self.clock()
        for session_id, session in list(self.sessions.items()):
            if now - session.seen > IDLE_SECONDS or now - session.created > LIFETIME_SECONDS:
                del self.sessions[session_id]
        if len(self.sessions) >= MAX_SESSIONS:
            # Still full: forget the sessions nobody signed in to, oldest first.
            anonymous = sorted((s for s in self.sessions.values() if s.signed is None), key=lambda s: s.seen)
            for session in anonymous[: len(anonymous) // 2 + 1]:
                del self.sessions[session.id]

    def csrf_ok(self, session: WebSession | None, token: str | None) -> bool:
        """The form's token is this session's (compared in constant time)."""
        return bool(session and token and hmac.compare_digest(session.csrf.encode(), str(token).encode()))
