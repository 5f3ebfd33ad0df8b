"""Checks of a plan against its form (catalogue/forms): the 2026 form's sections I–VIII and tables IV–VI.

Every rule that rests on catalogue data takes its severity from that data's mark: a rule or heading marked
unverified gives a notice, never an error (severity_for). Messages cite the rule's article and mark.
Takes a PlanSource (plain data + positions), its typed Plan when it passed the schema, and the catalogue;
appends Findings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Finding, Severity
from ..model.catalogue import Catalogue, Confidence, Form, FormRule, Framework, Verification
from ..model.level import LevelRule, compute_level
from ..model.plan import Plan
from ..source.reader import PlanSource
from .rules import get
from .suggest import fold, nearest, nearest_criterion

FORM_ONLY_FIELDS = ("general_info", "issues", "reviews", "organisation")
REQUIRED_BASES = ("self_assessment_report", "previous_plan_review")
SCHOOL_YEAR_END = (8, 31)  # a school year runs September to August (as in rules.check_timeline)
MARK_WORDS = {
    Confidence.confirmed: "đã đối chiếu văn bản chính thức",
    Confidence.secondary: "theo nguồn thứ cấp, chưa đối chiếu văn bản gốc",
    Confidence.unverified: "chưa kiểm chứng",
}


@dataclass
class FormContext:
    plan: PlanSource
    model: Plan | None
    framework: Framework | None
    form: Form | None
    level: str | None  # the school's level (mầm non, tiểu học, …, GDTX)
    catalogue: Catalogue
    today: dt.date | None = None


def is_sectioned(form: Form | None) -> bool:
    """A form with numbered sections (the 2026 form), as opposed to a single table (the 2018 guidance)."""
    return form is not None and form.sectioned


def severity_for(verification: Verification, default: Severity = Severity.warning) -> Severity:
    """A rule resting on unverified data informs (notice); otherwise it has its own severity."""
    return Severity.notice if verification.status is Confidence.unverified else default


def citation(rule: FormRule, catalogue: Catalogue) -> str:
    """“(Biểu 2 Phụ lục V, mục VIII điểm a, Thông tư 57/2026/TT-BGDĐT; theo nguồn thứ cấp, …)”."""
    document = catalogue.documents.get(rule.document)
    where = ", ".join(x for x in (rule.article, document.label if document else rule.document) if x)
    return f"({where}; {MARK_WORDS[rule.verification.status]})"


def form_for(plan: PlanSource, catalogue: Catalogue, findings: list[Finding]) -> Form | None:
    name = get(plan.data, "form")
    if not isinstance(name, str):
        return None
    if name in catalogue.forms:
        return catalogue.forms[name]
    line, col = plan.source.value(("form",))
    findings.append(Finding(plan.rel, line, col, Severity.error, "unknown-form",
                            f"Không có mẫu kế hoạch “{name}” trong danh mục.",
                            "Các mẫu hiện có: " + ", ".join(sorted(catalogue.forms)) + ".",
                            nearest(name, catalogue.forms, cutoff=0.3)))
    return None


def check_form(ctx: FormContext, findings: list[Finding]) -> None:
    if not is_sectioned(ctx.form):
        _unused_form_fields(ctx, findings)
        return
    _school_level(ctx, findings)
    _issues(ctx, findings)
    _rows(ctx, findings)
    _every_criterion(ctx, findings)
    _review_rows(ctx, findings)
    _reviews_after_year(ctx, findings)
    _implementation_levels(ctx, findings)
    _bases(ctx, findings)
    _self_assessment(ctx, findings)
    _titles_of_level(ctx, findings)
    _form_text(ctx, findings)


def _add(ctx: FormContext, findings: list[Finding], path: tuple[Any, ...], severity: Severity, code: str,
         message: str, fix: str = "", suggestion: str | None = None, *, at_key: bool = False) -> None:
    line, col = ctx.plan.source.key(path) if at_key else ctx.plan.source.value(path)
    findings.append(Finding(ctx.plan.rel, line, col, severity, code, message, fix, suggestion))


# --------------------------------------------------------------------------- which form


def _unused_form_fields(ctx: FormContext, findings: list[Finding]) -> None:
    """2026-only fields in a plan without the 2026 form are not printed: say so rather than drop them silently."""
    sectioned = [f for f in ctx.catalogue.forms.values() if is_sectioned(f)]
    suggestion = sectioned[0].id if sectioned else None
    for key in FORM_ONLY_FIELDS:
        if get(ctx.plan.data, key) not in (None, [], {}):
            _add(ctx, findings, (key,), Severity.warning, "form-field-unused",
                 f"Trường “{key}” chỉ dùng cho mẫu kế hoạch năm 2026; kế hoạch này chưa ghi “form” nên nội dung "
                 "này sẽ không được in.", f"Thêm dòng “form: {suggestion}” nếu kế hoạch lập theo mẫu năm 2026.",
                 suggestion, at_key=True)
    framework = ctx.framework
    if framework and suggestion and get(ctx.plan.data, "form") is None and any(
            f.document == framework.document for f in sectioned):
        form = next(f for f in sectioned if f.document == framework.document)
        _add(ctx, findings, ("framework",), severity_for(form.verification, Severity.warning), "form-missing",
             f"Kế hoạch dùng bộ tiêu chí “{framework.id}” nhưng vẫn trình bày theo bảng năm 2018.",
             f"Từ bộ tiêu chí này, kế hoạch lập theo mẫu “{form.name}”: thêm dòng “form: {form.id}”.", form.id)


def _school_level(ctx: FormContext, findings: list[Finding]) -> None:
    form, framework, level = ctx.form, ctx.framework, ctx.level
    assert form is not None
    if framework is not None and framework.document != form.document:
        fitting = next((f.id for f in ctx.catalogue.frameworks.values() if f.document == form.document), None)
        _add(ctx, findings, ("form",), Severity.warning, "form-framework-mismatch",
             f"Mẫu “{form.id}” đi với bộ tiêu chí của cùng văn bản, nhưng kế hoạch dùng bộ “{framework.id}”.",
             f"Ghi “framework: {fitting}” trong kế hoạch." if fitting else "", fitting)
    if level and level not in [lv.value for lv in form.school_levels]:
        _add(ctx, findings, ("form",), severity_for(form.verification), "form-level",
             f"Danh mục chưa ghi mẫu “{form.id}” áp dụng cho cấp học “{level}” "
             f"({MARK_WORDS[form.verification.status]}).", "Kiểm tra lại với văn bản quy định.")
    if level and framework and level not in [lv.value for lv in framework.school_levels]:
        _add(ctx, findings, ("form",), severity_for(framework.verification), "framework-level",
             f"Bộ tiêu chí “{framework.id}” không có phụ lục cho cấp học “{level}”.",
             "Kiểm tra cấp học trong school.yml và bộ tiêu chí của kế hoạch.")


# --------------------------------------------------------------------------- IV and V


def _issue_ids(ctx: FormContext) -> list[str]:
    issues = get(ctx.plan.data, "issues")
    if not isinstance(issues, list):
        return []
    return [str(get(i, "id")) if get(i, "id") is not None else str(n) for n, i in enumerate(issues, start=1)]


def _issues(ctx: FormContext, findings: list[Finding]) -> None:
    issues = get(ctx.plan.data, "issues")
    if not isinstance(issues, list) or not issues:
        _add(ctx, findings, ("issues",), Severity.warning, "no-issues",
             "Kế hoạch chưa có vấn đề trọng tâm nào ở mục IV.",
             "Thêm “issues:” với tiêu chuẩn, tiêu chí liên quan, hiện trạng, hạn chế, nguyên nhân.", at_key=True)
        return
    seen: set[str] = set()
    for index, (issue, key) in enumerate(zip(issues, _issue_ids(ctx), strict=True)):
        if key in seen:
            _add(ctx, findings, ("issues", index, "id"), Severity.error, "duplicate-issue",
                 f"Mã vấn đề “{key}” đã dùng cho một vấn đề khác.", "Đặt cho mỗi vấn đề một mã riêng.")
        seen.add(key)
        _issue_standard(ctx, index, issue, findings)


def _issue_standard(ctx: FormContext, index: int, issue: Any, findings: list[Finding]) -> None:
    framework = ctx.framework
    if framework is None:
        return
    standards = {s.id: s for s in framework.standards}
    standard = get(issue, "standard")
    standard = str(standard) if standard is not None else None
    if standard is None:
        _add(ctx, findings, ("issues", index), Severity.warning, "issue-no-standard",
             f"Vấn đề {index + 1} ở mục IV chưa ghi tiêu chuẩn.",
             "Thêm “standard: …” (số tiêu chuẩn, ví dụ 2).", at_key=True)
    elif standard not in standards:
        _add(ctx, findings, ("issues", index, "standard"), Severity.error, "unknown-standard",
             f"Bộ “{framework.id}” không có tiêu chuẩn “{standard}”.",
             "Các tiêu chuẩn: " + ", ".join(standards) + ".", nearest(standard, standards, cutoff=0.3))
    criteria = get(issue, "related_criteria")
    for position, crit in enumerate(criteria if isinstance(criteria, list) else []):
        crit = str(crit)
        path = ("issues", index, "related_criteria", position)
        if crit not in framework.criteria:
            _add(ctx, findings, path, Severity.error, "unknown-criterion",
                 f"Tiêu chí “{crit}” không có trong bộ “{framework.name}” ({framework.id}).",
                 "Ghi mã tiêu chí dạng <tiêu chuẩn>.<tiêu chí>, ví dụ 2.3, trong ngoặc kép.",
                 nearest_criterion(crit, framework.criteria))
        elif standard in standards and crit.split(".")[0] != standard:
            _add(ctx, findings, path, Severity.warning, "criterion-outside-standard",
                 f"Tiêu chí {crit} không thuộc tiêu chuẩn {standard} của vấn đề này.",
                 "Kiểm tra lại tiêu chuẩn hoặc tiêu chí.", crit.split(".")[0])


def _rows(ctx: FormContext, findings: list[Finding]) -> None:
    entries = get(ctx.plan.data, "entries")
    ids = _issue_ids(ctx)
    addressed: set[str] = set()
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        issue = get(entry, "issue")
        if issue is None:
            _add(ctx, findings, ("entries", index), Severity.warning, "row-without-issue",
                 f"Dòng {index + 1} của mục V chưa ghi vấn đề ở mục IV mà nó giải quyết.",
                 "Thêm “issue: …” với mã vấn đề ở mục IV.", ids[0] if len(ids) == 1 else None, at_key=True)
        elif str(issue) not in ids:
            _add(ctx, findings, ("entries", index, "issue"), Severity.error, "unknown-issue",
                 f"Mục IV không có vấn đề “{issue}”.",
                 "Các mã vấn đề: " + (", ".join(ids) or "(chưa có)") + ".", nearest(str(issue), ids, cutoff=0.3))
        else:
            addressed.add(str(issue))
    issues = get(ctx.plan.data, "issues")
    for index, key in enumerate(ids):
        if key not in addressed and isinstance(issues, list):
            _add(ctx, findings, ("issues", index), Severity.warning, "issue-without-row",
                 f"Vấn đề “{key}” ở mục IV chưa có dòng nào ở mục V giải quyết.",
                 f"Thêm ở mục V (entries) một dòng có “issue: {key}”, hoặc bỏ vấn đề này.", at_key=True)


def _listed_criteria(ctx: FormContext) -> set[str]:
    listed: set[str] = set()
    for issue in get(ctx.plan.data, "issues") or []:
        listed |= {str(c) for c in (get(issue, "related_criteria") or [])}
    if ctx.model is not None:
        listed |= {e.criterion for e in ctx.model.entries}
    return listed


def _every_criterion(ctx: FormContext, findings: list[Finding]) -> None:
    assert ctx.form is not None
    rule = ctx.form.rule("priority-issues-only")
    if rule is None or ctx.framework is None:
        return
    if set(ctx.framework.criteria) <= _listed_criteria(ctx):
        _add(ctx, findings, ("issues",), severity_for(rule.verification, Severity.warning), "every-criterion",
             f"Kế hoạch nêu cả {len(ctx.framework.criteria)} tiêu chí. Mẫu yêu cầu: “{rule.text}” "
             f"{citation(rule, ctx.catalogue)}.",
             "Chỉ giữ ở mục IV các vấn đề ưu tiên, có tác động trực tiếp đến chất lượng giáo dục.", at_key=True)


# --------------------------------------------------------------------------- VI


def _review_rows(ctx: FormContext, findings: list[Finding]) -> None:
    ids = _issue_ids(ctx)
    for r_index, review in enumerate(get(ctx.plan.data, "reviews") or []):
        for index, row in enumerate(get(review, "rows") or []):
            issue = get(row, "issue")
            if issue is not None and str(issue) not in ids:
                _add(ctx, findings, ("reviews", r_index, "rows", index, "issue"), Severity.error, "unknown-issue",
                     f"Mục IV không có vấn đề “{issue}”.", "Các mã vấn đề: " + (", ".join(ids) or "(chưa có)") + ".",
                     nearest(str(issue), ids, cutoff=0.3))


def review_dates(model: Plan) -> set[dt.date]:
    """Dates of the reviews that took place: mục VI and the rows' own reviews (the same data)."""
    dates = {r.date for r in model.reviews if r.date is not None and r.rows}
    return dates | {r.date for e in model.entries for r in e.reviews}


