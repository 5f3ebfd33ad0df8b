"""The official-format checklist, measured on a PDF with pdfplumber (issue 10).

Each line cites its article of Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I (mục I: general rules;
mục II: the elements; mục IV: the layout diagram), as read in /work/shared/reference/legal-facts.md and
in a transcription of Phụ lục I (ericphan28/van-ban-plus, Phuluc1.md). Lines marked "project rule" are not
in Phụ lục I and say why. test_pdf_checklist.py runs every line on every example PDF.

A measure returns the problems it found (empty: the line holds).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pdfplumber

from site_builder.present.formats import BLANK
from site_builder.present.view import PlanView

MM = 72 / 25.4
TOL = 0.6  # pt, for sizes and positions read back from the PDF
FOOTER_SIZE = 9.0  # the verification footer (permalink, SHA) is smaller than any text the decree sizes
GAP = 8.0  # pt: a gap this wide between two characters on a line separates two text segments


@dataclass
class Segment:
    """A run of text on one line, between gaps (the header's two columns are two segments)."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[dict[str, Any]]

    @property
    def sizes(self) -> set[float]:
        return {round(c["size"], 1) for c in self.chars if c["text"].strip()}

    @property
    def bold(self) -> bool:
        return all("Bold" in c["fontname"] for c in self.chars if c["text"].strip())

    @property
    def italic(self) -> bool:
        return all("Italic" in c["fontname"] for c in self.chars if c["text"].strip())

    @property
    def baseline(self) -> float:
        return max(c["bottom"] for c in self.chars)


def _segments(page: Any, number: int) -> list[Segment]:
    found = []
    for line in page.extract_text_lines(return_chars=True, strip=False):
        run: list[dict[str, Any]] = []
        for char in sorted(line["chars"], key=lambda c: c["x0"]):
            if run and char["x0"] - run[-1]["x1"] > GAP:
                found.append(_segment(number, run))
                run = []
            run.append(char)
        if run:
            found.append(_segment(number, run))
    return [s for s in found if s.text.strip()]


def _segment(number: int, chars: list[dict[str, Any]]) -> Segment:
    text = ""
    for before, char in zip([None, *chars], chars, strict=False):
        if before is not None and char["x0"] - before["x1"] > 0.15 * char["size"] and not text.endswith(" "):
            text += " "  # a word space the PDF positions rather than prints
        text += char["text"]
    return Segment(number, " ".join(text.split()), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                   min(c["top"] for c in chars), max(c["bottom"] for c in chars), chars)


@dataclass
class Measured:
    """One PDF read back: text segments and horizontal rules per page, sizes of pages, and the view it was
    made from (to know what each text is)."""

    path: Path
    view: PlanView
    pages: list[tuple[float, float]] = field(default_factory=list)
    segments: list[list[Segment]] = field(default_factory=list)
    rules: list[list[tuple[float, float, float]]] = field(default_factory=list)  # (x0, x1, y)
    tables: list[list[list[list[str]]]] = field(default_factory=list)  # per page: rows of cell texts
    cell_lines: list[list[list[int]]] = field(default_factory=list)  # per page, per table row: lines per cell
    tails: dict[int, int] = field(default_factory=dict)  # page -> lines of an unclosed row below the table's rows
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, view: PlanView) -> Measured:
        measured = cls(path, view)
        with pdfplumber.open(path) as document:
            measured.metadata = dict(document.metadata)
            for number, page in enumerate(document.pages):
                measured.pages.append((float(page.width), float(page.height)))
                measured.segments.append(_segments(page, number))
                measured.rules.append([(e["x0"], e["x1"], e["top"]) for e in page.edges
                                       if e["orientation"] == "h" and e["x1"] - e["x0"] > 5])
                measured.tables.append([])
                measured.cell_lines.append([])
                if page.width > page.height:
                    measured._read_table(page)
        return measured

    def _read_table(self, page: Any) -> None:
        tables = page.find_tables()
        if not tables:
            return
        words = page.extract_words()
        table = tables[0]
        below = [w for w in words if w["top"] > table.bbox[3] and table.bbox[0] <= w["x0"] <= table.bbox[2]
                 and w["bottom"] < page.height - 15 * MM]
        self.tails[page.page_number - 1] = len({round(w["top"]) for w in below})
        for row in table.rows:
            texts, lines = [], []
            for cell in row.cells:
                if cell is None:
                    texts.append(None)
                    lines.append(0)
                    continue
                inside = [w for w in words if cell[0] <= (w["x0"] + w["x1"]) / 2 <= cell[2]
                          and cell[1] <= (w["top"] + w["bottom"]) / 2 <= cell[3]]
                texts.append(" ".join(w["text"] for w in inside))
                lines.append(len({round(w["top"]) for w in inside}))
            self.tables[-1].append(texts)
            self.cell_lines[-1].append(lines)

    # -------------------------------------------------------------- what each text is

    def body(self, number: int) -> list[Segment]:
        """Segments of a page without the page number (top margin) and the verification footer."""
        height = self.pages[number][1]
        return [s for s in self.segments[number]
                if s.top > 20 * MM - 2 and s.bottom < height - 15 * MM and min(s.sizes, default=0) > FOOTER_SIZE]

    def find(self, number: int, text: str, last: bool = False) -> Segment | None:
        wanted = " ".join(text.split())
        found = [s for s in self.segments[number] if s.text == wanted]
        return (found[-1] if last else found[0]) if found else None

    def rule_below(self, number: int, segment: Segment, within: float = 12.0) -> tuple[float, float, float] | None:
        below = [r for r in self.rules[number] if segment.bottom - 1 <= r[2] <= segment.bottom + within
                 and r[0] < (segment.x0 + segment.x1) / 2 < r[1]]
        return min(below, key=lambda r: r[2]) if below else None

    @property
    def landscape(self) -> list[int]:
        return [n for n, (w, h) in enumerate(self.pages) if w > h]

    @cached_property
    def headings(self) -> list[str]:
        """Texts of the narrative's headings (h2–h6), as the PDF prints them."""
        found = []
        for part in self.view.body:
            for match in re.finditer(r"<h[2-6][^>]*>(.*?)</h[2-6]>", part.html, re.DOTALL):
                found.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", match[1])).split()))
        return found

    def signer_first_line(self) -> Segment | None:
        last = len(self.pages) - 1
        first = self.view.signature.lines[0]
        return next((s for s in self.segments[last] if " ".join(s.text.split()) == first), None)


