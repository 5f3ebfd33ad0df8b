"""Limits that keep every later stage fast and within its depth: what the build cannot survive is an error here.

Measured on the build's own stages (notes in dev-docs/hostile-input.md): Python-Markdown is
quadratic in the number of "[" of one block (8,000 take 8 s) and recurses once per list level
(RecursionError near 250); WeasyPrint recurses once per nested element (RecursionError near 200,
3 s at 120); the search index's folding of "đ" words was quadratic in a word's length. Every
rule below is one linear pass over a line, a block or the data, and reports at file:line:column.

Characters: C0 and C1 control characters (except tab and line ends), DEL, U+FFFE/U+FFFF, the
line and paragraph separators U+2028/U+2029 (YAML reads them as line breaks, so every position
after them would be wrong), and the bidirectional formatting characters — embeddings and
overrides U+202A–U+202E, isolates U+2066–U+2069, and the marks U+200E, U+200F, U+061C — are
errors anywhere in a file: Vietnamese text never needs them, they are invisible, and they can
make a published line read differently from its source ("Trojan Source").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Finding, Severity
from ..source.reader import PlanSource, SchoolSource
from ..source.yamlsource import DataPath, SourceMap

MAX_FIELD_CHARS = 5_000  # the longest real field is 889 characters
MAX_WORD_CHARS = 300  # the longest real word is 29 characters; a long web address is about 150
MAX_LIST_ITEMS = 200  # the longest real list is 26 entries
MAX_BODY_NESTING = 6  # the real plans nest lists 2 levels; at 6 + 6 the PDF text column is still 6 cm wide
MAX_BRACKETS = 200  # "[" in one paragraph, list or table of the body; the real plans have none
MAX_TABLE_ROWS = 500  # all tables of a body together; the real plans have 9. WeasyPrint lays out ~80 rows/s
MAX_SAME_FINDINGS = 20  # per rule and file: a file full of one mistake gives 20 findings and a count

INVISIBLE_CODES = frozenset({"control-character", "bidi-control"})
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff{BIDI}]")
BIDI_RE = re.compile(f"[{BIDI}]")
C0_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
            0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}
WORD = re.compile(r"[^\s|]+")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})
SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
CONTAINER_MARKER = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
EMPHASIS_RUN = re.compile(r"\*+|_+")


def char_label(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE' for one character."""
    name = unicodedata.name(ch, None) or C0_NAMES.get(ord(ch)) or "CONTROL"
    return f"U+{ord(ch):04X} {name}"


# --------------------------------------------------------------------------- findings, capped


@dataclass
class Collector:
    """Findings of one file, at most MAX_SAME_FINDINGS per rule, then one line with the count left.

    A file full of one mistake (or of one phone number) stays a readable report, and costs no more to report.
    """

    rel: str
    findings: list[Finding]
    severity: Severity = Severity.error

    def __post_init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last: dict[str, tuple[int, int]] = {}

    def add(self, line: int, column: int, code: str, message: str, fix: str, suggestion: str | None = None) -> None:
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= MAX_SAME_FINDINGS:
            self.findings.append(Finding(self.rel, line, column, self.severity, code, message, fix, suggestion))
        self.last[code] = (line, column)

    def close(self) -> None:
        for code, count in self.counts.items():
            if count > MAX_SAME_FINDINGS:
                line, column = self.last[code]
                self.findings.append(Finding(
                    self.rel, line, column, self.severity, code,
                    f"Còn {count - MAX_SAME_FINDINGS} chỗ khác có cùng lỗi này trong tệp (chỉ liệt kê "
                    f"{MAX_SAME_FINDINGS} chỗ đầu).", "Sửa các chỗ đã liệt kê rồi chạy kiểm tra lại."))


# --------------------------------------------------------------------------- whole-file scans


