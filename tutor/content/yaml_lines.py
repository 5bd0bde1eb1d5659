"""YAML loading that remembers the line each mapping and key came from."""

from __future__ import annotations

import re
from typing import Any

import yaml


class LineDict(dict):
    """A dict that knows its own line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


# libyaml's parser is about ten times faster and reports the same marks; fall back when absent.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_object(self, node, deep=False):
        # A node met a second time came through an alias (*name). Content never needs aliases,
        # and nested ones expand exponentially ("billion laughs"), so refuse the first reuse.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (&anchor / *alias) are not allowed in content files", node.start_mark
            )
        return super().construct_object(node, deep=deep)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain values", key_node.start_mark
            )
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay as the ISO text the author wrote; the content layer parses them where needed.
    return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


class YamlSyntaxError(ValueError):
    """Malformed YAML, with the 1-based line where the parser stopped."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# Far beyond any real content; low enough that libyaml's unbounded recursion cannot overflow.
MAX_NESTING = 1000


_DEEP_LINE_RE = re.compile(r"^(?: {%d,}|[ \t]*(?:-[ \t]+){%d,})" % (2 * MAX_NESTING + 1, MAX_NESTING + 1), re.M)


def _too_deep(text: str) -> int | None:
    """The line where nesting passes MAX_NESTING levels, or None.

    Checked before parsing because libyaml has no depth limit: a file of thousands of
    unclosed '[' would overflow the C stack and kill the process instead of being reported.
    """
    deep_line = _DEEP_LINE_RE.search(text)
    if deep_line:
        return text.count("\n", 0, deep_line.start()) + 1
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None  # too few brackets to nest that deep: skip the character walk
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return number
            elif ch in "]}":
                depth = max(0, depth - 1)
    return None


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML text; mappings become LineDicts, sequences LineLists.

    `first_line` shifts every reported line, for YAML embedded in a larger file.
    Raises YamlSyntaxError with the line of the problem.
    """
    last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    deep = _too_deep(text)
    if deep is not None:
        raise YamlSyntaxError(deep + first_line - 1, f"YAML nested more than {MAX_NESTING} levels deep")
    try:
        if "&" in text:  # an alias needs an anchor; name the line of the first one used
            for token in yaml.scan(text, Loader=_BaseLoader):
                if isinstance(token, yaml.AliasToken):
                    raise YamlSyntaxError(
                        token.start_mark.line + first_line,
                        "YAML aliases (&anchor / *alias) are not allowed in content files",
                    )
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # libyaml adds a line break at the end of the stream; never point past the last line.
        line = min((mark.line + 1) if mark else 1, last_line)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(line + first_line - 1, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlSyntaxError(
            min(line, last_line) + first_line - 1,
            f"YAML syntax error: character #x{ord(character):04x} is not allowed ({exc.reason})",
        ) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise YamlSyntaxError(first_line, f"YAML syntax error: {message}") from None
    except RecursionError:
        raise YamlSyntaxError(first_line, "YAML nested too deeply to read") from None
    if first_line != 1:
        _shift_lines(data, first_line - 1, set())
    return data


def _shift_lines(data: Any, offset: int, seen: set[int]) -> None:
    # A node reached again through a YAML alias is the same object: shift it once.
    if id(data) in seen:
        return
    if isinstance(data, LineDict):
        seen.add(id(data))
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset, seen)
    elif isinstance(data, LineList):
        seen.add(id(data))
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift_lines(value, offset, seen)
