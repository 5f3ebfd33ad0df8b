"""Property tests of the YAML loader: any text gives data or a positioned YamlSyntaxError, nothing else, quickly."""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from site_builder.errors import YamlSyntaxError
from site_builder.source.yamlsource import MAX_DEPTH, UNREADABLE, DataPath, load_yaml, resolve_plain
from tests.fixtures.hostile.strategies import hostile_yaml, one_input_budget


def _depth(data: Any) -> int:
    if isinstance(data, dict):
        return 1 + max((_depth(v) for v in data.values()), default=0)
    if isinstance(data, list):
        return 1 + max((_depth(v) for v in data), default=0)
    return 0


def _paths(data: Any, path: DataPath = ()) -> list[DataPath]:
    found = [path] if path else []
    if isinstance(data, dict):
        found += [p for key, value in data.items() for p in _paths(value, (*path, key))]
    elif isinstance(data, list):
        found += [p for index, value in enumerate(data) for p in _paths(value, (*path, index))]
    return found


def _load_or_error(text: str, offset: int) -> Any:
    lines = text.count("\n") + text.count("\r") + 1
    try:
        data, source = load_yaml(text, line_offset=offset)
    except YamlSyntaxError as err:
        assert 1 + offset <= err.line <= lines + offset + 1 and err.column >= 1
        return None
    assert _depth(data) <= MAX_DEPTH
    for path in _paths(data):
        line, column = source.value(path)  # an empty value at the very end is placed just after the last line
        assert 1 + offset <= line <= lines + offset + 1 and column >= 1
    return data


@settings(deadline=None)
@given(st.text(), st.integers(0, 1_000))
def test_any_text_loads_or_fails_with_a_position(text: str, offset: int) -> None:
    with one_input_budget():
        _load_or_error(text, offset)


@settings(deadline=None)
@given(hostile_yaml(), st.integers(0, 3))
def test_hostile_yaml_loads_or_fails_with_a_position(text: str, offset: int) -> None:
    with one_input_budget():
        _load_or_error(text, offset)


# Text the parser reads as written: no control characters, line separators or non-characters (check reports
# those and the loader reads them as U+FFFD).
READABLE = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"),
                                          exclude_characters="\u2028\u2029\ufffe\uffff"))
PLAIN = st.recursive(
    st.one_of(READABLE, st.integers(-10**30, 10**30), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(READABLE, inner, max_size=4)),
    max_leaves=20,
)


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def _nfc(data: Any) -> Any:
    if isinstance(data, str):
        return unicodedata.normalize("NFC", data)
    if isinstance(data, dict):
        return {_nfc(k): _nfc(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_nfc(v) for v in data]
    return data


@settings(deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.dictionaries(READABLE, PLAIN, max_size=5))
def test_what_pyyaml_writes_reads_back_the_same_with_every_position(data: dict[str, Any]) -> None:
    with one_input_budget():
        text = yaml.safe_dump(data, allow_unicode=True)
        assume(_depth(data) < MAX_DEPTH and len({_nfc(k) for k in data}) == len(data))
        assume(not UNREADABLE.search(text))  # written raw by PyYAML; check reports them, the loader sees U+FFFD
        # PyYAML writes YAML 1.1: a string such as "0E0" (a number in YAML 1.2, as read here) may be left unquoted
        assume(all(isinstance(resolve_plain(s), str) for s in _strings(data)))
        loaded, source = load_yaml(text)
        assert loaded == _nfc(data)
        assert all(path in source.values for path in _paths(loaded))
