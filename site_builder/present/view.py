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
from ..model.lost import SIGNER_LOST, Lost
from ..model.plan import COLUMN_FIELDS, Entry
from ..model.project import PlanDoc
from .formats import (
    BLANK,
    budget_vi,
    date_text,
    date_vi,
    name_groups,
    number_text,
    place_date_vi,
    timeline_vi,
    unknown_school_groups,
)
from .labels import EXTRA_FIELD_LABELS, STATUS_LABELS
from .lost import LOST, lost_html, lost_text, value_text
from .notes import NoteView, SelfAssessmentView, self_assessment_view, transcription_notes
from .sanitize import markdown_html, text_html
from .summary import summary

if TYPE_CHECKING:
    from .form_view import FormView

LEGAL_MARKER = "<!-- legal-bases -->"
TABLE_MARKER = "<!-- improvement-table -->"

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
    source_note_html: str = ""  # the transcriber's note; shown in the collapsed transcription notes, not in the row

    @property
    def status_key(self) -> str:
        if self.entry.status_lost and self.entry.current_status is None:
            return "lost"
        status = self.entry.current_status
        return status.name if status else "unknown"

    @property
    def status_label(self) -> str:
        if self.entry.status_lost and self.entry.current_status is None:
            return lost_text(self.entry.status, "tình trạng")  # type: ignore[arg-type]
        return STATUS_LABELS[self.entry.current_status]


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
    number: str | None = None  # the number as issued; None when the plan has none or the source lost it
    framework_id: str = ""
    framework_name: str = ""
    framework_verification: Verification | None = None
    source_note_html: str = ""
    table_note_html: str = ""
    archived: bool = False  # the school archived the plan: still published, marked “Đã lưu trữ”
    archive_note_html: str = ""
    form: FormView | None = None  # the 2026 form's sections (present.form_view); None for the 2018 table
    example: bool = False  # an example plan of the guide: every output says so
    # Where the source lost something, in the reader's words (empty when nothing was lost).
    number_text: str = ""  # "32/KHCTCL-THQT", "Chưa có số ký hiệu" or the lost wording
    date_text: str = ""
    signer_note: str = ""  # shown in the signature block when there are no signer lines
    signer_lost: bool = False  # the source lost the signature block (the PDF says so; a draft's stays blank)
    recipients_note: str = ""
    table_lost: str = ""  # the whole improvement table was lost: this sentence replaces it
    headings_note: str = ""  # the table's headings were lost: the ones shown are the transcriber's
    self_assessment: SelfAssessmentView | None = None
    transcription_notes: list[NoteView] = field(default_factory=list)
    school_place: str = ""  # address, commune, district, province of the school
    school_name_groups: list[str] = field(default_factory=list)  # where the header may break a line
    signature: SignatureView = field(default_factory=lambda: SignatureView([BLANK], BLANK, []))

    @property
    def legal_bases_first(self) -> bool:
        """Nghị định 30/2020 puts căn cứ after the title unless the school placed them in the body."""
        return not any(part.kind == "legal-bases" for part in self.body)


def _wording_key(text: str) -> str:
    """Titles compared without case, accents' case, punctuation or spacing differences."""
    return re.sub(r"[\W_]+", "", text.casefold())


def value_html(value: object, what: str | None = None) -> str:
    """A text field's HTML: escaped text, or the lost wording."""
    if isinstance(value, Lost):
        return lost_html(value, what)
    return text_html(value if isinstance(value, str) else None)


def _criterion_cell(entry: Entry, criterion: Criterion) -> str:
    parts = [f"<strong>Tiêu chí {html.escape(criterion.id)}</strong>. {html.escape(criterion.title)}"]
    title = entry.criterion_title
    if isinstance(title, Lost) or (title and _wording_key(title) != _wording_key(criterion.title)):
        parts.append(f'<span class="school-wording">Nhà trường ghi: {value_html(title)}</span>')
    sa = entry.self_assessment
    if isinstance(sa, Lost):
        parts.append(f'<span class="self-assessment">Tự đánh giá: {lost_html(sa)}</span>')
    elif sa and (sa.text or sa.result):
        result = sa.text or sa.result.value  # type: ignore[union-attr]
        parts.append(f'<span class="self-assessment">Tự đánh giá: {html.escape(result)}</span>')
    return "<br>".join(parts)


