"""Which Host names the server answers, and the headers every response carries.

A server on 127.0.0.1 is still reachable from any web page the learner opens, through DNS rebinding: a
name the attacker controls is pointed at 127.0.0.1, and the browser then sends `Host: evil.example` to
this server as if it were that site. Refusing every Host name the deployment did not configure closes
that, for the HTML pages and the terminal's websocket alike.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from aiohttp import web

from tutor.web.addresses import is_loopback

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

# The HTML pages: everything from this server, no inline script or style, forms post only here.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def _netloc(host: str, port: int | None) -> str:
    host = host.strip().lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # a bare IPv6 address
    return f"{host}:{port}" if port else host


def allowed_hosts(listen_host: str, port: int, public_url: str | None = None,
                  extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host header values to answer: the listening address, this computer's names when it listens on
    loopback, the public URL's host, and any names the deployment adds (with or without a port)."""
    allowed = {_netloc(listen_host, port)}
    if is_loopback(listen_host):
        allowed |= {_netloc(name, port) for name in LOOPBACK_NAMES}
    if public_url:
        parts = urlsplit(public_url)
        name = (parts.hostname or "").lower()
        if name:
            default = 443 if parts.scheme == "https" else 80
            explicit = parts.port
            allowed.add(_netloc(name, explicit or default))
            if explicit in (None, default):
                allowed.add(_netloc(name, None))
    for item in extra:
        item = item.strip().lower()
        if item:
            allowed.add(item)
    return frozenset(allowed)


def host_allowed(host_header: str | None, allowed: frozenset[str]) -> bool:
    """Whether the Host header names one of the configured addresses."""
    return bool(host_header) and host_header.strip().lower() in allowed


def host_check(allowed: frozenset[str]):
    """Middleware: refuse any request (page, asset or websocket) for a Host name not configured."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        if not host_allowed(request.headers.get("Host"), allowed):
            return web.Response(
                status=421, text="This server does not answer to that address.\n",
                headers={"Cache-Control": "no-store"},
            )
        return await handler(request)

    return middleware


@web.middleware
async def server_timing(request: web.Request, handler):
    """`Server-Timing: app;dur=MS` on every response: how long this server worked on it, so a slow page can be
    told apart from a slow network or a busy machine (the benchmark reports both)."""
    started = time.perf_counter()
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        raise
    if not response.prepared:
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


async def page_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Headers for the HTML pages and their assets (the terminal's own pages set their own CSP first)."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if request.path.startswith(("/terminal", "/download/")):
        return  # the terminal's pages set their own policy
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Frame-Options", "DENY")