Check = Callable[[Measured], list[str]]


@dataclass(frozen=True)
class Line:
    key: str
    article: str
    rule: str
    check: Check


def _size(segment: Segment | None, name: str, low: float, high: float) -> list[str]:
    if segment is None:
        return [f"{name}: not found"]
    bad = [s for s in segment.sizes if not low - TOL <= s <= high + TOL]
    return [f"{name}: size {sorted(segment.sizes)} outside {low}–{high}"] if bad else []


def _style(segment: Segment | None, name: str, *, bold: bool | None = None, italic: bool | None = None,
           upper: bool = False) -> list[str]:
    if segment is None:
        return []
    problems = []
    if bold is not None and segment.bold != bold:
        problems.append(f"{name}: bold is {segment.bold}")
    if italic is not None and segment.italic != italic:
        problems.append(f"{name}: italic is {segment.italic}")
    if upper and segment.text != segment.text.upper():
        problems.append(f"{name}: not upper case: {segment.text!r}")
    return problems


# ------------------------------------------------------------------ mục I: general rules


def page_size(m: Measured) -> list[str]:
    problems = []
    for number, (width, height) in enumerate(m.pages):
        short, long = sorted((width, height))
        if abs(short - 210 * MM) > 1 or abs(long - 297 * MM) > 1:
            problems.append(f"page {number + 1}: {width:.1f} x {height:.1f} pt is not A4")
    if m.pages and m.pages[0][0] > m.pages[0][1]:
        problems.append("page 1 is not portrait")
    return problems


