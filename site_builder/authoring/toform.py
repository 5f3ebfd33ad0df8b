"""A 2018-table plan carried into the 2026 form (catalogue/forms/tt-2026.yml) for `site-builder new`.

What carries: the document header (number and date emptied), signer, Nơi nhận, and each unfinished entry as
one issue of mục IV and one row of mục V (actions, lead, timeline moved on, budget, status…). What cannot: the
2018 criteria do not map one-to-one onto the 2026 ones, so each issue's standard and criteria are left for the
school (the old criterion is quoted in the issue's note); the căn cứ of mục II, the per-criterion
self-assessment, mục VI's results and mục VII are left empty; the old Markdown body is not copied. The report
lists all of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model.catalogue import Catalogue, Form

ENTRY_KEYS_DROPPED = ("criterion", "criterion_title", "self_assessment", "target", "reviews", "current_state",
                      "problem")


@dataclass
class Conversion:
    front: CommentedMap
    carried: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)  # Vietnamese lines: what the school must fill in


def framework_of(form: Form, catalogue: Catalogue) -> str | None:
    return next((f.id for f in catalogue.frameworks.values() if f.document == form.document), None)


def default_form(catalogue: Catalogue, first_year: int) -> Form | None:
    """The sectioned form whose document is in force when the school year starts (1 September), if any."""
    start = dt.date(first_year, 9, 1)
    candidates = []
    for form in catalogue.forms.values():
        document = catalogue.documents.get(form.document)
        since = document and (document.effective or document.date)
        if form.sectioned and since and since <= start:
            candidates.append((since, form))
    return max(candidates, key=lambda pair: pair[0])[1] if candidates else None


def _basis(form: Form, catalogue: Catalogue) -> CommentedMap | None:
    document = catalogue.documents.get(form.document)
    if document is None:
        return None
    when = f" ngày {document.date.day:02d}/{document.date.month}/{document.date.year}" if document.date else ""
    title = document.title[:1].lower() + document.title[1:]
    return CommentedMap(ref=document.id, kind="other",
                        text=f"{document.kind} số {document.number}{when} của {document.issuer} {title};")


def _old_title(entry: CommentedMap, catalogue: Catalogue, framework: str | None) -> str:
    crit = str(entry.get("criterion", "?"))
    old = catalogue.frameworks.get(framework or "")
    criterion = old.criteria.get(crit) if old else None
    return str(entry.get("criterion_title") or (criterion.title if criterion else ""))


def _note(entry: CommentedMap, year: str, title: str, catalogue: Catalogue, framework: str | None) -> str:
    old = catalogue.frameworks.get(framework or "")
    document = catalogue.documents.get(old.document) if old else None
    source = f" ({document.label})" if document else ""
    parts = [f"Chuyển từ kế hoạch năm học {year}: tiêu chí {entry.get('criterion', '?')}{source} “{title}”"]
    status = entry.get("status")
    if isinstance(status, str):
        parts.append(f"tình trạng: {status}")
    target = entry.get("target")
    if isinstance(target, dict) and target.get("text"):
        parts.append(f"mức cần đạt theo bộ cũ: {target['text']}")
    if entry.get("expected_result"):
        parts.append(f"kết quả cần đạt: {entry['expected_result']}")
    return "; ".join(parts) + "."


def _issue(number: int, entry: CommentedMap, note: str) -> CommentedMap:
    problem = entry.get("problem") if isinstance(entry.get("problem"), dict) else {}
    return CommentedMap(id=number, standard=None, related_criteria=CommentedSeq(),
                        current_state=entry.get("current_state") or problem.get("current_state"),
                        limitation=problem.get("limitations"), cause=problem.get("causes"), note=note)


def _row(number: int, entry: CommentedMap, title: str) -> CommentedMap:
    row = CommentedMap(issue=number, content=title or None)
    for key, value in entry.items():
        if key not in ENTRY_KEYS_DROPPED and key not in row:
            row[key] = value
    return row


def _reviews(form: Form) -> CommentedSeq:
    """Mục VI with the review points the form's rule names (cuối học kỳ I, cuối năm học), not yet dated."""
    rule = form.rule("min-two-reviews")
    points = (rule.data or {}).get("review_points", []) if rule else []
    whens = [str(p)[:1].upper() + str(p)[1:] for p in points]
    return CommentedSeq(CommentedMap(date=None, when=when, reviewer=None, rows=CommentedSeq()) for when in whens)


