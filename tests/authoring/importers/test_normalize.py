"""The normalizers of issue 11: criteria, levels, status, money, months, headings; wording kept."""

from __future__ import annotations

import pytest

from site_builder.authoring.importers.normalize import (
    find_money,
    fold,
    heading_field,
    is_column_numbers,
    parse_budget,
    parse_criterion_cell,
    parse_level_row,
    parse_self_assessment,
    parse_standard_row,
    parse_status,
    parse_target,
    parse_timeline,
)
from site_builder.model.plan import Status


def test_fold_keeps_length_and_positions() -> None:
    text = "Tiêu chí 1.4\u00a0“Đạt”"
    assert len(fold(text)) == len(text)
    assert fold(text) == "tieu chi 1.4 “dat”"


@pytest.mark.parametrize("text,criterion,warned", [
    ("Tiêu chí 1.1 /tiêu chuẩn 1 Phương hướng", "1.1", False),
    ("Tiêu chí 14/ tiêu chuẩn 1 Hiệu trưởng", "1.4", True),
    ("Tiêu chí\n2. 2", "2.2", True),
    ("Tiêu chí 1,4", "1.4", True),
    ("TIÊU CHÍ 1.10: Đảm bảo an ninh", "1.10", False),
    ("tieu chi 3.2 Phong hoc", "3.2", False),
    ("1.2 Hội đồng trường", "1.2", False),
])
def test_criterion_numbers(text: str, criterion: str, warned: bool) -> None:
    found = parse_criterion_cell(text)
    assert found is not None and found.id == criterion
    assert (found.warning is not None) is warned


def test_criterion_cell_gives_title_and_self_assessment() -> None:
    found = parse_criterion_cell("Tiêu chí 1.5/tiêu chuẩn 1 Khối lớp và tổ chức lớp học Tự đánh giá: CĐ")
    assert found is not None
    assert (found.id, found.title, found.self_assessment) == ("1.5", "Khối lớp và tổ chức lớp học", "CĐ")
    assert parse_criterion_cell("Năm học 2024-2025") is None


@pytest.mark.parametrize("text,expected", [
    ("Đạt", {"result": "Đạt", "text": "Đạt"}),
    ("CĐ", {"result": "Chưa đạt", "text": "CĐ"}),
    ("Chưa đạt", {"result": "Chưa đạt", "text": "Chưa đạt"}),
    ("Đạt mức 2", {"result": "Đạt", "level": 2, "text": "Đạt mức 2"}),
])
def test_self_assessment(text: str, expected: dict) -> None:
    assert parse_self_assessment(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Giữ vững mức 2", {"level": 2, "kind": "giữ vững", "text": "Giữ vững mức 2"}),
    ("Giữ vững Mức 2", {"level": 2, "kind": "giữ vững", "text": "Giữ vững Mức 2"}),
    ("Nâng lên mức 3", {"level": 3, "kind": "nâng lên", "text": "Nâng lên mức 3"}),
    ("Mức 3", {"level": 3, "text": "Mức 3"}),
    ("Duy trì", {"kind": "giữ vững", "text": "Duy trì"}),
])
def test_target(text: str, expected: dict) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text,status", [
    ("Đã hoàn thành", Status.done), ("đã hoàn thành.", Status.done), ("ĐANG THỰC HIỆN", Status.in_progress),
    ("Chưa thực hiện", Status.not_started), ("Hoàn thành 80%", None), ("", None),
])
def test_status(text: str, status: Status | None) -> None:
    assert parse_status(text) == status


@pytest.mark.parametrize("text,amount", [
    ("10 triệu đồng", 10_000_000), ("10.000.000 đ", 10_000_000), ("10,5 triệu", 10_500_000),
    ("10.000.000đ", 10_000_000), ("1,2 tỷ đồng", 1_200_000_000), ("500 nghìn đồng", 500_000),
    ("12 000 000 VNĐ", 12_000_000), ("10\u00a0triệu đồng", 10_000_000),
])
def test_money_to_integers(text: str, amount: int) -> None:
    assert parse_budget(text) == ({"amount": amount}, None)


def test_money_keeps_wording_around_the_amount_and_refuses_two_amounts() -> None:
    assert parse_budget("Ngân sách nhà nước: 10 triệu đồng") == (
        {"amount": 10_000_000, "text": "Ngân sách nhà nước: 10 triệu đồng"}, None)
    budget, problem = parse_budget("5 triệu (2024) và 10 triệu đồng (2025)")
    assert budget == {"text": "5 triệu (2024) và 10 triệu đồng (2025)"} and problem
    assert parse_budget("Tháng 5/2022") == ({"text": "Tháng 5/2022"}, None)
    assert parse_budget("Xã hội hóa") == ({"text": "Xã hội hóa"}, None)
    assert find_money("năm 2024, 10.000.000") == []  # a bare number is not money


