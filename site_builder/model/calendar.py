"""The school calendar the disclosure rules count in: school years, dates in Vietnam, working days.

A school year Y-(Y+1) runs from 1 September Y to 31 August Y+1 (the same span check.rules uses for
timelines); a day-and-month date of the year (a deadline such as 30/6) falls in Y for September to
December and in Y+1 otherwise. Working days are Monday to Friday: public holidays (Tết, 30/4, 1/5, 2/9 …)
are not subtracted, so a count may exceed the legal one by the holidays in between, never fall short.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
FIRST_MONTH = 9


@dataclass(frozen=True, order=True)
class SchoolYear:
    first: int

    @classmethod
    def parse(cls, label: str) -> SchoolYear:
        return cls(int(label[:4]))

    @classmethod
    def of_date(cls, day: dt.date) -> SchoolYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.first}-{self.first + 1}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, FIRST_MONTH, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + 1, FIRST_MONTH - 1, 31)

    def date_of(self, month: int, day: int) -> dt.date:
        """The day of this school year with that month and day (30/6 of 2024-2025 is 2025-06-30)."""
        return dt.date(self.first if month >= FIRST_MONTH else self.first + 1, month, day)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self, count: int = 1) -> SchoolYear:
        return SchoolYear(self.first - count)


def date_vi(value: dt.date) -> str:
    """"ngày 05 tháng 01 năm 2025": day and month below 10 take a leading zero (Nghị định 30/2020)."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def vn_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Vietnam of a moment (git times are UTC)."""
    return moment.astimezone(VN_TZ).date()


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Monday-Friday) after start, up to and including end; 0 when end is not after start."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date `count` working days after start (Monday-Friday)."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
