"""Presentation of a plan, shared by the web page and the PDF.

Everything a reader sees of a plan (header lines, table cells, narrative
HTML, signer block) is computed here once, so the two outputs cannot
disagree. Renderers only lay it out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..model.catalogue import Criterion, Standard, Verification
from ..model.plan import COLUMN_FIELDS, Entry, Status
from ..model.project import PlanDoc
from .formats import BLANK, budget_vi, date_vi, money_vi, name_groups, place_date_vi, timeline_vi, unknown_school_groups
from .sanitize import markdown_html, text_html

if TYPE_CHECKING:
    from .form_view import FormView

LEGAL_MARKER = "<!-- legal-bases -->"
TABLE_MARKER = "<!-- improvement-table -->"
STATUS_LABELS = {
    Status.not_started: "Chưa thực hiện",
    Status.in_progress: "Đang thực hiện",
    Status.done: "Đã hoàn thành",
    None: "Chưa ghi tình trạng",
}
EXTRA_FIELD_LABELS = {
    "current_state": "Hiện trạng",
    "expected_result": "Kết quả cần đạt",
    "target": "Mức cần đạt",
    "self_assessment": "Tự đánh giá",
    "support": "Điều kiện hỗ trợ",
    "notes": "Ghi chú",
    "budget": "Dự kiến kinh phí",
    "timeline": "Thời gian",
    "lead": "Chủ trì",
    "partners": "Phối hợp",
    "status": "Tình trạng",
    "objective": "Mục tiêu",
    "resources": "Nguồn lực",
    "indicators": "Chỉ số",
    "evidence": "Minh chứng dự kiến",
    "problem": "Vấn đề",
}


@dataclass
class Cell:
    field: str
    html: str


@dataclass
class ReviewView:
    """One dated progress review of an entry, as the reader sees it."""

    date: str
    status: str
    text_html: str


@dataclass
class Row:
    number: int
    entry: Entry
    criterion: Criterion
    cells: list[Cell]
    extras: list[Cell]  # fields with content that no declared column shows
    reviews: list[ReviewView] = field(default_factory=list)
    source_note_html: str = ""

    @property
    def status_key(self) -> str:
        return self.entry.status.name if self.entry.status else "unknown"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.entry.status]


@dataclass
class Group:
    standard: Standard
    rows: list[Row]


@dataclass
class BodyPart:
    kind: Literal["html", "legal-bases", "table"]
    html: str = ""


@dataclass
class LegalBasisView:
    text: str
    ref: str | None  # id in the catalogue's legal documents, when the catalogue has it


@dataclass
class SignatureView:
    """The signature block (Nghị định 30/2020, Phụ lục I, Phần I, mục II khoản 7; ô 7a–7c): quyền hạn and
    chức vụ, room for the signature and seal, full name. Always printed: a part the source lacks is a
    dotted blank to fill by hand, and `missing` names those parts for the reader of the web page."""

    lines: list[str]  # quyền hạn + chức vụ (and the deputy's chức vụ), upper case; BLANK when unknown
    name: str  # the signer's full name; BLANK when unknown
    missing: list[str]  # Vietnamese names of the parts the source lacks, in block order

    @property
    def missing_text(self) -> str:
        return ", ".join(self.missing)


@dataclass
class PlanView:
    doc: PlanDoc  # for renderers' bookkeeping (paths, dates, hashes); templates read only the fields below
    governing_body: str
    school_name: str
    number_line: str
    place_date: str
    kind: str
    title: str
    legal_bases: list[LegalBasisView]
    headings: list[tuple[str, str]]  # (field, heading), TT excluded
    groups: list[Group]
    body: list[BodyPart]
    signer_lines: list[str]
    signer_name: str
    recipients: list[str]
    summary: dict[str, object] = field(default_factory=dict)
    page_title: str = ""
    school_display: str = ""
    school_level: str = ""
    district: str | None = None
    year: str = ""
    number: str | None = None
    framework_id: str = ""
    framework_name: str = ""
    framework_verification: Verification | None = None
    source_note_html: str = ""
    table_note_html: str = ""
    form: FormView | None = None  # the 2026 form's sections (present.form_view); None for the 2018 table
    example: bool = False  # an example plan of the guide: every output says so
    school_name_groups: list[str] = field(default_factory=list)  # where the header may break a line
    signature: SignatureView = field(default_factory=lambda: SignatureView([BLANK], BLANK, []))

    @property
    def legal_bases_first(self) -> bool:
        """Nghị định 30/2020 puts căn cứ after the title unless the school placed them in the body."""
        return not any(part.kind == "legal-bases" for part in self.body)


def _wording_key(text: str) -> str:
    """Titles compared without case, accents' case, punctuation or spacing differences."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _criterion_cell(entry: Entry, criterion: Criterion) -> str:
    parts = [f"<strong>Tiêu chí {html.escape(criterion.id)}</strong>. {html.escape(criterion.title)}"]
    if entry.criterion_title and _wording_key(entry.criterion_title) != _wording_key(criterion.title):
        parts.append(f'<span class="school-wording">Nhà trường ghi: {text_html(entry.criterion_title)}</span>')
    if entry.self_assessment and (entry.self_assessment.text or entry.self_assessment.result):
        result = entry.self_assessment.text or entry.self_assessment.result.value  # type: ignore[union-attr]
        parts.append(f'<span class="self-assessment">Tự đánh giá: {html.escape(result)}</span>')
    return "<br>".join(parts)


