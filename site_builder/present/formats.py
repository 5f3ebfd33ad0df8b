"""Vietnamese official formats for dates, months and money."""

from __future__ import annotations

import datetime as dt

from ..model.calendar import date_vi
from ..model.lost import Lost
from ..model.plan import Budget, Timeline
from .lost import LOST, lost_text

__all__ = ["budget_vi", "date_vi", "money_vi", "month_vi", "place_date_vi", "timeline_vi"]


def issue_date_vi(value: dt.date | str) -> str:
    """A full date, or what the source gives of it: "2023-09" -> "tháng 09 năm 2023", "2023" -> "năm 2023"."""
    if isinstance(value, dt.date):
        return date_vi(value)
    year, _, month = value.partition("-")
    return f"tháng {int(month):02d} năm {year}" if month else f"năm {year}"


def place_date_vi(place: str | Lost | None, value: dt.date | str | Lost | None) -> str:
    """The place-and-date line: "Vạn Mỹ, ngày 10 tháng 10 năm 2024"; blanks for a draft, the lost wording
    where the source lost the place or the date."""
    if isinstance(place, Lost) and isinstance(value, Lost) and not (place.fragment or value.fragment):
        return f"[địa danh, ngày tháng {LOST}]"
    where = lost_text(place, "địa danh") if isinstance(place, Lost) else place
    if value is None:
        when = "ngày … tháng … năm …"
        return f"{where}, {when}" if where else f"…, {when}"
    when = lost_text(value, "ngày tháng") if isinstance(value, Lost) else issue_date_vi(value)
    return f"{where}, {when}" if where else when[:1].upper() + when[1:]


def money_vi(amount: int) -> str:
    """10000000 -> "10.000.000 đồng"."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def month_vi(month: str) -> str:
    """"2024-09" -> "tháng 9/2024"."""
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def timeline_vi(timeline: Timeline | Lost | None) -> str:
    """The school's own wording when it has one, else the months."""
    if isinstance(timeline, Lost):
        return lost_text(timeline)
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


def budget_vi(budget: Budget | Lost | None) -> str:
    if isinstance(budget, Lost):
        return lost_text(budget)
    if budget is None:
        return ""
    parts = []
    if budget.amount is not None:
        parts.append(money_vi(budget.amount))
    if budget.text:
        parts.append(budget.text)
    return " – ".join(parts)


def number_text(number: str | Lost | None) -> str:
    """The document number as the reader reads it in a summary or a list."""
    if isinstance(number, Lost):
        return lost_text(number, "số ký hiệu")
    return number or "Chưa có số ký hiệu"


def date_text(value: object) -> str:
    """The issue date as the reader reads it in a summary or a list."""
    if isinstance(value, Lost):
        return lost_text(value, "ngày ký")
    if value is None:
        return "Chưa có ngày ký"
    return issue_date_vi(value)  # type: ignore[arg-type]
# --------------------------------------------------------------------------- names in the header

BLANK = "…………………"  # a dotted blank to fill by hand, as official forms print an unknown value
# School types, longest first: the header breaks after the type, never inside the proper name
# ("TRƯỜNG TIỂU HỌC / QUANG TRUNG").
SCHOOL_TYPES = tuple(sorted((
    "trường mầm non", "trường mẫu giáo", "nhà trẻ", "nhóm trẻ", "trường tiểu học", "trường trung học cơ sở",
    "trường trung học phổ thông", "trường phổ thông", "trường phổ thông dân tộc nội trú",
    "trường phổ thông dân tộc bán trú", "trường phổ thông dân tộc bán trú tiểu học",
    "trường phổ thông dân tộc bán trú trung học cơ sở", "trường tiểu học và trung học cơ sở",
    "trường trung học cơ sở và trung học phổ thông", "trường phổ thông liên cấp", "trường liên cấp",
    "trường thcs", "trường thpt", "trường th và thcs", "trường th&thcs", "trường thcs và thpt",
    "trường thcs&thpt", "trường ptdtnt", "trường ptdtbt", "trường mn", "trường mg", "trường th",
), key=len, reverse=True))


def name_groups(name: str) -> list[str]:
    """A school's name as the word groups a line may break between: the school type, then the proper
    name ("Trường Tiểu học Quang Trung" -> ["Trường Tiểu học", "Quang Trung"]). A name of unknown
    form stays one group."""
    words = name.split()
    folded = " ".join(words).casefold()
    for kind in SCHOOL_TYPES:
        if folded.startswith(kind + " "):
            size = len(kind.split())
            return [" ".join(words[:size]), " ".join(words[size:])]
    return [" ".join(words)] if words else []


def unknown_school_groups(level: str) -> list[str]:
    """The header of a school whose name the source lacks: its type, when the level names one, and a
    dotted blank to fill by hand (never a placeholder such as “(chưa rõ tên)”)."""
    kind = {"mầm non": "Trường Mầm non", "tiểu học": "Trường Tiểu học", "THCS": "Trường THCS",
            "THPT": "Trường THPT"}.get(level, "Trường")
    return [kind, BLANK]