def _list_html(items: list | Lost, intro: str | Lost | None = None) -> str:
    head = f"<p>{value_html(intro, 'câu dẫn')}</p>" if intro else ""
    if isinstance(items, Lost):
        return head + lost_html(items)
    if not items:
        return head
    if len(items) == 1 and not intro:
        return value_html(items[0])
    return head + "<ul>" + "".join(f"<li>{value_html(i)}</li>" for i in items) + "</ul>"


def _target_html(entry: Entry) -> str:
    target = entry.target
    if target is None:
        return ""
    if isinstance(target, Lost):
        return lost_html(target)
    if target.text:
        return text_html(target.text)
    words = [target.kind.value.capitalize()] if target.kind else []
    if target.level:
        words.append(f"Mức {target.level}")
    return html.escape(" ".join(words))


def _problem_html(entry: Entry) -> str:
    problem = entry.problem
    if isinstance(problem, Lost):
        return lost_html(problem)
    if not problem:
        return ""
    pairs = (("Hiện trạng", problem.current_state), ("Hạn chế", problem.limitations),
             ("Nguyên nhân", problem.causes))
    return "<br>".join(f"<em>{k}:</em> {text_html(v)}" for k, v in pairs if v)


def _self_assessment_html(entry: Entry) -> str:
    sa = entry.self_assessment
    if isinstance(sa, Lost):
        return lost_html(sa)
    return text_html((sa.text or (sa.result.value if sa.result else "")) if sa else "")


def cell_html(field_name: str, entry: Entry, criterion: Criterion) -> str:
    """The HTML of one cell: the same function serves the web table and the PDF table."""
    if field_name == "criterion":
        return _criterion_cell(entry, criterion)
    if isinstance(getattr(entry, field_name, None), Lost) and field_name != "actions":
        return lost_html(getattr(entry, field_name))
    if field_name == "actions":
        return _list_html(entry.actions, entry.actions_intro)
    if field_name == "lead_partners":
        return "<br>".join(value_html(x) for x in (entry.lead, entry.partners) if x)
    if field_name == "timeline":
        return text_html(timeline_vi(entry.timeline))
    if field_name == "budget":
        return text_html(budget_vi(entry.budget))
    if field_name == "target":
        return _target_html(entry)
    if field_name == "self_assessment":
        return _self_assessment_html(entry)
    if field_name == "status":
        return html.escape(STATUS_LABELS[entry.status]) if entry.status else ""  # type: ignore[index]
    if field_name == "problem":
        return _problem_html(entry)
    if field_name in ("indicators", "evidence"):
        return _list_html(getattr(entry, field_name))
    return value_html(getattr(entry, field_name, None))


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
        if name in shown or name == "status":  # status is shown as a badge on every row
            continue
        value = getattr(entry, name)
        if value in (None, "", []):
            continue
        rendered = cell_html(name, entry, criterion) if name in COLUMN_FIELDS else value_html(value)
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


def _signer(doc: PlanDoc) -> tuple[list[str], str, str]:
    """(lines, name, note): the note says why there is no signer — not signed yet, or lost in the source."""
    signer = doc.plan.signer
    if signer is None:
        return [], "", "Chưa có chữ ký."
    if isinstance(signer, Lost):
        return [], "", SIGNER_LOST if not signer.fragment else lost_text(signer)
    position = value_text(signer.position, "chức vụ").upper() if isinstance(signer.position, str) \
        else value_text(signer.position, "chức vụ")
    lines = []
    if signer.authority:
        lines.append(f"{signer.authority.upper()} {position}")
        if signer.deputy_position:
            lines.append(signer.deputy_position.upper())
    else:
        lines.append(position)
    return lines, value_text(signer.name, "họ tên"), ""


SIGNATURE_PARTS = ("chức vụ người ký", "họ và tên người ký")


def _signature(doc: PlanDoc) -> SignatureView:
    lines, name, _note = _signer(doc)
    missing = [part for part, value in zip(SIGNATURE_PARTS, (lines, name), strict=True) if not value]
    return SignatureView(lines or [BLANK], name or BLANK, missing)