def margins(m: Measured) -> list[str]:
    """Text stays inside the margins; portrait body text starts at the left margin (30–35 mm)."""
    problems = []
    for number, (width, height) in enumerate(m.pages):
        body = m.body(number)
        if not body:
            continue
        left, right = min(s.x0 for s in body), max(s.x1 for s in body)
        top, bottom = min(s.top for s in body), max(s.bottom for s in body)
        if left < 30 * MM - 1 or right > width - 15 * MM + 1:
            problems.append(f"page {number + 1}: text from {left / MM:.1f} to {(width - right) / MM:.1f} mm")
        if top < 20 * MM - 2 or bottom > height - 20 * MM + 1:
            problems.append(f"page {number + 1}: text from {top / MM:.1f} mm to {(height - bottom) / MM:.1f} mm")
        if width < height and left > 35 * MM + 1:
            problems.append(f"page {number + 1}: left margin {left / MM:.1f} mm > 35 mm")
    return problems


def typeface(m: Measured) -> list[str]:
    """Every character in the document typeface (the family named in the metadata), except the ones the
    typeface lacks (check warns about those)."""
    creator = m.metadata.get("Creator", "")
    family = "Times-New-Roman" if "phông chữ: Times New Roman" in creator else "Liberation-Serif"
    names = {c["fontname"].split("+")[-1] for page in m.segments for s in page for c in s.chars if c["text"].strip()}
    others = {n for n in names if not n.startswith(family)}
    odd = {c["text"] for page in m.segments for s in page for c in s.chars
           if not c["fontname"].split("+")[-1].startswith(family) and c["text"].strip()}
    return [f"fonts {sorted(others)} for {sorted(odd)} (document typeface: {family})"] if others and odd - {
        "达", "标"} else []


def page_numbers(m: Measured) -> list[str]:
    problems = []
    for number, (width, _height) in enumerate(m.pages):
        top = [s for s in m.segments[number] if s.bottom < 20 * MM]
        if number == 0:
            if top:
                problems.append(f"page 1 has {top[0].text!r} in the top margin")
            continue
        if [s.text for s in top] != [str(number + 1)]:
            problems.append(f"page {number + 1}: top margin holds {[s.text for s in top]}")
            continue
        centre = (top[0].x0 + top[0].x1) / 2
        left = 32 * MM
        right = width - 18 * MM
        if abs(centre - (left + right) / 2) > 3:
            problems.append(f"page {number + 1}: number not centred ({centre:.1f})")
        problems += _size(top[0], f"page number {number + 1}", 13, 14)
        problems += _style(top[0], "page number", bold=False, italic=False)
    return problems


# ------------------------------------------------------------------ mục II: the header