def test_money_from_our_own_export_is_read_back() -> None:
    assert parse_budget("10.000.000 đồng – 10 triệu từ ngân sách") == (
        {"amount": 10_000_000, "text": "10 triệu từ ngân sách"}, None)


@pytest.mark.parametrize("text,start,end", [
    ("Từ tháng 9/2024 đến tháng 5/2025", "2024-09", "2025-05"),
    ("Từ thántg 9/2024 đến tháng 5/2025", "2024-09", "2025-05"),
    ("Tháng 9/2021 – tháng 5/2022", "2021-09", "2022-05"),
    ("Tháng 9/2021-tháng 5/2022", "2021-09", "2022-05"),
    ("Tháng 9/2021", "2021-09", None),
    ("T9/2024 - T5/2025", "2024-09", "2025-05"),
])
def test_months_with_the_wording_kept(text: str, start: str, end: str | None) -> None:
    timeline, problem = parse_timeline(text)
    assert problem is None
    assert timeline == {"text": text, "start": start, **({"end": end} if end else {})}


@pytest.mark.parametrize("text", ["Năm học 2024- 2025", "Từ 2025 đến 2028", "Tháng 8, 9/2020 và tháng 5/2021"])
def test_timelines_that_are_not_plain_months_keep_only_the_wording(text: str) -> None:
    assert parse_timeline(text) == ({"text": text}, None)


def test_impossible_months_are_reported_not_used() -> None:
    assert parse_timeline("tháng 13/2024")[1] == "tháng 13 không có thật"
    assert parse_timeline("Từ tháng 5/2025 đến tháng 9/2024")[1] == "tháng bắt đầu sau tháng kết thúc"


def test_nbsp_and_smart_quotes_are_kept() -> None:
    text = "Từ\u00a0tháng 9/2024 đến tháng 5/2025"
    assert parse_timeline(text)[0]["text"] == text
    assert parse_target("“Giữ vững” mức 2")["text"] == "“Giữ vững” mức 2"


@pytest.mark.parametrize("heading,field", [
    ("TT", "tt"), ("STT", "tt"),
    ("Tiêu chuẩn, tiêu chí", "criterion"), ("TIÊU CHÍ", "criterion"),
    ("Kết quả cần đạt (so với hiện trạng)", "expected_result"), ("Kết quả", "expected_result"),
    ("Công việc/giải pháp cần thực hiện", "actions"), ("Kế hoạch cải tiến chất lượng/Nội dung công việc", "actions"),
    ("Nội dung", "actions"), ("NỘI   DUNG", "actions"), ("noi dung cong viec", "actions"),
    ("Chủ trì và phối hợp thực hiện", "lead_partners"), ("Người phụ trách", "lead"), ("Người thực hiện", "lead"),
    ("Thời gian thực hiện và hoàn thành", "timeline"), ("Thời gian", "timeline"),
    ("Dự kiến kinh phí", "budget"), ("Điều kiện hỗ trợ khác", "support"),
    ("Điều kiện thực hiện (nhân lực, vật lực...)", "support"), ("Ghi chú", "notes"),
    ("Mức cần đạt (so với …)", "target"), ("Mức tiêu chí cần đạt (so với", "target"),
    ("Kết quả tự đánh giá", "self_assessment"), ("Tình trạng", "status"), ("Minh chứng dự kiến", "evidence"),
    ("Ảnh minh họa", None),
])
def test_headings_by_meaning_not_position(heading: str, field: str | None) -> None:
    assert heading_field(heading) == field


def test_group_rows() -> None:
    assert parse_level_row("MỨC 2") == 2 and parse_level_row("MỤC 2") == 2 and parse_level_row("Mức 3:") == 3
    assert parse_level_row("Mức cần đạt") is None
    assert parse_standard_row("1 Tiêu chuẩn 1: Tổ chức và quản lý nhà trường") == (
        "1", "Tổ chức và quản lý nhà trường", None)
    assert parse_standard_row("Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng Mức 2") == (
        "5", "Hoạt động và kết quả nuôi dưỡng", 2)
    assert is_column_numbers(["(1)", "(2)", "(3)", "(4)"]) and not is_column_numbers(["1", "06", "207"][:2])
