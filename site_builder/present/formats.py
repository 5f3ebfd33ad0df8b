"""Vietnamese official formats for dates, months and money."""

from __future__ import annotations

import datetime as dt

from ..model.plan import Budget, Timeline


def date_vi(value: dt.date) -> str:
    """"ngày 05 tháng 01 năm 2025": day and month below 10 take a leading zero (Nghị định 30/2020)."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


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
