"""The aiohttp application for the HTML pages: sessions, CSRF, templates, static files and routes."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from tutor.content.model import Content
from tutor.domain.clock import Clock
from tutor.service.sign_in import SignIn
from tutor.web.security import allowed_hosts, host_check, page_headers, server_timing
from tutor.web.sessions import COOKIE, LIFETIME_SECONDS, SECURE_COOKIE, SessionStore, WebSession

log = logging.getLogger("tutor.web")
HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SITE_TITLE = "Acceptable Use Policy training"

FRONT: web.AppKey["WebFrontEnd"] = web.AppKey("tutor_web", object)
TEMPLATES_KEY = web.AppKey("tutor_web_templates", jinja2.Environment)
_request_key = getattr(web, "RequestKey", lambda name, _type: name)  # aiohttp 3.12 and later have typed keys
SESSION = _request_key("tutor_session", object)
SESSION_CHANGED = _request_key("tutor_session_changed", bool)
FORM = _request_key("tutor_form", object)


@dataclass
class WebSettings:
    """How this deployment is served: the addresses it answers to, and whether browsers reach it over TLS."""

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    extra_hosts: tuple[str, ...] = ()
    trusted_header: Any = None  # a callable returning the configured trusted user header, or None
    terminal: bool = False  # the Textual app is also served, at /terminal
    seed: int | None = None

    @property
    def secure(self) -> bool:
        """Browsers reach the tutor over TLS: cookies are then Secure and __Host- prefixed."""
        return bool(self.public_url and self.public_url.startswith("https://"))


@dataclass
class WebFrontEnd:
    """What every page handler needs: the records, the content, the clock and the sessions."""

    records: Any  # tutor.store.records.Records, opened by the command that serves
    content: Content
    clock: Clock
    settings: WebSettings
    sessions: SessionStore = field(default_factory=SessionStore)
    _answerer: Any = None

    def __post_init__(self) -> None:
        self.sign_in = SignIn(self.records, self.content)
        self.rng = random.Random(self.settings.seed)

    @property
    def answerer(self):
        """Ask-the-policy, built on first use (it indexes the policies once for every learner)."""
        if self._answerer is None:
            from tutor.answer.answerer import Answerer

            self._answerer = Answerer(self.content)
        return self._answerer

    def session_rng(self) -> random.Random:
        """Each learner's own random draws; seeded from the server's in tests, so runs repeat."""
        return random.Random(self.rng.getrandbits(64)) if self.settings.seed is not None else random.Random()


def current_session(request: web.Request) -> WebSession | None:
    """This browser's session, or None (no cookie, or one that is forged or expired)."""
    return request.get(SESSION)


def ensure_session(request: web.Request) -> WebSession:
    """This browser's session, made now if it has none (forms need a CSRF token)."""
    session = request.get(SESSION)
    if session is None:
        session = request.app[FRONT].sessions.new()
        request[SESSION] = session
        request[SESSION_CHANGED] = True
    return session


def replace_session(request: web.Request) -> WebSession:
    """A new session id at sign-in: an id handed out before sign-in is never the signed-in one."""
    front = request.app[FRONT]
    old = request.get(SESSION)
    if old is not None:
        front.sessions.drop(old)
    session = front.sessions.new()
    request[SESSION] = session
    request[SESSION_CHANGED] = True
    return session


def end_session(request: web.Request) -> None:
    """Forget this browser's session (signing out); the cookie is cleared with the response."""
    old = request.get(SESSION)
    if old is not None:
        request.app[FRONT].sessions.drop(old)
    request[SESSION] = None
    request[SESSION_CHANGED] = True


@web.middleware
async def session_middleware(request: web.Request, handler):
    """Find the session the cookie names; set or clear the cookie when the handler changed it."""
    front = request.app[FRONT]
    name = SECURE_COOKIE if front.settings.secure else COOKIE
    request[SESSION] = front.sessions.from_cookie(request.cookies.get(name))
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
        _set_cookie(request, response, name, front)
        raise
    _set_cookie(request, response, name, front)
    return response


