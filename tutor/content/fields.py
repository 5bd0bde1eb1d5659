"""Typed field access on parsed YAML that records `path:line` errors instead of raising."""

from __future__ import annotations

import re
from typing import Any

from tutor.content.model import Citation, ContentError
from tutor.content.yaml_lines import LineDict, LineList

CITATION_RE = re.compile(r"^[a-z][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9.\-]*$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")


class Fields:
    """Reads fields of one YAML mapping, appending a ContentError for each problem."""

    def __init__(self, data: Any, path: str, errors: list[ContentError], what: str, line: int = 1):
        self.path = path
        self.errors = errors
        self.what = what
        if isinstance(data, LineDict):
            self.data = data
            self.ok = True
        else:
            self.data = LineDict()
            self.data.line = getattr(data, "line", line)
            self.data.key_lines = {}
            self.ok = False
            self.error(self.data.line, f"{what} must be a mapping of fields, not {_kind(data)}")

    @property
    def line(self) -> int:
        return self.data.line

    def line_of(self, key: str) -> int:
        return self.data.line_of(key)

    def error(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.error(self.line_of(key), f"{self.what}: unknown field '{key}'")

    def _missing(self, key: str) -> None:
        self.error(self.line, f"{self.what}: missing required field '{key}'")

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(self.line_of(key), f"{self.what}: '{key}' must be text, not {_kind(value)}")
            return default
        value = str(value).strip()
        if required and not value:
            self.error(self.line_of(key), f"{self.what}: '{key}' must not be empty")
        return value

    def ident(self, key: str, required: bool = True) -> str:
        value = self.text(key, required)
        if value and not ID_RE.match(value):
            self.error(
                self.line_of(key),
                f"{self.what}: '{key}' {value!r} may contain only letters, digits, '.', '_' and '-'",
            )
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.error(self.line_of(key), f"{self.what}: '{key}' must be true or false, not {value!r}")
            return default
        return value

    def integer(self, key: str, default: int | None = None, minimum: int | None = None) -> int:
        if key not in self.data:
            if default is None:
                self._missing(key)
                return 0
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(self.line_of(key), f"{self.what}: '{key}' must be a whole number, not {value!r}")
            return default or 0
        if minimum is not None and value < minimum:
            self.error(self.line_of(key), f"{self.what}: '{key}' must be at least {minimum}, not {value}")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        if key not in self.data:
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(self.line_of(key), f"{self.what}: '{key}' must be a number, not {value!r}")
            return default
        if not low <= value <= high:
            self.error(self.line_of(key), f"{self.what}: '{key}' must be between {low} and {high}, not {value}")
            return default
        return float(value)

    def text_list(self, key: str, required: bool = True) -> list[str]:
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key)
            return []
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(self.line_of(key), f"{self.what}: '{key}' must be a list, not {_kind(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                line = value.line_of(index) if isinstance(value, LineList) else self.line_of(key)
                self.error(line, f"{self.what}: '{key}' item {index + 1} must be text, not {_kind(item)}")
                continue
            out.append(str(item).strip())
        if required and not out:
            self.error(self.line_of(key), f"{self.what}: '{key}' must not be empty")
        return out

    def citations(self, key: str, required: bool = True) -> tuple[Citation, ...]:
        refs = self.text_list(key, required)
        out = []
        for ref in refs:
            if not CITATION_RE.match(ref):
                self.error(
                    self.line_of(key),
                    f"{self.what}: citation {ref!r} in '{key}' must look like district:section, e.g. crec:C.7",
                )
                continue
            out.append(Citation.parse(ref))
        return tuple(out)

    def mapping(self, key: str, required: bool = True) -> "Fields":
        if key not in self.data:
            if required:
                self._missing(key)
            empty = LineDict()
            empty.line = self.line
            empty.key_lines = {}
            return Fields(empty, self.path, [], f"{self.what}.{key}")
        return Fields(self.data[key], self.path, self.errors, f"{self.what}.{key}", self.line_of(key))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"