def check_characters(text: str, out: Collector) -> None:
    """Control, invisible line-break and bidirectional characters, each at its line:column."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = FORBIDDEN.search(line)
        if match is None:
            continue
        ch = match.group()
        if BIDI_RE.match(ch):
            out.add(number, match.start() + 1, "bidi-control",
                    f"Có ký tự định hướng chữ ẩn {char_label(ch)}: ký tự này không nhìn thấy được và có thể làm "
                    "dòng chữ hiển thị khác với nội dung thật.",
                    "Xóa ký tự này (thường do sao chép từ nơi khác): gõ lại đoạn chữ quanh vị trí báo lỗi.")
        else:
            out.add(number, match.start() + 1, "control-character",
                    f"Có ký tự điều khiển {char_label(ch)}, không nhìn thấy được và không được phép trong kế hoạch.",
                    "Xóa ký tự này (thường do sao chép từ nơi khác): gõ lại đoạn chữ quanh vị trí báo lỗi.")


def check_words(text: str, out: Collector) -> None:
    """Words longer than MAX_WORD_CHARS (no page, PDF or search index lays them out)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) <= MAX_WORD_CHARS:
            continue
        for match in WORD.finditer(line):
            if match.end() - match.start() > MAX_WORD_CHARS:
                out.add(number, match.start() + 1, "word-too-long",
                        f"Có một “từ” dài {match.end() - match.start():,} ký tự liền nhau (không có dấu cách), quá "
                        f"giới hạn {MAX_WORD_CHARS} ký tự.".replace(",", "."),
                        "Thêm dấu cách giữa các từ; địa chỉ web quá dài thì rút gọn hoặc bỏ.")


# --------------------------------------------------------------------------- YAML data


