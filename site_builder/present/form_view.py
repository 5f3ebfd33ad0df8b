"""The form-aware part of a plan's view: the 2026 form (catalogue/forms/tt-2026.yml), section by section.

Section titles, column headings and the prescribed texts (III, VIII) come from the form data; the school's
content comes from the plan. The web page and the PDF render the same FormView (PlanView.form), so they
cannot disagree. Column keys are stable (catalogue/forms/README.md); each maps to a plan field here.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.catalogue import Criterion, Form, FormItem, FormSection, Framework, SectionKind, Verification
from ..model.level import LevelResult, LevelRule, compute_level
from ..model.plan import Entry, Issue, LegalBasis, Plan, PlanReview, Review, Status
from ..model.project import PlanDoc
from .formats import date_vi, timeline_vi
from .sanitize import text_html
from .view import cell_html, extra_cells

# Columns of mục V: form column key -> Entry field shown by present.view.cell_html (TT is the row number).
ROW_FIELDS = {
    "improvement_content": "content",
    "improvement_objective": "objective",
    "activities": "actions",
    "result_indicators": "indicators",
    "timeline": "timeline",
    "responsible": "lead_partners",
    "resources": "resources",
    "expected_evidence": "evidence",
    "implementation_level": "implementation_level",
}
RESULT_WORDS = {True: "Đạt", False: "Chưa đạt", None: "Chưa đánh giá"}
STATUS_WORDS = {Status.not_started: "Chưa thực hiện", Status.in_progress: "Đang thực hiện",
                Status.done: "Đã hoàn thành"}
MISSING = '<span class="kh-missing">(chưa ghi)</span>'


@dataclass
class ItemView:
    label: str
    text: str  # the form's words: a sub-heading to fill, or prescribed text
    html: str = ""  # the school's content for this item
    items: list[ItemView] = field(default_factory=list)


@dataclass
class ColumnView:
    key: str
    heading: str
    number: int | None
    verification: Verification | None  # only when the column has its own mark


@dataclass
class CellView:
    key: str
    html: str
    rowspan: int = 1


@dataclass
class TableRow:
    cells: list[CellView]
    anchor: str | None = None
    extras: list[tuple[str, str]] = field(default_factory=list)  # (label, html) the columns do not show


@dataclass
class SectionView:
    number: str
    title: str
    kind: str
    verification: Verification
    items: list[ItemView] = field(default_factory=list)
    columns: list[ColumnView] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    after_html: str = ""  # the school's extra text after the items
    after_text: str = ""  # the form's note after a table
    empty: str = ""  # what to print when a table has no row

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def anchor(self) -> str:
        return f"muc-{self.number.lower()}"

    @property
    def is_table(self) -> bool:
        return self.kind == SectionKind.table.value


@dataclass
class LevelRow:
    criterion: str
    title: str
    mandatory: bool
    level_1: str
    level_2: str


@dataclass
class LevelView:
    """The school's level computed from its per-criterion results, with the rule's citation and mark."""

    text: str
    counts: list[str]
    rows: list[LevelRow]
    rule_text: str
    citation: str
    verification: Verification
    declared: str | None
    undetermined: bool


@dataclass
class FormView:
    form_id: str
    name: str
    verification: Verification
    appendix: str | None  # e.g. "Phụ lục II": the criteria of the school's level
    sections: list[SectionView]
    level: LevelView | None
    issues: int
    rows: int
    reviews: int


# --------------------------------------------------------------------------- text sections


def _items(items: list[FormItem], fill: Callable[[FormItem], str] | None = None) -> list[ItemView]:
    return [ItemView(i.label, i.text, fill(i) if fill and i.key else "", _items(i.items)) for i in items]


def _general_info(doc: PlanDoc) -> Callable[[FormItem], str]:
    info, school = doc.plan.general_info, doc.school.school
    place = ", ".join(x for x in (school.address, school.commune, school.district, school.province) if x)
    defaults = {"name": doc.school.display_name, "address": place}

    def fill(item: FormItem) -> str:
        value = getattr(info, item.key or "", None) if info else None
        value = value or defaults.get(item.key or "")
        return text_html(value) if value else MISSING

    return fill


def _bases(plan: Plan, keys: set[str]) -> Callable[[FormItem], str]:
    """Each căn cứ under the item of its kind; one without a kind (or of a kind the form lacks) under “other”."""

    def kind(basis: LegalBasis) -> str:
        return basis.kind.value if basis.kind and basis.kind.value in keys else "other"

    def fill(item: FormItem) -> str:
        mine = [b for b in plan.legal_bases if kind(b) == item.key]
        if not mine:
            return MISSING
        return "".join(f"<p>{text_html(b.text)}</p>" for b in mine)

    return fill


def _organisation(plan: Plan) -> Callable[[FormItem], str]:
    def fill(item: FormItem) -> str:
        value = getattr(plan.organisation, item.key or "", None) if plan.organisation else None
        return text_html(value) if value else MISSING

    return fill


def _text_section(doc: PlanDoc, section: FormSection) -> tuple[list[ItemView], str]:
    plan = doc.plan
    if section.kind is SectionKind.prescribed_text:
        return _items(section.items), ""
    keys = {i.key for i in section.items if i.key is not None}
    if "name" in keys:
        details = plan.general_info.details if plan.general_info else None
        return _items(section.items, _general_info(doc)), text_html(details)
    if "self_assessment_report" in keys:
        return _items(section.items, _bases(plan, keys)), ""
    if "head" in keys:
        other = plan.organisation.other if plan.organisation else None
        return _items(section.items, _organisation(plan)), text_html(other)
    return _items(section.items), ""


# --------------------------------------------------------------------------- tables


def _criterion_line(criterion: Criterion, level: str) -> str:
    return f"{html.escape(criterion.id)}. {html.escape(criterion.title_for(level))}"


def _issue_cells(issue: Issue, framework: Framework, level: str) -> dict[str, str]:
    standard = next((s for s in framework.standards if s.id == issue.standard), None)
    criteria = [framework.criteria[c] for c in issue.related_criteria if c in framework.criteria]
    unknown = [c for c in issue.related_criteria if c not in framework.criteria]
    return {
        "tt": html.escape(issue.id or ""),
        "standard": (f"Tiêu chuẩn {html.escape(standard.id)}. {html.escape(standard.title_for(level))}"
                     if standard else text_html(issue.standard)),
        "related_criteria": "<br>".join([_criterion_line(c, level) for c in criteria] + [html.escape(c)
                                                                                        for c in unknown]),
        "current_state": text_html(issue.current_state),
        "limitation": text_html(issue.limitation),
        "cause": text_html(issue.cause),
    }


def _issue_rows(doc: PlanDoc, section: FormSection) -> list[TableRow]:
    rows = []
    for issue in doc.plan.issues:
        cells = _issue_cells(issue, doc.framework, doc.level)
        extras = [("Ghi chú", text_html(issue.note))] if issue.note else []
        rows.append(TableRow([CellView(c.key, cells.get(c.key, "")) for c in section.columns],
                             f"van-de-{issue.id}", extras))
    return rows


def row_fields() -> list[str]:
    """The Entry fields that mục V shows (for PlanView.headings and criterion pages)."""
    return list(ROW_FIELDS.values())


def _row_cell(key: str, number: int, entry: Entry, criterion: Criterion) -> str:
    """One cell of mục V, with the same cell rendering as the 2018 table (view.cell_html)."""
    if key == "tt":
        return str(number)
    if key == "implementation_level":
        return text_html(entry.implementation_level or (STATUS_WORDS[entry.status] if entry.status else ""))
    if key == "improvement_content" and entry.issue:
        ref = f'<br><span class="kh-issue-ref">(Vấn đề {html.escape(entry.issue)}, mục IV)</span>'
        return text_html(entry.content) + ref
    if key == "timeline":
        return text_html(timeline_vi(entry.timeline))
    return cell_html(ROW_FIELDS[key], entry, criterion) if key in ROW_FIELDS else ""


def _entry_rows(doc: PlanDoc, section: FormSection) -> list[TableRow]:
    rows, anchored = [], set()
    shown = [*row_fields(), "status"]
    for number, entry in enumerate(doc.plan.entries, start=1):
        criterion = doc.criterion(entry)
        anchor = f"tieu-chi-{criterion.id.replace('.', '-')}" if criterion.id not in anchored else None
        anchored.add(criterion.id)
        extras = [(c.field, c.html) for c in extra_cells(entry, criterion, shown)]
        cells = [CellView(c.key, _row_cell(c.key, number, entry, criterion)) for c in section.columns]
        rows.append(TableRow(cells, anchor, extras))
    return rows


def _status_note(status: Status | None) -> str:
    return f'<br><em class="kh-review-status">Tình trạng: {STATUS_WORDS[status]}</em>' if status else ""


def _issue_content(plan: Plan, issue: str | None) -> str:
    rows = [e.content for e in plan.entries if e.issue == issue and e.content]
    return "; ".join(rows)


def _review_rows(review: PlanReview, plan: Plan) -> list[TableRow]:
    when = text_html(review.when) or ""
    if review.date:
        when += ("<br>" if when else "") + html.escape(date_vi(review.date))
    if not review.rows:
        note = '<span class="kh-missing">(chưa rà soát)</span>'
        return [TableRow([CellView("review_time", when), CellView("monitored_content", note),
                          CellView("result", ""), CellView("adjustment", ""),
                          CellView("reviewer", text_html(review.reviewer))])]
    rows = []
    for index, row in enumerate(review.rows):
        content = row.content or _issue_content(plan, row.issue)
        prefix = f"Vấn đề {html.escape(row.issue)}: " if row.issue else ""
        cells = [] if index else [CellView("review_time", when, rowspan=len(review.rows))]
        cells += [CellView("monitored_content", prefix + text_html(content)),
                  CellView("result", text_html(row.result) + _status_note(row.status)),
                  CellView("adjustment", text_html(row.adjustment)),
                  CellView("reviewer", text_html(row.reviewer or review.reviewer))]
        rows.append(TableRow(cells))
    return rows


def _entry_reviews(plan: Plan) -> list[TableRow]:
    """Reviews written on the rows themselves (Entry.reviews, not copied from mục VI), grouped by date."""
    by_date: dict[object, list[tuple[int, Entry, Review]]] = {}
    for number, entry in enumerate(plan.entries, start=1):
        for review in entry.reviews:
            if not review.from_plan_review:
                by_date.setdefault(review.date, []).append((number, entry, review))
    rows = []
    for date in sorted(by_date):  # type: ignore[type-var]
        items = by_date[date]
        for index, (number, entry, review) in enumerate(items):
            cells = [] if index else [CellView("review_time", html.escape(date_vi(review.date)), rowspan=len(items))]
            cells += [CellView("monitored_content", f"Dòng {number} mục V: {text_html(entry.content)}"),
                      CellView("result", text_html(review.text) + _status_note(review.status)),
                      CellView("adjustment", ""), CellView("reviewer", "")]
            rows.append(TableRow(cells))
    return rows


def _table(doc: PlanDoc, section: FormSection) -> list[TableRow]:
    keys = {c.key for c in section.columns}
    if "standard" in keys:
        return _issue_rows(doc, section)
    if "improvement_content" in keys:
        return _entry_rows(doc, section)
    if "review_time" in keys:
        return [row for review in doc.plan.reviews for row in _review_rows(review, doc.plan)] + _entry_reviews(
            doc.plan)
    return []


def _columns(form: Form, section: FormSection) -> list[ColumnView]:
    return [ColumnView(c.key, c.heading, c.number, c.verification) for c in section.columns]


def _section(doc: PlanDoc, form: Form, section: FormSection) -> SectionView:
    view = SectionView(section.number or "", section.title, section.kind.value, form.section_verification(section),
                       after_text=section.after_text or "")
    if section.kind is SectionKind.table:
        view.columns = _columns(form, section)
        view.rows = _table(doc, section)
        view.empty = "Chưa có nội dung."
    else:
        view.items, view.after_html = _text_section(doc, section)
    return view


# --------------------------------------------------------------------------- level


def _level_text(result: LevelResult) -> str:
    if result.level is None:
        return (f"Chưa xác định được: còn thiếu kết quả của tiêu chí {', '.join(result.missing)} "
                f"(theo kết quả hiện có, trường đạt ít nhất {_level_words(result.lower)}).")
    return f"Đạt Mức {result.level}" if result.level else "Chưa đạt Mức 1"


def _level_words(level: int) -> str:
    return f"đạt Mức {level}" if level else "chưa đạt Mức 1"


def level_view(doc: PlanDoc, form: Form, labels: dict[str, str]) -> LevelView | None:
    rule = form.rule("level-computation")
    sa = doc.plan.self_assessment
    if rule is None or sa is None or not sa.results:
        return None
    framework, level = doc.framework, doc.level
    result = compute_level(list(framework.criteria), sa.results,
                           LevelRule.from_data(rule.data, framework.mandatory_criteria))
    rows = [LevelRow(r.criterion, framework.criteria[r.criterion].title_for(level), r.mandatory,
                     RESULT_WORDS[r.met(1)], RESULT_WORDS[r.met(2)] if r.met(1) is not False else "—")
            for r in result.criteria]
    counts = [f"Mức {c.level}: {c.mandatory_met}/{c.mandatory_total} tiêu chí bắt buộc, {c.other_met}/{c.other_total} "
              f"tiêu chí còn lại (cần ít nhất {result.rule.min_other:02d})" for c in result.counts]
    citation = ", ".join(x for x in (rule.article, labels.get(rule.document, rule.document)) if x)
    return LevelView(_level_text(result), counts, rows, rule.text, citation, rule.verification,
                     f"Mức {sa.level}" if sa.level else None, result.level is None)


def form_view(doc: PlanDoc, labels: dict[str, str]) -> FormView | None:
    """The 2026 form's sections for a plan that names a sectioned form; None for the 2018 table.
    labels: the catalogue's legal documents as “Thông tư 57/2026/TT-BGDĐT”, for citations."""
    form = doc.form
    if form is None or not form.sectioned:
        return None
    level = level_view(doc, form, labels)
    reviews = sum(1 for r in doc.plan.reviews if r.date and r.rows)
    return FormView(form.id, form.name, form.verification, doc.framework.appendix_for(doc.level),
                    [_section(doc, form, s) for s in form.sections], level, len(doc.plan.issues),
                    len(doc.plan.entries), reviews)
