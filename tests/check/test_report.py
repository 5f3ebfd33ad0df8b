"""Check reports in every format carry the three severities (error, warning, notice) and print what is there:
invisible characters of a school's text become visible, long values are cut."""

from __future__ import annotations

import json

from site_builder.check.report import (
    MAX_SHOWN,
    format_github,
    format_json,
    format_markdown,
    format_summary,
    format_text,
)
from site_builder.diagnostics import Finding, Severity, summary_counts

FINDINGS = [
    Finding("plans/a/2026-2027.md", 3, 1, Severity.error, "e-code", "Sai."),
    Finding("plans/a/2026-2027.md", 9, 5, Severity.warning, "w-code", "Nên sửa."),
    Finding("plans/a/2026-2027.md", 12, 3, Severity.notice, "n-code", "Lưu ý: quy tắc chưa kiểm chứng.",
            "Không bắt buộc.", "Hoàn thành"),
]


def test_counts_have_notices_apart_from_warnings() -> None:
    assert summary_counts(FINDINGS) == {"errors": 1, "warnings": 1, "notices": 1}
    assert summary_counts(FINDINGS[:2]) == {"errors": 1, "warnings": 1, "notices": 0}


def test_text_and_summary_say_luu_y() -> None:
    text = format_text(FINDINGS)
    expected = "plans/a/2026-2027.md:12:3: lưu ý: Lưu ý: quy tắc chưa kiểm chứng. Không bắt buộc. Có phải “Hoàn thành”?"
    assert expected + " [n-code]" in text
    assert format_summary(FINDINGS, 2) == "Đã kiểm tra 2 tệp: 1 lỗi, 1 cảnh báo, 1 lưu ý."
    assert format_summary(FINDINGS[:2], 2) == "Đã kiểm tra 2 tệp: 1 lỗi, 1 cảnh báo."


def test_github_annotations_use_the_notice_command() -> None:
    lines = format_github(FINDINGS).split("\n")
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]


def test_json_has_the_severity_and_the_count() -> None:
    data = json.loads(format_json(FINDINGS))
    assert [f["severity"] for f in data["findings"]] == ["error", "warning", "notice"]
    assert data["notices"] == 1 and data["warnings"] == 1 and data["errors"] == 1


def test_markdown_lists_notices_and_a_notice_only_headline() -> None:
    text = format_markdown(FINDINGS, 1, {})
    assert "ℹ️ lưu ý" in text and "1 lỗi, 1 cảnh báo, 1 lưu ý" in text
    only = format_markdown(FINDINGS[2:], 1, {})
    assert only.split("\n")[2].startswith("ℹ️ Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo, 1 lưu ý.")


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
