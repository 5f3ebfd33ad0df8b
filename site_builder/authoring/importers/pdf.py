"""PDF reader (pdfplumber): text PDFs only, within page and size limits.

Per page: ruled tables are found from their lines (pdfplumber's "lines" strategy) and rebuilt as a
grid from the cells' edges, so a cell spanning columns or rows keeps its span; the words outside
tables become lines (words side by side with a wide gap, as the two columns of the header, are
joined with a tab) and lines become paragraphs the way a reader sees them: a line joins the one
above when that one was full (the next line's first word would not have fitted), not indented,
not a new list item, not after a gap. The same rule rebuilds paragraphs inside table cells.
Bold and italic come from the font names. Page furniture (a page number or a line repeated at the
top or bottom of the pages) is left out and listed in SourceDocument.skipped. A table that starts
at the top of a page right after a table on the previous page with the same columns continues it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import DocumentImportError
from .document import Block, Cell, Para, Row, Run, SourceDocument, Table, nfc
from .safety import LIMITS, Limits, check_file_size

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "join_tolerance": 3, "intersection_tolerance": 3}
LINE_TOLERANCE = 3.0  # points: words whose middles are this close are on one line
COLUMN_GAP = 28.0  # points: a wider gap inside a line separates two columns (header, signer block)
MARGIN_ZONE = 0.075  # top and bottom share of the page where page numbers and running lines live
LIST_MARK_RE = re.compile(r"^([-–+•●▪◦*](\s|$)|\d{1,2}\.\s+\S)")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    italic: bool
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    words: list[Word]
    segments: list[list[Word]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def text(self) -> str:
        return "\t".join(" ".join(w.text for w in segment) for segment in self.segments)


def _word(raw: dict[str, Any]) -> Word:
    font = str(raw.get("fontname", ""))
    return Word(str(raw["text"]).translate(LIGATURES), float(raw["x0"]), float(raw["x1"]), float(raw["top"]),
                float(raw["bottom"]), bool(re.search(r"bold|black|heavy|semibold", font, re.IGNORECASE)),
                bool(re.search(r"italic|oblique", font, re.IGNORECASE)), float(raw.get("size", 12.0)))


def lines_of(words: Iterable[Word]) -> list[Line]:
    """Words grouped into lines (top to bottom), each split into column segments at wide gaps."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(lines[-1][-1].middle - word.middle) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for group in lines:
        group.sort(key=lambda w: w.x0)
        segments: list[list[Word]] = [[group[0]]]
        for word in group[1:]:
            if word.x0 - segments[-1][-1].x1 > COLUMN_GAP:
                segments.append([word])
            else:
                segments[-1].append(word)
        result.append(Line(group, segments))
    return result


def _gap(line: Line, segment: int, index: int, first: bool, before: str) -> str:
    """What separates a word from the one before it: nothing, a space, a tab (column). A line ending in
    a hyphen carries on without a space ("CB-GV-" + "NV"), except between two numbers ("2024-" +
    "2025" is read "2024- 2025", the common way of writing a school year): the PDF cannot tell."""
    if first:
        return ""
    if index == 0:
        if segment:
            return "\t"
        word = line.words[0].text
        if not (re.search(r"\w-$", before) and word[:1].isalnum()):
            return " "
        years = re.search(r"\d-$", before) and word[:1].isdigit()  # "2024- 2025": the school's space kept
        return " " if years else ""
    words = line.segments[segment]
    touching = words[index].x0 - words[index - 1].x1 < words[index].size * 0.08
    return "" if touching else " "


def _runs(lines: list[Line]) -> list[Run]:
    runs: list[Run] = []
    for number, line in enumerate(lines):
        for s, segment in enumerate(line.segments):
            for w, word in enumerate(segment):
                gap = _gap(line, s, w, number == 0 and s == 0 and w == 0, runs[-1].text if runs else "")
                if runs and (runs[-1].bold, runs[-1].italic) == (word.bold, word.italic):
                    runs[-1].text += gap + word.text
                else:
                    if gap and runs:
                        runs[-1].text += gap
                    runs.append(Run(word.text, word.bold, word.italic))
    return runs


def paragraphs(lines: list[Line], left: float, right: float, where: str, center: float | None = None) -> list[Para]:
    """Lines to paragraphs: a line joins the paragraph above when the line above was full."""
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right):
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = line
    result = []
    for group in groups:
        para = Para(_runs(group), where=where)
        first = group[0]
        if center is not None and len(group) == 1 and first.x0 - left > 20 and right - first.x1 > 20 \
                and abs((first.x0 + first.x1) / 2 - center) < 12:
            para.align = "center"
        elif center is not None:
            para.align = "justify"
        result.append(para)
    return result


def _continues(above: Line, line: Line, left: float, right: float) -> bool:
    if len(above.segments) > 1 or len(line.segments) > 1:
        return False
    pitch = max(above.size, line.size) * 1.6
    if line.top - above.bottom > pitch * 0.45:
        return False
    start = line.words[0].text
    if LIST_MARK_RE.match(line.text) or (start[:1] in "-–+•" and start[1:2].isupper()):  # "- Việc", "-Bổ sung"
        return False
    if line.x0 - left > 8 and line.x0 - above.x0 > 8:
        return False  # indented: a new paragraph (first-line indent)
    first = line.words[0]
    space = first.size * 0.25
    return above.x1 + space + (first.x1 - first.x0) > right - 2