def _school_name_groups(doc: PlanDoc) -> list[str]:
    school = doc.school.school
    groups = name_groups(school.name) if school.name else unknown_school_groups(school.level.value)
    return [group.upper() for group in groups]


def plan_title(doc: PlanDoc) -> str:
    return f"Kế hoạch cải tiến chất lượng năm học {doc.year} – {doc.school.display_name}"


def _headings_note(doc: PlanDoc) -> str:
    table = doc.plan.table
    lost = [c for c in table.columns if c.heading_lost] if not isinstance(table, Lost) else []
    if not lost:
        return ""
    fragments = [c.label.fragment for c in lost if isinstance(c.label, Lost) and c.label.fragment]
    kept = f" Còn đọc được: {'; '.join(f'“{f}”' for f in fragments)}." if fragments else ""
    which = "Tiêu đề các cột" if len(lost) == len(table.columns) else "Tiêu đề một số cột"
    return f"{which} {LOST}; tiêu đề in ở đây do người chép lại văn bản đặt theo nội dung các ô.{kept}"


def _school_place(doc: PlanDoc) -> str:
    school = doc.school.school
    return ", ".join(x for x in (school.address, school.commune, school.district, school.province) if x)


def plan_view(doc: PlanDoc, known_documents: Collection[str] = ()) -> PlanView:
    """The reader's view of one plan; known_documents are the catalogue's legal-document ids (for links).
    A plan in the 2026 form also gets the form's sections (PlanView.form), its rows keyed like mục V."""
    if doc.form is not None and doc.form.sectioned:
        return _form_plan_view(doc, known_documents)
    table = doc.plan.table
    if isinstance(table, Lost):  # the whole table was lost in the source: no columns, no invented headings
        return _plan_view(doc, known_documents, [], [])
    columns = [c.field.value for c in table.columns if c.field.value]
    return _plan_view(doc, known_documents, columns, [(c.field.value, c.heading) for c in table.columns])


def _plan_view(doc: PlanDoc, known_documents: Collection[str], columns: list[str],
               headings: list[tuple[str, str]]) -> PlanView:
    plan = doc.plan
    table = plan.table
    table_lost = lost_text(table, "Bảng cải tiến") if isinstance(table, Lost) else ""
    groups = _groups(doc, columns)
    signer_lines, signer_name, signer_note = _signer(doc)
    document = plan.document
    number = document.number if isinstance(document.number, str) else None
    governing = document.governing_body or doc.school.school.governing_body or ""
    recipients = plan.recipients
    school_groups = _school_name_groups(doc)
    return PlanView(
        doc=doc,
        governing_body=value_text(governing, "cơ quan chủ quản").upper() if isinstance(governing, str)
        else value_text(governing, "cơ quan chủ quản"),
        school_name=" ".join(school_groups),
        number_line="Số: " + (lost_text(document.number) if isinstance(document.number, Lost) else number or "…"),
        place_date=place_date_vi(document.place, document.date),
        kind=document.kind.upper(),
        title=value_text(document.title, "trích yếu"),
        legal_bases=[LegalBasisView(b.text, b.ref if b.ref in known_documents else None)
                     for b in plan.legal_bases],
        headings=headings,
        groups=groups,
        body=_body(doc.body),
        signer_lines=signer_lines,
        signer_name=signer_name,
        recipients=[] if isinstance(recipients, Lost) else list(recipients),
        summary=summary(doc, [(g.standard, len(g.rows)) for g in groups]),
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
        table_note_html="" if isinstance(table, Lost) else text_html(table.note),
        number_text=number_text(document.number),
        date_text=date_text(document.date),
        signer_note=signer_note,
        signer_lost=isinstance(plan.signer, Lost),
        recipients_note=lost_text(recipients, "Nơi nhận") if isinstance(recipients, Lost) else "",
        table_lost=table_lost,
        headings_note=_headings_note(doc),
        self_assessment=self_assessment_view(plan.self_assessment),
        transcription_notes=transcription_notes(doc, [r for g in groups for r in g.rows]),
        school_place=_school_place(doc),
        archived=plan.archived,
        archive_note_html=text_html(plan.archive_note),
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
