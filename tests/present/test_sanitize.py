"""Control characters and bidi overrides never act on a page: they show as U+FFFD."""

from __future__ import annotations

import pytest

from site_builder.present.sanitize import plain_line, visible_controls


@pytest.mark.parametrize("char", ["\x00", "\a", "\x1b", "\x7f", "\x92", "\u202e", "\u2066", "\u200f", "\u061c"])
def test_controls_and_bidi_overrides_become_visible(char: str) -> None:
    assert visible_controls(f"a{char}b") == "a\ufffdb"


def test_text_and_line_breaks_are_kept() -> None:
    text = "Trường Tiểu học Quang Trung\n\tđảm bảo “chất lượng” – 10.000.000 đồng ≥ 65%"
    assert visible_controls(text) == text


def test_plain_line_is_one_line() -> None:
    assert plain_line(" a\r\n b\u2028c\x85d\te\a ") == "a b c d e\ufffd"
