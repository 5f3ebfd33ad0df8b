"""Limits that keep the build linear and shallow: characters, words, fields, lists, body nesting, brackets, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.check import limits
from site_builder.check.limits import (
    MAX_BODY_NESTING,
    container_depth,
    emphasis_depth,
    html_depth,
    plan_limits,
    school_limits,
)
from site_builder.source.reader import PlanSource, SchoolSource, plan_from_text

N = MAX_BODY_NESTING


def _plan(text: str) -> PlanSource:
    return plan_from_text(text, "th-a", Path("plans/th-a/2024-2025.md"), "plans/th-a/2024-2025.md", [])


def _found(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in plan_limits(_plan(text))]


@pytest.mark.parametrize("ch, code, name", [
    ("\x07", "control-character", "U+0007 BEL"),
    ("\x00", "control-character", "U+0000 NUL"),
    ("\x7f", "control-character", "U+007F DELETE"),
    ("\x92", "control-character", "U+0092"),
    ("\u2028", "control-character", "U+2028 LINE SEPARATOR"),
    ("\u202e", "bidi-control", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "bidi-control", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u200f", "bidi-control", "U+200F RIGHT-TO-LEFT MARK"),
])
def test_invisible_characters_are_named_at_their_position(ch: str, code: str, name: str) -> None:
    [finding] = plan_limits(_plan(f"---\nschool_year: 2024-2025\n---\nMột {ch}hai\n"))
    assert (finding.code, finding.line, finding.column) == (code, 4, 5)
    assert name in finding.message


def test_tabs_and_vietnamese_are_fine() -> None:
    assert _found("---\nschool_year: 2024-2025\n---\nCột\tmột – “đảm bảo” ≥ 65%\n") == []


def test_one_rule_gives_at_most_twenty_findings_and_a_count() -> None:
    found = _found("---\nschool_year: 2024-2025\n---\n" + "a\x07\n" * 50)
    assert len(found) == 21 and found[-1] == ("control-character", 53, 2)
    [summary] = [f for f in plan_limits(_plan("---\n---\n" + "a\x07\n" * 50)) if "Còn 30 chỗ" in f.message]
    assert summary.code == "control-character"


def test_word_field_and_list_limits() -> None:
    word = "x" * (limits.MAX_WORD_CHARS + 1)
    assert _found(f"---\nschool_year: 2024-2025\n---\nMở đầu {word}\n") == [("word-too-long", 4, 8)]
    assert _found("---\n---\n|" + "y" * 200 + "|" + "z" * 200 + "|\n") == []  # table cells are separate words
    field = "ab " * (limits.MAX_FIELD_CHARS // 3 + 2)
    assert _found(f"---\nrecipients:\n  - {field}\n---\n") == [("field-too-long", 3, 5)]
    items = "\n".join(["  - x"] * (limits.MAX_LIST_ITEMS + 1))
    assert _found(f"---\nrecipients:\n{items}\n---\n") == [("list-too-long", 2, 1)]


@pytest.mark.parametrize("line, levels", [
    ("- x", 1), ("  + Biên chế", 1), ("- - - x", 3), ("            - x", 4), ("> > - x", 3), ("\t\t- x", 3),
    ("Hiệu trưởng", 0), (" " * 40 + "Hiệu trưởng", 0), ("2024. Năm học", 1), (">" * 30 + " x", 30),
    ("-" + " " * 30 + "- x", 2),
])
def test_container_depth_counts_markers_and_leading_indentation(line: str, levels: int) -> None:
    assert container_depth(line)[0] == levels


def test_body_nesting_reports_the_first_line_past_the_limit() -> None:
    body = "\n".join("    " * level + "- x" for level in range(N + 3))
    assert _found("---\n---\n" + body) == [("nesting-too-deep", 3 + N, 4 * N + 1)]
    assert _found("---\n---\n" + "\n".join("    " * level + "- x" for level in range(N))) == []


def test_emphasis_depth_is_an_upper_bound_that_closes() -> None:
    assert emphasis_depth(["**đậm** và *nghiêng*, ***cả hai***, a*b*c, 2 * 3"])[0] == 3
    assert emphasis_depth(["*" * 500 + "x" + "*" * 500])[:3] == (500, 0, 1)
    depth, line, column = emphasis_depth(["".join(f"*a{i} " for i in range(30))])
    assert (depth, line, column) == (30, 0, 4 * N + 1)


def test_html_depth_follows_tags_and_implied_ends() -> None:
    assert html_depth(["<ul><li>" * (N // 2) + "x"])[0] == N
    assert html_depth(["<p>a<p>b<p>c<br><hr/>"])[0] == 1
    assert html_depth(["<table><tr><td>1<td>2<tr><td>3</table>"])[0] <= N
    assert html_depth(["<b><i><u></b>"])[0] == 2  # i and u are reopened by the HTML parser, not closed
    assert html_depth(["<ul><li>" * 100])[:3] == (N + 1, 0, 4 * N + 1)
    assert html_depth(["<" * 10_000 + "b" * 10_000])[0] == 0


def test_brackets_and_table_rows() -> None:
    brackets = "[a] " * (limits.MAX_BRACKETS + 1)
    assert _found(f"---\n---\nĐầu\n\n{brackets}\n") == [("too-many-brackets", 5, 1)]
    assert _found(f"---\n---\n{'[a] ' * limits.MAX_BRACKETS}\n\n{'[b] ' * limits.MAX_BRACKETS}\n") == []
    rows = "\n".join(["|a|b|", "|-|-|"] + ["|1|2|"] * (limits.MAX_TABLE_ROWS // 2))
    assert _found(f"---\n---\n{rows}\n\n{rows}\n") == [("table-too-long", 3 + (limits.MAX_TABLE_ROWS // 2 + 2) + 1, 1)]


def test_school_yml_is_checked_too() -> None:
    school = SchoolSource("th-a", Path("school.yml"), "plans/th-a/school.yml", text="name: A\u202eB\n")
    assert [(f.code, f.line, f.column) for f in school_limits(school)] == [("bidi-control", 1, 8)]


def test_the_guide_states_the_limits_check_applies() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "huong-dan" / "doc-va-sua-loi.md").read_text(
        encoding="utf-8")

    def vi(number: int) -> str:
        return f"{number:,}".replace(",", ".")

    from site_builder.source import files, yamlsource

    for stated in (f"kế hoạch {files.PLAN_MAX_BYTES // 1024} KB", f"`school.yml` {files.SCHOOL_MAX_BYTES // 1024} KB",
                   f"{vi(limits.MAX_FIELD_CHARS)} ký tự", f"{limits.MAX_WORD_CHARS} ký tự",
                   f"{limits.MAX_LIST_ITEMS} mục", f"{yamlsource.MAX_DEPTH} cấp", f"| {limits.MAX_BRACKETS} |",
                   f"tổng {limits.MAX_TABLE_ROWS} dòng", f"tối đa {MAX_BODY_NESTING} cấp"):
        assert stated in guide, stated
