"""What changed between two versions of a plan, said in Vietnamese for the history page and the feed.

Versions come parsed from source.versions (one git call for all of them). Entries are matched by
criterion, so a reordered table is not read as a rewrite: “Thêm tiêu chí 2.4”, “Tiêu chí 3.5: trạng thái
chuyển sang Đã hoàn thành”, “Tiêu chí 3.5: sửa kinh phí 10.000.000 → 15.000.000 đồng”. Short values are
quoted before and after; long texts are only named (“sửa công việc / giải pháp”).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.history import Commit
from ..model.lost import Lost
from ..model.plan import Budget, Entry, Plan, Review, Target
from ..source.versions import PlanVersion
from .formats import date_text, date_vi, money_vi, timeline_vi
from .lost import lost_text, value_text
from .view import STATUS_LABELS

SHORT = 60  # values up to this many characters are quoted in a summary; longer ones are only named
ENTRY_TEXT_FIELDS = {  # field -> what a reader calls it
    "criterion_title": "tên tiêu chí nhà trường ghi",
    "current_state": "hiện trạng",
    "expected_result": "kết quả cần đạt",
    "actions_intro": "câu dẫn công việc",
    "lead": "người phụ trách",
    "partners": "đơn vị phối hợp",
    "support": "điều kiện hỗ trợ",
    "notes": "ghi chú",
    "objective": "mục tiêu",
    "resources": "nguồn lực",
    "source_note": "ghi chú về văn bản gốc",
}
ENTRY_LIST_FIELDS = {"actions": "công việc / giải pháp", "indicators": "chỉ số", "evidence": "minh chứng dự kiến"}
INVALID_VERSION = "Phiên bản này chưa đúng định dạng nên không so sánh được chi tiết."


@dataclass(frozen=True)
class Change:
    """One commit of one plan file and what it changed."""

    commit: Commit
    items: list[str]
    first: bool = False


def _short(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text if text and len(text) <= SHORT else None


def _edit(label: str, old: str | Lost | None, new: str | Lost | None) -> str | None:
    """“sửa người phụ trách: BGH → Hiệu trưởng”, “ghi …”, “bỏ …”, or None when equal (a value lost in the
    source reads “[mất trong bản gốc]”)."""
    old, new = value_text(old) or None, value_text(new) or None
    if (old or None) == (new or None):
        return None
    if not old:
        return f"ghi {label}: {new}" if _short(new) else f"ghi {label}"
    if not new:
        return f"bỏ {label}"
    short_old, short_new = _short(old), _short(new)
    return f"sửa {label}: {short_old} → {short_new}" if short_old and short_new else f"sửa {label}"


def _money_change(old: int | None, new: int | None) -> str | None:
    if old == new:
        return None
    if old is None:
        return f"ghi kinh phí {money_vi(new or 0)}"
    if new is None:
        return f"bỏ kinh phí {money_vi(old)}"
    return f"sửa kinh phí {money_vi(old).removesuffix(' đồng')} → {money_vi(new)}"


def _amount(budget: Budget | Lost | None) -> int | None:
    return budget.amount if isinstance(budget, Budget) else None


def _budget_note(budget: Budget | Lost | None) -> str | None:
    return budget.text if isinstance(budget, Budget) else lost_text(budget) if isinstance(budget, Lost) else None


def _items(value: list[Any] | Lost) -> list[str]:
    return [lost_text(value)] if isinstance(value, Lost) else [value_text(item) for item in value]


def _target_text(target: Target | Lost | None) -> str:
    if isinstance(target, Lost):
        return lost_text(target)
    if target is None:
        return ""
    if target.text:
        return target.text
    words = [target.kind.value] if target.kind else []
    return " ".join([*words, f"Mức {target.level}"] if target.level else words)


def _review_text(review: Review) -> str:
    return f"rà soát {date_vi(review.date)} ({STATUS_LABELS[review.status]})"


def _review_changes(old: list[Review], new: list[Review]) -> list[str]:
    before = {(r.date, r.status, r.text) for r in old}
    after = {(r.date, r.status, r.text) for r in new}
    old_dates = {r.date for r in old if (r.date, r.status, r.text) not in after}
    items = []
    for review in new:
        if (review.date, review.status, review.text) in before:
            continue
        verb = "sửa" if review.date in old_dates else "thêm"
        old_dates.discard(review.date)
        items.append(f"{verb} {_review_text(review)}")
    new_dates = {r.date for r in new}
    items.extend(f"bỏ {_review_text(r)}" for r in old
                 if (r.date, r.status, r.text) not in after and r.date not in new_dates)
    return items


def _list_change(label: str, old: list[str], new: list[str]) -> str | None:
    if old == new:
        return None
    added = [x for x in new if x not in old]
    removed = [x for x in old if x not in new]
    if added and not removed:
        return f"thêm {len(added)} {label}"
    if removed and not added:
        return f"bỏ {len(removed)} {label}"
    return f"sửa {label}"


def _status_change(old: Entry, new: Entry) -> str | None:
    if old.status == new.status:
        return None
    if new.status is None:
        return "bỏ ghi tình trạng"
    if isinstance(new.status, Lost):
        return f"tình trạng: {lost_text(new.status)}"
    return f"trạng thái chuyển sang {STATUS_LABELS[new.status]}"


def entry_changes(old: Entry, new: Entry) -> list[str]:
    """What changed in one criterion's row, without the criterion prefix."""
    items: list[str | None] = [_status_change(old, new)]
    items.append(_money_change(_amount(old.budget), _amount(new.budget)))
    if _budget_note(old.budget) != _budget_note(new.budget):
        items.append(_edit("ghi chú kinh phí", _budget_note(old.budget), _budget_note(new.budget)))
    items.append(_edit("thời gian thực hiện", timeline_vi(old.timeline), timeline_vi(new.timeline)))
    items.append(_edit("mức cần đạt", _target_text(old.target), _target_text(new.target)))
    items.append(_edit("kết quả tự đánh giá", _self_assessment(old), _self_assessment(new)))
    for name, label in ENTRY_TEXT_FIELDS.items():
        items.append(_edit(label, getattr(old, name), getattr(new, name)))
    for name, label in ENTRY_LIST_FIELDS.items():
        items.append(_list_change(label, _items(getattr(old, name)), _items(getattr(new, name))))
    if old.problem != new.problem:
        items.append("sửa phần vấn đề cần cải tiến")
    items.extend(_review_changes(old.reviews, new.reviews))
    return [item for item in items if item]


