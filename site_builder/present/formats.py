"""Vietnamese official formats for dates, months and money."""

from __future__ import annotations

import datetime as dt

from ..model.calendar import date_vi
from ..model.plan import Budget, Timeline

__all__ = ["budget_vi", "date_vi", "money_vi", "month_vi", "place_date_vi", "timeline_vi"]


def place_date_vi(place: str | None, value: dt.date | None) -> str:
    """The place-and-date line: "Vạn Mỹ, ngày 10 tháng 10 năm 2024"."""
    if value is None:
        return f"{place}, ngày … tháng … năm …" if place else "…, ngày … tháng … năm …"
    return f"{place}, {date_vi(value)}" if place else date_vi(value).capitalize()


def money_vi(amount: int) -> str:
    """10000000 -> "10.000.000 đồng"."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def month_vi(month: str) -> str:
    """"2024-09" -> "tháng 9/2024"."""
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def timeline_vi(timeline: Timeline | None) -> str:
    """The school's own wording when it has one, else the months."""
    if timeline is None:
        return ""
    if timeline.text:
        return timeline.text
    if timeline.start and timeline.end:
        return f"Từ {month_vi(timeline.start)} đến {month_vi(timeline.end)}"
    if timeline.start:
        return f"Từ {month_vi(timeline.start)}"
    if timeline.end:
        return f"Đến {month_vi(timeline.end)}"
    return ""


def budget_vi(budget: Budget | None) -> str:
    if budget is None:
        return ""
    parts = []
    if budget.amount is not None:
        parts.append(money_vi(budget.amount))
    if budget.text:
        parts.append(budget.text)
    return " – ".join(parts)
