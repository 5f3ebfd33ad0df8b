"""YAML with positions: values, keys, NFC text, dates kept as text, syntax errors with positions."""

from __future__ import annotations

import unicodedata

import pytest

from site_builder.errors import SiteBuilderError, YamlSyntaxError
from site_builder.source.yamlsource import MAX_DEPTH, YamlRefused, load_yaml


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


# --------------------------------------------------------------------------- hostile YAML


def _refused(text: str, offset: int = 0) -> YamlRefused:
    with pytest.raises(YamlRefused) as caught:
        load_yaml(text, line_offset=offset)
    return caught.value


@pytest.mark.parametrize("text, column", [
    ("a: !!python/object/apply:os.system ['echo x']\n", 4),
    ("a: !!python/name:os.system\n", 4),
    ("a: !!str 2024\n", 4),
    ("a: !local x\n", 4),
    ("a: ! x\n", 4),
    ("a: !!map {b: 1}\n", 4),
    ("a:\n  - !!binary aGk=\n", 5),
])
def test_every_explicit_tag_is_refused_at_its_position(text: str, column: int) -> None:
    err = _refused(text, offset=3)
    assert (err.code, err.column) == ("yaml-tag", column)
    assert err.line == 4 + text[: text.index("!")].count("\n")


def test_anchors_aliases_and_merge_keys_are_refused() -> None:
    assert (_refused("a: &x 1\nb: *x\n").code, _refused("a: &x 1\n").line) == ("yaml-alias", 1)
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert _refused(bomb).code == "yaml-alias"
    merge = _refused("entry:\n  <<: {lead: BGH}\n")
    assert (merge.code, merge.line, merge.column) == ("yaml-merge-key", 2, 3)
    assert load_yaml('entry:\n  "<<": quoted\n')[0] == {"entry": {"<<": "quoted"}}  # a quoted key is text


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000 + "]" * 100_000,
    "a: " + "{b: " * 50_000 + "}" * 50_000,
    "a:\n" + "- " * 5_000 + "x",
    "\n".join(" " * i + "k:" for i in range(300)) + " x",
])
def test_deep_nesting_is_refused_without_recursion(text: str) -> None:
    err = _refused(text)
    assert err.code == "yaml-too-deep"
    assert "20 cấp" in err.problem


def test_twenty_levels_are_read() -> None:
    data, _ = load_yaml("a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1))
    depth = 0
    node = data["a"]
    while isinstance(node, list):
        node, depth = node[0], depth + 1
    assert (depth, node) == (MAX_DEPTH - 1, 1)


def test_plain_scalars_resolve_as_yaml_1_2() -> None:
    data, _ = load_yaml("a: yes\nb: no\nc: on\nd: true\ne: 010\nf: 0x1F\ng: 1_000\nh: 1.10\ni: null\nj: ~\n"
                        "k: 2024-10-10\nl: 1:30\nm: .inf\nn: '12'\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": 10, "f": 31, "g": 1000, "h": 1.1,
                    "i": None, "j": None, "k": "2024-10-10", "l": "1:30", "m": float("inf"), "n": "12"}


def test_an_integer_too_long_for_python_stays_text() -> None:
    digits = "1" * 5_000
    data, _ = load_yaml(f"amount: {digits}\n")
    assert data == {"amount": digits}


def test_complex_keys_and_second_documents_are_syntax_errors() -> None:
    with pytest.raises(YamlSyntaxError) as complex_key:
        load_yaml("? [a, b]\n: c\n")
    assert (complex_key.value.line, complex_key.value.column) == (1, 3)
    with pytest.raises(YamlSyntaxError) as second:
        load_yaml("a: 1\n---\nb: 2\n")
    assert second.value.line == 2


def test_characters_the_parser_refuses_keep_every_position() -> None:
    data, source = load_yaml("a: x\x07y\nb: p\u2028q\nc: 1\n")
    assert data == {"a": "x\ufffdy", "b": "p\ufffdq", "c": 1}
    assert source.value(("c",)) == (3, 4)


def test_duplicate_key_points_at_the_second_key() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", line_offset=1)
    assert (caught.value.line, caught.value.column, caught.value.problem) == (5, 3, "found duplicate key")