def national_name(m: Measured) -> list[str]:
    segment = m.find(0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    return _size(segment, "Quốc hiệu", 12, 13) + _style(segment, "Quốc hiệu", bold=True, italic=False, upper=True)


def motto(m: Measured) -> list[str]:
    segment = m.find(0, "Độc lập - Tự do - Hạnh phúc")
    problems = _size(segment, "Tiêu ngữ", 13, 14) + _style(segment, "Tiêu ngữ", bold=True, italic=False)
    if segment:
        rule = m.rule_below(0, segment)
        if rule is None:
            problems.append("Tiêu ngữ: no rule below")
        elif abs((rule[1] - rule[0]) - (segment.x1 - segment.x0)) > 2:
            problems.append(f"Tiêu ngữ: rule {rule[1] - rule[0]:.1f} pt, line {segment.x1 - segment.x0:.1f} pt")
    return problems


def governing_body(m: Measured) -> list[str]:
    if not m.view.governing_body:
        return []
    segment = m.find(0, m.view.governing_body)
    return _size(segment, "Cơ quan chủ quản", 12, 13) + _style(segment, "Cơ quan chủ quản", bold=False, upper=True)


def _short_rule(m: Measured, lines: list[Segment], name: str) -> list[str]:
    rule = m.rule_below(0, lines[-1])
    if rule is None:
        return [f"{name}: no rule below"]
    longest = max(s.x1 - s.x0 for s in lines)
    ratio = (rule[1] - rule[0]) / longest
    centre = (rule[0] + rule[1]) / 2 - (min(s.x0 for s in lines) + max(s.x1 for s in lines)) / 2
    problems = [] if 1 / 3 - 0.01 <= ratio <= 1 / 2 + 0.01 else [f"{name}: rule is {ratio:.2f} of the line"]
    return problems + ([f"{name}: rule off centre by {centre:.1f} pt"] if abs(centre) > 2 else [])


def school_name(m: Measured) -> list[str]:
    """Bold upper case 12–13, never a placeholder (an unknown name is a dotted blank), one line per word
    group (type, then proper name), a short rule below."""
    lines = [m.find(0, group) for group in m.view.school_name_groups]
    if any(line is None for line in lines):
        return [f"school name lines {m.view.school_name_groups} not each on a line of its own"]
    found = [line for line in lines if line is not None]
    problems = [p for line in found for p in _size(line, "Tên cơ quan ban hành", 12, 13)
                + _style(line, "Tên cơ quan ban hành", bold=True, upper=True)]
    page_one = " ".join(s.text for s in m.segments[0])
    if "CHƯA RÕ" in page_one.upper() or "(" in " ".join(m.view.school_name_groups):
        problems.append("a placeholder is printed in the header")
    return problems + _short_rule(m, found, "Tên cơ quan ban hành")


def number(m: Measured) -> list[str]:
    segment = m.find(0, m.view.number_line)
    return _size(segment, "Số, ký hiệu", 13, 13) + _style(segment, "Số, ký hiệu", bold=False, italic=False)


def place_date(m: Measured) -> list[str]:
    segment = m.find(0, m.view.place_date)
    number_line = m.find(0, m.view.number_line)
    problems = _size(segment, "Địa danh, ngày tháng", 13, 14) + _style(segment, "Địa danh, ngày tháng", italic=True)
    if segment and number_line and abs(segment.baseline - number_line.baseline) > 1:
        problems.append("Địa danh, ngày tháng is not on the line of Số, ký hiệu")
    return problems


def kind(m: Measured) -> list[str]:
    segment = m.find(0, m.view.kind)
    problems = _size(segment, "Tên loại", 13, 14) + _style(segment, "Tên loại", bold=True, upper=True)
    if segment:
        width = m.pages[0][0]
        if abs((segment.x0 + segment.x1) / 2 - (32 * MM + width - 18 * MM) / 2) > 3:
            problems.append("Tên loại not centred")
    return problems


def title(m: Measured) -> list[str]:
    words = " ".join(m.view.title.split())
    lines = []
    for segment in m.segments[0]:
        if segment.bold and " ".join(segment.text.split()) in words and segment.sizes >= {14.0}:
            lines.append(segment)
    if not lines or " ".join(" ".join(s.text for s in lines).split()) != words:
        return [f"Trích yếu {words!r} not found as bold lines"]
    problems = [p for line in lines for p in _size(line, "Trích yếu", 13, 14) + _style(line, "Trích yếu", bold=True)]
    return problems + _short_rule(m, lines, "Trích yếu")


def legal_bases(m: Measured) -> list[str]:
    problems = []
    for basis in m.view.legal_bases:
        start = " ".join(basis.text.split())[:30]
        hits = [s for page in m.segments for s in page if " ".join(s.text.split()).startswith(start)]
        if not hits:
            problems.append(f"căn cứ {start!r} not found")
            continue
        problems += _size(hits[0], "Căn cứ", 13, 14) + _style(hits[0], "Căn cứ", italic=True)
    return problems


# ------------------------------------------------------------------ mục II khoản 6: the body


def paragraph_spacing(m: Measured) -> list[str]:
    """Between two body lines (13 pt, same column, portrait pages) the baselines are one line apart
    (same paragraph: 1 to 1.5 lines) or at least one line + 6 pt apart (next paragraph, list items
    included); nothing in between."""
    problems = []
    for number, (width, height) in enumerate(m.pages):
        if width > height:
            continue
        lines = sorted((s for s in m.body(number) if s.sizes == {13.0} and s.x0 < width / 2), key=lambda s: s.top)
        steps = [b.baseline - a.baseline for a, b in itertools.pairwise(lines) if b.top > a.bottom - 1]
        if not steps:
            continue
        line = min(steps)
        if not 13 <= line <= 13 * 1.5 * 1.15:
            problems.append(f"page {number + 1}: line spacing {line:.1f} pt")
        odd = [step for step in steps if line + 1 < step < line + 6 - TOL]
        if odd:
            problems.append(f"page {number + 1}: paragraphs {sorted({round(s - line, 1) for s in odd})} pt apart")
    return problems


def body_size(m: Measured) -> list[str]:
    sizes = {size for number, (w, h) in enumerate(m.pages) if w < h for s in m.body(number) for size in s.sizes}
    allowed = {11.0, 12.0, 13.0, 14.0}  # 12: Quốc hiệu, Nơi nhận label and narrative tables; 11: Nơi nhận list
    return [f"portrait text sizes {sorted(sizes - allowed)}"] if sizes - allowed else []


def no_heading_ends_a_page(m: Measured) -> list[str]:
    problems = []
    for number in range(len(m.pages) - 1):
        body = sorted(m.body(number), key=lambda s: (s.top, s.x0))
        if body and " ".join(body[-1].text.split()) in m.headings:
            problems.append(f"page {number + 1} ends with the heading {body[-1].text!r}")
    return problems


def no_page_mostly_blank(m: Measured) -> list[str]:
    """Avoid-break rules never leave a page more than half blank; the last page before the table's
    landscape pages and after them, and the last page, may end early (a section ends there)."""
    problems = []
    for number, (width, height) in enumerate(m.pages[:-1]):
        if (m.pages[number + 1][0] > m.pages[number + 1][1]) != (width > height):
            continue
        body = m.body(number)
        used = (max(s.bottom for s in body) - 22 * MM) / (height - 44 * MM) if body else 0
        if used < 0.5:
            problems.append(f"page {number + 1} is {1 - used:.0%} blank")
    return problems


# ------------------------------------------------------------------ the improvement table


def table_text_size(m: Measured) -> list[str]:
    """Project rule: table text at least 12 pt (Phụ lục I sets no size for tables; mục I khoản 2 allows
    them landscape; body text is 13–14, mục II khoản 6 điểm e)."""
    small = {(number + 1, size) for number in m.landscape for s in m.body(number) for size in s.sizes if size < 12}
    return [f"table text below 12 pt: {sorted(small)}"] if small else []


def _criterion_column(m: Measured) -> int | None:
    fields = [name for name, _ in m.view.headings]
    return fields.index("criterion") + 1 if "criterion" in fields else None


def _data_rows(m: Measured, number: int) -> list[tuple[list[str], list[int]]]:
    """Table rows of a landscape page without the header and the merged (standard, extras) rows."""
    column = _criterion_column(m)
    rows = list(zip(m.tables[number], m.cell_lines[number], strict=True))[1:]
    return [(texts, lines) for texts, lines in rows if column is not None and None not in texts]


def continuation_rows(m: Measured) -> list[str]:
    """A row continued on the next page repeats TT and the criterion there, marked "(tiếp)"; no row has
    an empty TT or criterion cell."""
    column = _criterion_column(m)
    if column is None:
        return []
    problems = []
    for number in m.landscape:
        for texts, _lines in _data_rows(m, number):
            if not (texts[0] or "").strip() or not (texts[column] or "").strip():
                problems.append(f"page {number + 1}: row with an empty TT or criterion cell: {texts[:3]}")
        rows = _data_rows(m, number)
        following = _data_rows(m, number + 1) if number + 1 in m.landscape else []
        continued = rows and following and rows[-1][0][0] == following[0][0][0]
        if continued and "(tiếp)" not in (following[0][0][column] or ""):
            problems.append(f"page {number + 2}: row {following[0][0][0]} continues without “(tiếp)”")
    return problems


def row_fragments(m: Measured) -> list[str]:
    """A row cut by a page end leaves at least 3 lines at the foot of the page and 3 on the next."""
    problems = []
    for number in m.landscape:
        if 0 < m.tails.get(number, 0) < 3:  # a row cut open at the foot (no closing border)
            problems.append(f"page {number + 1}: a row fragment of {m.tails[number]} line(s) at the foot")
        if m.tables[number] and m.tables[number][-1][1:] and all(c is None for c in m.tables[number][-1][1:]):
            problems.append(f"page {number + 1} ends with the heading row {m.tables[number][-1][0]!r}")
        rows = _data_rows(m, number)
        following = _data_rows(m, number + 1) if number + 1 in m.landscape else []
        if not (rows and following and following[0][0][0] in (rows[-1][0][0], "")):
            continue  # the next page does not continue this page's last row
        foot, head = max(rows[-1][1]), max(following[0][1][2:] or [0])
        if foot < 3 or head < 3:
            problems.append(f"row {rows[-1][0][0]}: {foot} lines at the foot of page {number + 1}, "
                            f"{head} lines (besides TT and criterion) at the head of page {number + 2}")
    return problems


# ------------------------------------------------------------------ mục II khoản 7 and 9: signer and Nơi nhận


def signature_block(m: Measured) -> list[str]:
    """Always there, on the last page: quyền hạn/chức vụ (upper case, bold, 13–14), room for signature and
    seal, the name (bold, 13–14), dotted blanks where the source lacks them."""
    last = len(m.pages) - 1
    problems = []
    first = m.signer_first_line()
    name = m.find(last, m.view.signature.name, last=True)
    if first is None or name is None:
        return [f"signature block {[*m.view.signature.lines, m.view.signature.name]} not on the last page"]
    for line in m.view.signature.lines:
        segment = m.find(last, line)
        problems += _size(segment, "Quyền hạn, chức vụ", 13, 14) + _style(segment, "Quyền hạn, chức vụ", bold=True,
                                                                         upper=line != BLANK)
    problems += _size(name, "Họ tên người ký", 13, 14) + _style(name, "Họ tên người ký", bold=True)
    if name.top - first.bottom < 20 * MM:
        problems.append(f"only {(name.top - first.bottom) / MM:.0f} mm for signature and seal")
    if first.x0 < m.pages[last][0] / 2:
        problems.append("signature block not in the right column")
    return problems


def recipients(m: Measured) -> list[str]:
    """"Nơi nhận:" bold italic 12, flush left, on the line of the signer's first line; the list 11."""
    last = len(m.pages) - 1
    label = m.find(last, "Nơi nhận:")
    problems = _size(label, "Nơi nhận", 12, 12) + _style(label, "Nơi nhận", bold=True, italic=True)
    first = m.signer_first_line()
    if label and first and abs(label.baseline - first.baseline) > 1.5:
        problems.append(f"“Nơi nhận:” {label.baseline:.1f} and the signer's first line {first.baseline:.1f} "
                        "are not on one line")
    if label and abs(label.x0 - 32 * MM) > 1:
        problems.append("“Nơi nhận:” not at the left margin")
    for recipient in m.view.recipients:
        segment = m.find(last, f"- {recipient}")
        problems += _size(segment, f"recipient {recipient!r}", 11, 11)
    return problems


def block_not_alone(m: Measured) -> list[str]:
    """The signature block is never alone on a page: body text precedes "Nơi nhận:" on its page."""
    last = len(m.pages) - 1
    label = m.find(last, "Nơi nhận:")
    if label is None:
        return ["no “Nơi nhận:” on the last page"]
    before = [s for s in m.body(last) if s.bottom < label.top - 1]
    return [] if before else ["the signature block is alone on the last page"]


CHECKLIST: tuple[Line, ...] = (
    Line("page-size", "Phần I, mục I khoản 1–2", "A4; portrait, landscape allowed for the table pages", page_size),
    Line("margins", "Phần I, mục I khoản 3", "top, bottom 20–25 mm; left 30–35 mm; right 15–20 mm", margins),
    Line("typeface", "Phần I, mục I khoản 4", "Times New Roman (Liberation Serif where absent), embedded",
         typeface),
    Line("page-numbers", "Phần I, mục I khoản 7", "13–14, upright, centred in the top margin, none on page 1",
         page_numbers),
    Line("national-name", "Phần I, mục II khoản 1 điểm a", "Quốc hiệu upper case, 12–13, bold", national_name),
    Line("motto", "Phần I, mục II khoản 1 điểm b", "Tiêu ngữ 13–14, bold, rule as long as the line", motto),
    Line("governing-body", "Phần I, mục II khoản 2 điểm b", "cơ quan chủ quản upper case, 12–13, upright",
         governing_body),
    Line("school-name", "Phần I, mục II khoản 2 điểm b", "cơ quan ban hành upper case, 12–13, bold, rule 1/3–1/2; "
         "project rule: no placeholder, a line per word group", school_name),
    Line("number", "Phần I, mục II khoản 3 điểm c", "“Số:” 13, upright", number),
    Line("place-date", "Phần I, mục II khoản 4 điểm c", "italic 13–14, on the line of Số", place_date),
    Line("kind", "Phần I, mục II khoản 5 điểm b", "tên loại upper case, 13–14, bold, centred", kind),
    Line("title", "Phần I, mục II khoản 5 điểm b", "trích yếu 13–14, bold, rule 1/3–1/2 of the line", title),
    Line("legal-bases", "Phần I, mục II khoản 6 điểm a", "căn cứ italic 13–14", legal_bases),
    Line("body-size", "Phần I, mục II khoản 6 điểm e", "body text 13–14 (12 and 11 only where sized so)", body_size),
    Line("paragraph-spacing", "Phần I, mục II khoản 6 điểm e",
         "paragraphs (list items included) at least 6 pt apart, line spacing 1–1.5 lines", paragraph_spacing),
    Line("headings", "Phần I, mục II khoản 6 điểm d–đ; project rule",
         "a heading is never the last line of a page", no_heading_ends_a_page),
    Line("blank-pages", "project rule", "no page more than half blank because of avoid-break rules",
         no_page_mostly_blank),
    Line("table-size", "project rule (Phần I, mục I khoản 2 allows landscape tables)", "table text >= 12 pt",
         table_text_size),
    Line("continuations", "project rule", "a continued row repeats TT and the criterion, “(tiếp)”",
         continuation_rows),
    Line("row-fragments", "project rule", "no row fragment under 3 lines at a page foot or head", row_fragments),
    Line("signature", "Phần I, mục II khoản 7 điểm đ; mục IV ô 7a–7c",
         "signature block always, right column, blanks for what the source lacks", signature_block),
    Line("recipients", "Phần I, mục II khoản 9 điểm d; mục IV ô 9b",
         "“Nơi nhận:” 12 bold italic on the line of the signer's chức vụ; list 11", recipients),
    Line("signature-not-alone", "project rule", "the signature block is never alone on a page", block_not_alone),
)
