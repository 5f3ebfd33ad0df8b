"""Control characters and bidi overrides never act on a page: they show as U+FFFD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.present.sanitize import (
    load_markdown_memo,
    markdown_html,
    plain_line,
    save_markdown_memo,
    visible_controls,
)


@pytest.mark.parametrize("char", ["\x00", "\a", "\x1b", "\x7f", "\x92", "\u202e", "\u2066", "\u200f", "\u061c"])
def test_controls_and_bidi_overrides_become_visible(char: str) -> None:
    assert visible_controls(f"a{char}b") == "a\ufffdb"


def test_text_and_line_breaks_are_kept() -> None:
    text = "Trường Tiểu học Quang Trung\n\tđảm bảo “chất lượng” – 10.000.000 đồng ≥ 65%"
    assert visible_controls(text) == text


def test_plain_line_is_one_line() -> None:
    assert plain_line(" a\r\n b\u2028c\x85d\te\a ") == "a b c d e\ufffd"


def test_the_markdown_memo_file_is_read_as_untrusted_input(tmp_path: Path) -> None:
    """What the memo file says still goes through the sanitizer; a file of another version or shape is ignored;
    a save keeps only the texts the build asked for."""
    memo = tmp_path / "markdown-memo.json"
    load_markdown_memo(memo)  # missing: nothing loaded
    assert markdown_html("**đảm bảo**") == "<p><strong>đảm bảo</strong></p>"
    assert save_markdown_memo(memo) == 1
    data = json.loads(memo.read_text(encoding="utf-8"))
    data["items"][0][2] = '<p onclick="x()"><script>alert(1)</script><a href="javascript:x">đảm bảo</a></p>'
    memo.write_text(json.dumps(data), encoding="utf-8")
    assert load_markdown_memo(memo) == 1
    shown = markdown_html("**đảm bảo**")
    assert "script" not in shown and "onclick" not in shown and "javascript" not in shown and "đảm bảo" in shown
    for wrong in ("không phải JSON", json.dumps({"version": "khác", "items": data["items"]}), "[]",
                  json.dumps({"version": data["version"], "items": [[0, "x"], ["0", "x", "y"], 5]})):
        memo.write_text(wrong, encoding="utf-8")
        assert load_markdown_memo(memo) == 0
    load_markdown_memo(memo)
    markdown_html("một")
    assert save_markdown_memo(memo) == 1
    assert [item[1] for item in json.loads(memo.read_text(encoding="utf-8"))["items"]] == ["một"]
