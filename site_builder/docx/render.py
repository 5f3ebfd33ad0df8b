"""A plan as a Word document, in the layout of the official PDF (Nghị định 30/2020/NĐ-CP, Mẫu 1.4).

Flow: PlanDoc -> present.plan_view (the same view the web page and the PDF read) -> python-docx.
A4 portrait, margins 22/18/22/32 mm, Times New Roman 13 pt (14 pt for KẾ HOẠCH and the title);
header in two columns (governing body and school over “Số: …” | Quốc hiệu and Tiêu ngữ over
place and date), page numbers at the top from page 2, the improvement table in a landscape
section with its heading row repeated on each page, then Nơi nhận (with the QR code and SHA-256
of the source, as on the PDF) and the signer block.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

import docx
import segno
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .. import paths
from ..check.assemble import load_project
from ..check.report import format_text
from ..config import site_url
from ..errors import ExportError
from ..model.project import PlanDoc
from ..present.form_view import FormView, ItemView, SectionView
from ..present.view import PlanView, Row, plan_view
from ..source.reader import EXAMPLES_DIR
from .html import NARRATIVE, Style, write_html

FONT = "Times New Roman"
PORTRAIT = (Mm(210), Mm(297))
MARGINS = {"top": Mm(22), "right": Mm(18), "bottom": Mm(22), "left": Mm(32)}
TEXT_WIDTH_MM = 210 - 32 - 18
LANDSCAPE_WIDTH_MM = 297 - 32 - 18
TT_MM = 10.0
WIDE_TABLE = 8  # from this many columns (TT included) the table is set at 11 pt, as in the PDF
CELL = Style(size=12.0, indent=False, justify=False, after=2.0)
WIDE_CELL = Style(size=11.0, indent=False, justify=False, after=2.0)
TAG_RE = re.compile(r"<[^>]+>")
SHORT_SHA = 12
EXAMPLE_BANNER = ("VÍ DỤ – KẾ HOẠCH MINH HỌA, KHÔNG PHẢI CỦA MỘT TRƯỜNG CÓ THẬT. Tên trường, địa danh, số văn bản, "
                  "người ký, số liệu và minh chứng đều là giả định.")


# --------------------------------------------------------------------------- small helpers


def _text(container: Any, text: str, *, size: float = 13.0, bold: bool = False, italic: bool = False,
          align: Any = WD_ALIGN_PARAGRAPH.CENTER, after: float = 0.0, paragraph: Any = None) -> Any:
    paragraph = paragraph if paragraph is not None else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return paragraph


def _border(paragraph: Any, side: str, indent_mm: float = 0.0) -> None:
    """A 0.75 pt rule on one side of a paragraph; indents make it shorter than the column."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    p_pr.append(borders)
    if indent_mm:
        paragraph.paragraph_format.left_indent = Mm(indent_mm)
        paragraph.paragraph_format.right_indent = Mm(indent_mm)


def _rule(paragraph: Any, indent_mm: float, after: float = 0.0) -> None:
    """A short centred line (under the school's name, under the title): an empty 2 pt paragraph's top border."""
    _border(paragraph, "top", indent_mm)
    paragraph.paragraph_format.space_before = Pt(3)
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = Pt(2)
    paragraph.add_run().font.size = Pt(2)


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table: Any, widths_mm: list[float]) -> None:
    """Fixed column widths, written where Word and LibreOffice both read them (grid, table, cells)."""
    twips = [round(w * 56.7) for w in widths_mm]
    tbl = table._tbl
    table.autofit = False
    tbl_pr = tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(twips)))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(width)
    tbl_pr.append(layout)
    for col, value in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        col.set(qn("w:w"), str(value))
    for tr in tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Mm(sum(widths_mm[column:column + span]))
            column += span


