"""The improvement table: found by its Vietnamese column headings, read row by row into entries.

A table is the improvement table when its heading row names at least three known columns, one
of them the work to do (or the result/level to reach). Headings are matched folded (no accents,
any case, any spacing) against normalize.HEADING_RULES, so "Kế hoạch cải tiến chất lượng/Nội dung
công việc", "Công việc/giải pháp cần thực hiện" and "Nội dung" all mean the actions column.

Rows, in the order they come:
- a heading row repeated (on each page, or at the top of a table split in two) is skipped;
- a row of column numbers "(1) (2) …" is skipped;
- "Tiêu chuẩn 1: …" (one cell across the table, or TT + one cell) sets the standard;
- "Mức 2" / "MỨC 2" across the table sets the level the following criteria aim at;
- a row whose criterion cell (or TT cell, when TT holds the criterion) names a criterion starts
  an entry;
- a row without a criterion continues the entry above when it is the first row after a table
  split or page break, when its criterion cell is merged with the one above, or when its text
  carries on mid-sentence; otherwise it is a separate line under that entry and goes to its notes
  (reported, for a person to check);
- an empty cell stays empty; a cell merged down over several rows gives its text to each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Cell, Row, Table, trim
from .normalize import (
    CRITERION_RE,
    CriterionText,
    fold,
    heading_field,
    is_column_numbers,
    parse_criterion_cell,
    parse_level_row,
    parse_standard_row,
    split_self_assessment,
    squash,
)

CORE_FIELDS = {"actions", "expected_result", "target", "objective", "current_state"}
MIN_FIELDS = 3
HEADER_SEARCH_ROWS = 4
SENTENCE_END = tuple('.!?;:…"”’)')


@dataclass
class Layout:
    """The columns of an improvement table, one per grid column."""

    fields: list[str | None]
    labels: list[str]
    header_rows: int
    width: int
    signature: tuple[str, ...]
    criterion_in_tt: bool = False

    def column(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None


@dataclass
class Event:
    """Something the report must say about one entry: a normalization or a thing for a person to check."""

    field: str  # entry field the event is about ("" = the entry)
    kind: str  # "normalized" | "human"
    message: str
    where: str = ""  # the row in the source, when it is not the entry's first row


@dataclass
class RawEntry:
    criterion: CriterionText
    where: str
    lines: dict[str, list[str]] = field(default_factory=dict)
    level: int | None = None  # from a "Mức n" group row
    standard: str | None = None
    events: list[Event] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)  # separate rows under the entry, for notes

    def add(self, name: str, lines: list[str], join: bool, always: bool = False) -> None:
        """Append lines to a field; with join, the first line carries on the field's last line (when it reads
        as the same sentence, or always: a "(tiếp)" part of a row cut by a page break)."""
        if not lines:
            return
        current = self.lines.setdefault(name, [])
        new_item = re.match(r"^\s*[-•–+*]\s", lines[0]) is not None
        if join and current and ((always and not new_item) or carries_on(current[-1], lines[0])):
            current[-1] = f"{current[-1]} {lines[0]}"
            current.extend(lines[1:])
        else:
            current.extend(lines)


@dataclass
class Unplaced:
    where: str
    text: str
    why: str


@dataclass
class TableResult:
    layout: Layout
    entries: list[RawEntry] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was skipped on purpose (repeated headings, …)
    tables: int = 0


def carries_on(previous: str, following: str) -> bool:
    """The following text continues the previous sentence (cut by a page or a table split)."""
    first = following.lstrip()[:1]
    if first and first.islower():
        return True
    return not previous.rstrip().endswith(SENTENCE_END) and not re.match(r"^\s*[-–•+*]", following)


def _unique(cells: list[Cell]) -> list[Cell]:
    seen: dict[int, Cell] = {}
    for cell in cells:
        seen.setdefault(id(cell), cell)
    return list(seen.values())


def _texts(cells: list[Cell]) -> list[str]:
    return [c.text for c in _unique(cells) if c.text]


# --------------------------------------------------------------------------- heading


def _row_fields(row: Row, width: int) -> list[str | None]:
    return [heading_field(c.text) if c.text else None for c in row.grid(width)]


def _is_header(fields: list[str | None]) -> bool:
    named = {f for f in fields if f and f != "tt"}
    return len(named) >= MIN_FIELDS and bool(named & CORE_FIELDS)


def find_layout(table: Table) -> Layout | None:
    """The heading of an improvement table, or None when the table is something else."""
    width = table.width
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        fields = _row_fields(row, width)
        if not _is_header(fields):
            continue
        grid = row.grid(width)
        labels = [" ".join(c.text.split()) for c in grid]
        header_rows = index + 1
        if index + 1 < len(table.rows):
            header_rows += _sub_heading(table.rows[index + 1], grid, fields, labels, width)
        signature = tuple(squash(label) for label in labels)
        return Layout(fields, labels, header_rows, width, signature)
    return None


def _sub_heading(sub: Row, top: list[Cell], fields: list[str | None], labels: list[str], width: int) -> int:
    """A second heading row under cells that span columns ("Thời gian" over "Bắt đầu | Hoàn thành")."""
    spanning = [i for i in range(width) if top[i].span > 1 or top[i].continues_above]
    below = sub.grid(width)
    sub_fields = [heading_field(c.text) if c.text else None for c in below]
    if not any(top[i].span > 1 for i in range(width)) or not any(sub_fields[i] for i in spanning):
        return 0
    for i in spanning:
        if sub_fields[i] and top[i].span > 1:
            fields[i] = sub_fields[i]
            labels[i] = " ".join(below[i].text.split())
    return 1


def same_heading(row: Row, layout: Layout) -> bool:
    texts = tuple(squash(c.text) for c in row.grid(layout.width))
    if texts == layout.signature:
        return True
    fields = _row_fields(row, layout.width)
    return _is_header(fields) and [f for f in fields if f] == [f for f in layout.fields if f]


# --------------------------------------------------------------------------- rows


class TableReader:
    """Reads the rows of one improvement table (and its continuations) into RawEntries."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.result = TableResult(layout)
        self.standard: str | None = None
        self.level: int | None = None
        self.at_split = False
        self.tt = layout.column("tt")
        self.criterion = layout.column("criterion")

    def read(self, table: Table, skip: int, continued: bool) -> None:
        """Read table's rows after its `skip` heading rows; a continued table may open with the end of
        the last entry."""
        self.result.tables += 1
        self.at_split = continued
        for row in table.rows[skip:]:
            self._row(row)

    def _row(self, row: Row) -> None:
        grid = row.grid(self.layout.width)
        texts = _texts(grid)
        if row.after_page_break:
            self.at_split = True
        if not texts and not any(c.continues_above for c in grid):
            return
        if same_heading(row, self.layout):
            self.result.notes.append(f"{row.where}: dòng tiêu đề cột lặp lại, bỏ qua.")
            self.at_split = True
            return
        if is_column_numbers([c.text for c in _unique(grid)]):
            self.result.notes.append(f"{row.where}: dòng số thứ tự cột “{' '.join(texts)}”, bỏ qua.")
            return
        if self._group_row(row, grid, texts):
            return
        criterion = self._criterion(grid)
        if criterion is not None and self._is_continuation(grid, criterion):
            previous = self.result.entries[-1]
            self._fill(previous, grid, None, row.where, join=True, always=True)
            self.result.notes.append(f"{row.where}: phần tiếp của tiêu chí {criterion.id} (dòng “(tiếp)”) "
                                     "được ghép vào dòng trước.")
        elif criterion is not None:
            self._entry(row, grid, criterion)
        else:
            self._orphan(row, grid)
        self.at_split = False

    # ---------------------------------------------------------------- group rows

    def _group_row(self, row: Row, grid: list[Cell], texts: list[str]) -> bool:
        if any(CRITERION_RE.search(fold(t)) for t in texts):
            return False
        joined = " ".join(texts)
        level = parse_level_row(joined)
        if level is not None:
            self.level = level
            if not re.match(r"^\s*m(ứ|Ứ)c", joined, re.IGNORECASE):
                self.result.notes.append(f"{row.where}: dòng nhóm “{joined}” được hiểu là Mức {level}.")
            return True
        standard = parse_standard_row(joined)
        if standard is None and len(texts) == 1 and re.fullmatch(r"\d{1,2}", trim(texts[0])):
            tt_cell = grid[self.tt] if self.tt is not None else grid[0]
            if tt_cell.text == texts[0]:
                self.standard = trim(texts[0])
                self.result.notes.append(
                    f"{row.where}: dòng tiêu chuẩn chỉ còn số “{self.standard}” (mất tên tiêu chuẩn).")
                return True
        if standard is None:
            return False
        self.standard, _title, trailing = standard
        if trailing is not None:
            self.level = trailing
        return True

    # ---------------------------------------------------------------- entries

    def _criterion_cells(self, grid: list[Cell]) -> list[Cell]:
        cells = [grid[self.criterion]] if self.criterion is not None else []
        if self.tt is not None and self.tt != self.criterion:
            cells.append(grid[self.tt])
        return cells

    def _criterion(self, grid: list[Cell]) -> CriterionText | None:
        for cell in self._criterion_cells(grid):
            if cell.text:
                found = parse_criterion_cell(cell.text, self.standard)
                if found is not None:
                    if self.tt is not None and cell is grid[self.tt] and self.criterion is None:
                        self.layout.criterion_in_tt = True
                    return found
        return None

    def _is_continuation(self, grid: list[Cell], criterion: CriterionText) -> bool:
        """A row the official layout repeats after a page break: “Tiêu chí X. … (tiếp)” under the same criterion."""
        previous = self.result.entries[-1] if self.result.entries else None
        marked = any(re.search(r"\(\s*tiếp\s*\)", c.text or "", re.IGNORECASE) for c in self._criterion_cells(grid))
        return marked and previous is not None and previous.criterion.id == criterion.id

    def _entry(self, row: Row, grid: list[Cell], criterion: CriterionText) -> None:
        entry = RawEntry(criterion, row.where, level=self.level, standard=self.standard)
        if criterion.warning:
            entry.events.append(Event("criterion", "human",
                                      f"“{criterion.written}” đọc là tiêu chí {criterion.id} ({criterion.warning})"))
        if criterion.rest:
            entry.add("criterion_rest", [criterion.rest], join=False)
        previous = self.result.entries[-1] if self.result.entries else None
        self._fill(entry, grid, previous, row.where)
        self.result.entries.append(entry)

    def _fill(self, entry: RawEntry, grid: list[Cell], previous: RawEntry | None, where: str,
              join: bool = False, always: bool = False) -> None:
        seen: set[int] = set()
        for index, cell in enumerate(grid):
            name = self.layout.fields[index]
            if name in ("tt", "criterion") or id(cell) in seen:
                continue
            seen.add(id(cell))
            if cell.continues_above and not cell.text:
                self._merged_down(entry, previous, name, index)
                continue
            if not cell.text:
                continue
            covered = [self.layout.fields[i] for i, c in enumerate(grid) if c is cell]
            if len({c for c in covered if c}) > 1 and cell.span > 1:
                columns = ", ".join(f"“{self.layout.labels[i]}”" for i, c in enumerate(grid) if c is cell)
                entry.events.append(Event(name or "", "human", f"một ô gộp ngang qua các cột {columns}; nội dung "
                                          f"được ghi vào cột “{self.layout.labels[index]}”", where))
            if name is None:
                self.result.unplaced.append(Unplaced(where, cell.text,
                                                     f"cột “{self.layout.labels[index]}” không ứng với trường nào"))
                continue
            entry.add(name, cell.lines, join, always)

    def _merged_down(self, entry: RawEntry, previous: RawEntry | None, name: str | None, index: int) -> None:
        if previous is None or name is None or not previous.lines.get(name):
            return
        entry.lines[name] = list(previous.lines[name])
        entry.events.append(Event(name, "normalized",
                                  f"ô “{self.layout.labels[index]}” gộp dọc với dòng trên: dùng cùng nội dung"))

    # ---------------------------------------------------------------- rows without a criterion

    def _orphan(self, row: Row, grid: list[Cell]) -> None:
        previous = self.result.entries[-1] if self.result.entries else None
        if previous is None:
            text = " | ".join(_texts(grid))
            self.result.unplaced.append(Unplaced(row.where, text, "dòng không có tiêu chí, đứng trước mọi tiêu chí"))
            return
        criterion_cells = self._criterion_cells(grid)
        merged = any(c.continues_above for c in criterion_cells)
        if self._labelled_lines(previous, grid):
            return
        if self.at_split or merged or self._carries_on(previous, grid):
            self._continue(previous, row, grid, merged)
            return
        texts: list[tuple[str, str]] = []
        seen: set[int] = set()
        for index, cell in enumerate(grid):
            if cell.text and id(cell) not in seen and index not in (self.tt, self.criterion):
                seen.add(id(cell))
                texts.append((self.layout.labels[index], cell.text))
        lines = [text if len(texts) == 1 else f"{label}: {text}" for label, text in texts]
        if not lines:
            lines = _texts(criterion_cells)
        previous.stray.extend(lines)
        previous.events.append(Event("notes", "human",
                                     f"dòng riêng không ghi tiêu chí (“{' '.join(lines)[:80]}”) được ghi vào "
                                     "Ghi chú của tiêu chí này; kiểm tra lại", row.where))

    def _labelled_lines(self, previous: RawEntry, grid: list[Cell]) -> bool:
        """A row under an entry holding one cell of “Label: text” lines (fields the table has no column
        for, as the official PDF and Word export show them): each goes to its field."""
        cells = [c for c in _unique(grid) if c.text]
        if len(cells) != 1 or cells[0].span < 2:
            return False
        pairs = []
        for para in cells[0].paras:
            if not para.text:
                continue
            label, colon, value = para.text.partition(": ")
            name = heading_field(label) if colon and len(label) <= 40 else None
            if name is None or name in ("tt", "criterion"):
                return False
            pairs.append((name, value))
        for name, value in pairs:
            previous.add(f"extra:{name}", value.split("\n"), join=False)
        return bool(pairs)

    def _carries_on(self, previous: RawEntry, grid: list[Cell]) -> bool:
        """Every filled cell carries on the text above it mid-sentence."""
        filled = [(i, c) for i, c in enumerate(grid) if c.text and self.layout.fields[i] not in ("tt",)]
        if not filled:
            return False
        for index, cell in filled:
            name = self.layout.fields[index]
            if name == "criterion" or index == self.tt:
                if not _criterion_tail(cell.text):
                    return False
                continue
            before = previous.lines.get(name or "", [])
            if not before or not carries_on(before[-1], cell.lines[0]) or not cell.lines[0][:1].islower():
                return False
        return True

    def _continue(self, previous: RawEntry, row: Row, grid: list[Cell], merged: bool) -> None:
        for cell in self._criterion_cells(grid):
            if cell.text:
                self._criterion_tail(previous, cell.text)
        self._fill(previous, grid, None, row.where, join=not merged)
        previous.events.append(Event("", "normalized", "phần tiếp theo của dòng (bị ngắt trang hoặc tách bảng) "
                                     "đã được ghép lại", row.where))

    @staticmethod
    def _criterion_tail(entry: RawEntry, text: str) -> None:
        title, assessment, rest = split_self_assessment("\n" + text)
        if title:
            current = entry.criterion.title
            entry.criterion.title = f"{current} {title}" if current else title
        if assessment and not entry.criterion.self_assessment:
            entry.criterion.self_assessment = assessment
        if rest:
            entry.add("criterion_rest", [rest], join=False)


