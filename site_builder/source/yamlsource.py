"""YAML with positions: plain Python data plus a map from data path to line:column.

The validator must point at the exact line of a mistake, so every key and value keeps its
position. Files come from many hands, so the loader accepts only the plain subset of YAML a
plan needs and refuses the rest before building anything:

- explicit tags (``!!python/object/apply:…``, ``!!str``, any ``!tag``), anchors and aliases
  (``&a`` / ``*a``: never needed in a plan; refusing them kills alias bombs), merge keys
  (``<<:``) and complex keys;
- nesting deeper than MAX_DEPTH (flow or block), refused while parsing, so a 100,000-deep list
  costs no more than a 21-deep one and never recurses.

Parsing is libyaml's event parser (PyYAML's C extension); the tree is built here from the event
stream with an explicit stack. Plain scalars resolve as in YAML 1.2 (``yes``/``no`` stay text),
dates stay text (pydantic parses them, so an impossible date "2024-02-30" becomes a finding,
not a crash), every string is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..errors import YamlSyntaxError

DataPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, 1-based column

MAX_DEPTH = 20  # a plan nests 5 levels (entries > 0 > timeline > start); catalogue files 6
MAX_INT_DIGITS = 1000  # longer digit strings stay text (Python refuses int() above 4,300 digits)

# Characters libyaml refuses, plus invisible ones it would read as line breaks (which would shift
# every line number after them). check reports each one at its position; the parser sees U+FFFD.
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


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


class YamlRefused(YamlSyntaxError):
    """Valid YAML that a plan must not use (a tag, an alias, a merge key, deep nesting).

    code is the finding's rule code; message and fix are Vietnamese.
    """

    def __init__(self, line: int, column: int, code: str, message: str, fix: str) -> None:
        super().__init__(line, column, message)
        self.code = code
        self.fix = fix


# --------------------------------------------------------------------------- plain scalars (YAML 1.2)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar: null, bool, int, float, else the text itself."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return _int(text)
    if _FLOAT.match(text):
        return _float(text)
    return text


def _int(text: str) -> int | str:
    digits = text.replace("_", "")
    if len(digits) > MAX_INT_DIGITS:
        return text
    sign, body = (-1, digits[1:]) if digits[0] == "-" else (1, digits.lstrip("+"))
    bases = {"0b": 2, "0o": 8, "0x": 16}
    base = bases.get(body[:2], 10)
    try:
        return sign * int(body[2:] if base != 10 else body, base)
    except ValueError:
        return text


def _float(text: str) -> float | str:
    lowered = text.replace("_", "").lower()
    if lowered.endswith((".inf", ".nan")):
        return float(lowered.replace(".", ""))
    try:
        return float(lowered)
    except ValueError:
        return text


# --------------------------------------------------------------------------- the event walk


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _too_deep() -> tuple[str, str]:
    return (f"Cấu trúc lồng nhau quá sâu (hơn {MAX_DEPTH} cấp).",
            "Kế hoạch chỉ lồng vài cấp (ví dụ entries → tiêu chí → timeline); xem lại các dấu “[”, “{”, “-” "
            "và khoảng thụt đầu dòng.")


def _position(event: Event, offset: int) -> Position:
    mark = event.start_mark
    return mark.line + 1 + offset, mark.column + 1


@dataclass
class _Frame:
    """One open mapping or sequence: its container, data path and, for a mapping, the pending key."""

    container: dict[str, Any] | list[Any]
    path: DataPath
    key: str | None = None


class _Builder:
    """Builds plain data and a SourceMap from libyaml events, refusing what a plan must not use."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.source = SourceMap(line_offset=offset)
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def refuse(self, event: Event, code: str, message: str, fix: str) -> YamlRefused:
        line, column = _position(event, self.offset)
        return YamlRefused(line, column, code, message, fix)

    def feed(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.refuse(event, "yaml-syntax", "Tệp chỉ được có một phần YAML (có thêm dòng “---”).",
                                  "Xóa dòng “---” thừa hoặc tách phần sau ra tệp khác.")
        elif isinstance(event, AliasEvent):
            raise self._alias(event)
        elif isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            self._node(event)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            frame = self.stack.pop()
            if isinstance(frame.container, dict) and frame.key is not None:  # pragma: no cover - libyaml pairs keys
                frame.container[frame.key] = None

    def _alias(self, event: Event) -> YamlRefused:
        return self.refuse(event, "yaml-alias",
                           "Không dùng neo “&” và bí danh “*” của YAML trong kế hoạch.",
                           "Viết đầy đủ giá trị tại mỗi chỗ cần dùng; nếu giá trị là chữ bắt đầu bằng “&” hay “*”, "
                           "đặt cả giá trị trong ngoặc kép.")

    def _node(self, event: ScalarEvent | MappingStartEvent | SequenceStartEvent) -> None:
        if event.anchor is not None:
            raise self._alias(event)
        if event.tag is not None:
            tag = _nfc(str(event.tag)).replace("tag:yaml.org,2002:", "!!", 1)
            raise self.refuse(event, "yaml-tag", f"Không dùng nhãn kiểu YAML “{tag}” trong kế hoạch.",
                              "Xóa nhãn (phần bắt đầu bằng “!”); nếu đó là chữ, đặt cả giá trị trong ngoặc kép.")
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self._key(event, parent)
            return
        value = self._value(event)
        path = self._place(event, parent, value)
        if isinstance(event, MappingStartEvent | SequenceStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise self.refuse(event, "yaml-too-deep", *_too_deep())
            self.stack.append(_Frame(value, path))

    def _key(self, event: Event, parent: _Frame) -> None:
        if not isinstance(event, ScalarEvent):
            raise self.refuse(event, "yaml-syntax", "Tên trường phải là chữ, không phải danh sách hay nhóm.",
                              "Viết mỗi trường dạng “tên: giá trị”.")
        if event.implicit[0] and event.value == "<<":
            raise self.refuse(event, "yaml-merge-key", "Không dùng khóa gộp “<<:” của YAML trong kế hoạch.",
                              "Viết đầy đủ từng trường tại chỗ thay cho “<<:”.")
        name = _nfc(event.value)
        assert isinstance(parent.container, dict)
        if name in parent.container:
            raise YamlSyntaxError(*_position(event, self.offset), "found duplicate key")
        parent.key = name
        self.source.keys[(*parent.path, name)] = _position(event, 0)

    def _value(self, event: ScalarEvent | MappingStartEvent | SequenceStartEvent) -> Any:
        if isinstance(event, MappingStartEvent):
            return {}
        if isinstance(event, SequenceStartEvent):
            return []
        text = _nfc(event.value)
        return resolve_plain(text) if event.implicit[0] and event.tag is None else text

    def _place(self, event: Event, parent: _Frame | None, value: Any) -> DataPath:
        if parent is None:
            self.root = value
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            path = (*parent.path, parent.key)
            parent.container[parent.key] = value
            parent.key = None
        else:
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
        self.source.values[path] = _position(event, 0)
        return path


def load_yaml(text: str, line_offset: int = 0) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise YamlSyntaxError (YamlRefused for refused features) with a position."""
    builder = _Builder(line_offset)
    parser = yaml.CSafeLoader(UNREADABLE.sub("\ufffd", text))
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, StreamEndEvent):
                break
            builder.feed(event)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        problem = err.problem or err.context or ""
        if "maximum nesting depth" in problem:  # libyaml's own limit (1,000) met while looking ahead
            raise YamlRefused(line, col, "yaml-too-deep", *_too_deep()) from None
        raise YamlSyntaxError(line, col, problem) from None
    except yaml.YAMLError as err:  # pragma: no cover - UNREADABLE leaves libyaml nothing to refuse
        raise YamlSyntaxError(1 + line_offset, 1, str(err)) from None
    finally:
        parser.dispose()
    return builder.root, builder.source
