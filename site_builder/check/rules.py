"""Rules beyond the schema: a plan checked against the catalogue and the file layout.

Takes a PlanSource (plain data + positions) and the catalogue; appends Findings (criteria,
years, dates, counts, references, body markers). Each rule is a small function.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Finding, Severity
from ..model.catalogue import Catalogue, Framework
from ..model.plan import School
from ..source.reader import PlanSource, SchoolSource
from .schema import schema_findings
from .suggest import nearest, nearest_criterion

MARKERS = ("<!-- legal-bases -->", "<!-- improvement-table -->")


def get(data: Any, *path: str | int) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def framework_for(
    plan: PlanSource, school: SchoolSource | None, catalogue: Catalogue, findings: list[Finding]
) -> Framework | None:
    """The plan's framework, or the school's default; an unknown plan-level one is reported here
    (an unknown school-level one is reported once, on school.yml)."""
    own = get(plan.data, "framework")
    name = own if isinstance(own, str) else get(school.data if school else None, "framework")
    if isinstance(name, str) and name in catalogue.frameworks:
        return catalogue.frameworks[name]
    if isinstance(own, str):
        line, col = plan.source.value(("framework",))
        findings.append(_unknown_framework(plan.rel, line, col, own, catalogue))
    return None


def _unknown_framework(rel: str, line: int, col: int, name: str, catalogue: Catalogue) -> Finding:
    return Finding(
        rel, line, col, Severity.error, "unknown-framework",
        f"Không có bộ tiêu chuẩn “{name}” trong danh mục.",
        "Các bộ hiện có: " + ", ".join(sorted(catalogue.frameworks)) + ".",
        nearest(name, catalogue.frameworks, cutoff=0.3),
    )


def check_year(plan: PlanSource, findings: list[Finding]) -> None:
    year = get(plan.data, "school_year")
    stem = plan.path.stem
    if not re.match(r"^\d{4}-\d{4}$", stem):
        findings.append(
            Finding(plan.rel, 1, 1, Severity.error, "file-name",
                    f"Tên tệp “{plan.path.name}” không theo dạng năm học.",
                    "Đặt tên tệp theo năm học, ví dụ 2024-2025.md.",
                    f"{year}.md" if isinstance(year, str) else None)
        )
    elif isinstance(year, str) and year != stem:
        line, col = plan.source.value(("school_year",))
        findings.append(
            Finding(plan.rel, line, col, Severity.error, "school-year-mismatch",
                    f"Năm học “{year}” không trùng với tên tệp “{plan.path.name}”.",
                    "Sửa năm học cho khớp tên tệp, hoặc đổi tên tệp.", stem)
        )


def check_entries(plan: PlanSource, framework: Framework | None, findings: list[Finding],
                  repeats_allowed: bool = False) -> None:
    """Known criteria, targets, timelines; one row per criterion unless the form allows repeats (2026: rows
    address issues, so two rows may serve one criterion)."""
    entries = get(plan.data, "entries")
    if not isinstance(entries, list):
        return
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        crit = get(entry, "criterion")
        if crit is None:
            continue
        crit = str(crit)
        line, col = plan.source.value(("entries", index, "criterion"))
        if framework is not None and crit not in framework.criteria:
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "unknown-criterion",
                        f"Tiêu chí “{crit}” không có trong bộ “{framework.name}” ({framework.id}).",
                        "Ghi mã tiêu chí dạng <tiêu chuẩn>.<tiêu chí>, ví dụ 1.4.",
                        nearest_criterion(crit, framework.criteria))
            )
        if crit in seen and not repeats_allowed:
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "duplicate-criterion",
                        f"Tiêu chí “{crit}” đã có ở dòng {seen[crit]}; mỗi tiêu chí chỉ ghi một lần.",
                        "Gộp nội dung của hai mục vào một mục rồi xóa mục thừa.")
            )
        else:
            seen[crit] = line
        if framework is not None and crit in framework.criteria:
            check_target(plan, index, entry, framework, findings)
        check_timeline(plan, index, entry, findings)


def check_target(plan: PlanSource, index: int, entry: Any, framework: Framework, findings: list[Finding]) -> None:
    level = get(entry, "target", "level")
    crit = framework.criteria[str(entry["criterion"])]
    if isinstance(level, int) and 1 <= level <= 3 and level not in crit.levels:
        line, col = plan.source.value(("entries", index, "target", "level"))
        findings.append(
            Finding(plan.rel, line, col, Severity.warning, "level-not-defined",
                    f"Theo danh mục, tiêu chí {crit.id} không có Mức {level} "
                    f"(chỉ có Mức {', '.join(str(x) for x in crit.levels)}).",
                    "Kiểm tra lại mức cần đạt với văn bản quy định.",
                    str(max(crit.levels)))
        )


def _month_value(value: Any) -> tuple[int, int] | None:
    if isinstance(value, str) and re.match(r"^\d{4}-(0[1-9]|1[0-2])$", value):
        return int(value[:4]), int(value[5:])
    return None


def check_timeline(plan: PlanSource, index: int, entry: Any, findings: list[Finding]) -> None:
    year = get(plan.data, "school_year")
    if not (isinstance(year, str) and re.match(r"^\d{4}-\d{4}$", year)):
        return
    first = int(year[:4])
    # A school year runs from September to August; allow one year either side.
    earliest, latest = (first - 1, 9), (first + 2, 8)
    for key in ("start", "end"):
        month = _month_value(get(entry, "timeline", key))
        if month and not (earliest <= month <= latest):
            line, col = plan.source.value(("entries", index, "timeline", key))
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "timeline-outside-year",
                        f"Tháng {month[1]:02d}/{month[0]} cách năm học {year} hơn một năm.",
                        "Kiểm tra lại năm (có thể gõ nhầm), hoặc chuyển việc này sang kế hoạch của năm học khác.",
                        f"{first if month[1] >= 9 else first + 1}-{month[1]:02d}")
            )


def check_counts(plan: PlanSource, framework: Framework | None, findings: list[Finding]) -> None:
    counts = get(plan.data, "self_assessment", "counts")
    if framework is None or not isinstance(counts, list):
        return
    for index, count in enumerate(counts):
        total, level = get(count, "total"), get(count, "level")
        if not (isinstance(total, int) and isinstance(level, int)):
            continue
        possible = sum(1 for c in framework.criteria.values() if level in c.levels)
        if level in framework.levels and level <= 3 and total > possible:
            line, col = plan.source.value(("self_assessment", "counts", index, "total"))
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "count-above-framework",
                        f"Bộ “{framework.name}” ({framework.id}) chỉ có {possible} tiêu chí ở Mức {level}.",
                        "Kiểm tra lại tổng số tiêu chí của mức này.", str(possible))
            )


def check_references(plan: PlanSource, catalogue: Catalogue, findings: list[Finding]) -> None:
    bases = get(plan.data, "legal_bases")
    if not isinstance(bases, list) or not catalogue.documents:
        return
    for index, basis in enumerate(bases):
        ref = get(basis, "ref")
        if isinstance(ref, str) and ref not in catalogue.documents:
            line, col = plan.source.value(("legal_bases", index, "ref"))
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "unknown-document",
                        f"Không có văn bản “{ref}” trong danh mục văn bản pháp lý.",
                        "Dùng mã trong catalogue/legal-documents.yml, hoặc bỏ “ref” và chỉ giữ “text”.",
                        nearest(ref, catalogue.documents, cutoff=0.3))
            )


def check_document(plan: PlanSource, findings: list[Finding]) -> None:
    """Warnings that keep a plan publishable but tell the school what is still to fill in."""
    for key, message in (
        ("number", "Kế hoạch chưa có số ký hiệu."),
        ("date", "Kế hoạch chưa có ngày ký."),
    ):
        if isinstance(get(plan.data, "document"), dict) and get(plan.data, "document", key) in (None, ""):
            line, col = plan.source.key(("document", key))
            findings.append(Finding(plan.rel, line, col, Severity.warning, f"no-{key}", message,
                                    "Hãy bổ sung khi văn bản đã được ký và vào sổ."))


def check_body(plan: PlanSource, findings: list[Finding]) -> None:
    for offset, line in enumerate(plan.body.split("\n")):
        stripped = line.strip()
        number = plan.body_line + offset
        if stripped.startswith("<!--") and "--" in stripped[4:] and stripped not in MARKERS:
            guess = nearest(stripped, MARKERS, cutoff=0.6)
            if guess:
                findings.append(Finding(plan.rel, number, 1, Severity.warning, "unknown-marker",
                                        "Dòng đánh dấu vị trí không đúng nên sẽ bị bỏ qua.",
                                        "Sửa lại cho đúng chính tả.", guess))
        if re.search(r"<\s*(script|iframe|object|embed)\b|javascript:|\son\w+\s*=", line, re.IGNORECASE):
            findings.append(Finding(plan.rel, number, 1, Severity.warning, "unsafe-html",
                                    "Nội dung có mã HTML không an toàn; phần này sẽ bị loại khi xuất bản.",
                                    "Chỉ dùng định dạng Markdown: bảng, danh sách, chữ đậm, chữ nghiêng, liên kết."))


def school_findings(school: SchoolSource, catalogue: Catalogue) -> tuple[School | None, list[Finding]]:
    model, findings = schema_findings(School, school.data, school.rel, school.source)
    framework = get(school.data, "framework")
    if isinstance(framework, str) and framework not in catalogue.frameworks:
        line, col = school.source.value(("framework",))
        findings.append(_unknown_framework(school.rel, line, col, framework, catalogue))
    if isinstance(model, School) and model.name is None and not model.name_note:
        line, col = school.source.key(("name",))
        findings.append(Finding(school.rel, line, col, Severity.error, "missing-field",
                                "Tên trường để trống mà không có ghi chú lý do.",
                                "Ghi tên trường, hoặc thêm “name_note” giải thích vì sao chưa rõ tên."))
    return model if isinstance(model, School) else None, findings


