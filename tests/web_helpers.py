"""Helpers for the HTML front end's tests: an in-process server, and reading forms out of pages."""

from __future__ import annotations

import re
import socket
from contextlib import asynccontextmanager
from html import unescape
from html.parser import HTMLParser

from aiohttp.test_utils import TestClient, TestServer

from tutor.web.app import WebSettings, build_web_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@asynccontextmanager
async def web_client(records, content, clock, **settings):
    """The HTML front end on a free local port; requests carry that address as their Host."""
    port = free_port()
    app = build_web_app(records, content, clock, WebSettings(host="127.0.0.1", port=port, seed=7, **settings))
    client = TestClient(TestServer(app, host="127.0.0.1", port=port))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


class Page(HTMLParser):
    """What a test needs from a page: its title, headings, forms with their fields, links, status text."""

    def __init__(self, html: str):
        super().__init__()
        self.html = html
        self.title = ""
        self.headings: list[tuple[str, str]] = []
        self.forms: list[dict] = []
        self.links: list[tuple[str, str]] = []
        self._in: list[str] = []
        self._text: list[str] = []
        self._link: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("title", "h1", "h2", "h3"):
            self._in.append(tag)
            self._text = []
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"), "fields": {},
                               "choices": [], "buttons": []})
        if tag == "input" and self.forms:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.forms[-1]["choices"].append(a.get("value"))
            else:
                self.forms[-1]["fields"][a.get("name")] = a.get("value", "")
        if tag == "button" and self.forms and a.get("name"):
            self.forms[-1]["buttons"].append((a["name"], a.get("value", "")))
        if tag == "a":
            self._link = a.get("href")
            self._text = []

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        text = " ".join("".join(self._text).split())
        if self._in and tag == self._in[-1]:
            self._in.pop()
            if tag == "title":
                self.title = text
            else:
                self.headings.append((tag, text))
        if tag == "a" and self._link is not None:
            self.links.append((self._link, text))
            self._link = None

    def h1(self) -> str:
        return next(text for tag, text in self.headings if tag == "h1")

    def form(self, action: str) -> dict:
        return next(f for f in self.forms if f["action"].split("#")[0] == action)

    def link(self, text: str) -> str:
        return next(href for href, label in self.links if label.startswith(text))

    @property
    def csrf(self) -> str:
        return self.forms[0]["fields"]["csrf"]

    def status_text(self) -> str:
        """The text of every role=status region."""
        parts = re.findall(r'role="status"[^>]*>(.*?)</div>', self.html, re.S)
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", " ".join(parts))).split())

    def text(self) -> str:
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", self.html)).split())


async def get(client, url: str) -> tuple[str, Page]:
    """GET, following redirects; (final path, page)."""
    response = await client.get(url)
    return response.url.path, Page(await response.text())


async def post(client, action: str, page: Page, **fields) -> tuple[int, str, Page]:
    """Submit one of the page's forms with its hidden fields (CSRF, attempt, position) and these values."""
    form = page.form(action)
    data = dict(form["fields"])
    data.update(fields)
    response = await client.post(action, data=data)
    return response.status, response.url.path, Page(await response.text())


def right_choices(content, page: Page) -> list[str]:
    """The right answer to the question on this page, found in the content by its prompt."""
    legend = re.search(r'<legend id="question">(.*?)(?:<span class="hint">|</legend>)', page.html, re.S).group(1)
    prompt = unescape(legend).strip()
    candidates = [q for q in content.questions.values() if q.prompt == prompt]
    for lesson in content.lessons.values():
        candidates += [s.check for s in lesson.steps if s.check is not None and s.check.prompt == prompt]
    return sorted(candidates[0].answer)


async def sign_in_self(client, employee_id="E100", name="Ana María Pérez", district: str | None = None) -> Page:
    _, page = await get(client, "/")
    fields = {"employee_id": employee_id, "full_name": name}
    if district:
        fields["district"] = district
    status, where, page = await post(client, "/sign-in", page, **fields)
    assert status == 200, page.text()
    return page


async def certify(client, content, name="Ana María Pérez", wrong_first: bool = False) -> Page:
    """From home to the receipt by the Continue path, answering every question right."""
    for _ in range(400):
        where, page = await get(client, "/continue")
        if where.startswith("/lesson/"):
            while True:
                if '<legend id="question">' in page.html:
                    status, _, page = await post(client, where, page, choice=right_choices(content, page))
                    assert status == 200
                nxt = [href for href, label in page.links if label.startswith("Next")]
                if not nxt:
                    break
                where, page = await get(client, nxt[0])
        elif where.startswith("/quiz/"):
            status, where, page = await post(client, where, page)
            assert where.startswith("/attempt/"), page.text()
        elif where.startswith("/attempt/"):
            action = where
            status, where, page = await post(client, action, page, choice=right_choices(content, page))
            assert status == 200 and where == action, page.text()
        elif where == "/sign":
            status, where, page = await post(client, "/sign", page, full_name=name)
            assert page.h1() == "Confirm your signature", page.text()
            status, where, page = await post(client, "/sign/confirm", page, confirm="yes")
            assert where == "/receipt", page.text()
            return page
        else:
            raise AssertionError(f"unexpected page {where}: {page.text()[:300]}")
    raise AssertionError("never reached the receipt")