def _reviews_after_year(ctx: FormContext, findings: list[Finding]) -> None:
    assert ctx.form is not None
    rule = ctx.form.rule("min-two-reviews")
    if rule is None or ctx.model is None:
        return
    minimum = int((rule.data or {}).get("min_reviews_per_year", 2))
    month, day = SCHOOL_YEAR_END
    ended = dt.date(ctx.model.first_year + 1, month, day)
    today = ctx.today or dt.date.today()
    count = len(review_dates(ctx.model))
    if today > ended and count < minimum:
        _add(ctx, findings, ("reviews",), severity_for(rule.verification, Severity.warning), "too-few-reviews",
             f"Năm học {ctx.model.school_year} đã kết thúc mà kế hoạch mới ghi {count} lần rà soát có ngày. "
             f"Mẫu yêu cầu: “{rule.text}” {citation(rule, ctx.catalogue)}.",
             "Ghi ở mục VI (reviews) mỗi lần rà soát: ngày, nội dung theo dõi, kết quả, điều chỉnh, người đánh giá.",
             at_key=True)


def _implementation_levels(ctx: FormContext, findings: list[Finding]) -> None:
    assert ctx.form is not None
    section = ctx.form.section("V")
    column = section.column("implementation_level") if section else None
    if section is None or column is None or not column.allowed_values:
        return
    verification = ctx.form.column_verification(section, column)
    allowed = column.allowed_values
    for index, entry in enumerate(get(ctx.plan.data, "entries") or []):
        value = get(entry, "implementation_level")
        if isinstance(value, str) and value.strip() not in allowed:
            _add(ctx, findings, ("entries", index, "implementation_level"), severity_for(verification),
                 "implementation-level",
                 f"“{value}” không thuộc các mức độ thực hiện của mẫu: " + ", ".join(f"“{a}”" for a in allowed)
                 + f" ({MARK_WORDS[verification.status]}).", "Dùng một trong các mức trên.",
                 nearest(value, allowed, cutoff=0.3))


