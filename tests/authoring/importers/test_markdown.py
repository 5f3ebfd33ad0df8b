"""The narrative as Markdown: headings, lists, emphasis, tables; the school's characters escaped, not lost."""

from __future__ import annotations

from site_builder.authoring.importers.document import Cell, Para, Row, Run, Table
from site_builder.authoring.importers.markdown import blocks_markdown
from site_builder.present.sanitize import markdown_html


def p(*runs: Run, **kw) -> Para:
    return Para(list(runs), **kw)


def test_headings_lists_and_emphasis() -> None:
    lines = blocks_markdown([
        p(Run("I. Đặc điểm tình hình", bold=True)),
        p(Run("1. Học sinh", bold=True)),
        p(Run("Nhà trường có "), Run("31 lớp", bold=True), Run(", "), Run("tăng", italic=True), Run(".")),
        p(Run("- Tổng số: 68")),
        p(Run("+ Biên chế: 53")),
        p(Run("Việc A"), list_kind="number"),
        p(Run("Việc B"), list_kind="number"),
        "<!-- improvement-table -->",
        p(Run("* Thuận lợi <có> [x] &lt; | _a_")),
    ])
    assert lines == [
        "## I. Đặc điểm tình hình", "", "### 1. Học sinh", "", "Nhà trường có **31 lớp**, *tăng*.", "",
        "- Tổng số: 68", "  + Biên chế: 53", "1. Việc A", "2. Việc B", "", "<!-- improvement-table -->", "",
        "\\* Thuận lợi &lt;có\\> \\[x\\] &amp;lt; \\| \\_a\\_",
    ]
    assert markdown_html(lines[-1]) == "<p>* Thuận lợi &lt;có&gt; [x] &amp;lt; | _a_</p>"  # shown exactly as typed


def test_a_table_with_a_spanning_heading() -> None:
    def c(text: str, span: int = 1, above: bool = False) -> Cell:
        return Cell([Para([Run(text)])] if text else [], span, above)

    table = Table([Row([c("Khối"), c("Tăng (+) Giảm (-)", span=2)]),
                   Row([c("", above=True), c("Số lớp"), c("Số học sinh")]),
                   Row([c("1"), c("0"), c("5")])])
    assert blocks_markdown([table]) == [
        "| Khối | Tăng (+) Giảm (-): Số lớp | Tăng (+) Giảm (-): Số học sinh |", "|---|---|---|", "| 1 | 0 | 5 |",
    ]