def _list_html(items: list[str], intro: str | None = None) -> str:
    head = f"<p>{text_html(intro)}</p>" if intro else ""
    if not items:
        return head
    if len(items) == 1 and not intro:
        return text_html(items[0])
    return head + "<ul>" + "".join(f"<li>{text_html(i)}</li>" for i in items) + "</ul>"


def _target_html(entry: Entry) -> str:
    target = entry.target
    if target is None:
        return ""
    if target.text:
        return text_html(target.text)
    words = [target.kind.value.capitalize()] if target.kind else []
    if target.level:
        words.append(f"Mức {target.level}")
    return html.escape(" ".join(words))


def cell_html(field_name: str, entry: Entry, criterion: Criterion) -> str:
    """The HTML of one cell: the same function serves the web table and the PDF table."""
    if field_name == "criterion":
        return _criterion_cell(entry, criterion)
    if field_name == "actions":
        return _list_html(entry.actions, entry.actions_intro)
    if field_name == "lead_partners":
        return "<br>".join(text_html(x) for x in (entry.lead, entry.partners) if x)
    if field_name == "timeline":
        return text_html(timeline_vi(entry.timeline))
    if field_name == "budget":
        return text_html(budget_vi(entry.budget))
    if field_name == "target":
        return _target_html(entry)
    if field_name == "self_assessment":
        sa = entry.self_assessment
        return text_html((sa.text or (sa.result.value if sa.result else "")) if sa else "")
    if field_name == "status":
        return html.escape(STATUS_LABELS[entry.status]) if entry.status else ""
    if field_name == "problem":
        problem = entry.problem
        if not problem:
            return ""
        pairs = (("Hiện trạng", problem.current_state), ("Hạn chế", problem.limitations),
                 ("Nguyên nhân", problem.causes))
        return "<br>".join(f"<em>{k}:</em> {text_html(v)}" for k, v in pairs if v)
    if field_name in ("indicators", "evidence"):
        return _list_html(getattr(entry, field_name))
    return text_html(getattr(entry, field_name, None))


def _shown_fields(columns: list[str]) -> set[str]:
    shown = set(columns)
    if "lead_partners" in shown:
        shown |= {"lead", "partners"}
    if "actions" in shown:
        shown.add("actions_intro")
    if "criterion" in shown:
        shown |= {"criterion_title", "self_assessment"}
    return shown


def extra_cells(entry: Entry, criterion: Criterion, columns: list[str]) -> list[Cell]:
    """Fields the school filled in but its table has no column for: shown under the row, never dropped."""
    shown = _shown_fields(columns)
    extras = []
    for name in EXTRA_FIELD_LABELS:
        if name in shown:
            continue
        value = getattr(entry, name)
        if value in (None, "", []):
            continue
        rendered = cell_html(name, entry, criterion) if name in COLUMN_FIELDS else text_html(str(value))
        if name == "status":
            continue  # status is shown as a badge on every row
        if rendered:
            extras.append(Cell(EXTRA_FIELD_LABELS[name], rendered))
    return extras


def _reviews(entry: Entry) -> list[ReviewView]:
    return [ReviewView(date_vi(r.date), r.status.value, text_html(r.text)) for r in entry.reviews]


def _groups(doc: PlanDoc, columns: list[str]) -> list[Group]:
    groups = []
    number = 0
    for group in doc.groups():
        rows = []
        for entry, criterion in group.entries:
            number += 1
            cells = [Cell(c, cell_html(c, entry, criterion)) for c in columns]
            rows.append(Row(number, entry, criterion, cells, extra_cells(entry, criterion, columns),
                            reviews=_reviews(entry), source_note_html=text_html(entry.source_note)))
        groups.append(Group(group.standard, rows))
    return groups


def _body(text: str) -> list[BodyPart]:
    parts: list[BodyPart] = []
    chunk: list[str] = []

    def flush() -> None:
        joined = "\n".join(chunk).strip()
        if joined:
            parts.append(BodyPart("html", markdown_html(joined)))
        chunk.clear()

    for line in text.split("\n"):
        marker = line.strip()
        if marker in (LEGAL_MARKER, TABLE_MARKER):
            flush()
            parts.append(BodyPart("legal-bases" if marker == LEGAL_MARKER else "table"))
        else:
            chunk.append(line)
    flush()
    if not any(p.kind == "table" for p in parts):
        parts.append(BodyPart("table"))
    return parts