# --------------------------------------------------------------------------- II, self-assessment, titles, text


def _bases(ctx: FormContext, findings: list[Finding]) -> None:
    assert ctx.form is not None
    section = ctx.form.section("II")
    if section is None:
        return
    kinds = {get(b, "kind") for b in get(ctx.plan.data, "legal_bases") or []}
    for item in section.items:
        if item.key in REQUIRED_BASES and item.key not in kinds:
            _add(ctx, findings, ("legal_bases",), severity_for(ctx.form.section_verification(section)),
                 "missing-basis", f"Mục II chưa có căn cứ “{item.label} {item.text}”.",
                 f"Thêm vào legal_bases một căn cứ có “kind: {item.key}”.", at_key=True)


def _self_assessment(ctx: FormContext, findings: list[Finding]) -> None:
    framework, form, model = ctx.framework, ctx.form, ctx.model
    results = get(ctx.plan.data, "self_assessment", "results")
    if framework is None or form is None or not isinstance(results, list) or not results:
        return
    base = ("self_assessment", "results")
    counted = Counter(str(get(r, "criterion")) for r in results)
    for index, row in enumerate(results):
        crit = str(get(row, "criterion"))
        if crit not in framework.criteria:
            _add(ctx, findings, (*base, index, "criterion"), Severity.error, "unknown-criterion",
                 f"Tiêu chí “{crit}” không có trong bộ “{framework.name}” ({framework.id}).",
                 "Ghi mã tiêu chí trong ngoặc kép, ví dụ \"1.3\".", nearest_criterion(crit, framework.criteria))
        elif counted[crit] > 1:
            _add(ctx, findings, (*base, index, "criterion"), Severity.error, "duplicate-criterion",
                 f"Tiêu chí {crit} có hai kết quả tự đánh giá.", "Giữ một kết quả cho mỗi tiêu chí.")
        order = form.rule("level-2-after-level-1")
        if order and get(row, "level_2") == "Đạt" and get(row, "level_1") != "Đạt":
            _add(ctx, findings, (*base, index, "level_2"), severity_for(order.verification), "level-2-before-1",
                 f"Tiêu chí {crit} ghi đạt Mức 2 mà chưa đạt Mức 1. “{order.text}” {citation(order, ctx.catalogue)}.",
                 "Kiểm tra lại kết quả Mức 1 của tiêu chí.")
    if model is not None:
        _declared_level(ctx, model, framework, form, findings)


