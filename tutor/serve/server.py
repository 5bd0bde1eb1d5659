"""`tutor serve`: the HTML front end at `/` and the Textual app at `/terminal`, on one aiohttp server.

The HTML pages (`tutor.web`) run in this process and call the service layer. The terminal (textual-serve)
starts one app process per browser tab (the command built by `tutor.cli.serve`) and relays keys and
screen updates over a websocket. What this subclass of textual-serve's server changes:

- every route, pages and websocket alike, answers only to the Host names the deployment configured
  (DNS rebinding against a loopback server is refused);
- the terminal's page is `templates/app_index.html` from this package: no outside assets, no inline
  script (its script is `static/terminal.js`), and a Content-Security-Policy that keeps it that way;
- the terminal's static files (xterm.js bundle, its CSS, the Roboto Mono font) are textual-serve's own,
  served from this machine; no static folder is listed;
- a websocket from a page on another site is refused (cross-site websocket hijacking), and a plain GET of
  the websocket address gets a short 400, not a traceback in the log;
- every app process gets `TUTOR_SERVED=1`, and `TUTOR_TRUSTED_USER` only when the deployment configured a
  trusted user header and the request carried it (never inherited from the server's own environment).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tutor.serve.trusted import SERVED_ENV, SETTING, TRUSTED_USER_ENV, employee_id_from_headers, valid_header_name

log = logging.getLogger("textual-serve")

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
OWN_STATICS = HERE / "static"
STATICS = Path(textual_serve.__file__).resolve().parent / "static"
TITLE = "Acceptable Use Policy training"
TERMINAL = "/terminal"

# The terminal page loads only from this server; the websocket may be ws(s) to this server (or
# --public-url's). No inline script. Styles stay 'unsafe-inline': xterm.js sizes and colours its rows
# with style attributes it writes as it draws.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self' {ws}; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)

BUSY = (
    "\x1b[2J\x1b[H\r\n  The tutor is busy: every session on this server is in use.\r\n\r\n"
    "  Please try again in a few minutes. Your progress is saved.\r\n"
)


class TutorAppService(AppService):
    """One browser tab's app process, with the tutor's environment."""

    def __init__(self, command: str, *, extra_env: dict[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.extra_env = extra_env

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.pop(TRUSTED_USER_ENV, None)
        environment[SERVED_ENV] = "1"
        environment.update(self.extra_env)
        return environment


class TutorServer(Server):
    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str | None,
        records,
        db_path: Path,
        max_sessions: int = 0,
        content=None,
        clock=None,
        allowed_hosts: tuple[str, ...] = (),
    ) -> None:
        super().__init__(
            command, host=host, port=port, title=TITLE, public_url=public_url,
            statics_path=STATICS, templates_path=TEMPLATES,
        )
        self.explicit_public_url = public_url
        if public_url is None and ":" in host:  # an IPv6 address: http://[::1]:8000
            self.public_url = f"http://[{host.strip('[]')}]:{port}"
        self.records = records
        self.db_path = db_path
        self.max_sessions = max_sessions
        self.sessions = 0
        self.content = content
        self.clock = clock or records.clock
        self.extra_hosts = tuple(allowed_hosts)

    def initialize_logging(self) -> None:
        """Plain log lines: textual-serve's own set-up prints tracebacks with every local variable, which
        would put request headers (cookies, the trusted user header) in the log."""
        logging.basicConfig(level="DEBUG" if self.debug else "INFO", format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    # The web application ----------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        from tutor.web.app import WebSettings, build_web_app

        settings = WebSettings(
            host=self.host, port=self.port, public_url=self.explicit_public_url, extra_hosts=self.extra_hosts,
            trusted_header=self.trusted_header, terminal=True,
        )
        app = build_web_app(self.records, self.content, self.clock, settings)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get(TERMINAL, self.handle_index, name="index"),
            web.get(TERMINAL + "/ws", self.handle_websocket, name="websocket"),
            # textual.js opens exports at /download/KEY on this origin.
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static(TERMINAL + "/static", self.statics_path, show_index=False, name="static"),
            web.static(TERMINAL + "/assets", OWN_STATICS, show_index=False, name="terminal-assets"),
        ])
        app.on_response_prepare.append(self._security_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _public_websocket_origin(self) -> str:
        parts = urlsplit(self.explicit_public_url or "")
        return f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"

    def _websocket_sources(self, request: web.Request) -> str:
        sources = [f"ws://{request.host}", f"wss://{request.host}"]
        if self.explicit_public_url:
            sources.append(self._public_websocket_origin())
        return " ".join(sources)

    async def _security_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.path == TERMINAL or request.path.startswith("/download/"):
            response.headers["Content-Security-Policy"] = CSP.format(ws=self._websocket_sources(request))
            response.headers.setdefault("Cache-Control", "no-store")

    @staticmethod
    def _settle_memory(app: web.Application) -> None:
        """Build ask-the-policy's index now, then freeze everything loaded so far (content, index, templates)
        out of the garbage collector's reach. A full collection would otherwise walk all of it again and
        again while learners click: 50-100 ms with every request waiting, the slow tail of the pages."""
        import gc

        from tutor.web.app import FRONT

        try:
            app[FRONT].answerer
        except Exception as exc:  # pragma: no cover - ask-the-policy then builds on first use, as before
            log.warning("ask-the-policy could not be prepared at start-up: %s", exc)
        gc.collect()
        gc.freeze()

    def trusted_header(self) -> str | None:
        """The configured trusted user header, read afresh (a trainer may change it while serving)."""
        header = (self.records.settings.get(SETTING) or "").strip()
        return header if header and valid_header_name(header) else None

    async def on_startup(self, app: web.Application) -> None:
        """Prepare the pages' shared state and say where the tutor is served."""
        self._settle_memory(app)
        configured = (self.records.settings.get(SETTING) or "").strip()
        if configured and not valid_header_name(configured):
            self.console.print(f"tutor: ignoring the setting {SETTING} = {configured!r}: not a header name",
                               highlight=False)
        header = self.trusted_header()
        self.console.print(f"tutor: serving the tutor on [bold]{self.public_url}[/] "
                           f"(the terminal version at {self.public_url}{TERMINAL})", highlight=False)
        self.console.print(f"tutor: records database {self.db_path}", highlight=False)
        if header:
            self.console.print(
                f"tutor: trusted user header [bold]{header}[/] is honoured: the proxy in front must set it "
                "and strip it from every client request", highlight=False)
        self.console.print("Press Ctrl+C to stop.", highlight=False)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """`/terminal`: the page that runs the Textual app in xterm.js."""
        websocket_url = ""
        if self.explicit_public_url:
            websocket_url = self._public_websocket_origin() + str(request.app.router["websocket"].url_for())
        return {
            "font_size": max(8, min(32, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": websocket_url,
            "static_url": TERMINAL + "/static/",
            "assets_url": TERMINAL + "/assets/",
            "title": TITLE,
        }

    # Sessions ---------------------------------------------------------------------------------
    def _origin_allowed(self, request: web.Request) -> bool:
        """Browsers always send Origin on a websocket: it must be this site, not a page elsewhere."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser (a benchmark or a monitoring probe): no ambient credentials
        netloc = urlsplit(origin).netloc.lower()
        allowed = {request.host.lower()}
        if self.explicit_public_url:
            allowed.add(urlsplit(self.explicit_public_url).netloc.lower())
        return netloc in allowed

    def _session_environment(self, request: web.Request) -> dict[str, str]:
        header = self.trusted_header()
        if not header:
            return {}
        employee_id = employee_id_from_headers(request.headers.getall(header, []))
        if employee_id is None:
            if header in request.headers:
                log.warning("ignoring an unusable %s header (repeated or not an employee ID)", header)
            return {}
        return {TRUSTED_USER_ENV: employee_id}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One terminal tab: its own app process, relayed over this websocket."""
        if not self._origin_allowed(request):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="This page must be opened from the tutor's own address.")
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:
            # A plain GET (a crawler, a probe, a mistyped address): say so, and log nothing from the request.
            return web.Response(status=400, text="This address is the terminal's websocket. Open /terminal.\n")
        width = max(20, min(500, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(300, to_int(request.query.get("height", "24"), 24)))
        app_service: AppService | None = None
        if self.max_sessions and self.sessions >= self.max_sessions:
            await websocket.prepare(request)
            log.warning("refused a session: %d of %d in use", self.sessions, self.max_sessions)
            await websocket.send_bytes(BUSY.encode("utf-8"))
            await websocket.close()
            return websocket
        self.sessions += 1
        try:
            await websocket.prepare(request)
            app_service = TutorAppService(
                self.command,
                extra_env=self._session_environment(request),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # pragma: no cover - one line: a traceback's locals would log the request
            log.error("a terminal session ended with an error: %s: %s", type(error).__name__, error)
        finally:
            self.sessions -= 1
            if app_service is not None:
                await app_service.stop()
        return websocket