def _summary(doc: PlanDoc, groups: list[Group]) -> dict[str, object]:
    counts = doc.status_counts()
    total = doc.total_budget()
    return {
        "entries": len(doc.plan.entries),
        "per_standard": [(g.standard, len(g.rows)) for g in groups],
        "status": [(STATUS_LABELS[s], n) for s, n in counts.items()],
        "done": counts.get(Status.done, 0),
        "in_progress": counts.get(Status.in_progress, 0),
        "not_started": counts.get(Status.not_started, 0),
        "unknown_status": counts.get(None, 0),
        "budget_total": money_vi(total) if total else None,
        "date": date_vi(doc.plan.document.date) if doc.plan.document.date else None,
    }


def _signer(doc: PlanDoc) -> tuple[list[str], str]:
    signer = doc.plan.signer
    if signer is None:
        return [], ""
    lines = []
    if signer.authority:
        lines.append(f"{signer.authority} {signer.position}".upper())
        if signer.deputy_position:
            lines.append(signer.deputy_position.upper())
    else:
        lines.append(signer.position.upper())
    return lines, signer.name or ""


SIGNATURE_PARTS = ("chức vụ người ký", "họ và tên người ký")


def _signature(doc: PlanDoc) -> SignatureView:
    lines, name = _signer(doc)
    missing = [part for part, value in zip(SIGNATURE_PARTS, (lines, name), strict=True) if not value]
    return SignatureView(lines or [BLANK], name or BLANK, missing)


def _school_name_groups(doc: PlanDoc) -> list[str]:
    school = doc.school.school
    groups = name_groups(school.name) if school.name else unknown_school_groups(school.level.value)
    return [group.upper() for group in groups]


def plan_title(doc: PlanDoc) -> str:
    return f"Kế hoạch cải tiến chất lượng năm học {doc.year} – {doc.school.display_name}"


def plan_view(doc: PlanDoc, known_documents: Collection[str] = ()) -> PlanView:
    """The reader's view of one plan; known_documents are the catalogue's legal-document ids (for links).
    A plan in the 2026 form also gets the form's sections (PlanView.form), its rows keyed like mục V."""
    if doc.form is not None and doc.form.sectioned:
        return _form_plan_view(doc, known_documents)
    columns = [c.field.value for c in doc.plan.table.columns if c.field.value]
    return _plan_view(doc, known_documents, columns, [(c.field.value, c.heading) for c in doc.plan.table.columns])


def _plan_view(doc: PlanDoc, known_documents: Collection[str], columns: list[str],
               headings: list[tuple[str, str]]) -> PlanView:
    plan = doc.plan
    groups = _groups(doc, columns)
    signer_lines, signer_name = _signer(doc)
    number = plan.document.number
    school_groups = _school_name_groups(doc)
    return PlanView(
        doc=doc,
        governing_body=(plan.document.governing_body or doc.school.school.governing_body or "").upper(),
        school_name=" ".join(school_groups),
        number_line=f"Số: {number}" if number else "Số: …",
        place_date=place_date_vi(plan.document.place, plan.document.date),
        kind=plan.document.kind.upper(),
        title=plan.document.title,
        legal_bases=[LegalBasisView(b.text, b.ref if b.ref in known_documents else None)
                     for b in plan.legal_bases],
        headings=headings,
        groups=groups,
        body=_body(doc.body),
        signer_lines=signer_lines,
        signer_name=signer_name,
        recipients=list(plan.recipients),
        summary=_summary(doc, groups),
        page_title=plan_title(doc),
        school_display=doc.school.display_name,
        school_level=doc.school.school.level.value,
        district=doc.school.school.district,
        year=doc.year,
        number=number,
        framework_id=doc.framework.id,
        framework_name=doc.framework.name,
        framework_verification=doc.framework.verification,
        source_note_html=text_html(plan.source_note),
        table_note_html=text_html(plan.table.note),
        school_name_groups=school_groups,
        signature=_signature(doc),
    )


def _form_plan_view(doc: PlanDoc, known_documents: Collection[str]) -> PlanView:
    """A 2026-form plan: the form's sections (form_view) plus rows keyed like mục V for the criterion pages."""
    from .form_view import ROW_FIELDS, form_view  # form_view builds on this module's cells

    assert doc.form is not None
    labels = {key: str(getattr(value, "label", key)) for key, value in known_documents.items()} if isinstance(
        known_documents, Mapping) else {}
    section = doc.form.section("V")
    titles = {c.key: c.heading for c in section.columns} if section else {}
    view = _plan_view(doc, known_documents, list(ROW_FIELDS.values()),
                      [(name, titles.get(key, name)) for key, name in ROW_FIELDS.items()])
    view.form = form_view(doc, labels)
    view.example = doc.example
    if doc.example:
        view.page_title = "Ví dụ – " + view.page_title
    view.body = [part for part in _body(doc.body) if part.kind == "html"]
    return view
