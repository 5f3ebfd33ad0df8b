"""What a reader makes of a Word or PDF file: paragraphs and tables in reading order.

Both readers (docx.py, pdf.py) produce a SourceDocument; everything after them (table.py,
layout.py, markdown.py) works on it alone, so a new input format is one new reader.
Texts are Unicode NFC; non-breaking spaces, smart quotes and every other character are kept
as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

ASCII_SPACE = " \t\r\n\v\f"  # str.strip() would also remove NBSP, which is kept as written


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def trim(text: str) -> str:
    """Strip ordinary white space at both ends; keep non-breaking spaces."""
    return text.strip(ASCII_SPACE)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    runs: list[Run]
    where: str = ""  # where a person finds it in the source, in Vietnamese ("đoạn 12", "trang 3")
    align: Literal["left", "center", "right", "justify"] | None = None
    heading: int | None = None  # level from a Word heading style (1 = Heading 1)
    list_kind: Literal["bullet", "number"] | None = None
    list_level: int = 0

    @property
    def text(self) -> str:
        return trim("".join(r.text for r in self.runs))

    @property
    def bold(self) -> bool:
        """Every visible character is bold."""
        shown = [r for r in self.runs if trim(r.text)]
        return bool(shown) and all(r.bold for r in shown)

    @property
    def italic(self) -> bool:
        shown = [r for r in self.runs if trim(r.text)]
        return bool(shown) and all(r.italic for r in shown)


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1  # columns covered (Word gridSpan)
    continues_above: bool = False  # vertically merged with the cell above (Word vMerge continue)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras if p.text)

    @property
    def lines(self) -> list[str]:
        return [p.text for p in self.paras if p.text]


@dataclass
class Row:
    cells: list[Cell]
    where: str = ""
    repeats_as_header: bool = False  # Word "repeat as header row" (w:tblHeader)
    after_page_break: bool = False  # first row of a table that continues on a new page (PDF)

    def grid(self, width: int) -> list[Cell]:
        """One cell per grid column: a cell spanning n columns fills n slots (the same object)."""
        slots: list[Cell] = []
        for cell in self.cells:
            slots.extend(cell for _ in range(max(cell.span, 1)))
        while len(slots) < width:
            slots.append(Cell([]))
        return slots[:width]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    where: str = ""
    continues_previous: bool = False  # the reader knows this table carries on the one before (PDF page)

    @property
    def width(self) -> int:
        return max((sum(c.span for c in r.cells) for r in self.rows), default=0)


Block = Para | Table


@dataclass
class SourceDocument:
    name: str  # file name, for messages
    kind: Literal["docx", "pdf"]
    blocks: list[Block] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # left out on purpose (page numbers), in Vietnamese
    unread: list[str] = field(default_factory=list)  # present in the file but not imported: a person must look
    nfc_changed: int = 0  # pieces of text that were not NFC (combining accents) and were composed
