"""Word fixtures built with python-docx from an example plan's own content, in that school's own layout.

Each layout reproduces what the school's Word file looks like (the seeds in shared/seeds show the
layouts): column headings as the school wrote them, the criterion where the school put it (its own
column, or inside the TT cell with "Tự đánh giá: …"), standard rows and "Mức 2" rows spanning the
table, cells merged down over equal values, one table split in two with its heading row repeated,
and one row continued across a page (a second row, criterion cell empty, text carrying on
mid-sentence). Every text comes from the plan (plans/<school>/<year>.md and school.yml); the only
literal wording is the layout's own (headings, "Tự đánh giá:").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from site_builder.model.lost import INTRO_LOST, SIGNER_LOST, Lost
from site_builder.model.plan import Budget, CriterionResult, Entry, Target, Timeline
from site_builder.model.project import PlanDoc
from site_builder.present.formats import place_date_vi
from site_builder.present.lost import lost_text, value_text


@dataclass
class Layout:
    headings: list[str]
    fields: list[str]  # per column: "tt" | "tt_criterion" | "criterion" | a model field | "lead_partners"
    criterion_text: str = "Tiêu chí {id}. {title}"  # how the criterion cell starts
    criterion_written: dict[str, str] = field(default_factory=dict)  # as written in the original (damage kept)
    self_assessment_line: bool = False  # "Tự đánh giá: …" as a second paragraph of the criterion cell
    standard_rows: bool = False
    level_rows: bool = False
    level_row_text: dict[int, str] = field(default_factory=dict)  # first level row's wording ("MỤC 2")
    notes_as_row: bool = False  # notes on a separate row under the entry (no notes column)
    merge_down: tuple[str, ...] = ()  # fields whose equal consecutive cells are merged down
    split_after: str | None = None  # the table ends after this criterion; a second table repeats the heading
    continue_rows: tuple[str, ...] = ()  # these criteria's rows are continued on a second row (page break);
    # at split_after, the second row opens the second table and takes the "Tự đánh giá" line with it
    continue_field: str = "actions"
    continue_also: tuple[str, ...] = ()  # other fields whose end moves to the continued row
    header: bool = True  # two-column header table (governing body, school, Số | Quốc hiệu, place/date)
    title_upper: bool = False  # title in capitals, "Năm học …" on its own line
    foot_table: bool = False  # Nơi nhận | signer in a two-column table


LAYOUTS: dict[str, Layout] = {
    "th-quang-trung": Layout(
        headings=["TT", "Kế hoạch cải tiến chất lượng/Nội dung công việc", "Thời gian thực hiện", "Người phụ trách",
                  "Điều kiện thực hiện (nhân lực, vật lực...)"],
        fields=["tt_criterion", "actions", "timeline", "lead", "support"],
        criterion_text="Tiêu chí {id}/ tiêu chuẩn {standard} {title}",
        criterion_written={"1.4": "Tiêu chí 14/ tiêu chuẩn 1 {title}"},
        self_assessment_line=True,
        notes_as_row=True,
        merge_down=("support",),
        split_after="1.3",
        continue_rows=("1.3", "1.5"),
        foot_table=True,
    ),
    "mn-20-10-quan-1": Layout(
        headings=["TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt (so với hiện trạng)",
                  "Công việc/giải pháp cần thực hiện", "Chủ trì và phối hợp thực hiện",
                  "Thời gian thực hiện và hoàn thành", "Dự kiến kinh phí", "Điều kiện hỗ trợ khác", "Ghi chú"],
        fields=["tt", "criterion", "expected_result", "actions", "lead_partners", "timeline", "budget", "support",
                "notes"],
        criterion_text="Tiêu chí {id} {title}",
        standard_rows=True,
        level_rows=True,
        level_row_text={2: "MỤC 2"},
        merge_down=("timeline",),
        split_after="2.3",
        continue_rows=("3.2",),
        header=False,
        title_upper=True,
    ),
    "mn-chua-ro-ten-a": Layout(
        headings=["TT", "Mức cần đạt (so với …)", "Nội dung", "Người thực hiện", "Thời gian", "Kết quả"],
        fields=["tt_criterion", "target", "actions", "lead", "timeline", "expected_result"],
        criterion_text="Tiêu chí\n{id}",
        criterion_written={"2.2": "Tiêu chí\n2. 2"},
        standard_rows=True,
        merge_down=("timeline",),
        split_after="3.5",
        continue_rows=("4.1",),
        continue_also=("lead",),
        header=False,
        title_upper=True,
    ),
}


# --------------------------------------------------------------------------- helpers


def _font(document: docx.document.Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)


def _para(container, text: str, bold: bool = False, center: bool = False):
    paragraph = container.add_paragraph()
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _cell_paras(cell, lines: list[str]) -> None:
    """Write lines into a cell, one paragraph each (the first reuses the cell's empty paragraph)."""
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.add_run(line)
        first = False


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def split_text(text: str) -> tuple[str, str]:
    """Cut text at a space after its middle where the next word starts in lower case."""
    middle = len(text) // 2
    for match in re.finditer(r" (?=[a-zà-ỹđ])", text):
        if match.start() >= middle:
            return text[: match.start()], text[match.end():]
    for match in re.finditer(r" (?=[a-zà-ỹđ])", text):
        return text[: match.start()], text[match.end():]
    raise ValueError(f"no place to split {text!r}")


# --------------------------------------------------------------------------- cells


def criterion_lines(entry: Entry, layout: Layout, standard: str) -> list[str]:
    pattern = layout.criterion_written.get(entry.criterion, layout.criterion_text)
    text = pattern.format(id=entry.criterion, standard=standard, title=entry.criterion_title or "")
    lines = [line.rstrip() for line in text.split("\n")]
    if layout.self_assessment_line and entry.self_assessment and entry.self_assessment.text:
        lines.append(f"Tự đánh giá: {entry.self_assessment.text}")
    return [line for line in lines if line]


def field_lines(entry: Entry, name: str) -> list[str]:
    if name == "actions":
        dash = "- " if not entry.actions_intro or entry.actions_intro.startswith("*") else ""
        items = [f"{dash}{a}" if len(entry.actions) > 1 or entry.actions_intro else a for a in entry.actions]
        return ([entry.actions_intro] if entry.actions_intro else []) + items
    if name in ("lead", "lead_partners"):
        return [x for x in (entry.lead, entry.partners) if x]
    if name == "timeline":
        return [entry.timeline.text] if entry.timeline and entry.timeline.text else []
    if name == "budget":
        return [entry.budget.text] if entry.budget and entry.budget.text else []
    if name == "target":
        return [entry.target.text] if entry.target and entry.target.text else []
    value = getattr(entry, name)
    return value.split("\n") if value else []


# --------------------------------------------------------------------------- the table


class TableWriter:
    def __init__(self, document, doc: PlanDoc, layout: Layout) -> None:
        self.document = document
        self.doc = doc
        self.layout = layout
        self.width = len(layout.headings)
        self.table = None
        self.level: int | None = None
        self.merging: dict[int, tuple[object, list[str]]] = {}  # column -> (top cell, its lines)

    def new_table(self) -> None:
        self.table = self.document.add_table(rows=0, cols=self.width)
        self.table.style = "Table Grid"
        row = self.table.add_row()
        for index, heading in enumerate(self.layout.headings):
            _cell_paras(row.cells[index], [heading])
            row.cells[index].paragraphs[0].runs[0].bold = True
        _repeat_header(row)
        self.merging.clear()

    def spanning_row(self, first: str | None, text: str) -> None:
        row = self.table.add_row()
        start = 0
        if first is not None:
            _cell_paras(row.cells[0], [first])
            start = 1
        merged = row.cells[start].merge(row.cells[self.width - 1])
        _cell_paras(merged, [text])
        self.merging.clear()

    def entry_row(self, entry: Entry, standard: str) -> None:
        layout = self.layout
        row = self.table.add_row()
        tail: dict[int, list[str]] = {}
        at_split = entry.criterion == layout.split_after
        for index, name in enumerate(layout.fields):
            if name == "tt":
                continue
            lines = criterion_lines(entry, layout, standard) if name in ("tt_criterion", "criterion") \
                else field_lines(entry, name)
            if entry.criterion in layout.continue_rows:
                if name in (layout.continue_field, *layout.continue_also):
                    head, rest = split_text(lines[-1])
                    lines = [*lines[:-1], head]
                    tail[index] = [rest]
                elif at_split and name == "tt_criterion" and lines[-1].startswith("Tự đánh giá"):
                    tail[index] = [lines.pop()]
            if name in layout.merge_down and self._merge(index, row.cells[index], lines):
                continue
            _cell_paras(row.cells[index], lines)
        if at_split:
            _para(self.document, "")
            self.new_table()
        if tail:
            extra = self.table.add_row()
            for index, lines in tail.items():
                _cell_paras(extra.cells[index], lines)
            for index in list(self.merging):
                self._merge(index, extra.cells[index], self.merging[index][1])
        if layout.notes_as_row and entry.notes:
            extra = self.table.add_row()
            _cell_paras(extra.cells[1], entry.notes.split("\n"))
            self.merging.clear()

    def _merge(self, index: int, cell, lines: list[str]) -> bool:
        """Merge this cell into the one above when both hold the same lines."""
        top = self.merging.get(index)
        if top is not None and lines and top[1] == lines:
            top[0].merge(cell)  # python-docx writes vMerge restart/continue
            return True
        self.merging[index] = (cell, lines)
        return False

    def write(self) -> None:
        layout = self.layout
        self.new_table()
        current_standard = None
        first_level = True
        for group in self.doc.groups():
            for entry, _criterion in group.entries:
                standard = group.standard.id
                if layout.standard_rows and standard != current_standard:
                    level = entry.target.level if entry.target else None
                    inline_level = layout.level_rows and standard == "5" and level is not None
                    title = f"Tiêu chuẩn {standard}: {group.standard.title}" + (f" Mức {level}" if inline_level else "")
                    if layout.level_rows and first_level and level is not None:
                        self.spanning_row(None, layout.level_row_text.get(level, f"Mức {level}"))
                        self.level, first_level = level, False
                    self.spanning_row(standard if "tt" in layout.fields or "tt_criterion" in layout.fields else None,
                                      title)
                    if inline_level:
                        self.level = level
                    current_standard = standard
                if layout.level_rows and entry.target and entry.target.level != self.level:
                    self.spanning_row(None, f"Mức {entry.target.level}")
                    self.level = entry.target.level
                self.entry_row(entry, standard)


# --------------------------------------------------------------------------- the document


def _header(document, doc: PlanDoc) -> None:
    plan = doc.plan
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    number = f"Số: {value_text(plan.document.number)}" if plan.document.number else "Số:     /KH"
    _cell_paras(left, [doc.school.school.governing_body or "", (doc.school.school.name or "").upper(), number])
    date = plan.document.date
    if isinstance(date, dt.date) and not isinstance(plan.document.place, Lost):
        place_date = f"{plan.document.place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    else:
        place_date = place_date_vi(plan.document.place, date) if date or plan.document.place else ""
    _cell_paras(right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", place_date])


def _title(document, doc: PlanDoc, layout: Layout) -> None:
    _para(document, "KẾ HOẠCH", bold=True, center=True)
    title = doc.plan.document.title
    if layout.title_upper:
        head, _, year = title.partition(" năm học ")
        _para(document, head.upper(), bold=True, center=True)
        _para(document, "")
        _para(document, f"Năm học {year}", bold=True, center=True)
    else:
        _para(document, title, bold=True, center=True)


def _legal(document, doc: PlanDoc) -> None:
    for basis in doc.plan.legal_bases:
        _para(document, basis.text)


def _markdown_table(document, lines: list[str]) -> None:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines if not line.startswith("|---")]
    header, body = rows[0], rows[1:]
    grouped = [h.partition(": ") for h in header]
    two_rows = any(sep for _, sep, _ in grouped)
    table = document.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    if two_rows:
        top, sub = table.add_row(), table.add_row()
        index = 0
        while index < len(header):
            head, sep, _tail = grouped[index]
            if not sep:
                _cell_paras(top.cells[index], [head])
                top.cells[index].merge(sub.cells[index])
                index += 1
                continue
            end = index
            while end + 1 < len(header) and grouped[end + 1][0] == head and grouped[end + 1][1]:
                end += 1
            merged = top.cells[index].merge(top.cells[end])
            _cell_paras(merged, [head])
            for column in range(index, end + 1):
                _cell_paras(sub.cells[column], [grouped[column][2]])
            index = end + 1
    else:
        row = table.add_row()
        for index, text in enumerate(header):
            _cell_paras(row.cells[index], [text])
    for values in body:
        row = table.add_row()
        for index, text in enumerate(values):
            _cell_paras(row.cells[index], [text] if text else [])


def _body(document, doc: PlanDoc, layout: Layout) -> None:
    """The narrative as a school types it in Word: bold headings, typed "- " lists, a table."""
    lines = doc.body.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        stripped = line.strip()
        index += 1
        if not stripped:
            continue
        if stripped == "<!-- legal-bases -->":
            _legal(document, doc)
        elif stripped == "<!-- improvement-table -->":
            TableWriter(document, doc, layout).write()
        elif stripped.startswith("|"):
            block = [stripped]
            while index < len(lines) and lines[index].strip().startswith("|"):
                block.append(lines[index].strip())
                index += 1
            _markdown_table(document, block)
        elif stripped.startswith("#"):
            _para(document, stripped.lstrip("#").strip(), bold=True)
        elif stripped.startswith("**") and stripped.endswith("**"):
            _para(document, stripped.strip("*"), bold=True)
        else:
            _para(document, re.sub(r"^\s*\+ ", "+ ", line).strip())


def _foot(document, doc: PlanDoc, layout: Layout) -> None:
    plan = doc.plan
    recipients = ["Nơi nhận:", *(f"- {r}" for r in plan.recipients)]
    signer = []
    if isinstance(plan.signer, Lost):
        signer = [SIGNER_LOST]
    elif plan.signer:
        signer = [plan.signer.position, "", plan.signer.name or ""]
    if layout.foot_table:
        table = document.add_table(rows=1, cols=2)
        _cell_paras(table.rows[0].cells[0], recipients)
        _cell_paras(table.rows[0].cells[1], [s for s in signer if s])
        return
    for line in recipients:
        _para(document, line)
    for line in signer:
        _para(document, line, bold=line.isupper())


def _printed_entry(entry: Entry) -> Entry:
    """The entry as a printed copy shows what the source lost: “[mất trong bản gốc]” or the fragment then
    “[mất một phần trong bản gốc]” (present.lost), in the cell where the value would be."""
    def text(value: object) -> object:
        return lost_text(value) if isinstance(value, Lost) else value

    update: dict[str, object] = {name: text(getattr(entry, name)) for name in (
        "criterion_title", "current_state", "expected_result", "lead", "partners", "support", "notes")}
    update["actions_intro"] = INTRO_LOST if isinstance(entry.actions_intro, Lost) else entry.actions_intro
    update["actions"] = [lost_text(entry.actions)] if isinstance(entry.actions, Lost) else \
        [text(item) for item in entry.actions]
    for name, kind in (("timeline", Timeline), ("budget", Budget), ("target", Target),
                       ("self_assessment", CriterionResult)):
        value = getattr(entry, name)
        update[name] = kind.model_construct(text=lost_text(value)) if isinstance(value, Lost) else value
    return entry.model_copy(update=update)


def printed(doc: PlanDoc) -> PlanDoc:
    """The plan document with every lost value in its printed wording (what a Word copy of it holds)."""
    copy = dataclasses.replace(doc)
    copy.plan = doc.plan.model_copy(update={"entries": [_printed_entry(e) for e in doc.plan.entries]})
    return copy


def build_docx(doc: PlanDoc, path: Path, layout: Layout | None = None) -> Path:
    """The plan as its school's Word file, in that school's layout (lost values printed as our outputs print them)."""
    layout = layout or LAYOUTS[doc.school.slug]
    doc = printed(doc)
    document = docx.Document()
    _font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    if layout.header:
        _header(document, doc)
    _title(document, doc, layout)
    if not any(line.strip() == "<!-- legal-bases -->" for line in doc.body.split("\n")):
        _legal(document, doc)
    _body(document, doc, layout)
    _foot(document, doc, layout)
    document.save(str(path))
    return path