def _self_assessment(entry: Entry) -> str:
    sa = entry.self_assessment
    if isinstance(sa, Lost):
        return lost_text(sa)
    if sa is None:
        return ""
    return sa.text or (sa.result.value if sa.result else "") or (f"Mức {sa.level}" if sa.level else "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _entries_changes(old: Plan, new: Plan) -> list[str]:
    before = {e.criterion: e for e in old.entries}
    after = {e.criterion: e for e in new.entries}
    items = [f"Thêm tiêu chí {c}" for c in after if c not in before]
    items += [f"Bỏ tiêu chí {c}" for c in before if c not in after]
    common_before = [c for c in before if c in after]
    common_after = [c for c in after if c in before]
    if common_before != common_after:
        items.append("Đổi thứ tự các tiêu chí")
    for criterion in common_after:
        items += [f"Tiêu chí {criterion}: {item}" for item in entry_changes(before[criterion], after[criterion])]
    return items


def _same(getter: Callable[[Plan], Any]) -> Callable[[Plan, Plan], bool]:
    return lambda old, new: getter(old) == getter(new)


PLAN_PARTS: list[tuple[Callable[[Plan, Plan], bool], str]] = [
    (_same(lambda p: p.document.title), "Sửa trích yếu"),
    (_same(lambda p: (p.document.kind, p.document.governing_body, p.document.place)), "Sửa phần đầu văn bản"),
    (_same(lambda p: p.signer), "Sửa phần người ký"),
    (_same(lambda p: p.recipients), "Sửa Nơi nhận"),
    (_same(lambda p: p.legal_bases), "Sửa phần căn cứ"),
    (_same(lambda p: p.self_assessment), "Sửa kết quả tự đánh giá khi lập kế hoạch"),
    (_same(lambda p: p.table), "Sửa cách trình bày bảng"),
    (_same(lambda p: p.source_note), "Sửa ghi chú về văn bản gốc"),
]


def _document_changes(old: Plan, new: Plan) -> list[str]:
    items = [_edit("số ký hiệu", old.document.number, new.document.number),
             _edit("ngày ban hành", date_text(old.document.date) if old.document.date else None,
                   date_text(new.document.date) if new.document.date else None),
             _edit("bộ tiêu chuẩn", old.framework, new.framework)]
    return [_capital(item) for item in items if item]


def _archive_changes(old: Plan, new: Plan) -> list[str]:
    if old.archived == new.archived:
        return []
    if new.archived:
        return ["Chuyển vào lưu trữ (vẫn công khai)" + (f": {new.archive_note}" if new.archive_note else "")]
    return ["Bỏ lưu trữ"]


def plan_changes(old: Plan, new: Plan, old_body: str, new_body: str) -> list[str]:
    """Every difference between two valid versions, plan-level first, then entries in the new order."""
    items = _archive_changes(old, new) + _document_changes(old, new)
    items += [text for same, text in PLAN_PARTS if not same(old, new)]
    items += _entries_changes(old, new)
    if old_body.strip() != new_body.strip():
        items.append("Sửa phần nội dung văn bản")
    return items or ["Sửa cách viết trong tệp, nội dung công bố không đổi"]


def _first(version: PlanVersion) -> list[str]:
    if version.plan is None:
        return ["Đăng lần đầu. " + INVALID_VERSION]
    total = sum(_amount(e.budget) or 0 for e in version.plan.entries)
    text = f"Đăng lần đầu: {len(version.plan.entries)} tiêu chí cần cải tiến"
    return [text + (f", kinh phí dự kiến {money_vi(total)}" if total else "")]


def history_changes(versions: list[PlanVersion]) -> list[Change]:
    """One Change per version, oldest first; an invalid version is compared with nothing, the next valid one
    with the last valid version before it."""
    changes = []
    last_valid: PlanVersion | None = None
    for index, version in enumerate(versions):
        if index == 0:
            changes.append(Change(version.commit, _first(version), first=True))
        elif version.plan is None:
            changes.append(Change(version.commit, [INVALID_VERSION]))
        elif last_valid is None or last_valid.plan is None:
            changes.append(Change(version.commit, ["Sửa lại cho đúng định dạng; nội dung hiện có "
                                                   f"{len(version.plan.entries)} tiêu chí"]))
        else:
            changes.append(Change(version.commit, plan_changes(last_valid.plan, version.plan, last_valid.body,
                                                               version.body)))
        if version.plan is not None:
            last_valid = version
    return changes

