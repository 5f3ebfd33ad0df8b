"""CSV cells that a spreadsheet could run as a formula are written as text."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from site_builder.opendata.tables import FORMULA_STARTS, csv_text, safe_cell

ATTACKS = ["=HYPERLINK(\"http://x.invalid\",\"bấm\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
           "=cmd|' /C calc'!A0"]


def test_formula_starts_are_prefixed() -> None:
    for attack in ATTACKS:
        assert safe_cell(attack) == "'" + attack
    assert safe_cell("Hiệu trưởng") == "Hiệu trưởng"
    assert safe_cell(10000000) == 10000000 and safe_cell(None) == "" and safe_cell(True) == "true"


@given(st.text())
def test_no_cell_read_back_starts_a_formula(text: str) -> None:
    rows = list(csv.reader(io.StringIO(csv_text(["a"], [[text]]), newline="")))
    cell = rows[1][0] if len(rows) > 1 and rows[1] else ""
    assert not cell.startswith(FORMULA_STARTS)
