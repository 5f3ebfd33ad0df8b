"""The view's sanitized HTML fragments (narrative, table cells) written as Word paragraphs and tables.

Only what present.sanitize lets through can occur: p, h2–h6, ul/ol/li, table, strong/em/u/s,
sub/sup, br, a, code, span. Lists are written as the PDF shows them: "- " or "1. " before the item,
with a hanging indent; a link keeps its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "blockquote", "pre", "hr", "dl"}
INDENT = Cm(1.27)


@dataclass(frozen=True)
class Style:
    """How blocks are set: the narrative (justified, first-line indent) or a table cell (compact)."""

    size: float = 13.0
    indent: bool = True
    justify: bool = True
    after: float = 6.0


NARRATIVE = Style()


def _format(paragraph: Any, style: Style, first_line: Any = None, left: Any = None) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(style.after)
    fmt.space_before = Pt(0)
    if style.justify:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if first_line is not None:
        fmt.first_line_indent = first_line
    elif style.indent:
        fmt.first_line_indent = INDENT
    if left is not None:
        fmt.left_indent = left


class Writer:
    """Writes one HTML fragment into a container (the document body or a table cell)."""

    def __init__(self, container: Any, style: Style, first_empty: Any = None) -> None:
        self.container = container
        self.style = style
        self.pending = first_empty  # a cell's own empty first paragraph, used before adding new ones

    def paragraph(self) -> Any:
        if self.pending is not None:
            paragraph, self.pending = self.pending, None
            return paragraph
        return self.container.add_paragraph()

    def write(self, fragment: str) -> None:
        if not fragment.strip():
            return
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        self._blocks(root)

    # ------------------------------------------------------------------ blocks

    def _blocks(self, parent: Any, list_depth: int = 0) -> None:
        inline: list[Any] = []  # text and inline elements waiting for a paragraph
        if parent.text and parent.text.strip():
            inline.append(parent.text)
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in BLOCKS:
                self._flush(inline)
                self._block(child, tag, list_depth)
                if child.tail and child.tail.strip():
                    inline.append(child.tail)
            else:
                inline.append(child)
        self._flush(inline)

    def _flush(self, inline: list[Any]) -> None:
        if not inline:
            return
        paragraph = self.paragraph()
        _format(paragraph, self.style)
        for item in inline:
            if isinstance(item, str):
                _run(paragraph, item, {}, self.style.size)
            else:
                self._inline(paragraph, item, {}, include_tail=True)
        inline.clear()

    def _block(self, element: Any, tag: str, list_depth: int) -> None:
        if tag in ("ul", "ol"):
            self._list(element, tag == "ol", list_depth)
        elif tag == "table":
            self._table(element)
        elif tag in ("div", "blockquote", "dl"):
            self._blocks(element, list_depth)
        elif tag == "hr":
            return
        else:
            paragraph = self.paragraph()
            heading = tag.startswith("h")
            _format(paragraph, self.style, first_line=INDENT if heading and self.style.indent else None)
            if heading:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.paragraph_format.space_before = Pt(9)
                paragraph.paragraph_format.keep_with_next = True
            marks = {"bold": True, "italic": tag in ("h4", "h5", "h6")} if heading else {}
            self._content(paragraph, element, marks)

    def _content(self, paragraph: Any, element: Any, marks: dict[str, bool]) -> None:
        if element.text:
            _run(paragraph, element.text, marks, self.style.size)
        for child in element:
            self._inline(paragraph, child, marks, include_tail=True)

    def _inline(self, paragraph: Any, element: Any, marks: dict[str, bool], include_tail: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        else:
            inner = dict(marks)
            if tag in ("strong", "b"):
                inner["bold"] = True
            elif tag in ("em", "i"):
                inner["italic"] = True
            elif tag == "u":
                inner["underline"] = True
            elif tag == "s":
                inner["strike"] = True
            elif tag == "sub":
                inner["subscript"] = True
            elif tag == "sup":
                inner["superscript"] = True
            self._content(paragraph, element, inner)
        if include_tail and element.tail:
            _run(paragraph, element.tail, marks, self.style.size)

    # ------------------------------------------------------------------ lists

    def _list(self, element: Any, ordered: bool, depth: int) -> None:
        number = int(element.get("start", "1") or 1)
        for item in element:
            if not isinstance(item.tag, str) or item.tag != "li":
                continue
            mark = f"{number}. " if ordered else "- "
            number += 1
            paragraph = self.paragraph()
            left = INDENT * depth if depth else (INDENT if not self.style.indent else 0)
            _format(paragraph, self.style, first_line=INDENT if self.style.indent and not depth else 0, left=left)
            if not self.style.indent:
                paragraph.paragraph_format.left_indent = 0
                paragraph.paragraph_format.first_line_indent = 0
            _run(paragraph, mark, {}, self.style.size)
            nested = [c for c in item if isinstance(c.tag, str) and c.tag in ("ul", "ol")]
            if item.text:
                _run(paragraph, item.text, {}, self.style.size)
            for child in item:
                if child in nested:
                    continue
                if isinstance(child.tag, str) and child.tag == "p":
                    self._content(paragraph, child, {})
                else:
                    self._inline(paragraph, child, {}, include_tail=True)
            for child in nested:
                self._list(child, child.tag == "ol", depth + 1)

    # ------------------------------------------------------------------ tables

    def _table(self, element: Any) -> None:
        rows = [tr for tr in element.iter("tr")]
        if not rows:
            return
        grid = _grid(rows)
        width = max(len(r) for r in grid)
        table = self.container.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        style = Style(size=11.0, indent=False, justify=False, after=0)
        done: set[int] = set()
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None or id(cell) in done:
                    continue
                done.add(id(cell))
                last_r = max(i for i in range(len(grid)) if c < len(grid[i]) and grid[i][c] is cell)
                last_c = max(j for j in range(len(row)) if row[j] is cell)
                target = table.cell(r, c)
                if (last_r, last_c) != (r, c):
                    target = target.merge(table.cell(last_r, last_c))
                html = lxml.html.tostring(cell, encoding="unicode", with_tail=False)
                inner = html[html.index(">") + 1: html.rindex("<")]
                Writer(target, style, target.paragraphs[0]).write(inner)
                if cell.tag == "th":
                    for paragraph in target.paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                        for run in paragraph.runs:
                            run.bold = True


def _grid(rows: list[Any]) -> list[list[Any]]:
    """Rows of cells with colspan/rowspan expanded (the same cell object in every slot it covers)."""
    grid: list[list[Any]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in [x for x in tr if isinstance(x.tag, str) and x.tag in ("td", "th")]:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            span = max(int(cell.get("colspan", "1") or 1), 1)
            down = max(int(cell.get("rowspan", "1") or 1), 1)
            for i in range(r, min(r + down, len(rows))):
                while len(grid[i]) < c + span:
                    grid[i].append(None)
                for j in range(c, c + span):
                    grid[i][j] = cell
            c += span
    width = max(len(r) for r in grid)
    return [row + [None] * (width - len(row)) for row in grid]


def _run(paragraph: Any, text: str, marks: dict[str, bool], size: float) -> Any:
    text = " ".join(text.split("\n")) if "\n" in text else text
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    for name, value in marks.items():
        if name in ("subscript", "superscript", "strike"):
            setattr(run.font, name, value)
        else:
            setattr(run, name, value)
    return run


def write_html(container: Any, fragment: str, style: Style = NARRATIVE, first_empty: Any = None) -> None:
    """Append fragment to container (a Document or a table cell) as Word paragraphs and tables."""
    Writer(container, style, first_empty).write(fragment)
