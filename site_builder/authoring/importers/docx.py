"""Word (.docx) reader: the body's paragraphs and tables, in order, with merged cells and lists.

The archive is checked first (safety.py). Text is read from the XML runs, so tracked insertions,
hyperlinks, fields and content controls keep their words and tracked deletions stay out; text
boxes are read after the paragraph that anchors them. A cell spanning columns keeps its span;
a cell merged with the one above is marked, so the table reader sees the grid Word shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ...errors import DocumentImportError
from .document import Block, Cell, Para, Row, Run, SourceDocument, Table, nfc
from .safety import LIMITS, Limits, check_docx_archive

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
RUNS = etree.XPath(
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r | ./w:ins/w:hyperlink/w:r",
    namespaces=NS,
)
TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=NS)
CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=NS)
NOTES = etree.XPath("./w:footnote[@w:id>0] | ./w:endnote[@w:id>0] | ./w:comment", namespaces=NS)
ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify", "left": "left", "start": "left"}
ON = {None, "1", "true", "on"}


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def _val(element: Any, tag: str) -> str | None:
    """w:val of the child `tag` of element, or None when there is no such child."""
    if element is None:
        return None
    child = element.find(q(tag))
    return None if child is None else child.get(q("w:val"))


def _flag(element: Any, tag: str) -> bool | None:
    if element is None or element.find(q(tag)) is None:
        return None
    return _val(element, tag) in ON


class _Styles:
    """Bold/italic, alignment, heading level and list numbering that paragraphs inherit from styles."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {}
        styles = document.styles.element
        for style in styles.findall(q("w:style")):
            self.by_id[style.get(q("w:styleId")) or ""] = style
        try:
            self.numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self.numbering = None

    def chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style, "w:basedOn")

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return (_val(style, "w:name") or "") if style is not None else ""

    def run_flag(self, tag: str, run_style: str | None, para_style: str | None) -> bool:
        for style_id in (run_style, para_style):
            for style in self.chain(style_id):
                flag = _flag(style.find(q("w:rPr")), tag)
                if flag is not None:
                    return flag
        return False

    def para_prop(self, style_id: str | None, tag: str) -> Any:
        for style in self.chain(style_id):
            ppr = style.find(q("w:pPr"))
            if ppr is not None and ppr.find(q(tag)) is not None:
                return ppr.find(q(tag))
        return None

    def list_kind(self, num_id: str | None, level: int) -> str | None:
        if num_id in (None, "0") or self.numbering is None:
            return None
        num = self.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_id = _val(num, "w:abstractNumId")
        abstract = self.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
        lvl = abstract.find(f"w:lvl[@w:ilvl='{level}']", NS) if abstract is not None else None
        fmt = _val(lvl, "w:numFmt") if lvl is not None else None
        if fmt in (None, "none"):
            return None
        return "bullet" if fmt == "bullet" else "number"


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == q("w:t"):
            parts.append(child.text or "")
        elif tag == q("w:tab"):
            parts.append("\t")
        elif tag in (q("w:br"), q("w:cr")):
            parts.append("" if child.get(q("w:type")) in ("page", "column") else "\n")
        elif tag == q("w:noBreakHyphen"):
            parts.append("\u2011")
    return "".join(parts)


