"""The text of a scalar as typed, read back at its SourceMap position (criterion codes)."""

from __future__ import annotations

from site_builder.source.scalars import scalar_text
from site_builder.source.yamlsource import load_yaml

TEXT = """entries:
  - criterion: 1.10  # ghi chú
    lead: BGH
  - {criterion: 2.10, lead: GV}
  - criterion: "1.4"
  - criterion: 1.4
"""


def test_unquoted_numbers_are_read_as_typed() -> None:
    data, source = load_yaml(TEXT)
    assert data["entries"][0]["criterion"] != "1.10"  # what YAML makes of it: a number
    typed = [scalar_text(TEXT, source.value(("entries", i, "criterion"))) for i in range(4)]
    assert typed == ["1.10", "2.10", None, "1.4"]  # a quoted scalar is already text


def test_positions_outside_the_text_give_none() -> None:
    assert scalar_text(TEXT, (99, 1)) is None
    assert scalar_text(TEXT, (1, 0)) is None
