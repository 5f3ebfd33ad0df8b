"""CSV files that Excel opens correctly and that cannot run a formula.

UTF-8 with a byte-order mark (Excel otherwise reads Vietnamese as Windows-1252), CRLF line ends, RFC 4180
quoting. Any text cell that starts with = + - @, a tab or a carriage return is prefixed with an apostrophe,
so a spreadsheet shows it as text instead of evaluating it (CSV formula injection: school-written text such
as “=HYPERLINK(…)” or “+ Đối với …” must stay text).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | bool | dt.date | None


def safe_cell(value: Cell) -> str | int | float:
    """The value as written in a CSV cell: text that could start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(header, rows).encode("utf-8-sig"))
