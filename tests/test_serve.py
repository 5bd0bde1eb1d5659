"""`tutor serve`: the app in web browsers — one process per tab, one database, no outside assets.

The browser test drives Debian's chromium (`/usr/bin/chromium`) with Playwright's Python package; it
never uses a browser Playwright downloads. It skips, saying why, only when either is missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli.main import cli
from tutor.cli.serve import app_command, check_public_url, is_loopback
from tutor.serve.trusted import SERVED_ENV, TRUSTED_USER_ENV, employee_id_from_headers, trusted_employee_id
from tutor.store.people import Person
from tutor.store.records import Records

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SIGN_IN_TEXT = ("Acceptable Use Policy training", "Employee ID")
ANSI = re.compile(rb"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def needs_textual_serve():
    try:
        import textual_serve  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("textual-serve is not installed (it is the `serve` extra: pip install '.[serve]')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screen_words(chunks: list[bytes]) -> str:
    """What the terminal stream says, escape sequences removed."""
    return ANSI.sub(b"", b"".join(chunks)).decode("utf-8", "replace")


@contextmanager
def served(tmp_path: Path, db: Path, *extra: str):
    """`tutor serve` on a free local port, in its own process group (so its sessions die with it)."""
    port = free_port()
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_DOWNLOAD_DIR=str(home / "Downloads"), PYTHONUNBUFFERED="1")
    env.pop("TUTOR_DB", None)
    log = open(tmp_path / f"serve-{port}.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "serve", "--port", str(port), "--db", str(db), *extra],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"tutor serve exited {process.returncode}:\n{(tmp_path / log.name).read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("tutor serve did not start listening within 60 s")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", home
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the server and any session still running
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
        log.close()


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append(value)


# The command line ------------------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "aup.example.org"])
def test_a_non_loopback_host_is_refused_without_the_explicit_flag(tmp_path, host):
    result = CliRunner().invoke(cli, ["serve", "--host", host, "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert f"refusing to listen on {host}" in result.output
    assert "--allow-remote" in result.output
    assert "reverse proxy with TLS" in result.output and "docs/serving.md" in result.output
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("example.org", False),
])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_public_url_is_a_root_address():
    assert check_public_url("https://aup.example.org/") == "https://aup.example.org"
    assert check_public_url(None) is None
    for bad in ("aup.example.org", "ftp://x", "https://example.org/aup"):
        with pytest.raises(Exception):
            check_public_url(bad)


@pytest.mark.skipif(os.name == "nt", reason="the command is quoted for cmd.exe there")
def test_each_session_gets_the_absolute_database_and_content(tmp_path):
    import shlex

    db, content = tmp_path / "my records" / "t.db", tmp_path / "content"
    command = app_command(db, content)
    assert shlex.split(command) == [sys.executable, "-m", "tutor", "--db", str(db), "--content", str(content)]


def test_a_database_from_a_newer_tutor_is_refused_before_serving(tmp_path):
    needs_textual_serve()
    from tutor.store import schema
    from tutor.store.database import open_database

    path = tmp_path / "newer.db"
    db = open_database(path)
    db.conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (schema.LATEST_VERSION + 5,))
    db.conn.close()
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "serve", "--port", str(free_port()), "--db", str(path)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "written by a newer tutor" in result.stderr
    assert "Traceback" not in result.stderr


# The trusted user header -----------------------------------------------------------------------------
def test_the_trusted_header_counts_only_when_served_and_configured(records):
    served_env = {SERVED_ENV: "1", TRUSTED_USER_ENV: "E100"}
    assert trusted_employee_id(records, served_env) is None  # not configured
    records.settings.set("trusted_user_header", "X-Remote-User")
    assert trusted_employee_id(records, served_env) == "E100"
    assert trusted_employee_id(records, {TRUSTED_USER_ENV: "E100"}) is None  # not served
    assert trusted_employee_id(records, {SERVED_ENV: "1"}) is None  # no header on this request
    assert trusted_employee_id(records, {SERVED_ENV: "1", TRUSTED_USER_ENV: "E1; rm -rf"}) is None
    assert employee_id_from_headers(["E100", "E200"]) is None  # repeated: ambiguous, ignored
    assert employee_id_from_headers([" 10442 "]) == "10442"


async def test_the_served_app_skips_sign_in_for_a_trusted_header(records, clock, content, person, monkeypatch):
    from tutor.ui.app import make_app
    from tutor.ui.screens.home import HomeScreen
    from tutor.ui.screens.sign_in import SignInScreen

    monkeypatch.setenv(SERVED_ENV, "1")
    monkeypatch.setenv(TRUSTED_USER_ENV, person.employee_id)
    app = make_app(records=records, content=content, clock=clock, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)  # the setting is not configured: ignored
    records.settings.set("trusted_user_header", "X-Remote-User")
    app = make_app(records=records, content=content, clock=clock, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.training.identity == "trusted-header"
    monkeypatch.setenv(TRUSTED_USER_ENV, "NOBODY")
    app = make_app(records=records, content=content, clock=clock, seed=1)
    told: list[str] = []
    app.notify = lambda message, **_: told.append(message)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert any("not on this district's roster" in m for m in told)


# The server, over HTTP and a websocket ---------------------------------------------------------------
def test_the_page_loads_nothing_from_outside_and_shows_no_records(tmp_path):
    needs_textual_serve()
    db = tmp_path / "records" / "tutor.db"
    with served(tmp_path, db) as (base, _home):
        with urllib.request.urlopen(base + "/terminal", timeout=30) as response:
            html = response.read().decode("utf-8")
            csp = response.headers["Content-Security-Policy"]
        assert db.exists(), "the database is created before any browser connects"
        urls = re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", html)
        assert [u for u in urls if not u.startswith(base)] == [], "the page must not load anything from outside"
        assert "fonts.googleapis" not in html and "@import" not in html
        assert str(db) not in html and "tutor.db" not in html and "--db" not in html
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self';" in csp, "no inline script on the terminal page either"
        assert "<script>" not in html and "onclick" not in html
        parser = _Refs()
        parser.feed(html)
        assert parser.refs, "the page links its script and styles"
        for ref in parser.refs:
            if ref.startswith("data:"):
                continue
            assert ref.startswith("/") and not ref.startswith("//"), ref
            with urllib.request.urlopen(base + ref, timeout=30) as asset:
                assert asset.status == 200, ref
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "/terminal/static/", timeout=30)  # no folder listing


class Session:
    """One raw websocket session speaking textual-serve's protocol, as the page's script does."""

    def __init__(self, base: str, headers: dict | None = None):
        self.url = base.replace("http", "ws", 1) + "/terminal/ws?width=100&height=30"
        self.headers = headers or {}
        self.chunks: list[bytes] = []
        self.messages: list = []

    async def __aenter__(self):
        import aiohttp

        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.url, headers=self.headers)
        await self.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        self.reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc):
        self.reader.cancel()
        await self.ws.close()
        await self.http.close()

    async def _read(self):
        import aiohttp

        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.chunks.append(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(json.loads(message.data))

    @property
    def text(self) -> str:
        return screen_words(self.chunks)

    async def wait_for(self, predicate, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while not predicate(self) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return predicate(self)

    async def press(self, keys: str, settle: float = 0.5) -> None:
        self.chunks.clear()
        await self.ws.send_str(json.dumps(["stdin", keys]))
        await asyncio.sleep(settle)


async def first_screen(base: str, headers: dict | None = None, until: str = "Employee ID", timeout: float = 60) -> str:
    async with Session(base, headers) as session:
        await session.wait_for(lambda s: until in s.text, timeout)
        return session.text


def test_a_websocket_from_another_site_is_refused(tmp_path):
    needs_textual_serve()
    import aiohttp

    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        async def attempt(origin):
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(base.replace("http", "ws", 1) + "/terminal/ws", headers={"Origin": origin}):
                    return True

        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(attempt("https://evil.example"))
        assert refused.value.status == 403
        assert asyncio.run(attempt(base))


def test_a_websocket_for_a_host_name_not_configured_is_refused(tmp_path):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 must not start a session."""
    needs_textual_serve()
    import aiohttp

    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        async def attempt(host):
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(base.replace("http", "ws", 1) + "/terminal/ws",
                                           headers={"Host": host}):
                    return True

        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(attempt("evil.example"))
        assert refused.value.status == 421
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(urllib.request.Request(base + "/", headers={"Host": "evil.example"}), timeout=30)
        assert page.value.code == 421
        port = base.rsplit(":", 1)[1]
        assert asyncio.run(attempt(f"localhost:{port}"))


