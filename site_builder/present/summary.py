"""The summary of a plan (“Tóm tắt”): counts and totals that say so when their inputs are unknown.

A zero is written only when it is true of the plan. When the table or some of its cells were lost in
the source, the summary says what is unknown instead of counting the lost parts as nothing.
"""

from __future__ import annotations

from ..model.catalogue import Standard
from ..model.lost import Lost
from ..model.plan import Entry, Status
from ..model.project import PlanDoc
from .formats import date_text, money_vi
from .labels import STATUS_LABELS
from .lost import LOST

UNKNOWN_TABLE = f"Không rõ: bảng cải tiến {LOST}"


def _has_lost(entry: Entry) -> bool:
    for name in type(entry).model_fields:
        value = getattr(entry, name)
        if isinstance(value, Lost) or (isinstance(value, list) and any(isinstance(v, Lost) for v in value)):
            return True
    return False


def _entries_text(entries: list[Entry]) -> str:
    partly = sum(1 for e in entries if _has_lost(e))
    text = f"{len(entries)} tiêu chí"
    return text + (f" ({partly} tiêu chí có chỗ {LOST})" if partly else "")


def _status_counts(entries: list[Entry]) -> tuple[dict[Status | None, int], int]:
    counts: dict[Status | None, int] = {}
    lost = 0
    for entry in entries:
        status = entry.current_status  # written, else from the latest dated review
        if status is None and entry.status_lost:
            lost += 1
        else:
            counts[status] = counts.get(status, 0) + 1
    return counts, lost


def _status_text(counts: dict[Status | None, int], lost: int) -> str:
    known = sum(n for status, n in counts.items() if status is not None)
    if not known and not lost:
        return "Chưa có thông tin về tình trạng thực hiện"
    parts = [f"{counts.get(s, 0)} {STATUS_LABELS[s].lower()}" for s in
             (Status.done, Status.in_progress, Status.not_started)]
    if counts.get(None):
        parts.append(f"{counts[None]} chưa có thông tin")
    if lost:
        parts.append(f"{lost} {LOST}")
    return " · ".join(parts)


def _budget(entries: list[Entry]) -> tuple[int, int]:
    total = sum(e.budget.amount for e in entries if e.budget and not isinstance(e.budget, Lost) and e.budget.amount)
    lost = sum(1 for e in entries if isinstance(e.budget, Lost))
    return total, lost


def _budget_text(total: int, lost: int) -> str:
    if lost:
        known = f"ít nhất {money_vi(total)}; " if total else "không rõ: "
        return f"{known[:1].upper()}{known[1:]}kinh phí của {lost} tiêu chí {LOST}"
    return money_vi(total) if total else "Kế hoạch không nêu số tiền"


def summary(doc: PlanDoc, per_standard: list[tuple[Standard, int]]) -> dict[str, object]:
    """Facts for the summary block; the *_text values are what the reader sees."""
    entries = doc.plan.entries
    counts, lost_status = _status_counts(entries)
    total, lost_budget = _budget(entries)
    table_lost = isinstance(doc.plan.table, Lost)
    return {
        "entries": len(entries),
        "per_standard": per_standard,
        "status": [(STATUS_LABELS[s], n) for s, n in counts.items()],
        "done": counts.get(Status.done, 0),
        "in_progress": counts.get(Status.in_progress, 0),
        "not_started": counts.get(Status.not_started, 0),
        "unknown_status": counts.get(None, 0),
        "lost_status": lost_status,
        "budget_total": money_vi(total) if total else None,
        "date": date_text(doc.plan.document.date),
        "table_lost": table_lost,
        "entries_text": UNKNOWN_TABLE if table_lost else _entries_text(entries),
        "status_text": UNKNOWN_TABLE if table_lost else _status_text(counts, lost_status),
        "budget_text": UNKNOWN_TABLE if table_lost else _budget_text(total, lost_budget),
    }