def _row_flag(row: Any, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _field(paragraph: Any, instruction: str, size: float) -> None:
    """A Word field (PAGE) whose value Word computes when it lays the pages out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
            run._r.append(element)
        else:
            run.text = text or ""


# --------------------------------------------------------------------------- document parts


class DocxWriter:
    def __init__(self, view: PlanView, link: str) -> None:
        self.view = view
        self.link = link
        self.document = docx.Document()

    def build(self) -> Any:
        self._styles()
        self._portrait(self.document.sections[0])
        self._page_furniture(self.document.sections[0])
        self._header()
        self._title()
        view = self.view
        if view.form is not None:
            self._form(view.form)
        else:
            if view.legal_bases_first:
                self._legal_bases()
            for part in view.body:
                if part.kind == "html":
                    write_html(self.document, part.html, NARRATIVE)
                elif part.kind == "legal-bases":
                    self._legal_bases()
                else:
                    self._improvement_table()
        self._foot()
        self._properties()
        return self.document

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(13)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(key), FONT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15

    def _portrait(self, section: Any) -> None:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PORTRAIT
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)

    def _landscape(self, section: Any) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PORTRAIT[1], PORTRAIT[0]
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)
        section.bottom_margin = Mm(20)

    def _page_furniture(self, section: Any) -> None:
        """Page number at the top from page 2 (Nghị định 30/2020); the verification line at the foot."""
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(number, "PAGE", 13)
        footer_text = f"Bản điện tử: {self.link} · Mã kiểm tra SHA-256: {self.view.doc.source_sha256[:SHORT_SHA]}"
        for footer in (section.footer, section.first_page_footer):
            _text(footer, footer_text, size=8.5, paragraph=footer.paragraphs[0])

    def _header(self) -> None:
        view = self.view
        table = self.document.add_table(rows=2, cols=2)
        _no_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left_mm, right_mm = TEXT_WIDTH_MM * 0.42, TEXT_WIDTH_MM * 0.58
        _widths(table, [left_mm, right_mm])
        issuer, national = table.cell(0, 0), table.cell(0, 1)
        first = issuer.paragraphs[0]
        if view.governing_body:
            _text(issuer, view.governing_body, paragraph=first)
            first = None
        _text(issuer, view.school_name, bold=True, paragraph=first)
        _rule(issuer.add_paragraph(), indent_mm=left_mm * 0.325)
        _text(national, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, paragraph=national.paragraphs[0])
        motto = _text(national, "Độc lập - Tự do - Hạnh phúc", bold=True)
        _border(motto, "bottom", indent_mm=max((right_mm - 62) / 2, 0))
        _text(table.cell(1, 0), view.number_line, paragraph=table.cell(1, 0).paragraphs[0])
        _text(table.cell(1, 1), view.place_date, italic=True, paragraph=table.cell(1, 1).paragraphs[0])

    def _title(self) -> None:
        _text(self.document, self.view.kind, size=14, bold=True).paragraph_format.space_before = Pt(12)
        _text(self.document, self.view.title, size=14, bold=True)
        _rule(self.document.add_paragraph(), indent_mm=(TEXT_WIDTH_MM - 30) / 2, after=10)

    def _legal_bases(self) -> None:
        for basis in self.view.legal_bases:
            paragraph = _text(self.document, basis.text, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
            paragraph.paragraph_format.first_line_indent = Mm(12.7)

    # ------------------------------------------------------------------ the improvement table

    def _improvement_table(self) -> None:
        view = self.view
        self._landscape(self.document.add_section(WD_SECTION.NEW_PAGE))
        ncols = len(view.headings) + 1
        wide = ncols >= WIDE_TABLE
        style = WIDE_CELL if wide else CELL
        table = self.document.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        widths = [TT_MM, *column_widths_mm(view, LANDSCAPE_WIDTH_MM - TT_MM)]
        head = table.add_row()
        _row_flag(head, "tblHeader")
        for index, heading in enumerate(["TT", *(h for _, h in view.headings)]):
            _text(head.cells[index], heading, size=style.size, bold=True, paragraph=head.cells[index].paragraphs[0])
        for group in view.groups:
            standard = table.add_row()
            _row_flag(standard, "cantSplit")
            cell = standard.cells[0].merge(standard.cells[ncols - 1])
            _shade(cell, "EEEEEE")
            _text(cell, f"Tiêu chuẩn {group.standard.id}. {group.standard.title}", size=style.size, bold=True,
                  align=WD_ALIGN_PARAGRAPH.LEFT, paragraph=cell.paragraphs[0])
            for row in group.rows:
                self._entry(table, row, style, ncols)
        _widths(table, widths)
        self._portrait(self.document.add_section(WD_SECTION.NEW_PAGE))

    def _entry(self, table: Any, row: Row, style: Style, ncols: int) -> None:
        cells = table.add_row().cells
        _text(cells[0], str(row.number), size=style.size, paragraph=cells[0].paragraphs[0])
        for index, cell in enumerate(row.cells, start=1):
            write_html(cells[index], cell.html, style, cells[index].paragraphs[0])
        if not row.extras:
            return
        extra = table.add_row()
        _row_flag(extra, "cantSplit")
        merged = extra.cells[1].merge(extra.cells[ncols - 1])
        small = Style(size=10.5, indent=False, justify=False, after=0)
        for number, item in enumerate(row.extras):
            paragraph = merged.paragraphs[0] if number == 0 else merged.add_paragraph()
            _text(merged, f"{item.field}: ", size=small.size, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
                  paragraph=paragraph)
            write_html(_Inline(paragraph), item.html, small, paragraph)

    # ------------------------------------------------------------------ the 2026 form (sections I–VIII)

    def _form(self, form: FormView) -> None:
        """A plan in the 2026 form, as plan-2026.html.j2 lays it out: text sections with their numbered items,
        table sections on landscape pages, then the school's narrative."""
        if self.view.example:
            _text(self.document, EXAMPLE_BANNER, size=11, bold=True, after=6).runs[0].font.color.rgb = \
                RGBColor(0x9A, 0x34, 0x12)
        landscape = False
        for section in form.sections:
            if section.is_table != landscape:  # tables on landscape pages; consecutive tables share them
                landscape = section.is_table
                page = self.document.add_section(WD_SECTION.NEW_PAGE)
                if landscape:
                    self._landscape(page)
                else:
                    self._portrait(page)
            if section.is_table:
                self._section_heading(section.heading)
                self._form_table(section)
            else:
                self._section_heading(section.heading)
                self._form_items(section.items, 0)
                if section.after_html:
                    write_html(self.document, section.after_html, NARRATIVE)
        if landscape:
            self._portrait(self.document.add_section(WD_SECTION.NEW_PAGE))
        for part in self.view.body:
            write_html(self.document, part.html, NARRATIVE)

    def _section_heading(self, text: str) -> None:
        heading = _text(self.document, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
        heading.paragraph_format.space_before = Pt(9)
        heading.paragraph_format.keep_with_next = True

    def _form_items(self, items: list[ItemView], depth: int) -> None:
        for item in items:
            paragraph = _text(self.document, f"{item.label} ", bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)
            paragraph.paragraph_format.left_indent = Mm(10 * depth)
            run = paragraph.add_run(item.text)
            run.font.size = Pt(13)
            if item.html:
                write_html(self.document, item.html, Style(size=13.0, indent=False, justify=True, after=4))
            self._form_items(item.items, depth + 1)

    def _form_table(self, section: SectionView) -> None:
        ncols = len(section.columns)
        table = self.document.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        style = WIDE_CELL if ncols >= WIDE_TABLE else CELL
        head = table.add_row()
        _row_flag(head, "tblHeader")
        for index, column in enumerate(section.columns):
            cell = head.cells[index]
            _text(cell, column.heading, size=style.size, bold=True, paragraph=cell.paragraphs[0])
        if any(c.number for c in section.columns):
            numbers = table.add_row()
            _row_flag(numbers, "tblHeader")
            for index, column in enumerate(section.columns):
                label = f"({column.number})" if column.number else ""
                _text(numbers.cells[index], label, size=style.size, paragraph=numbers.cells[index].paragraphs[0])
        covered: dict[int, int] = {}  # column -> rows still covered by a cell above (rowspan)
        spans: list[tuple[int, int, int]] = []  # (row index, column, rowspan), merged once the rows exist
        for row in section.rows:
            added = table.add_row()
            cells = added.cells
            column = 0
            for cell in row.cells:
                while covered.get(column, 0) > 0:
                    covered[column] -= 1
                    column += 1
                write_html(cells[column], cell.html, style, cells[column].paragraphs[0])
                if cell.rowspan > 1:
                    covered[column] = cell.rowspan - 1
                    spans.append((len(table.rows) - 1, column, cell.rowspan))
                column += 1
            if row.extras:
                self._form_extras(table, row.extras, ncols)
        for index, column, span in spans:
            last = min(index + span - 1, len(table.rows) - 1)
            table.cell(index, column).merge(table.cell(last, column))
        if not section.rows:
            empty = table.add_row()
            merged = empty.cells[0].merge(empty.cells[ncols - 1])
            _text(merged, section.empty, size=style.size, italic=True, paragraph=merged.paragraphs[0])
        _widths(table, column_widths_form(section, LANDSCAPE_WIDTH_MM))
        if section.after_text:
            _text(self.document, section.after_text, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    @staticmethod
    def _form_extras(table: Any, extras: list[tuple[str, str]], ncols: int) -> None:
        merged = table.add_row().cells[0].merge(table.rows[-1].cells[ncols - 1])
        text = "; ".join(f"{label}: {TAG_RE.sub('', value)}" for label, value in extras)
        _text(merged, text, size=10.5, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, paragraph=merged.paragraphs[0])

    # ------------------------------------------------------------------ foot

    def _foot(self) -> None:
        view = self.view
        table = self.document.add_table(rows=1, cols=2)
        _no_borders(table)
        _row_flag(table.rows[0], "cantSplit")
        _widths(table, [TEXT_WIDTH_MM * 0.45, TEXT_WIDTH_MM * 0.55])
        left, right = table.rows[0].cells
        _text(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
              paragraph=left.paragraphs[0])
        for recipient in view.recipients:
            _text(left, f"- {recipient}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        picture = left.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.LEFT
        picture.paragraph_format.space_before = Pt(10)
        picture.paragraph_format.first_line_indent = Mm(0)
        buffer = io.BytesIO()
        segno.make(self.link, error="m").save(buffer, kind="png", scale=4, border=2)
        picture.add_run().add_picture(io.BytesIO(buffer.getvalue()), width=Mm(22))
        _text(left, f"Bản điện tử: {self.link}", size=9, align=WD_ALIGN_PARAGRAPH.LEFT)
        _text(left, f"Mã kiểm tra (SHA-256 của tệp nguồn): {view.doc.source_sha256[:SHORT_SHA]}", size=9,
              align=WD_ALIGN_PARAGRAPH.LEFT)
        first = right.paragraphs[0]
        for line in view.signer_lines:
            _text(right, line, bold=True, paragraph=first)
            first = None
        space = right.add_paragraph() if first is None else first
        space.paragraph_format.space_after = Mm(26)
        if view.signer_name:
            _text(right, view.signer_name, bold=True)
        if view.signer_lost:  # the source lost the signature block: said, as on the page and in the PDF
            _text(right, view.signer_note, italic=True)

    def _properties(self) -> None:
        properties = self.document.core_properties
        doc = self.view.doc
        properties.title = self.view.title
        properties.author = doc.school.display_name
        properties.subject = f"Kế hoạch cải tiến chất lượng giáo dục năm học {doc.year}"
        properties.keywords = "kế hoạch cải tiến chất lượng, kiểm định chất lượng giáo dục"
        properties.comments = f"Tạo từ {doc.rel} (SHA-256 {doc.source_sha256})"


class _Inline:
    """A container whose add_paragraph() returns the same paragraph: an extra's value stays on its line."""

    def __init__(self, paragraph: Any) -> None:
        self.paragraph = paragraph

    def add_paragraph(self) -> Any:
        return self.paragraph


def column_widths_form(section: SectionView, total_mm: float) -> list[float]:
    """Widths of a 2026-form table: by the mean text length of each column."""
    lengths = [[len(TAG_RE.sub("", row.cells[i].html)) for row in section.rows if i < len(row.cells)]
               for i in range(len(section.columns))]
    weights = [math.sqrt(max(sum(x) / max(len(x), 1), 25.0)) for x in lengths]
    total = sum(weights) or 1.0
    return [round(total_mm * w / total, 1) for w in weights]


def column_widths_mm(view: PlanView, total_mm: float) -> list[float]:
    """Widths of the declared columns: a share that grows with the square root of the column's
    mean text length, so empty columns stay narrow and the actions column gets the room."""
    rows = [row for group in view.groups for row in group.rows]
    weights = []
    for index, (name, _) in enumerate(view.headings):
        lengths = [len(TAG_RE.sub("", row.cells[index].html)) for row in rows]
        mean = sum(lengths) / max(len(lengths), 1)
        weights.append(math.sqrt(max(mean, 25.0)) * (1.3 if name == "actions" else 1.0))
    total = sum(weights) or 1.0
    return [round(total_mm * w / total, 1) for w in weights]


# --------------------------------------------------------------------------- entry point


def permalink(doc: PlanDoc, base_url: str) -> str:
    return paths.absolute(base_url, paths.plan_page(doc.school.slug, doc.year).url)


def render_docx(doc: PlanDoc, known_documents: Any, base_url: str) -> Any:
    """The plan as a python-docx Document."""
    return DocxWriter(plan_view(doc, known_documents), permalink(doc, base_url)).build()


def export_plan(root: Path, plan: Path, output: Path | None = None) -> Path:
    """`site-builder export <plan.md> --docx [-o file]`: write the plan as a Word document."""
    plan = plan.resolve()
    if not plan.is_file():
        raise ExportError(f"Không tìm thấy tệp kế hoạch “{plan}”.")
    folders = [(root / name).resolve() for name in ("plans", EXAMPLES_DIR)]
    if not any(plan.is_relative_to(folder) for folder in folders):
        raise ExportError(f"Tệp “{plan}” không nằm trong thư mục plans/ của kho “{root}” (xem tùy chọn --root).")
    project = load_project(root, [plan.parent])
    found = next((d for d in [*project.plans, *project.examples] if d.path.resolve() == plan), None)
    if found is None:
        folder = plan.parent.relative_to(root.resolve()).as_posix()
        errors = [f for f in project.errors if f.path.startswith(folder)]
        raise ExportError(f"Không xuất được “{plan.name}”: kế hoạch chưa qua kiểm tra (site-builder check).\n"
                          + format_text(errors))
    target = output or Path.cwd() / f"{found.school.slug}-{found.year}.docx"
    document = render_docx(found, project.catalogue.documents, site_url(root))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))
    except OSError as err:
        raise ExportError(f"Không ghi được tệp “{target}”: {err.strerror}.") from None
    return target
