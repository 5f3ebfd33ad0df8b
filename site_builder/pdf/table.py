"""The improvement table as printed rows: each plan row cut into parts where pdf.paginate decided
(a continuation starts a new page and repeats TT and the criterion), optionally only a window of rows
(what paginate lays out to measure one page)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.catalogue import Standard
from ..present.view import Cell, PlanView, Row
from .cellsplit import split_at
from .paginate import FIXED_FIELDS, TableLayout, Window

UNCUT = 1 << 40  # an offset past any cell's end


@dataclass(frozen=True)
class RowPart:
    """One printed row: a plan row (index 0) or its continuation on a new page (index > 0), which repeats
    TT and the criterion, marked "(tiếp)", and holds the rest of each cell."""

    index: int
    cells: list[Cell]
    break_before: bool = False

    @property
    def continued(self) -> bool:
        return self.index > 0


@dataclass(frozen=True)
class TableEntry:
    row: Row
    standard: Standard | None  # printed as a heading row above, for a standard's first row
    parts: list[RowPart]
    break_before: bool  # the row was pushed to a new page
    extras: bool  # print the row's extras row (after its last part)


def cut_cells(row: Row, layout: TableLayout) -> list[list[Cell]]:
    """Each part's cells: the cut fields split at the layout's offsets, the fixed ones (criterion) whole."""
    cuts = layout.cuts.get(row.number, [])
    if not cuts:
        return [row.cells]
    pieces = {cell.field: [cell.html] * (len(cuts) + 1) if cell.field in FIXED_FIELDS
              else split_at(cell.html, [cut.get(cell.field, UNCUT) for cut in cuts]) for cell in row.cells}
    return [[Cell(cell.field, pieces[cell.field][index]) for cell in row.cells] for index in range(len(cuts) + 1)]


def table_entries(view: PlanView, layout: TableLayout, window: Window | None = None) -> list[TableEntry]:
    """The printed table, row by row, as the layout cuts and pushes it (only the window when given)."""
    entries = []
    for group in view.groups:
        for position, row in enumerate(group.rows):
            if window is not None and not window.holds(row.number):
                continue
            first_part = window.part if window is not None and row.number == window.start else 0
            opens_window = window is not None and row.number == window.start
            parts = [RowPart(index, cells, break_before=index > 0 and not (opens_window and index == first_part))
                     for index, cells in enumerate(cut_cells(row, layout)) if index >= first_part]
            standard = group.standard if position == 0 and first_part == 0 else None
            pushed = row.number in layout.pushed and first_part == 0 and not opens_window
            entries.append(TableEntry(row, standard, parts, pushed, bool(row.extras)))
    return entries
