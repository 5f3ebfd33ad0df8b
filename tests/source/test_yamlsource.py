"""YAML with positions: values, keys, NFC text, dates kept as text, syntax errors with positions."""

from __future__ import annotations

import unicodedata

import pytest

from site_builder.errors import SiteBuilderError, YamlSyntaxError
from site_builder.source.yamlsource import load_yaml


def test_positions_of_keys_and_values_are_one_based_with_offset() -> None:
    data, source = load_yaml("a: 1\nb:\n  - x\n  - c: 2024-02-30\n", line_offset=10)
    assert data == {"a": 1, "b": ["x", {"c": "2024-02-30"}]}  # an impossible date stays text
    assert source.key(("a",)) == (11, 1)
    assert source.value(("b", 1, "c")) == (14, 8)
    assert source.value(("b", 1, "missing")) == (14, 5)  # nearest ancestor


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Trường Tiểu học")
    data, _ = load_yaml(f"name: {decomposed}\n")
    assert data["name"] == "Trường Tiểu học" and unicodedata.is_normalized("NFC", data["name"])


def test_syntax_error_is_a_site_builder_error_with_position() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("a: [1, 2\nb: 3\n", line_offset=1)
    assert isinstance(caught.value, SiteBuilderError)
    assert caught.value.line >= 2 and caught.value.column >= 1


def test_duplicate_keys_are_an_error() -> None:
    with pytest.raises(YamlSyntaxError):
        load_yaml("a: 1\na: 2\n")
