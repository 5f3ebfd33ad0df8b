"""Rules beyond the schema: a plan checked against the catalogue and the file layout.

Takes a PlanSource (plain data + positions) and the catalogue; appends Findings (criteria,
years, dates, counts, references, body markers). Each rule is a small function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Finding, Severity
from ..model.catalogue import Catalogue, Confidence, Framework
from ..model.lost import marks_lost
from ..model.plan import SCHOOL_YEAR_RE, School
from ..source.reader import PlanSource, SchoolSource
from ..source.scalars import scalar_text
from .schema import schema_findings
from .suggest import nearest, nearest_criterion

MARKERS = ("<!-- legal-bases -->", "<!-- improvement-table -->")
TEMPLATE_REMINDER = "<!-- Nhắc:"  # reminders in a blank first plan (authoring.blankplan)


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


def _valid_school_year(value: Any) -> bool:
    match = re.match(SCHOOL_YEAR_RE, value) if isinstance(value, str) else None
    return bool(match) and int(match.group(2)) == int(match.group(1)) + 1  # type: ignore[union-attr]


def check_year(plan: PlanSource, findings: list[Finding]) -> None:
    """The file name is a school year and school_year matches it (a malformed school_year is the
    schema's single error, not a second one here)."""
    year = get(plan.data, "school_year")
    stem = plan.path.stem
    if not re.match(r"^\d{4}-\d{4}$", stem):
        findings.append(
            Finding(plan.rel, 1, 1, Severity.error, "file-name",
                    f"Tên tệp “{plan.path.name}” không theo dạng năm học.",
                    "Đặt tên tệp theo năm học, ví dụ 2024-2025.md.",
                    f"{year}.md" if _valid_school_year(year) else None)
        )
    elif _valid_school_year(year) and year != stem:
        line, col = plan.source.value(("school_year",))
        findings.append(
            Finding(plan.rel, line, col, Severity.error, "school-year-mismatch",
                    f"Năm học “{year}” không trùng với tên tệp “{plan.path.name}”.",
                    "Sửa năm học cho khớp tên tệp, hoặc đổi tên tệp.", stem)
        )


def criteria_as_written(plan: PlanSource) -> None:
    """`criterion: 1.10` unquoted is read by YAML as the number 1.1: put back the text the school typed."""
    entries = get(plan.data, "entries")
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        value = get(entry, "criterion")
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = scalar_text(plan.text, plan.source.value(("entries", index, "criterion")))
            if written and re.fullmatch(r"\d+(\.\d+)?", written):
                entry["criterion"] = written


def _unknown_criterion(plan: PlanSource, line: int, col: int, crit: str, framework: Framework,
                       others: Iterable[Framework]) -> Finding:
    """An unknown criterion; when another framework has it, say which and that this plan's has none."""
    having = [f for f in others if f.id != framework.id and crit in f.criteria]
    if not having:
        return Finding(plan.rel, line, col, Severity.error, "unknown-criterion",
                       f"Tiêu chí “{crit}” không có trong bộ “{framework.name}” ({framework.id}).",
                       "Ghi mã tiêu chí dạng <tiêu chuẩn>.<tiêu chí>, ví dụ 1.4.",
                       nearest_criterion(crit, framework.criteria))
    names = ", ".join(f"“{f.name}” ({f.id})" for f in having)
    standard = crit.split(".")[0]
    same = [c for c in framework.criteria if c.split(".")[0] == standard]
    span = (f" Tiêu chuẩn {standard} của bộ này có các tiêu chí {same[0]}–{same[-1]}." if len(same) > 1
            else f" Tiêu chuẩn {standard} của bộ này chỉ có tiêu chí {same[0]}." if same else "")
    return Finding(plan.rel, line, col, Severity.error, "criterion-of-another-framework",
                   f"Tiêu chí “{crit}” có trong bộ {names}, nhưng bộ “{framework.name}” ({framework.id}) "
                   f"của kế hoạch này không có tiêu chí {crit}.{span}",
                   "Nếu kế hoạch theo bộ tiêu chuẩn khác, sửa “framework”; nếu không, bỏ mục này hoặc "
                   "sửa lại mã tiêu chí theo văn bản gốc.")


def check_entries(plan: PlanSource, framework: Framework | None, findings: list[Finding],
                  others: Iterable[Framework] = (), repeats_allowed: bool = False) -> None:
    """Known criteria (naming the framework that has an unknown one), targets, timelines; one row per
    criterion unless the form allows repeats (2026: rows address issues, so two rows may serve one criterion)."""
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
            findings.append(_unknown_criterion(plan, line, col, crit, framework, others))
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
            findings.append(_count_finding(plan.rel, line, col, framework, level, total, possible))


def _count_finding(rel: str, line: int, col: int, framework: Framework, level: int, total: int,
                   possible: int) -> Finding:
    """An error when the catalogue's count is confirmed; a warning saying so when it rests on unverified data."""
    shaky = [c.id for c in framework.criteria.values()
             if framework.criterion_verification(c.id).status is not Confidence.confirmed]
    if not shaky:
        return Finding(rel, line, col, Severity.error, "count-above-framework",
                       f"Bộ “{framework.name}” ({framework.id}) chỉ có {possible} tiêu chí ở Mức {level}.",
                       "Kiểm tra lại tổng số tiêu chí của mức này.", str(possible))
    return Finding(rel, line, col, Severity.warning, "count-unverified",
                   f"Kế hoạch ghi {total} tiêu chí ở Mức {level}; danh mục của trang này đếm {possible} tiêu chí "
                   f"ở Mức {level} trong bộ “{framework.name}” ({framework.id}), nhưng con số đó chưa được "
                   "kiểm chứng với văn bản gốc của Thông tư.",
                   "Chỉ là nhắc nhở: giữ nguyên con số nếu văn bản của nhà trường ghi như vậy; "
                   "chỉ sửa nếu gõ nhầm.")


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


DRAFT_FIX = {
    "number": "Điền số khi văn bản đã được ký và vào sổ. Nếu bản gốc có số nhưng bản chép bị mất, ghi "
              "“number: {lost: true}” (thêm “fragment” nếu còn đọc được một phần).",
    "date": "Điền ngày khi văn bản đã được ký. Nếu bản gốc có ngày nhưng bản chép bị mất, ghi "
            "“date: {lost: true}”; nếu bản gốc chỉ ghi tháng hoặc năm, ghi 2023-09 hoặc 2023.",
    "signer": "Điền khi văn bản đã được ký. Nếu bản gốc có phần chữ ký nhưng bản chép bị mất, ghi "
              "“signer: {lost: true}”.",
}
DRAFT_MESSAGES = {
    "number": "Kế hoạch chưa có số ký hiệu (chưa ban hành).",
    "date": "Kế hoạch chưa có ngày ký (chưa ban hành).",
    "signer": "Kế hoạch chưa có người ký (chưa ban hành).",
}
LOST_MESSAGES = {
    "number": "Số ký hiệu bị mất trong bản gốc",
    "date": "Ngày ký bị mất trong bản gốc",
    "signer": "Phần chữ ký bị mất trong bản gốc",
    "table": "Bảng cải tiến bị mất trong bản gốc",
}
LOST_FIX = ("Trang web và bản PDF ghi rõ là “mất trong bản gốc”. Nếu nhà trường còn giữ bản lưu, "
            "hãy thay dấu “lost” bằng nội dung đúng.")


def _lost_finding(plan: PlanSource, path: tuple[str | int, ...], key: str, value: dict[str, Any]) -> Finding:
    fragment = value.get("fragment")
    kept = f" (còn đọc được: “{fragment}”)." if isinstance(fragment, str) and fragment else "."
    line, col = plan.source.key(path)
    return Finding(plan.rel, line, col, Severity.warning, f"lost-{key}", LOST_MESSAGES[key] + kept, LOST_FIX)


def check_document(plan: PlanSource, findings: list[Finding]) -> None:
    """Warnings that keep a plan publishable but tell the school what is still to fill in: a draft's
    missing number, date or signer (“chưa ban hành”) and, apart from those, what the source lost."""
    data = plan.data if isinstance(plan.data, dict) else {}
    document = data.get("document")
    places: list[tuple[tuple[str | int, ...], str, Any, bool]] = []
    if isinstance(document, dict):
        places += [(("document", key), key, document.get(key), True) for key in ("number", "date")]
    places.append((("signer",), "signer", data.get("signer"), "signer" in data or isinstance(document, dict)))
    for path, key, value, applies in places:
        if not applies:
            continue
        if marks_lost(value) and isinstance(value, dict):
            findings.append(_lost_finding(plan, path, key, value))
        elif value in (None, ""):
            line, col = plan.source.key(path)
            findings.append(Finding(plan.rel, line, col, Severity.warning, f"no-{key}", DRAFT_MESSAGES[key],
                                    DRAFT_FIX[key]))
    check_table(plan, findings)


def check_table(plan: PlanSource, findings: list[Finding]) -> None:
    """A lost table is said once; a lost table with rows is a contradiction; a row with nothing in it is a reminder."""
    table = get(plan.data, "table")
    entries = get(plan.data, "entries")
    if marks_lost(table) and isinstance(table, dict):
        findings.append(_lost_finding(plan, ("table",), "table", table))
        if isinstance(entries, list) and entries:
            line, col = plan.source.key(("entries",))
            findings.append(Finding(plan.rel, line, col, Severity.error, "lost-table-with-entries",
                                    "Bảng cải tiến được ghi là mất trong bản gốc nhưng vẫn có các mục (entries).",
                                    "Nếu bảng còn một phần, bỏ “table: {lost: true}” và đánh dấu mất từng ô "
                                    "hoặc từng tiêu đề cột (label: {lost: true}); nếu mất cả bảng, xóa các mục."))
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and "criterion" in entry and not _has_content(entry):
            line, col = plan.source.key(("entries", index))
            findings.append(Finding(plan.rel, line, col, Severity.warning, "empty-entry",
                                    f"Mục tiêu chí {entry['criterion']} chưa có nội dung; trang web sẽ hiện một "
                                    "dòng trống.",
                                    "Điền nội dung (công việc, người phụ trách, thời gian…) hoặc xóa cả mục này."))


def _has_content(entry: dict[str, Any]) -> bool:
    def filled(value: Any) -> bool:
        if isinstance(value, dict):
            return marks_lost(value) or any(filled(v) for v in value.values())
        if isinstance(value, list):
            return any(filled(v) for v in value)
        return value not in (None, "")

    return any(filled(value) for key, value in entry.items() if key not in ("criterion", "source_note"))


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
        if stripped.startswith(TEMPLATE_REMINDER):
            findings.append(Finding(plan.rel, number, 1, Severity.warning, "template-reminder",
                                    "Còn lời nhắc của kế hoạch mẫu: phần này chưa được viết.",
                                    "Viết nội dung của trường vào đây rồi xóa dòng nhắc (lời nhắc không được "
                                    "xuất bản)."))
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


