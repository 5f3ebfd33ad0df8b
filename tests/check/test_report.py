"""Reports print what is there: invisible characters of a school's text become visible, long values are cut."""

from __future__ import annotations

import json

from site_builder.check.report import MAX_SHOWN, format_github, format_json, format_markdown, format_text
from site_builder.diagnostics import Finding, Severity

HIDDEN = Finding("plans/a\u202eb/2024-2025.md", 3, 4, Severity.error, "unknown-field",
                 "Không có trường nào tên “ab\u202ecd\x07” ở vị trí này.", "Sửa lại.", "x" * 5_000)


def test_every_format_shows_invisible_characters_as_code_points() -> None:
    outputs = [format_text([HIDDEN]), format_github([HIDDEN]), format_markdown([HIDDEN], 1, env={}),
               json.dumps(json.loads(format_json([HIDDEN])), ensure_ascii=True)]
    for output in outputs[:3]:
        assert "\u202e" not in output and "\x07" not in output
        assert "\\u202e" in output and "\\u0007" in output
    assert "\\u202e" in json.loads(format_json([HIDDEN]))["findings"][0]["path"]


def test_long_values_are_cut_in_reports() -> None:
    line = format_text([HIDDEN])
    assert len(line) < 3 * MAX_SHOWN and "còn 4000 ký tự" in line
