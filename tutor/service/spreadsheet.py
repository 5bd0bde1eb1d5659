"""Cells that are safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

from typing import Any

# The characters a spreadsheet takes as the start of a formula.
_FORMULA_FIRST = frozenset(("=", "+", "-", "@", "\t", "\r"))


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: formula-like text gets a leading quote; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[:1] in _FORMULA_FIRST:
        return "'" + value
    return value


def safe_row(values) -> list:
    """`safe_cell` of each value (text, the common case, is checked inline: exports write millions)."""
    return [
        ("'" + v if v[:1] in _FORMULA_FIRST else v) if type(v) is str else safe_cell(v)  # noqa: E721
        for v in values
    ]