def _declared_level(ctx: FormContext, model: Plan, framework: Framework, form: Form,
                    findings: list[Finding]) -> None:
    rule = form.rule("level-computation")
    sa = model.self_assessment
    if rule is None or sa is None:
        return
    result = compute_level(list(framework.criteria), sa.results, LevelRule.from_data(rule.data,
                                                                                     framework.mandatory_criteria))
    missing = [c for c in framework.criteria if c not in {r.criterion for r in sa.results}]
    if missing:
        _add(ctx, findings, ("self_assessment", "results"), severity_for(rule.verification), "criteria-not-assessed",
             f"Kết quả tự đánh giá chưa có các tiêu chí: {', '.join(missing)}; "
             + ("không xác định được mức của trường." if result.level is None else "mức của trường vẫn xác định được."),
             "Thêm kết quả Mức 1, Mức 2 của các tiêu chí này.", at_key=True)
    if sa.level is not None and result.level is not None and sa.level != result.level:
        computed = f"Mức {result.level}" if result.level else "chưa đạt Mức 1"
        _add(ctx, findings, ("self_assessment", "level"), severity_for(rule.verification), "level-mismatch",
             f"Kế hoạch ghi trường đạt Mức {sa.level}, nhưng theo kết quả từng tiêu chí trường {computed}. "
             f"Quy tắc: “{rule.text}” {citation(rule, ctx.catalogue)}.",
             "Kiểm tra lại mức ghi trong kế hoạch hoặc kết quả từng tiêu chí.",
             str(result.level) if result.level else None)


