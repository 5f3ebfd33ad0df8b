"""The school calendar the disclosure rules count in."""

from __future__ import annotations

import datetime as dt

from site_builder.model.calendar import SchoolYear, add_working_days, add_years, date_vi, working_days_between


def test_school_year_of_a_date_turns_in_september() -> None:
    assert SchoolYear.of_date(dt.date(2025, 8, 31)).label == "2024-2025"
    assert SchoolYear.of_date(dt.date(2025, 9, 1)).label == "2025-2026"
    year = SchoolYear.parse("2024-2025")
    assert year.date_of(6, 30) == dt.date(2025, 6, 30)
    assert year.date_of(12, 1) == dt.date(2024, 12, 1)
    assert year.contains(dt.date(2024, 9, 1)) and not year.contains(dt.date(2025, 9, 1))


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2025, 1, 3)
    assert working_days_between(friday, dt.date(2025, 1, 6)) == 1  # Saturday and Sunday do not count
    assert working_days_between(friday, friday) == 0
    assert working_days_between(dt.date(2025, 1, 15), dt.date(2025, 1, 22)) == 5
    for days in range(0, 40):
        end = add_working_days(friday, days)
        assert working_days_between(friday, end) == days
        assert end.weekday() < 5 or days == 0


def test_add_years_keeps_leap_days_valid_and_date_vi_pads() -> None:
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert date_vi(dt.date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
