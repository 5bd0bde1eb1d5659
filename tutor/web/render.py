"""Lesson text as safe HTML: the lesson's Markdown with raw HTML turned off, headings kept below the page's."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

from tutor.service.citations import render_text

# "html": False: any tag written in a lesson is shown as text, never interpreted.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_HEADING = re.compile(r"<(/?)h([1-6])>")


def markdown_html(text: str, lowest_heading: int = 3) -> Markup:
    """Markdown to HTML; a heading inside the text starts at `lowest_heading` (the page has h1 and h2)."""
    html = _MARKDOWN.render(text)
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + lowest_heading - 1)}>", html)
    return Markup(html)


def lesson_html(content, text: str, district: str) -> Markup:
    """A lesson step's body: citation tokens in words, then Markdown (kept once made: content never changes
    while serving, and every learner reads the same steps)."""
    key = (id(content), district, text)
    html = _LESSON_HTML.get(key)
    if html is None:
        if len(_LESSON_HTML) > 4096:
            _LESSON_HTML.clear()
        html = _LESSON_HTML[key] = markdown_html(render_text(content, text, district))
    return html


_LESSON_HTML: dict[tuple[int, str, str], Markup] = {}