def test_a_plain_get_of_the_websocket_address_logs_no_traceback(tmp_path):
    needs_textual_serve()
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        with pytest.raises(urllib.error.HTTPError) as plain:
            urllib.request.urlopen(urllib.request.Request(base + "/terminal/ws", headers={"X-Secret": "s3cr3t"}),
                                   timeout=30)
        assert plain.value.code == 400
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            assert response.status == 200  # the server carries on
    log = "".join(p.read_text(errors="replace") for p in tmp_path.glob("serve-*.log"))
    assert "Traceback" not in log and "s3cr3t" not in log


def test_sessions_beyond_the_limit_are_told_the_tutor_is_busy(tmp_path):
    needs_textual_serve()
    with served(tmp_path, tmp_path / "t.db", "--max-sessions", "1") as (base, _home):
        async def two():
            async with Session(base) as first:
                assert await first.wait_for(lambda s: "Employee ID" in s.text)
                async with Session(base) as second:
                    assert await second.wait_for(lambda s: "The tutor is busy" in s.text, timeout=20), second.text
            for _ in range(20):  # the first one closed: there is room again once its process has ended
                text = await first_screen(base, timeout=10)
                if "Employee ID" in text:
                    return text
                await asyncio.sleep(0.5)
            return text

        assert "Employee ID" in asyncio.run(two())


