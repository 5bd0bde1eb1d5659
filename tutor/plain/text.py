"""Markdown and policy text as plain, wrapped lines: no escape sequences, colours or box drawing.

A screen reader, a braille display or a plain SSH session reads what is printed line by line,
so headings become lines of their own, lists become dashed or numbered lines, emphasis is
dropped and a link keeps its address after its text.
"""

from __future__ import annotations

import re
import shutil
import textwrap
import unicodedata
from functools import lru_cache

DEFAULT_WIDTH = 80
MIN_WIDTH = 20

# Every control character but the newline: ESC starts terminal escape sequences, and the rest
# (bell, backspace, carriage return, C1 controls) move or sound the terminal instead of reading.
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """`text` with every control character removed (tabs become spaces), so it only ever reads."""
    return _CONTROL_RE.sub(lambda m: " " if m.group(0) == "\t" else "", text)


def line_width(is_terminal: bool) -> int:
    """The terminal's width when writing to one (or $COLUMNS), otherwise 80."""
    if not is_terminal:
        return DEFAULT_WIDTH
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> str:
    """One paragraph wrapped to `width`, with a marker (such as "- " or "2. ") on its first line."""
    rest = " " * len(first) if rest is None else rest
    text = " ".join(clean(text).split())
    if not text:
        return first.rstrip()
    return textwrap.fill(
        text, width=max(width, len(first) + MIN_WIDTH // 2), initial_indent=first, subsequent_indent=rest,
        break_long_words=True, break_on_hyphens=False,
    )


def paragraphs(text: str, width: int) -> str:
    """Plain text (a policy section) wrapped paragraph by paragraph, keeping its own line breaks.

    Policy text is not Markdown: a line starting with "1." or "*" is the policy's own numbering,
    so each line is wrapped as it stands, with a hanging indent under a leading list marker.
    """
    out: list[str] = []
    for line in clean(text).splitlines():
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        marker = re.match(r"\s*((?:[-*\u2022]|\(?[0-9a-zA-Z]{1,3}[.)])\s+)", line)
        lead = marker.group(1) if marker else ""
        body = line.strip()[len(lead.strip()):] if marker else line
        out.append(wrap(body, width, lead.strip() + " " if lead else ""))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # No raw HTML: a tag in the content is shown as the text it is.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline(token) -> str:
    """The words of an inline token: emphasis dropped, links as "text (address)", images as their text."""
    parts: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), len(parts)))
        elif kind == "link_close" and link_stack:
            href, start = link_stack.pop()
            shown = "".join(parts[start:]).strip()
            address = href[7:] if href.startswith("mailto:") else href
            if address and address != shown:
                parts.append(f" ({address})")
        elif kind == "image":
            parts.append(child.content or "image")
    return "".join(parts)


def markdown_to_text(markdown: str, width: int = DEFAULT_WIDTH) -> str:
    """Markdown as plain lines wrapped to `width`: readable aloud, on braille, or over SSH."""
    tokens = _parser().parse(clean(markdown))
    out: list[str] = []
    lists: list[dict] = []  # open lists, innermost last: ordered?, next number, tight?
    marker = ""  # the marker waiting for the first paragraph of a list item
    quote = 0
    table: list[list[str]] | None = None  # the rows of the table being read, if any
    row: list[str] = []

    def indent() -> str:
        return "    " * quote + "  " * max(len(lists) - 1, 0)

    def block_gap() -> None:
        # Blocks are separated by a blank line; items of a tight list follow each other directly.
        if out and out[-1] != "" and not (lists and lists[-1]["tight"] and marker):
            out.append("")

    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                block_gap()
            start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 0
            lists.append({"ordered": kind == "ordered_list_open", "n": start, "tight": True})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            current = lists[-1]
            marker = f"{current['n']}. " if current["ordered"] else "- "
            current["n"] += 1
        elif kind == "paragraph_open" and lists and not token.hidden:
            lists[-1]["tight"] = False
        elif kind == "blockquote_open":
            block_gap()
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline" and table is not None:
            row.append(" ".join(_inline(token).split()))
        elif kind == "inline":
            text = _inline(token)
            if marker:
                if not lists[-1]["tight"]:
                    block_gap()
                lines = [wrap(part, width, indent() + marker, indent() + " " * len(marker))
                         for part in text.split("\n")]
                marker = ""
            else:
                block_gap()
                lines = [wrap(part, width, indent() + ("  " if lists else "")) for part in text.split("\n")]
            out.extend(lines)
        elif kind in ("fence", "code_block"):
            block_gap()
            out.extend(indent() + "    " + clean(line) for line in token.content.rstrip("\n").splitlines())
        elif kind == "table_open":
            table = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            table.append(row)
        elif kind == "table_close":
            block_gap()
            out.extend(_table_lines(table or [], width, indent()))
            table = None
    while out and out[-1] == "":
        out.pop()
    return "\n".join(line.rstrip() for line in out)


def _table_lines(table: list[list[str]], width: int, lead: str) -> list[str]:
    """A table as one line per row, each cell named by its column: "key: 1; what it does: pick"."""
    if not table:
        return []
    header, *rows = table
    if not rows:
        return [wrap("; ".join(header), width, lead)]
    lines = []
    for cells in rows:
        named = [f"{h}: {c}" if h else c for h, c in zip(header, cells)]
        lines.append(wrap("; ".join(named), width, lead + "- ", lead + "  "))
    return lines


def has_control_characters(text: str) -> bool:
    """True when `text` holds anything a terminal would act on rather than show (tests use this)."""
    return any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text)
