"""Cutting a cell's HTML at a character count (what pdf.paginate measured on a rendered page)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from site_builder.pdf.cellsplit import count, split_at, split_html


def visible(fragment: str) -> str:
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_cut_inside_a_list_item_reopens_it_without_its_marker() -> None:
    cell = "<p>Mở đầu</p><ul><li>một hai ba</li><li>bốn năm</li></ul>"
    head, tail = split_html(cell, count("Mở đầu") + count("một hai"))
    assert head == "<p>Mở đầu</p><ul><li>một hai</li></ul>"
    assert tail == '<ul><li class="cont">ba</li><li>bốn năm</li></ul>'


def test_cut_between_items_keeps_the_next_marker() -> None:
    cell = "<ul><li>một</li><li>hai</li></ul>"
    head, tail = split_html(cell, count("một"))
    assert head == "<ul><li>một</li></ul>" and tail == "<ul><li>hai</li></ul>"


def test_line_breaks_and_escapes_survive() -> None:
    cell = "A &amp; B<br>C &lt; D"
    head, tail = split_html(cell, 3)
    assert head == "A &amp; B<br>" and tail == "C &lt; D"


def test_nothing_left_gives_an_empty_tail_and_zero_gives_an_empty_head() -> None:
    assert split_html("<em>xin chào</em>", 99) == ("<em>xin chào</em>", "")
    assert split_html("<em>xin chào</em>", 0) == ("", "<em>xin chào</em>")


@given(st.lists(st.text(alphabet="aăâđ xyz&<", min_size=1, max_size=12), min_size=1, max_size=5),
       st.lists(st.integers(min_value=0, max_value=60), max_size=3))
def test_parts_hold_every_character_once_in_order(items: list[str], offsets: list[int]) -> None:
    cell = "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
    parts = split_at(cell, sorted(offsets))
    assert "".join(visible(p) for p in parts) == visible(cell)
    assert len(parts) == len(offsets) + 1
