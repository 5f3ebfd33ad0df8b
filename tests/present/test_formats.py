import datetime as dt

from site_builder.model.plan import Timeline
from site_builder.present.formats import date_vi, money_vi, place_date_vi, timeline_vi


def test_dates_have_leading_zeros() -> None:
    assert date_vi(dt.date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
    assert place_date_vi("Vạn Mỹ", dt.date(2024, 10, 10)) == "Vạn Mỹ, ngày 10 tháng 10 năm 2024"


def test_money_uses_dots() -> None:
    assert money_vi(10_000_000) == "10.000.000 đồng"
    assert money_vi(500) == "500 đồng"


def test_timeline_prefers_the_school_wording() -> None:
    assert timeline_vi(Timeline(start="2024-09", end="2025-05", text="Năm học 2024-2025")) == "Năm học 2024-2025"
    assert timeline_vi(Timeline(start="2024-09", end="2025-05")) == "Từ tháng 9/2024 đến tháng 5/2025"


def test_school_names_break_after_the_school_type() -> None:
    from site_builder.present.formats import BLANK, name_groups, unknown_school_groups

    assert name_groups("Trường Tiểu học Quang Trung") == ["Trường Tiểu học", "Quang Trung"]
    assert name_groups("Trường Mầm non 20/10") == ["Trường Mầm non", "20/10"]
    assert name_groups("Trường THCS  Nguyễn Du") == ["Trường THCS", "Nguyễn Du"]
    assert name_groups("Học viện Âm nhạc") == ["Học viện Âm nhạc"]
    assert unknown_school_groups("mầm non") == ["Trường Mầm non", BLANK]
    assert unknown_school_groups("nhiều cấp") == ["Trường", BLANK]