def _titles_of_level(ctx: FormContext, findings: list[Finding]) -> None:
    """A criterion title copied from another appendix (e.g. Phụ lục II in a mầm non plan) gets the right one."""
    framework, level = ctx.framework, ctx.level
    if framework is None or not framework.appendices or level is None:
        return
    for index, entry in enumerate(get(ctx.plan.data, "entries") or []):
        title, crit = get(entry, "criterion_title"), framework.criteria.get(str(get(entry, "criterion")))
        if not isinstance(title, str) or crit is None or fold(title) == fold(crit.title_for(level)):
            continue
        others = {lv: crit.title_for(lv) for lv in framework.appendices if lv != level}
        other = next((lv for lv, t in others.items() if fold(t) == fold(title)), None)
        if other:
            _add(ctx, findings, ("entries", index, "criterion_title"), Severity.warning, "title-of-other-level",
                 f"Tên tiêu chí {crit.id} này theo {framework.appendices[other]} ({other}); trường {level} dùng "
                 f"{framework.appendices.get(level, 'phụ lục của cấp học')}.", "Sửa tên tiêu chí theo đúng phụ lục.",
                 crit.title_for(level))


def _form_text(ctx: FormContext, findings: list[Finding]) -> None:
    """What the form does not print: the 2018 table layout, and a Markdown body (printed after mục VIII)."""
    if isinstance(get(ctx.plan.data, "table"), dict):
        _add(ctx, findings, ("table",), Severity.warning, "table-ignored",
             "Mẫu năm 2026 có sẵn các cột của mục V nên phần “table” (cột của bảng năm 2018) không được dùng.",
             "Xóa phần “table”.", at_key=True)
    if ctx.plan.body.strip():
        findings.append(Finding(ctx.plan.rel, ctx.plan.body_line, 1, Severity.notice, "body-after-form",
                                "Phần nội dung sau dòng “---” thứ hai được in sau mục VIII, trước phần ký.",
                                "Nếu nội dung thuộc một mục của mẫu, hãy chuyển vào trường tương ứng."))