def _walk(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def _name(path: DataPath) -> str:
    named = [str(part) for part in path if isinstance(part, str)]
    return named[-1] if named else "(gốc)"


def check_data(data: Any, source: SourceMap, out: Collector) -> None:
    """Field text longer than MAX_FIELD_CHARS and lists longer than MAX_LIST_ITEMS."""
    for path, value in _walk(data):
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            line, column = source.value(path)
            out.add(line, column, "field-too-long",
                    f"Nội dung của “{_name(path)}” dài {len(value):,} ký tự, quá giới hạn ".replace(",", ".")
                    + f"{MAX_FIELD_CHARS:,} ký tự của một trường.".replace(",", "."),
                    "Tách thành nhiều ý (mỗi ý một dòng trong danh sách), hoặc chuyển phần dài xuống nội dung "
                    "kế hoạch (sau dòng “---” thứ hai).")
        elif isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
            line, column = source.key(path)
            out.add(line, column, "list-too-long",
                    f"Danh sách “{_name(path)}” có {len(value)} mục, quá giới hạn {MAX_LIST_ITEMS} mục.",
                    "Kiểm tra xem có dán lặp nội dung không; gộp các mục trùng nhau.")


# --------------------------------------------------------------------------- the Markdown body


def container_depth(line: str) -> tuple[int, int]:
    """(levels, column) of the list and quote markers that open a line.

    Python-Markdown nests a list one level per 4 columns of indentation and a quote per ">";
    spaces after a marker belong to the item's content and nest nothing. So markers plus the
    line's leading indentation // 4 bound the nesting a line can open. Lines without a marker
    open nothing (an indented line is a code block or continues the item above). The column is
    that of the first marker past MAX_BODY_NESTING, else of the last marker.
    """
    position, indent = 0, 0
    while position < len(line) and line[position] in " \t":
        indent += 4 - indent % 4 if line[position] == "\t" else 1
        position += 1
    markers, levels, column = 0, 0, 0
    while (match := CONTAINER_MARKER.match(line, position)) is not None:
        markers += 1
        levels = markers + indent // 4
        if column == 0 or levels - 1 <= MAX_BODY_NESTING:
            column = position + 1
        position = match.end()
        while position < len(line) and line[position] in " \t":
            position += 1
    return levels, column


def _blocks(body: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Paragraph-like blocks of the body (separated by blank lines), with the file line of each start."""
    block: list[str] = []
    start = first_line
    for offset, line in enumerate(body.split("\n")):
        if line.strip():
            if not block:
                start = first_line + offset
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _nesting_fix() -> str:
    return ("Viết danh sách tối đa vài cấp (mỗi cấp thụt vào 4 dấu cách); không lồng trích dẫn “>”, "
            "chữ đậm/nghiêng hay thẻ HTML vào nhau nhiều lần.")


def check_list_nesting(body: str, first_line: int, out: Collector) -> None:
    """The first line of each block whose list and quote markers nest past the limit."""
    for start, lines in _blocks(body, first_line):
        for index, line in enumerate(lines):
            levels, column = container_depth(line)
            if levels > MAX_BODY_NESTING:
                out.add(start + index, column, "nesting-too-deep",
                        f"Danh sách hoặc trích dẫn lồng nhau quá sâu (khoảng {levels} cấp; tối đa "
                        f"{MAX_BODY_NESTING}).", _nesting_fix())
                break


def emphasis_depth(lines: list[str]) -> tuple[int, int, int]:
    """An upper bound of the emphasis nesting in one block, and where it is first above the limit.

    Each run of "*" or "_" that can open (followed by a non-space) adds its length; one that
    can close (preceded by a non-space) takes its length back. Gives (depth, line index, column).
    """
    depth, worst, where = 0, 0, (0, 0)
    for index, line in enumerate(lines):
        for run in EMPHASIS_RUN.finditer(line):
            before = line[run.start() - 1] if run.start() else " "
            after = line[run.end()] if run.end() < len(line) else " "
            opens, closes = not after.isspace(), not before.isspace()
            size = run.end() - run.start()
            if closes and (depth or not opens):
                depth = max(0, depth - size)
            elif opens:
                depth += size
                if depth > worst:
                    worst = depth
                    if worst > MAX_BODY_NESTING and where == (0, 0):
                        where = (index, run.start() + 1)
    return worst, *where


def html_depth(lines: list[str]) -> tuple[int, int, int]:
    """The nesting of HTML tags written in the body: (depth, line index, column) where it first passes the limit.

    An end tag closes only its own element: a browser (and nh3) reopens the formatting elements
    an out-of-order end tag would close, so "<b><i><u></b>" leaves two open, not none.
    """
    stack: list[str] = []
    for index, line in enumerate(lines):
        if "<" not in line:
            continue
        for tag in TAG.finditer(line):
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name in VOID_TAGS or self_closing:
                continue
            if closing:
                if name in stack:  # only that element: HTML reopens formatting closed out of order (<b><i></b>)
                    del stack[len(stack) - 1 - stack[::-1].index(name)]
                continue
            if name in SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
                stack.pop()
            stack.append(name)
            if len(stack) > MAX_BODY_NESTING:
                return len(stack), index, tag.start() + 1
    return len(stack), 0, 0


def check_blocks(body: str, first_line: int, out: Collector) -> None:
    """Per block: "[" count and emphasis nesting; over the body: table rows."""
    rows = 0
    for start, lines in _blocks(body, first_line):
        brackets = sum(line.count("[") for line in lines)
        if brackets > MAX_BRACKETS:
            index = next(i for i, line in enumerate(lines) if "[" in line)
            out.add(start + index, lines[index].index("[") + 1, "too-many-brackets",
                    f"Đoạn này có {brackets} dấu “[” (giới hạn {MAX_BRACKETS} trong một đoạn); Markdown xử lý "
                    "chúng rất chậm.",
                    "Bỏ các dấu “[” thừa, hoặc tách đoạn dài thành nhiều đoạn (cách nhau một dòng trống).")
        depth, index, column = emphasis_depth(lines)
        if depth > MAX_BODY_NESTING:
            out.add(start + index, column, "nesting-too-deep",
                    f"Dấu “*” hoặc “_” (chữ đậm, nghiêng) lồng nhau quá sâu (tới {depth} cấp; tối đa "
                    f"{MAX_BODY_NESTING}).", _nesting_fix())
        before, rows = rows, rows + sum(1 for line in lines if "|" in line)
        if before <= MAX_TABLE_ROWS < rows:
            out.add(start, 1, "table-too-long",
                    f"Các bảng trong phần nội dung có tổng cộng hơn {MAX_TABLE_ROWS} dòng (tính đến bảng này: "
                    f"{rows} dòng); bản PDF không dàn trang nổi chừng ấy dòng.",
                    "Chỉ giữ số liệu tổng hợp; bảng chi tiết dài nên đăng thành tệp riêng theo hướng dẫn của "
                    "Phòng GD&ĐT.")


def check_body(body: str, first_line: int, out: Collector) -> None:
    check_list_nesting(body, first_line, out)
    check_blocks(body, first_line, out)
    lines = body.split("\n")
    depth, index, column = html_depth(lines)
    if depth > MAX_BODY_NESTING:
        out.add(first_line + index, column, "nesting-too-deep",
                f"Thẻ HTML lồng nhau quá sâu (hơn {MAX_BODY_NESTING} cấp).",
                "Chỉ dùng định dạng Markdown; bỏ các thẻ HTML lồng nhau.")


# --------------------------------------------------------------------------- entry points


def _file_limits(rel: str, text: str, data: Any, source: SourceMap, body: str = "",
                 body_line: int = 1) -> list[Finding]:
    findings: list[Finding] = []
    out = Collector(rel, findings)
    check_characters(text, out)
    check_words(text, out)
    if data is not None:
        check_data(data, source, out)
    if body:
        check_body(body, body_line, out)
    out.close()
    return findings


def school_limits(school: SchoolSource) -> list[Finding]:
    return _file_limits(school.rel, school.text, school.data, school.source)


def plan_limits(plan: PlanSource) -> list[Finding]:
    return _file_limits(plan.rel, plan.text, plan.data, plan.source, plan.body, plan.body_line)
