"""Validation: raw sources -> typed project plus findings.

Two layers, both reported in one run:
- the schema (pydantic, from model.py), whose errors are translated into Vietnamese;
- checks against the catalogue and the file layout (criteria, years, dates, references).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .catalogue import Catalogue, Framework, load_catalogue
from .diagnostics import Finding, Severity
from .history import read_history
from .model import Plan, School
from .ownership import owner_findings
from .reader import PlanSource, SchoolSource, Sources, read_sources
from .structure import PlanDoc, Project, SchoolDoc
from .suggest import nearest, nearest_criterion
from .yamlsource import Path as DataPath
from .yamlsource import SourceMap

MARKERS = ("<!-- legal-bases -->", "<!-- improvement-table -->")
FIELD_NAMES_VI = {
    "school_year": "năm học",
    "document": "phần đầu văn bản",
    "title": "trích yếu",
    "criterion": "tiêu chí",
    "name": "tên",
    "level": "cấp học / mức",
    "framework": "bộ tiêu chuẩn",
    "position": "chức vụ",
    "governing_body": "cơ quan chủ quản",
    "text": "nội dung",
    "date": "ngày",
    "status": "tình trạng",
}


# --------------------------------------------------------------------------- schema layer


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated/list to reach the model class used at a path."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap(arg)
    return annotation


def model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping found at loc."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = info.annotation
    current = _unwrap(current)
    if typing.get_origin(current) is list:
        current = _unwrap(typing.get_args(current)[0])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_label(name: str | int) -> str:
    return FIELD_NAMES_VI.get(str(name), str(name))


def _iso_guess(value: Any) -> str | None:
    """"10/10/2024" -> "2024-10-10"; "2024-2-3" -> "2024-02-03", when that date exists."""
    text = str(value).strip()
    patterns = ((r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", "dmy"), (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "ymd"))
    for pattern, order in patterns:
        match = re.match(pattern, text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            year, month, day = (c, b, a) if order == "dmy" else (a, b, c)
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def _month_guess(value: Any) -> str | None:
    match = re.match(r"^\s*(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})\s*$", str(value), re.IGNORECASE)
    if match and 1 <= int(match.group(1)) <= 12:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.match(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*$", str(value))
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def _translate(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, str, str, str | None, bool]:
    """(code, message, fix, suggestion, point at key?) for one pydantic error."""
    kind = error["type"]
    loc: DataPath = tuple(error["loc"])
    name = loc[-1] if loc else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return (
            "missing-field",
            f"Thiếu trường bắt buộc “{name}” ({_field_label(name)}).",
            f"Thêm dòng “{name}: …” vào đây.",
            None,
            True,
        )
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        return (
            "unknown-field",
            f"Không có trường nào tên “{name}” ở vị trí này; nội dung của nó sẽ không được xuất bản.",
            "Sửa lại tên trường cho đúng (có thể gõ nhầm) hoặc xóa dòng này.",
            nearest(str(name), allowed),
            True,
        )
    if kind == "enum":
        expected = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return (
            "invalid-value",
            f"Giá trị “{value}” không hợp lệ cho “{name}”.",
            "Các giá trị được chấp nhận: " + ", ".join(f"“{e}”" for e in expected) + ".",
            nearest(str(value), expected, cutoff=0.3),
            False,
        )
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        return (
            "invalid-date",
            f"Ngày “{value}” không tồn tại hoặc không đúng dạng.",
            "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-10-10, và kiểm tra ngày có thật trong lịch.",
            _iso_guess(value),
            False,
        )
    if kind == "string_pattern_mismatch":
        if name == "school_year":
            match = re.match(r"^\D*(\d{4})\D+(\d{2,4})\D*$", str(value))
            guess = f"{match.group(1)}-{int(match.group(1)) + 1}" if match else None
            return ("invalid-school-year", f"Năm học “{value}” không đúng dạng.",
                    "Viết năm học dạng 2024-2025.", guess, False)
        return ("invalid-month", f"Tháng “{value}” không đúng dạng.",
                "Viết tháng dạng NĂM-THÁNG, ví dụ 2024-09.", _month_guess(value), False)
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        digits = re.sub(r"\D", "", str(value))
        return (
            "not-a-number",
            f"“{value}” không phải là một số nguyên.",
            "Chỉ ghi chữ số, không có dấu chấm, dấu phẩy hay chữ (số tiền ghi theo đồng); "
            "cách ghi bằng chữ đặt vào trường “text”.",
            digits if digits and digits != str(value) else None,
            False,
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "nhỏ hơn" if kind.startswith("greater") else "lớn hơn"
        return ("out-of-range", f"Giá trị {value} của “{name}” không được {word} {bound}.",
                "Kiểm tra lại con số.", str(bound), False)
    if kind in {"string_type"}:
        return ("not-text", f"“{name}” phải là một đoạn chữ.",
                "Đặt nội dung trong ngoặc kép, hoặc bỏ dấu gạch đầu dòng nếu chỉ có một ý.", None, False)
    if kind in {"list_type"}:
        return ("not-a-list", f"“{name}” phải là một danh sách.",
                "Viết mỗi ý trên một dòng, bắt đầu bằng “- ”.", None, False)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return ("not-a-mapping", f"“{name}” phải gồm các trường con (dạng “tên: giá trị”).",
                "Xem mẫu trong hướng dẫn và viết các trường con thụt vào hai dấu cách.", None, False)
    if kind == "too_short":
        return ("empty-list", f"“{name}” không được để trống.", "Thêm ít nhất một mục.", None, False)
    if kind == "value_error":
        return _translate_value_error(str(ctx.get("error", error.get("msg", ""))), name)
    return ("invalid", f"Giá trị của “{name}” không hợp lệ.", "Xem lại theo hướng dẫn nhập liệu.", None, False)


def _translate_value_error(code: str, name: str | int) -> tuple[str, str, str, str | None, bool]:
    messages = {
        "school_year_not_consecutive": (
            "invalid-school-year", "Năm học phải gồm hai năm liên tiếp.", "Ví dụ 2024-2025."),
        "timeline_reversed": (
            "timeline-reversed", "Tháng bắt đầu nằm sau tháng kết thúc.", "Đổi chỗ “start” và “end”."),
        "met_above_total": (
            "count-above-total", "Số tiêu chí đạt lớn hơn tổng số tiêu chí.", "Kiểm tra lại hai con số."),
        "website_scheme": (
            "invalid-url", "Địa chỉ trang web không hợp lệ.", "Viết đầy đủ, bắt đầu bằng https://"),
    }
    for key, (code_out, message, fix) in messages.items():
        if key in code:
            return code_out, message, fix, None, False
    return ("invalid", f"Giá trị của “{name}” không hợp lệ.", "Xem lại theo hướng dẫn nhập liệu.", None, False)


def schema_findings(
    model: type[BaseModel], data: Any, rel: str, source: SourceMap
) -> tuple[BaseModel | None, list[Finding]]:
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        findings = []
        for error in err.errors():
            loc: DataPath = tuple(error["loc"])
            code, message, fix, suggestion, at_key = _translate(error, model)
            if code == "missing-field":
                line, col = source.key(loc[:-1]) if loc[:-1] else (1 + source.line_offset, 1)
            else:
                line, col = source.key(loc) if at_key else source.value(loc)
            findings.append(Finding(rel, line, col, Severity.error, code, message, fix, suggestion))
        return None, findings


# --------------------------------------------------------------------------- catalogue layer


def _get(data: Any, *path: str | int) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _framework_for(
    plan: PlanSource, school: SchoolSource | None, catalogue: Catalogue, findings: list[Finding]
) -> Framework | None:
    """The plan's framework, or the school's default; an unknown plan-level one is reported here
    (an unknown school-level one is reported once, on school.yml)."""
    own = _get(plan.data, "framework")
    name = own if isinstance(own, str) else _get(school.data if school else None, "framework")
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


def _check_year(plan: PlanSource, findings: list[Finding]) -> None:
    year = _get(plan.data, "school_year")
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


def _check_entries(plan: PlanSource, framework: Framework | None, findings: list[Finding]) -> None:
    entries = _get(plan.data, "entries")
    if not isinstance(entries, list):
        return
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        crit = _get(entry, "criterion")
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
        if crit in seen:
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "duplicate-criterion",
                        f"Tiêu chí “{crit}” đã có ở dòng {seen[crit]}; mỗi tiêu chí chỉ ghi một lần.",
                        "Gộp nội dung của hai mục vào một mục rồi xóa mục thừa.")
            )
        else:
            seen[crit] = line
        if framework is not None and crit in framework.criteria:
            _check_target(plan, index, entry, framework, findings)
        _check_timeline(plan, index, entry, findings)


def _check_target(plan: PlanSource, index: int, entry: Any, framework: Framework, findings: list[Finding]) -> None:
    level = _get(entry, "target", "level")
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


def _check_timeline(plan: PlanSource, index: int, entry: Any, findings: list[Finding]) -> None:
    year = _get(plan.data, "school_year")
    if not (isinstance(year, str) and re.match(r"^\d{4}-\d{4}$", year)):
        return
    first = int(year[:4])
    # A school year runs from September to August; allow one year either side.
    earliest, latest = (first - 1, 9), (first + 2, 8)
    for key in ("start", "end"):
        month = _month_value(_get(entry, "timeline", key))
        if month and not (earliest <= month <= latest):
            line, col = plan.source.value(("entries", index, "timeline", key))
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "timeline-outside-year",
                        f"Tháng {month[1]:02d}/{month[0]} cách năm học {year} hơn một năm.",
                        "Kiểm tra lại năm (có thể gõ nhầm), hoặc chuyển việc này sang kế hoạch của năm học khác.",
                        f"{first if month[1] >= 9 else first + 1}-{month[1]:02d}")
            )


def _check_counts(plan: PlanSource, framework: Framework | None, findings: list[Finding]) -> None:
    counts = _get(plan.data, "self_assessment", "counts")
    if framework is None or not isinstance(counts, list):
        return
    for index, count in enumerate(counts):
        total, level = _get(count, "total"), _get(count, "level")
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


def _check_references(plan: PlanSource, catalogue: Catalogue, findings: list[Finding]) -> None:
    bases = _get(plan.data, "legal_bases")
    if not isinstance(bases, list) or not catalogue.documents:
        return
    for index, basis in enumerate(bases):
        ref = _get(basis, "ref")
        if isinstance(ref, str) and ref not in catalogue.documents:
            line, col = plan.source.value(("legal_bases", index, "ref"))
            findings.append(
                Finding(plan.rel, line, col, Severity.error, "unknown-document",
                        f"Không có văn bản “{ref}” trong danh mục văn bản pháp lý.",
                        "Dùng mã trong catalogue/legal-documents.yml, hoặc bỏ “ref” và chỉ giữ “text”.",
                        nearest(ref, catalogue.documents, cutoff=0.3))
            )


def _check_document(plan: PlanSource, findings: list[Finding]) -> None:
    """Warnings that keep a plan publishable but tell the school what is still to fill in."""
    for key, message in (
        ("number", "Kế hoạch chưa có số ký hiệu."),
        ("date", "Kế hoạch chưa có ngày ký."),
    ):
        if isinstance(_get(plan.data, "document"), dict) and _get(plan.data, "document", key) in (None, ""):
            line, col = plan.source.key(("document", key))
            findings.append(Finding(plan.rel, line, col, Severity.warning, f"no-{key}", message,
                                    "Hãy bổ sung khi văn bản đã được ký và vào sổ."))


def _check_body(plan: PlanSource, findings: list[Finding]) -> None:
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
        if re.search(r"[\u3400-\u9fff]", line):
            findings.append(Finding(plan.rel, number, 1, Severity.warning, "foreign-script",
                                    "Có chữ Hán trong văn bản, có thể do lỗi chuyển đổi tệp.",
                                    "Đối chiếu với bản gốc và sửa lại."))


def _school_findings(school: SchoolSource, catalogue: Catalogue) -> tuple[School | None, list[Finding]]:
    model, findings = schema_findings(School, school.data, school.rel, school.source)
    framework = _get(school.data, "framework")
    if isinstance(framework, str) and framework not in catalogue.frameworks:
        line, col = school.source.value(("framework",))
        findings.append(_unknown_framework(school.rel, line, col, framework, catalogue))
    if isinstance(model, School) and model.name is None and not model.name_note:
        line, col = school.source.key(("name",))
        findings.append(Finding(school.rel, line, col, Severity.error, "missing-field",
                                "Tên trường để trống mà không có ghi chú lý do.",
                                "Ghi tên trường, hoặc thêm “name_note” giải thích vì sao chưa rõ tên."))
    return model if isinstance(model, School) else None, findings


# --------------------------------------------------------------------------- driver


def validate_sources(sources: Sources, catalogue: Catalogue, root: Path) -> Project:
    project = Project(root=root, catalogue=catalogue, findings=list(sources.findings), files=sources.files)
    for slug, school_source in sources.schools.items():
        if school_source.data is None and not any(f.path == school_source.rel for f in project.findings):
            project.findings.append(Finding(school_source.rel, 1, 1, Severity.error, "empty-file",
                                            "Tệp school.yml trống.", "Điền thông tin trường theo mẫu."))
            continue
        if school_source.data is None:
            continue
        school, findings = _school_findings(school_source, catalogue)
        project.findings.extend(findings)
        if school is not None:
            project.schools[slug] = SchoolDoc(slug, school_source.rel, school)
    missing = {p.school_slug for p in sources.plans} - set(sources.schools)
    for slug in sorted(missing):
        project.findings.append(
            Finding(f"plans/{slug}", 1, 1, Severity.error, "school-file-missing",
                    f"Thư mục trường “{slug}” không có tệp school.yml.",
                    f"Tạo tệp plans/{slug}/school.yml với tên trường, cấp học, cơ quan chủ quản và bộ tiêu chuẩn.")
        )
    history = read_history(root) if sources.plans else {}
    for plan_source in sources.plans:
        doc = _validate_plan(plan_source, sources.schools.get(plan_source.school_slug), project)
        if doc is not None:
            doc.history = history.get(doc.rel)
            project.plans.append(doc)
    project.findings.extend(owner_findings(root, {*sources.schools, *(p.school_slug for p in sources.plans)}))
    project.findings.sort(key=Finding.sort_key)
    return project


def _validate_plan(plan: PlanSource, school: SchoolSource | None, project: Project) -> PlanDoc | None:
    findings = project.findings
    if plan.data is None:
        return None
    if not isinstance(plan.data, dict):
        findings.append(Finding(plan.rel, 2, 1, Severity.error, "front-matter-not-mapping",
                                "Phần thông tin đầu tệp phải gồm các dòng “tên: giá trị”.",
                                "Xem tệp mẫu trong hướng dẫn."))
        return None
    model, schema_errors = schema_findings(Plan, plan.data, plan.rel, plan.source)
    findings.extend(schema_errors)
    framework = _framework_for(plan, school, project.catalogue, findings)
    before = len(project.errors)
    _check_year(plan, findings)
    _check_entries(plan, framework, findings)
    _check_counts(plan, framework, findings)
    _check_references(plan, project.catalogue, findings)
    _check_document(plan, findings)
    _check_body(plan, findings)
    school_doc = project.schools.get(plan.school_slug)
    if not isinstance(model, Plan) or framework is None or school_doc is None or schema_errors:
        return None
    if len(project.errors) > before:
        return None
    return PlanDoc(school_doc, plan.rel, model, framework, plan.body, plan.text, plan.path)


def load_project(root: Path, only: list[Path] | None = None) -> Project:
    """load -> validate -> typed model, in one call."""
    catalogue = load_catalogue(root)
    return validate_sources(read_sources(root, only), catalogue, root)
