"""Personal data warnings: what is found, what is not, how a reviewed line silences it; none on the real plans."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.check.personal import line_hits, personal_findings
from site_builder.source.reader import plan_from_text

ROOT = Path(__file__).resolve().parents[2]
PERSONAL = ("personal-phone", "personal-id-number", "personal-email", "personal-birth-date", "reviewed-line-unused")


@pytest.mark.parametrize("line, code, column", [
    ("Liên hệ: 0912 345 678", "personal-phone", 10),
    ("ĐT 0987.654.321.", "personal-phone", 4),
    ("ĐT 0387-654-321", "personal-phone", 4),
    ("SĐT 0912345678", "personal-phone", 5),
    ("gọi +84 912 345 678", "personal-phone", 5),
    ("gọi (+84) 912345678", "personal-phone", 6),
    ("(0225) 3845 678", "personal-phone", 2),
    ("024 3942 1234", "personal-phone", 1),
    ("CCCD: 001203012345", "personal-id-number", 7),
    ("Email: nguyen.van.a+hs@gmail.com", "personal-email", 8),
    ("thư về ht_quangtrung@yahoo.com.vn", "personal-email", 8),
    ("Em Nguyễn Văn An sinh ngày 12/3/2015", "personal-birth-date", 28),
    ("Đinh Thị Hoa, ngày sinh: 01-02-1980", "personal-birth-date", 26),
    ("ông Lê Văn Tám (năm sinh 1970)", "personal-birth-date", 26),
])
def test_personal_data_is_found_at_its_column(line: str, code: str, column: int) -> None:
    assert [(h.code, h.column) for h in line_hits(line, 7)] == [(code, column)]


@pytest.mark.parametrize("line", [
    "Kinh phí 10.000.000 đồng; 150.000.000.000 đồng", "1.095 học sinh, 870/1.098 bán trú", "Số: 32/KHCTCL-THQT",
    "ngày 10/10/2024; năm học 2024-2025", "| 1 | 06 | 207 | 04 | 0 | 5 | 0 |", "0 5 0 1 2 3 4 5 6 7 8",
    "Mã 0123/QĐ-UBND", "tỷ lệ 0,9123456789", "điện thoại trao đổi với cha mẹ", "c1qt@haiphong.edu.vn",
    "trẻ sinh năm 2019 ra lớp", "Trường THCS Nguyễn Du tuyển trẻ sinh năm 2012",
    "Huy động trẻ sinh năm 2020 trên địa bàn Thành phố Hồ Chí Minh", "đường Lê Lợi, trẻ sinh năm 2019",
    "06 207 04 0 5", "mã định danh 12345678901", "0912 345 67", "091234567890123",
])
def test_numbers_that_are_not_personal_data(line: str) -> None:
    assert list(line_hits(line, 1)) == []


PLAN = "---\nschool_year: 2024-2025\n{reviewed}---\nĐiện thoại của trường: 0225 3845 678.\nCô Lan: 0912 345 678.\n"


def _warnings(reviewed: str) -> list[tuple[str, int, int]]:
    text = PLAN.format(reviewed=reviewed)
    rel = "plans/th-a/2024-2025.md"
    plan = plan_from_text(text, "th-a", Path(rel), rel, [])
    return [(f.code, f.line, f.column) for f in personal_findings(rel, text, plan.data, plan.source,
                                                                   plan.body_line - 2)]


def test_a_reviewed_line_by_text_or_hash_is_not_warned() -> None:
    line = "Điện thoại của trường: 0225 3845 678."
    assert _warnings("") == [("personal-phone", 4, 24), ("personal-phone", 5, 9)]
    by_text = f'reviewed_personal_data:\n  - line: "{line}"\n    reason: Tổng đài của trường.\n'
    assert _warnings(by_text) == [("personal-phone", 8, 9)]
    digest = hashlib.sha256(line.encode("utf-8")).hexdigest()
    by_hash = f'reviewed_personal_data:\n- sha256: "{digest}"\n  reason: Tổng đài của trường.\n'
    assert _warnings(by_hash) == [("personal-phone", 8, 9)]


def test_the_warning_gives_the_hash_to_paste() -> None:
    text = PLAN.format(reviewed="")
    plan = plan_from_text(text, "th-a", Path("x.md"), "x.md", [])
    first = personal_findings("x.md", text, plan.data, plan.source, plan.body_line - 2)[0]
    digest = hashlib.sha256("Điện thoại của trường: 0225 3845 678.".encode()).hexdigest()
    assert f'sha256: "{digest}"' in first.fix
    assert "0225 3845 678" not in first.message and "022…78" in first.message


def test_a_reviewed_line_that_matches_nothing_is_reported() -> None:
    stale = 'reviewed_personal_data:\n  - line: "ĐT: 0999 999 999"\n    reason: cũ\n'
    assert ("reviewed-line-unused", 4, 5) in _warnings(stale)


def test_no_personal_data_warning_on_the_real_plans(real_project) -> None:
    assert [f for f in real_project.findings if f.code in PERSONAL] == []


def test_the_real_plans_have_no_line_a_detector_would_flag() -> None:
    """Independent of the reviewed list: every line of every real plan and school file is clean."""
    flagged = []
    for path in sorted((ROOT / "plans").rglob("*")):
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
                flagged.extend((path.name, number, hit.code) for hit in line_hits(line, number))
    assert flagged == []
    assert load_project(ROOT).errors == []