def _criterion_tail(text: str) -> bool:
    """A criterion cell holding only the end of a title and/or "Tự đánh giá: …"."""
    key = fold(text)
    return bool(re.search(r"tu\s*danh\s*gia", key)) or text.lstrip()[:1].islower()


def _filled(cells: list[Cell], skip: set[int]) -> set[int]:
    return {i for i, c in enumerate(cells) if c.text and i not in skip}


def _move_cut_row(before: Table, after: Table, layout: Layout, skip_rows: int) -> None:
    """A row cut by a page break whose first part shows no criterion (the criterion cell moved whole
    to the next page): that part belongs to the row the next page opens with."""
    if not before.rows or len(after.rows) <= skip_rows:
        return
    last, first = before.rows[-1].grid(layout.width), after.rows[skip_rows].grid(layout.width)
    criterion_cols = {i for i, f in enumerate(layout.fields) if f in ("criterion", "tt")}
    last_crit = any(CRITERION_RE.search(fold(last[i].text)) for i in criterion_cols)
    first_crit = any(CRITERION_RE.search(fold(first[i].text)) for i in criterion_cols)
    moving = _filled(last, criterion_cols)
    if last_crit or not first_crit or not moving or moving & _filled(first, criterion_cols):
        return
    merged = [first[i] if first[i].text or i in criterion_cols else last[i] for i in range(layout.width)]
    after.rows[skip_rows] = Row(merged, after.rows[skip_rows].where)
    before.rows.pop()


