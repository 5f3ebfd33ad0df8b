"""Reading improvement tables: headings by meaning, group rows, merged cells, splits, continued rows."""

from __future__ import annotations

from site_builder.authoring.importers.document import Cell, Para, Row, Run, Table
from site_builder.authoring.importers.table import find_layout, read_tables

HEADINGS = ["TT", "Tiêu chí", "Nội dung công việc", "Thời gian thực hiện", "Người phụ trách", "Ghi chú"]


def cell(*lines: str, span: int = 1, above: bool = False) -> Cell:
    return Cell([Para([Run(line)]) for line in lines], span, above)


def row(*cells: Cell | str) -> Row:
    return Row([c if isinstance(c, Cell) else cell(*([c] if c else [])) for c in cells], where="test")


def table(*rows: Row, headings: list[str] | None = HEADINGS, continues: bool = False) -> Table:
    head = [row(*headings)] if headings else []
    return Table([*head, *rows], where="bảng", continues_previous=continues)


def test_headings_are_found_in_any_order_case_and_accents() -> None:
    layout = find_layout(table(headings=["ghi chu", "NGƯỜI PHỤ TRÁCH", "thoi gian", "Nội  dung", "Tiêu chí", "tt"]))
    assert layout is not None
    assert layout.fields == ["notes", "lead", "timeline", "actions", "criterion", "tt"]
    assert find_layout(table(headings=["Khối", "Số lớp", "Số học sinh"])) is None


def test_a_heading_under_a_spanning_heading() -> None:
    top = Row([cell("TT"), cell("Nội dung"), cell("Thời gian", span=2), cell("Người phụ trách")])
    sub = Row([cell(above=True), cell(above=True), cell("Bắt đầu"), cell("Hoàn thành"), cell(above=True)])
    layout = find_layout(Table([top, sub]))
    assert layout is not None and layout.header_rows == 2
    assert layout.fields == ["tt", "actions", "timeline_start", "timeline_end", "lead"]


def test_group_rows_set_standard_and_level_and_are_not_entries() -> None:
    [result] = read_tables([table(
        row(cell("MỨC 2", span=6)),
        row("1", cell("Tiêu chuẩn 1: Tổ chức và quản lý nhà trường", span=5)),
        row("", "Tiêu chí 1.1 Phương hướng", "- Việc A", "Tháng 9/2021", "BGH", ""),
        row(cell("Mức 3", span=6)),
        row("", "Tiêu chí 3 Tổ chức Đảng", "Việc B", "", "", ""),
    )])
    assert [(e.criterion.id, e.level, e.standard) for e in result.entries] == [("1.1", 2, "1"), ("1.3", 3, "1")]
    assert result.entries[1].criterion.warning  # "Tiêu chí 3" under standard 1 read as 1.3, with a warning


def test_empty_cells_stay_empty_and_merged_down_cells_repeat() -> None:
    [result] = read_tables([table(
        row("1", "Tiêu chí 1.1", "Việc A", "Năm học 2024-2025", "BGH", ""),
        row("2", "Tiêu chí 1.2", "Việc B", cell(above=True), "", ""),
    )])
    first, second = result.entries
    assert "notes" not in first.lines and "lead" not in second.lines
    assert second.lines["timeline"] == ["Năm học 2024-2025"]
    assert any("gộp dọc" in e.message for e in second.events)


def test_heading_repeated_and_table_split_in_two_with_a_row_carried_on() -> None:
    first = table(row("1", "Tiêu chí 1.1", "- Hằng năm, nhà trường tạo điều kiện hỗ trợ kinh phí", "", "BGH", ""))
    second = table(
        row("", "Tự đánh giá: Đạt", "cho các hoạt động Đoàn Thanh niên.", "", "", ""),
        row("2", "Tiêu chí 1.2", "Việc B", "", "", ""),
    )
    [result] = read_tables([first, second])
    a, b = result.entries
    assert a.lines["actions"] == [
        "- Hằng năm, nhà trường tạo điều kiện hỗ trợ kinh phí cho các hoạt động Đoàn Thanh niên."]
    assert a.criterion.self_assessment == "Đạt"
    assert b.criterion.id == "1.2"
    assert result.tables == 2


def test_a_headless_second_table_continues_the_first() -> None:
    first = table(row("1", "Tiêu chí 1.1", "Việc A", "", "", ""))
    second = table(row("", "", "- Việc A2", "", "", ""), row("2", "Tiêu chí 1.2", "Việc B", "", "", ""),
                   headings=None, continues=True)
    [result] = read_tables([first, second])
    assert result.entries[0].lines["actions"] == ["Việc A", "- Việc A2"]
    assert [e.criterion.id for e in result.entries] == ["1.1", "1.2"]


def test_a_row_continued_mid_table_is_joined() -> None:
    [result] = read_tables([table(
        row("1", "Tiêu chí 1.5", "- Hiệu trưởng xây dựng kế hoạch tuyển sinh bám sát số", "", "Phó hiệu", ""),
        row("", "", cell("liệu phổ cập.", "- Ngay trong năm học này"), "", "trưởng", ""),
    )])
    [entry] = result.entries
    assert entry.lines["actions"] == ["- Hiệu trưởng xây dựng kế hoạch tuyển sinh bám sát số liệu phổ cập.",
                                      "- Ngay trong năm học này"]
    assert entry.lines["lead"] == ["Phó hiệu trưởng"]


def test_a_separate_line_without_criterion_goes_to_notes_for_a_person() -> None:
    [result] = read_tables([table(
        row("1", "Tiêu chí 1.1", "Việc A.", "", "BGH", ""),
        row("", "", "Nhà trường chưa đề xuất đánh giá ngoài", "", "", ""),
    )])
    [entry] = result.entries
    assert entry.stray == ["Nhà trường chưa đề xuất đánh giá ngoài"]
    assert [e.kind for e in entry.events] == ["human"]


def test_column_numbers_and_unknown_columns() -> None:
    headings = ["TT", "Tiêu chí", "Nội dung", "Thời gian", "Người phụ trách", "Ảnh minh họa"]
    [result] = read_tables([table(
        row("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
        row("1", "Tiêu chí 1.1", "Việc A", "", "BGH", "ảnh sân trường"),
        headings=headings,
    )])
    assert len(result.entries) == 1
    assert [u.text for u in result.unplaced] == ["ảnh sân trường"]
    assert any("số thứ tự cột" in n for n in result.notes)


def test_a_data_cell_merged_across_columns_is_flagged() -> None:
    [result] = read_tables([table(row("1", "Tiêu chí 1.1", "Việc A", cell("BGH, cả năm", span=2), ""))])
    [entry] = result.entries
    assert entry.lines["timeline"] == ["BGH, cả năm"]
    assert any("gộp ngang" in e.message and e.kind == "human" for e in entry.events)


def test_labelled_lines_under_a_row_go_to_their_fields() -> None:
    [result] = read_tables([table(
        row("1", "Tiêu chí 1.1", "Việc A", "", "BGH", ""),
        Row([cell(""), cell("Mức cần đạt: Mức 2", "Dự kiến kinh phí: 10 triệu đồng", span=5)]),
    )])
    [entry] = result.entries
    assert entry.lines["extra:target"] == ["Mức 2"]
    assert entry.lines["extra:budget"] == ["10 triệu đồng"]
