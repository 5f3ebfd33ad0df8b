"""YAML with positions: plain Python data plus a map from data path to line:column.

The validator must point at the exact line of a mistake, so files are read
with ruamel.yaml's round-trip loader, which keeps each key's and value's
position. Dates are kept as strings here; pydantic parses them, so an
impossible date ("2024-02-30") becomes a finding, not a crash.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import YamlSyntaxError

DataPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, 1-based column


class _Constructor(RoundTripConstructor):
    pass


def _timestamp_as_string(constructor: RoundTripConstructor, node: Any) -> str:
    return str(constructor.construct_scalar(node))


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_string)


@dataclass
class SourceMap:
    """Positions of keys and values inside one YAML document."""

    line_offset: int = 0
    keys: dict[DataPath, Position] = field(default_factory=dict)
    values: dict[DataPath, Position] = field(default_factory=dict)

    def value(self, path: DataPath) -> Position:
        """Position of the value at path, or of its nearest ancestor."""
        return self._nearest(path, prefer_key=False)

    def key(self, path: DataPath) -> Position:
        """Position of the key at path, or of its nearest ancestor."""
        return self._nearest(path, prefer_key=True)

    def _nearest(self, path: DataPath, prefer_key: bool) -> Position:
        first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
        probe = tuple(path)
        while probe:
            for table in (first, second):
                if probe in table:
                    line, col = table[probe]
                    return line + self.line_offset, col
            probe = probe[:-1]
        return 1 + self.line_offset, 1


def load_yaml(text: str, line_offset: int = 0) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise YamlSyntaxError with a position on bad syntax."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        raise YamlSyntaxError(line, col, err.problem or err.context or "") from None
    except YAMLError as err:  # pragma: no cover - ruamel raises marked errors in practice
        raise YamlSyntaxError(1 + line_offset, 1, str(err)) from None
    source = SourceMap(line_offset=line_offset)
    return _plain(raw, (), source), source


def _plain(node: Any, path: DataPath, source: SourceMap) -> Any:
    """Turn ruamel's commented containers into dicts, lists and NFC strings, recording positions."""
    if isinstance(node, CommentedMap):
        result: dict[str, Any] = {}
        for key, value in node.items():
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
            name = _nfc(str(key)) if key is not None else ""
            source.keys[(*path, name)] = (kline + 1, kcol + 1)
            source.values[(*path, name)] = (vline + 1, vcol + 1)
            result[name] = _plain(value, (*path, name), source)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            source.values[(*path, index)] = (line + 1, col + 1)
            items.append(_plain(value, (*path, index), source))
        return items
    if isinstance(node, str):
        return _nfc(str(node))
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