# --------------------------------------------------------------------------- tables


def _edges(values: Iterable[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > 2.0:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


@dataclass
class _Box:
    bbox: tuple[float, float, float, float]
    row: int
    col: int
    rows: int
    cols: int


def _grid(cells: list[tuple[float, float, float, float]]) -> tuple[list[_Box], int, int]:
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    boxes = []
    for cell in cells:
        col, row = _index(xs, cell[0]), _index(ys, cell[1])
        cols = max(_index(xs, cell[2]) - col, 1)
        rows = max(_index(ys, cell[3]) - row, 1)
        boxes.append(_Box(cell, row, col, rows, cols))
    return boxes, len(ys) - 1, len(xs) - 1


def _table(found: Any, words: list[Word], where: str) -> Table:
    cells = [tuple(c) for row in found.rows for c in row.cells if c is not None]
    boxes, height, width = _grid(cells)  # type: ignore[arg-type]
    starts: dict[tuple[int, int], _Box] = {(b.row, b.col): b for b in boxes}
    rows = []
    for r in range(height):
        row_cells: list[Cell] = []
        c = 0
        while c < width:
            box = starts.get((r, c))
            if box is not None:
                row_cells.append(Cell(_cell_paras(box, words, where), box.cols))
                c += box.cols
                continue
            above = next((b for b in boxes if b.col <= c < b.col + b.cols and b.row < r < b.row + b.rows), None)
            span = above.cols if above is not None and above.col == c else 1
            row_cells.append(Cell([], span, continues_above=above is not None))
            c += span
        rows.append(Row(row_cells, f"{where}, dòng {r + 1}"))
    return Table(rows, where)


def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    x = (word.x0 + word.x1) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= word.middle <= bbox[3]


def _cell_paras(box: _Box, words: list[Word], where: str) -> list[Para]:
    inner = [w for w in words if _inside(w, box.bbox)]
    if not inner:
        return []
    lines = lines_of(inner)
    for line in lines:  # inside a cell, wide gaps are justification, not columns
        line.segments = [line.words]
    left = min(line.x0 for line in lines)
    right = max(max(line.x1 for line in lines), box.bbox[2] - 6)  # cell padding is 4–6 pt
    return paragraphs(lines, left, right, where)


def _open_ends(page: Any, tables: list[Any]) -> list[float]:
    """y of the missing rules where a table's column borders run on past its last (or first) rule."""
    ends: list[float] = []
    verticals = [e for e in page.edges if e.get("orientation") == "v"]
    for table in tables:
        x0, top, x1, bottom = table.bbox
        inside = [e for e in verticals if x0 - 2 <= e["x0"] <= x1 + 2]
        below = [e["bottom"] for e in inside if e["top"] <= bottom + 2 and e["bottom"] > bottom + 4]
        above = [e["top"] for e in inside if e["bottom"] >= top - 2 and e["top"] < top - 4]
        if len(below) >= 2:
            ends.append(max(below))
        if len(above) >= 2:
            ends.append(min(above))
    return ends


# --------------------------------------------------------------------------- pages


@dataclass
class _Page:
    number: int
    height: float
    blocks: list[tuple[float, Block]] = field(default_factory=list)  # (top, block)
    furniture: list[Line] = field(default_factory=list)


class PdfReader:
    def __init__(self, path: Path, limits: Limits = LIMITS) -> None:
        self.path = path
        self.limits = limits
        self.nfc_changed = 0

    def read(self) -> SourceDocument:
        check_file_size(self.path, self.limits)
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError

        try:
            with pdfplumber.open(str(self.path)) as pdf:
                count = len(pdf.pages)
                if count > self.limits.pdf_pages:
                    raise DocumentImportError(
                        f"Tệp “{self.path.name}” có {count} trang, vượt giới hạn {self.limits.pdf_pages} trang. "
                        "Hãy nhập tệp Word (.docx) của kế hoạch."
                    )
                pages = [self._page(page, number) for number, page in enumerate(pdf.pages, start=1)]
                seen = Counter(unicodedata.normalize("NFKC", str(c["text"])) for page in pdf.pages for c in page.chars)
        except DocumentImportError:
            raise
        except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError) as err:
            raise DocumentImportError(self._unreadable(err)) from None
        except Exception as err:  # pdfminer raises its own types for encrypted or broken files
            raise DocumentImportError(self._unreadable(err)) from None
        document = self._document(pages)
        document.nfc_changed = self.nfc_changed
        self._cross_check(seen, document)
        return document

    def _cross_check(self, seen: Counter[str], document: SourceDocument) -> None:
        """Characters poppler (pdftotext) reads that pdfminer does not (glyphs of a fallback font): the
        import would lose them silently, so the report names them for a person to restore."""
        if shutil.which("pdftotext") is None:
            return
        try:
            run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                                 timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return
        other = Counter(unicodedata.normalize("NFKC", run.stdout.decode("utf-8", "replace")))
        missing = sorted(ch for ch, count in other.items() if ch.isalnum() and count > seen.get(ch, 0))
        if missing:
            listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:20])
            document.unread.append(f"Trình đọc PDF không lấy được một số ký tự mà tệp có: {listed}; "
                                   "đối chiếu bản gốc và gõ lại những chỗ này.")

    def _unreadable(self, err: Exception) -> str:
        name = type(err).__name__
        if "Password" in name or "Encrypt" in name:
            return f"Tệp “{self.path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu hoặc nhập tệp Word (.docx)."
        return (f"Không đọc được tệp PDF “{self.path.name}” ({name}). Tệp có thể bị hỏng; "
                "hãy nhập tệp Word (.docx) của kế hoạch.")

    def _page(self, page: Any, number: int) -> _Page:
        where = f"trang {number}"
        words = [_word(w) for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)]
        for word in words:
            composed = nfc(word.text)
            self.nfc_changed += composed != word.text
            word.text = composed
        found = page.find_tables(TABLE_SETTINGS)
        open_ends = _open_ends(page, found)
        if open_ends:  # a row cut by the page break has no closing rule: close it where its borders end
            found = page.find_tables({**TABLE_SETTINGS, "explicit_horizontal_lines": open_ends})
        result = _Page(number, float(page.height))
        table_boxes = [t.bbox for t in found]
        outside = [w for w in words if not any(_inside(w, box) for box in table_boxes)]
        body, furniture = [], []
        for line in lines_of(outside):
            in_margin = line.bottom < page.height * MARGIN_ZONE or line.top > page.height * (1 - MARGIN_ZONE)
            (furniture if in_margin else body).append(line)
        result.furniture = furniture
        if body:
            left = min(line.x0 for line in body)
            right = max(line.x1 for line in body)
            center = float(page.width) / 2 + (left - (float(page.width) - right)) / 2
            chunks = self._chunks(body, table_boxes)
            for chunk in chunks:
                for para in paragraphs(chunk, left, right, where, center):
                    result.blocks.append((chunk[0].top, para))
        for index, table in enumerate(found, start=1):
            label = f"{where}, bảng {index}" if len(found) > 1 else f"{where}, bảng"
            result.blocks.append((table.bbox[1], _table(table, words, label)))
        result.blocks.sort(key=lambda item: item[0])
        return result

    @staticmethod
    def _chunks(lines: list[Line], tables: list[tuple[float, float, float, float]]) -> list[list[Line]]:
        """Body lines split where a table stands between them (a paragraph never spans a table)."""
        chunks: list[list[Line]] = []
        for line in lines:
            if chunks and not any(chunks[-1][-1].bottom <= box[1] <= line.top for box in tables):
                chunks[-1].append(line)
            else:
                chunks.append([line])
        return chunks

    def _document(self, pages: list[_Page]) -> SourceDocument:
        document = SourceDocument(self.path.name, "pdf")
        if not any(p.blocks for p in pages):
            raise DocumentImportError(
                f"Tệp “{self.path.name}” không có chữ (có thể là ảnh chụp/scan). Trình nhập chỉ đọc được PDF có chữ: "
                "hãy nhập tệp Word (.docx) của kế hoạch."
            )
        self._furniture(pages, document)
        previous: Table | None = None
        for page in pages:
            for number, (_top, block) in enumerate(page.blocks):
                if isinstance(block, Table):
                    if number == 0 and previous is not None and previous is document.blocks[-1] \
                            and block.width == previous.width:
                        block.continues_previous = True
                        if block.rows:
                            block.rows[0].after_page_break = True
                    previous = block
                document.blocks.append(block)
        return document

    @staticmethod
    def _furniture(pages: list[_Page], document: SourceDocument) -> None:
        """Page numbers and running lines are left out; anything else in the margins is kept."""
        seen: dict[str, int] = {}
        for page in pages:
            for line in page.furniture:
                seen[re.sub(r"\d+", "#", line.text)] = seen.get(re.sub(r"\d+", "#", line.text), 0) + 1
        skipped: dict[str, int] = {}
        for page in pages:
            kept = []
            for line in page.furniture:
                key = re.sub(r"\d+", "#", line.text)
                if re.fullmatch(r"(trang\s*)?\d{1,3}(\s*/\s*\d{1,3})?", line.text.strip().lower()) or seen[key] > 1:
                    skipped[key] = skipped.get(key, 0) + 1
                else:
                    kept.append(line)
            for line in kept:
                page.blocks.append((line.top, Para(_runs([line]), where=f"trang {page.number}")))
            page.blocks.sort(key=lambda item: item[0])
        for key, count in skipped.items():
            label = "số trang" if key.replace("#", "").strip() in ("", "trang", "/") else f"dòng “{key}”"
            document.skipped.append(f"Bỏ qua {label} ở lề trên/dưới của {count} trang (phần in lặp lại của PDF).")