def _part_element(part: Any) -> Any:
    """The XML of a package part python-docx keeps only as bytes (footnotes, comments)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml  # resolve_entities=False; the archive has no DTD (safety.py)

    try:
        return parse_xml(part.blob)
    except Exception:  # a broken optional part is reported as absent, not fatal
        return None


class DocxReader:
    """Turns one .docx into a SourceDocument."""

    def __init__(self, path: Path, limits: Limits = LIMITS) -> None:
        self.path = path
        self.limits = limits
        self.paragraphs = 0
        self.tables = 0
        self.nfc_changed = 0

    def read(self) -> SourceDocument:
        check_docx_archive(self.path, self.limits)
        import docx  # python-docx

        try:
            document = docx.Document(str(self.path))
        except Exception as err:  # python-docx raises many types on a malformed package
            raise DocumentImportError(
                f"Không đọc được tệp Word “{self.path.name}” ({type(err).__name__}). Tệp có thể bị hỏng: "
                "hãy mở bằng Word hoặc LibreOffice, lưu lại thành .docx rồi nhập lại."
            ) from None
        self.styles = _Styles(document)
        result = SourceDocument(self.path.name, "docx")
        result.blocks = list(self._blocks(document.element.body))
        self._note_skipped(document, result)
        result.nfc_changed = self.nfc_changed
        return result

    # ------------------------------------------------------------------ body

    def _blocks(self, parent: Any) -> Iterator[Block]:
        for child in parent:
            if child.tag == q("w:p"):
                self.paragraphs += 1
                yield from self._paragraph(child, f"đoạn {self.paragraphs}")
            elif child.tag == q("w:tbl"):
                self.tables += 1
                yield self._table(child, f"bảng {self.tables}")
            elif child.tag in (q("w:sdt"), q("w:customXml")):
                content = child.find(q("w:sdtContent"))
                yield from self._blocks(content if content is not None else child)

    def _paragraph(self, p: Any, where: str) -> Iterator[Para]:
        ppr = p.find(q("w:pPr"))
        style_id = _val(ppr, "w:pStyle")
        para = Para(self._runs(p, style_id), where=where)
        jc = _val(ppr, "w:jc") if ppr is not None and ppr.find(q("w:jc")) is not None else None
        if jc is None:
            style_jc = self.styles.para_prop(style_id, "w:jc")
            jc = style_jc.get(q("w:val")) if style_jc is not None else None
        para.align = ALIGN.get(jc or "")  # type: ignore[assignment]
        match = re.search(r"heading\s*(\d)", self.styles.name(style_id).lower())
        para.heading = int(match.group(1)) if match else None
        num = ppr.find(q("w:numPr")) if ppr is not None else None
        if num is None:
            num = self.styles.para_prop(style_id, "w:numPr")
        if num is not None:
            level = int(_val(num, "w:ilvl") or 0)
            para.list_kind = self.styles.list_kind(_val(num, "w:numId"), level)  # type: ignore[assignment]
            para.list_level = level
        yield para
        for box in TEXT_BOXES(p):
            for inner in box.findall(q("w:p")):
                yield from self._paragraph(inner, f"{where} (khung chữ)")

    def _runs(self, p: Any, style_id: str | None) -> list[Run]:
        runs = []
        for run in RUNS(p):
            text = _run_text(run)
            if not text:
                continue
            rpr = run.find(q("w:rPr"))
            run_style = _val(rpr, "w:rStyle")
            bold = _flag(rpr, "w:b")
            italic = _flag(rpr, "w:i")
            composed = nfc(text)
            self.nfc_changed += composed != text
            runs.append(Run(
                composed,
                bold if bold is not None else self.styles.run_flag("w:b", run_style, style_id),
                italic if italic is not None else self.styles.run_flag("w:i", run_style, style_id),
            ))
        return runs

    # ------------------------------------------------------------------ tables

    def _table(self, tbl: Any, where: str) -> Table:
        rows = []
        for index, tr in enumerate(tbl.findall(q("w:tr")), start=1):
            rows.append(self._row(tr, f"{where}, dòng {index}"))
        return Table(rows, where)

    def _row(self, tr: Any, where: str) -> Row:
        trpr = tr.find(q("w:trPr"))
        cells: list[Cell] = []
        before = _val(trpr, "w:gridBefore")
        if before and before.isdigit():
            cells.append(Cell([], int(before)))
        for tc in CELLS(tr):
            cells.append(self._cell(tc, where))
        return Row(cells, where, repeats_as_header=bool(_flag(trpr, "w:tblHeader")))

    def _cell(self, tc: Any, where: str) -> Cell:
        tcpr = tc.find(q("w:tcPr"))
        span = _val(tcpr, "w:gridSpan")
        vmerge = tcpr.find(q("w:vMerge")) if tcpr is not None else None
        continues = vmerge is not None and vmerge.get(q("w:val")) in (None, "continue")
        paras: list[Para] = []
        for child in tc:
            if child.tag == q("w:p"):
                paras.extend(self._paragraph(child, where))
            elif child.tag == q("w:tbl"):
                for row in self._table(child, where).rows:
                    for cell in row.cells:
                        paras.extend(cell.paras)
        return Cell(paras, int(span) if span and span.isdigit() else 1, continues)

    # ------------------------------------------------------------------ what is left out

    def _note_skipped(self, document: Any, result: SourceDocument) -> None:
        part = document.part
        for rel in part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in ("footnotes", "endnotes", "comments"):
                notes = _part_element(rel.target_part)
                count = len(NOTES(notes)) if notes is not None else 0
                if count:
                    label = {"footnotes": "chú thích cuối trang", "endnotes": "chú thích cuối văn bản",
                             "comments": "nhận xét (comment)"}[kind]
                    result.unread.append(f"Văn bản có {count} {label}; chưa được nhập, hãy đối chiếu bản gốc.")
        headers = {p.text.strip() for s in document.sections for p in s.header.paragraphs if p.text.strip()}
        if headers:
            result.unread.append(
                "Phần đầu trang (header) của Word không được nhập: " + "; ".join(sorted(headers)) + "."
            )