def test_the_trusted_header_signs_in_only_when_configured(tmp_path):
    needs_textual_serve()
    db = tmp_path / "t.db"
    records = Records(db)
    records.people.upsert_many([Person("E100", "Ana Pérez", hire_date=date(2026, 8, 25), district="crec", on_roster=True)])
    with served(tmp_path, db) as (base, _home):
        text = asyncio.run(first_screen(base, {"X-Remote-User": "E100"}))
        assert "Employee ID" in text and "Ana Pérez" not in text  # not configured: the header means nothing
    records.settings.set("trusted_user_header", "X-Remote-User")
    records.close()
    with served(tmp_path, db) as (base, _home):
        text = asyncio.run(first_screen(base, {"X-Remote-User": "E100"}, until="Ana Pérez (E100)"))
        assert "Ana Pérez (E100)" in text
        text = asyncio.run(first_screen(base))
        assert "Employee ID" in text and "Ana Pérez" not in text  # no header: the sign-in form


def test_a_trainer_export_is_delivered_to_the_browser_not_saved_on_the_server(tmp_path):
    needs_textual_serve()
    from tutor.service.trainer_auth import set_passphrase

    db = tmp_path / "t.db"
    records = Records(db)
    records.people.upsert_many([Person("E100", "Ana Pérez", hire_date=date(2026, 8, 25), district="crec", on_roster=True)])
    set_passphrase(records, "correct horse battery")
    records.close()
    with served(tmp_path, db) as (base, home):
        async def export():
            async with Session(base) as session:
                assert await session.wait_for(lambda s: "Employee ID" in s.text)
                await session.press("\x1b[20~")  # F9: the trainer screen, behind the passphrase
                assert await session.wait_for(lambda s: "Trainer passphrase" in s.text), session.text
                await session.press("correct horse battery\r")
                assert await session.wait_for(lambda s: "people shown" in s.text), session.text
                await session.press("\x1b[Z")  # shift+tab: from the search box to the table
                await session.press("\x05")  # ctrl+e: export what is shown
                assert await session.wait_for(lambda s: any(m[0] == "deliver_file_start" for m in s.messages))
                key = next(m[1] for m in session.messages if m[0] == "deliver_file_start")
                return await asyncio.to_thread(download, f"{base}/download/{key}")

        def download(url):
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.headers["Content-Disposition"], response.read().decode("utf-8")

        disposition, body = asyncio.run(export())
        assert disposition.startswith("attachment") and "tutor-status-" in disposition
        assert "E100" in body and "Ana Pérez" in body
        left = [p for p in home.rglob("tutor-status-*")]
        assert left == [], f"the export must not be left on the server: {left}"


# The browser ------------------------------------------------------------------------------------------
def test_a_browser_shows_the_sign_in_screen(tmp_path):
    needs_textual_serve()
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        pytest.skip("the playwright Python package is missing (pip install playwright; no `playwright install`)")

    frames: list[bytes] = []
    requests: list[str] = []
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 700})
                page.on("request", lambda request: requests.append(request.url))
                page.on("websocket", lambda ws: ws.on(
                    "framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())))
                page.goto(base + "/terminal")
                page.wait_for_selector("body.-first-byte", timeout=60_000)  # the terminal drew its first bytes
                deadline = time.monotonic() + 60
                while not all(t in screen_words(frames) for t in SIGN_IN_TEXT) and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                assert all(t in screen_words(frames) for t in SIGN_IN_TEXT), screen_words(frames)[-400:]
                page.wait_for_function("document.activeElement && document.activeElement.closest('#terminal')",
                                       timeout=30_000)  # the page puts the focus in the terminal by itself
                frames.clear()
                page.keyboard.type("Q7Z")
                deadline = time.monotonic() + 30
                while "Q7Z" not in screen_words(frames) and time.monotonic() < deadline:
                    page.wait_for_timeout(50)
                assert "Q7Z" in screen_words(frames), "keys typed in the browser reach the app and come back"
                shot = tmp_path / "sign-in.png"
                page.screenshot(path=str(shot))
                assert shot.stat().st_size > 5_000
                assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')"), "the font is served locally"
                # When the session ends the terminal lets go of the keyboard: Tab reaches "Start again".
                page.keyboard.press("Control+q")
                page.wait_for_selector("body.-closed", timeout=30_000)
                page.wait_for_function("document.activeElement && document.activeElement.id === 'start-again'",
                                       timeout=10_000)
                page.keyboard.press("Tab")
                assert not page.evaluate("!!document.activeElement.closest('#terminal')"), "Tab left the terminal"
            finally:
                browser.close()
    outside = [u for u in requests if not (u.startswith(base + "/") or u.startswith(base.replace("http", "ws", 1)))]
    assert outside == [], f"the page asked for outside resources: {outside}"