def _set_cookie(request: web.Request, response: web.StreamResponse, name: str, front: WebFrontEnd) -> None:
    if not request.get(SESSION_CHANGED) or response.prepared:
        return
    session = request.get(SESSION)
    if session is None:
        response.del_cookie(name, path="/", secure=front.settings.secure, httponly=True, samesite="Strict")
        return
    response.set_cookie(
        name, front.sessions.cookie_value(session), path="/", httponly=True, samesite="Strict",
        secure=front.settings.secure, max_age=LIFETIME_SECONDS,
    )


@web.middleware
async def csrf_middleware(request: web.Request, handler):
    """Every form that changes something carries this session's token; a form from elsewhere fails here."""
    if request.method == "POST" and not request.path.startswith("/terminal"):
        form = await request.post()
        request[FORM] = form
        front = request.app[FRONT]
        if not front.sessions.csrf_ok(request.get(SESSION), form.get("csrf")):
            return render(request, "expired.html", {"page_title": "The form expired"}, status=403)
    return await handler(request)


@web.middleware
async def error_pages(request: web.Request, handler):
    """A missing page or a malformed request gets a page like the others (headings, a way home), not bare text."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or request.path.startswith(("/terminal", "/download/", "/static/")):
            raise
        titles = {404: "Page not found", 400: "Something is wrong with that request", 405: "Not allowed"}
        message = exc.text if exc.text and not exc.text.startswith(f"{exc.status}:") else (
            "There is no page at this address." if exc.status == 404 else exc.reason)
        return render(request, "refused.html", {"page_title": titles.get(exc.status, exc.reason),
                                                "heading": titles.get(exc.status, exc.reason),
                                                "message": message}, status=exc.status)
    except Exception:
        if request.path.startswith(("/terminal", "/download/", "/static/")):
            raise
        # The traceback goes to the log (no request headers in it); the learner gets a page, not a stack.
        log.exception("error on %s %s", request.method, request.path)
        return render(request, "refused.html", {
            "page_title": "Something went wrong", "heading": "Something went wrong",
            "message": "The tutor hit an error on this page. Your progress up to here is saved; go back to "
                       "your home page and carry on, and tell your trainer if it happens again.",
        }, status=500)


def render(request: web.Request, template: str, context: dict, status: int = 200) -> web.Response:
    """A page from its template, with what every page shows: the learner, the CSRF token, one-time notes."""
    session = current_session(request)
    base = {
        "site_title": SITE_TITLE,
        "csrf": session.csrf if session else "",
        "signed": session.signed if session else None,
        "trainer": bool(session and session.trainer),
        "notes": session.take_notes() if session else [],
        "terminal": request.app[FRONT].settings.terminal,
        "path": request.path,
    }
    base.update(context)
    response = aiohttp_jinja2.render_template(template, request, base, status=status, app_key=TEMPLATES_KEY)
    response.headers["Content-Language"] = "en"
    return response


def build_web_app(records, content: Content, clock: Clock, settings: WebSettings | None = None,
                  sessions: SessionStore | None = None) -> web.Application:
    """The HTML front end as an aiohttp application; `tutor serve` adds the terminal app's routes to it."""
    from tutor.web import learner, trainer

    settings = settings or WebSettings()
    hosts = allowed_hosts(settings.host, settings.port, settings.public_url, settings.extra_hosts)
    app = web.Application(middlewares=[server_timing, host_check(hosts), session_middleware, error_pages,
                                       csrf_middleware],
                          client_max_size=64 * 1024)
    app[FRONT] = WebFrontEnd(records, content, clock, settings, sessions or SessionStore())
    aiohttp_jinja2.setup(
        app, app_key=TEMPLATES_KEY, autoescape=True, loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    app.router.add_static("/static", STATIC, show_index=False, name="web-static")
    learner.add_routes(app)
    trainer.add_routes(app)
    app.on_response_prepare.append(page_headers)
    return app