def read_tables(tables: list[Table]) -> list[TableResult]:
    """Every improvement table in the document order; a table split in two (same heading repeated,
    or no heading and the same width right after) is read as one."""
    plan: list[tuple[Table, Layout | None, bool]] = []  # (table, its own heading, continues the one before)
    current: Layout | None = None
    previous: Table | None = None
    for table in tables:
        layout = find_layout(table)
        same = layout is not None and current is not None and layout.signature == current.signature
        headless = layout is None and current is not None and table.continues_previous \
            and table.width == current.width
        if (same or headless) and previous is not None and table.continues_previous and current is not None:
            _move_cut_row(previous, table, current, layout.header_rows if layout else 0)
        if layout is not None and not same:
            current = layout
        if layout is not None or headless:
            plan.append((table, layout, same or headless))
            previous = table
    results: list[TableResult] = []
    reader: TableReader | None = None
    for table, layout, continued in plan:
        if not continued or reader is None:
            assert layout is not None
            reader = TableReader(layout)
            results.append(reader.result)
            reader.read(table, layout.header_rows, continued=False)
            continue
        reader.read(table, layout.header_rows if layout else 0, continued=True)
        repeated = "tiêu đề cột lặp lại" if layout else "không lặp tiêu đề cột"
        reader.result.notes.append(f"{table.where}: bảng cải tiến tiếp tục ({repeated}).")
    return results