def _header(data: CommentedMap, form: Form, catalogue: Catalogue, school_year: str) -> CommentedMap:
    front = CommentedMap(school_year=school_year, form=form.id)
    framework = framework_of(form, catalogue)
    if framework:
        front["framework"] = framework
    for key in ("document", "signer", "recipients"):
        if key in data:
            front[key] = data[key]
    front["general_info"] = CommentedMap(type=None)
    basis = _basis(form, catalogue)
    front["legal_bases"] = CommentedSeq([basis] if basis else [])
    return front


def to_form(data: CommentedMap, form: Form, catalogue: Catalogue, *, old_year: str, school_year: str,
            school_framework: str | None, is_done: Any, label: Any, next_entry: Any) -> Conversion:
    """The new front matter in the 2026 form; `data` is the previous plan's (document already moved on)."""
    framework = data.get("framework") or school_framework
    conversion = Conversion(_header(data, form, catalogue, school_year))
    issues, rows = CommentedSeq(), CommentedSeq()
    entries = data.get("entries") if isinstance(data.get("entries"), list) else []
    for entry in entries:
        if is_done(entry):
            conversion.dropped.append(label(entry))
            continue
        if not isinstance(entry, CommentedMap):
            continue
        next_entry(entry)
        number = len(issues) + 1
        title = _old_title(entry, catalogue, framework)
        issues.append(_issue(number, entry, _note(entry, old_year, title, catalogue, framework)))
        rows.append(_row(number, entry, title))
        conversion.carried.append(label(entry))
    front = conversion.front
    front["issues"], front["entries"] = issues, rows
    front["reviews"] = _reviews(form)
    front["organisation"] = CommentedMap(head=None, council=None, units=None)
    conversion.not_carried = _not_carried(data, form, catalogue, len(issues))
    return conversion


def _not_carried(data: CommentedMap, form: Form, catalogue: Catalogue, issues: int) -> list[str]:
    framework = catalogue.frameworks.get(framework_of(form, catalogue) or "")
    appendix = "Phụ lục I (mầm non), II (phổ thông) hoặc III (GDTX)"
    lines = [
        f"tiêu chuẩn và tiêu chí liên quan của {issues} vấn đề ở mục IV (standard, related_criteria), theo "
        f"{appendix} của bộ “{framework.id if framework else form.document}”: tiêu chí bộ cũ không tương ứng "
        "một–một với bộ mới (tiêu chí cũ được ghi trong note của từng vấn đề); “site-builder check” báo lỗi "
        "thiếu tiêu chí ở mục V cho tới khi ghi xong",
        "điểm hạn chế và nguyên nhân (limitation, cause) của từng vấn đề ở mục IV",
        "mục II: báo cáo tự đánh giá năm học, kết quả rà soát kế hoạch năm trước, kế hoạch năm học "
        "(legal_bases với kind self_assessment_report, previous_plan_review, school_year_plan)",
        "kết quả tự đánh giá từng tiêu chí theo bộ mới (self_assessment.results)",
        "mục I: loại hình (general_info.type); mục VII: tổ chức thực hiện (organisation)",
        "mục VI: ngày, nội dung, kết quả của các lần rà soát (reviews)",
        "mục tiêu, chỉ số đánh giá kết quả, nguồn lực, minh chứng dự kiến của từng dòng ở mục V "
        "(objective, indicators, resources, evidence) nếu kế hoạch cũ chưa có",
    ]
    old_bases = [str(b.get("text", ""))[:60] for b in data.get("legal_bases") or [] if isinstance(b, dict)]
    if old_bases:
        lines.append(f"{len(old_bases)} căn cứ của kế hoạch cũ không được chép sang (văn bản năm 2018 đã có bộ "
                     "tiêu chí và mẫu mới thay thế, hoặc gắn với năm học cũ): " + "; ".join(f"“{b}…”"
                                                                                              for b in old_bases))
    if data.get("self_assessment"):
        lines.append("kết quả tự đánh giá của kế hoạch cũ (theo bộ tiêu chí năm 2018) không được chép sang")
    return lines
