"""Characters the official PDF cannot print: a warning at file:line:column (issue 10).

The PDF is set in the document typeface (typeface.find_typeface: Times New Roman when this machine has
it, else Liberation Serif). A character none of its four faces has — typically Chinese characters a
conversion tool left in a plan ("chưa达标") — prints in some other installed font or as an empty box.
The coverage comes from the font files themselves (fontTools cmap, through typeface.py, which check
may import: it is a shared module below every stage; pdf uses the same module for its fonts).

Only what the PDF prints is checked: every text value of the front matter except notes about the source
(source_note, notes, name_note, which the web page shows and the PDF does not), and the body. Without
any font found (no fontconfig), characters of the CJK blocks are reported instead, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Finding, Severity
from ..source.reader import PlanSource, SchoolSource
from ..source.yamlsource import DataPath
from ..typeface import Typeface, covered_codepoints, find_typeface, printable

NOT_PRINTED = frozenset({"source_note", "notes", "name_note"})
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _missing_in(text: str, typeface: Typeface) -> list[str]:
    covered = covered_codepoints(typeface)
    if not covered:
        return list(dict.fromkeys(CJK_RE.findall(text)))
    return list(dict.fromkeys(c for c in text if printable(c) and ord(c) not in covered))


def _strings(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PRINTED:
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _finding(rel: str, line: int, col: int, chars: list[str], typeface: Typeface) -> Finding:
    listed = ", ".join(f"“{c}” (U+{ord(c):04X})" for c in chars)
    family = typeface.family if covered_codepoints(typeface) else "của bản PDF"
    return Finding(
        rel, line, col, Severity.warning, "glyph-missing",
        f"Phông {family} không có ký tự {listed} nên bản PDF không in được (sẽ thành ô trống hoặc phông khác); "
        "thường đây là lỗi khi chuyển đổi hoặc trích xuất văn bản.",
        "Đối chiếu với văn bản gốc và gõ lại bằng chữ tiếng Việt; nếu ký tự này đúng là của văn bản gốc, "
        "ghi chú lý do trong “source_note”.",
    )


def _locate(lines: list[str], start: int, char: str) -> tuple[int, int] | None:
    """(line, column), 1-based, of the first `char` at or after line `start` of the file."""
    for number in range(max(start, 1), len(lines) + 1):
        column = lines[number - 1].find(char)
        if column >= 0:
            return number, column + 1
    return None


def _check_values(rel: str, data: Any, source: Any, lines: list[str], typeface: Typeface,
                  findings: list[Finding]) -> None:
    for path, value in _strings(data):
        missing = _missing_in(value, typeface)
        if not missing:
            continue
        line, col = source.value(path)
        line, col = _locate(lines, line, missing[0]) or (line, col)
        findings.append(_finding(rel, line, col, missing, typeface))


def check_plan(plan: PlanSource, findings: list[Finding], typeface: Typeface | None = None) -> None:
    """Warn at each front-matter value and body line holding characters the PDF cannot print."""
    typeface = typeface or find_typeface()
    lines = plan.text.split("\n")
    if isinstance(plan.data, dict):
        _check_values(plan.rel, plan.data, plan.source, lines, typeface, findings)
    for offset, text in enumerate(plan.body.split("\n")):
        missing = _missing_in(text, typeface)
        if missing:
            findings.append(_finding(plan.rel, plan.body_line + offset, text.find(missing[0]) + 1, missing, typeface))


def check_school(school: SchoolSource, findings: list[Finding], typeface: Typeface | None = None) -> None:
    """The same for school.yml (its name and governing body print in the PDF header)."""
    if not isinstance(school.data, dict):
        return
    typeface = typeface or find_typeface()
    lines = school.path.read_text(encoding="utf-8").split("\n") if school.path.is_file() else []
    _check_values(school.rel, school.data, school.source, lines, typeface, findings)
