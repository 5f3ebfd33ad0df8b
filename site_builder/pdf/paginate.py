"""Page breaks of the improvement table, decided from a measured layout (issue 10).

WeasyPrint breaks a long table row wherever the page ends and leaves the continuation with empty TT
and criterion cells, sometimes a single line at the foot of a page. Here the table is laid out, the
rendered pages are read back (WeasyPrint's layout boxes: which row part is on which page, how many
lines and characters each cell has there), and each row that runs over a page end is cut into explicit
parts: the next part starts a new page and repeats TT and the criterion, marked "(tiếp)".

Rules, applied in page order:
- a part whose lines at the foot of a page would be fewer than MIN_LINES, or would not hold the whole
  criterion, starts on the next page instead ("pushed");
- a continuation holds at least MIN_LINES lines: the cut moves up when fewer would be left over;
- a standard's heading row and a row's extras row never begin a page without their row.

Page by page: the rows from the top of the next undecided page are laid out alone (a "window" of a few
rows, so each measuring render is two or three pages, not the whole plan), the first page of that window
is read back, the break at its foot decided, and the next window starts where the next page starts. A
page's layout depends only on what starts it, so the whole document, rendered once at the end with every
decision, breaks at the same places; it is measured again as a safety net (any break left over is fixed
by another full render). Deterministic: same HTML, same measurements, same decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .cellsplit import count

MIN_LINES = 3  # never fewer lines than this of a row at the foot or the head of a page
MAX_PASSES = 6  # full-document passes of the safety net
FIRST_WINDOW = 6  # rows laid out to measure the first table page (then twice the rows of the last page, + 2)
FIXED_FIELDS = ("tt", "criterion")  # repeated on a continuation, never cut
# A row cut at a page foot is then drawn whole: its kept lines need room below them for the last block's
# margin (2 pt), the cell's padding (3 pt) and border (0.75 pt). In CSS px (0.75 pt), with a margin.
FOOT_ROOM_PX = 12.0


@dataclass
class TableLayout:
    """Where the improvement table's rows are cut and which rows start a new page.

    cuts[row] holds, for each cut of that row in order, the cumulative number of countable characters of
    each cut field kept before the cut (cellsplit.split_at offsets)."""

    cuts: dict[int, list[dict[str, int]]] = field(default_factory=dict)
    pushed: set[int] = field(default_factory=set)

    def key(self) -> tuple[Any, ...]:
        return (tuple(sorted((r, tuple(tuple(sorted(c.items())) for c in cs)) for r, cs in self.cuts.items())),
                tuple(sorted(self.pushed)))


@dataclass(frozen=True)
class Window:
    """The rows a measuring render lays out: from part `part` of row `start` up to row `end` (excluded;
    None: to the last row). The first printed part starts the page, so it never forces a break."""

    start: int
    part: int = 0
    end: int | None = None

    def holds(self, number: int) -> bool:
        return number >= self.start and (self.end is None or number < self.end)


Render = Callable[[TableLayout, Window | None], Any]  # a WeasyPrint document of the plan (or of a window)
Outcome = Literal["push", "split"] | None


@dataclass
class Fragment:
    """What one table row shows on one page."""

    page: int
    kind: str  # "row" | "extras" | "standard"
    row: int
    part: int
    lines: dict[str, list[int]]  # field -> countable characters of each line on this page
    bottoms: dict[str, list[float]] = field(default_factory=dict)  # field -> bottom of each line (px)
    limit: float = float("inf")  # bottom of the page area (px)
    top: bool = False  # the first row of the table on its page (after its standard's heading row)

    def height(self, fields: tuple[str, ...] | None = None) -> int:
        return max((len(v) for k, v in self.lines.items() if fields is None or k in fields), default=0)


# --------------------------------------------------------------------------- reading the layout


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _line_text_count(line: Any) -> int:
    total = 0
    for box in _walk(line):
        if "::" in (getattr(box, "element_tag", "") or ""):  # list markers, ::before/::after
            continue
        text = getattr(box, "text", None)
        if isinstance(text, str):
            total += count(text)
    return total


def _lines(cell: Any) -> list[tuple[int, float]]:
    """(countable characters, bottom) of each line box in a cell fragment, top to bottom (markers excluded)."""
    found: list[tuple[int, float]] = []

    def visit(box: Any) -> None:
        if type(box).__name__ == "LineBox":
            found.append((_line_text_count(box), box.position_y + box.height))
            return
        for child in getattr(box, "children", ()):
            visit(child)

    visit(cell)
    return found


def _row_fragment(page: int, row_box: Any, limit: float) -> Fragment | None:
    element = getattr(row_box, "element", None)
    if element is None or element.get("data-row") is None:
        return None
    cells = {}
    for cell in row_box.children:
        name = cell.element.get("data-field") if getattr(cell, "element", None) is not None else None
        if name:
            cells[name] = _lines(cell)
    kind = element.get("data-kind") or "row"
    return Fragment(page, kind, int(element.get("data-row")), int(element.get("data-part") or 0),
                    {name: [c for c, _ in lines] for name, lines in cells.items()},
                    {name: [b for _, b in lines] for name, lines in cells.items()}, limit)


def measure(document: Any) -> list[Fragment]:
    """Every table row fragment of a rendered WeasyPrint document, in page order."""
    fragments: list[Fragment] = []
    for number, page in enumerate(document.pages):
        area = page._page_box
        limit = area.content_box_y() + area.height
        on_page = [f for f in (_row_fragment(number, box, limit) for box in _walk(area)
                               if type(box).__name__ == "TableRowBox") if f is not None]
        if on_page:
            on_page[0].top = True
            if on_page[0].kind == "standard" and len(on_page) > 1:
                on_page[1].top = True
        fragments.extend(on_page)
    return fragments


# --------------------------------------------------------------------------- decisions


def _parts(fragments: list[Fragment]) -> dict[tuple[int, int], list[Fragment]]:
    """(row, part) -> its fragments, page by page."""
    parts: dict[tuple[int, int], list[Fragment]] = {}
    for fragment in fragments:
        if fragment.kind == "row":
            parts.setdefault((fragment.row, fragment.part), []).append(fragment)
    return parts


def _split(layout: TableLayout, pieces: list[Fragment]) -> Outcome:
    """Cut the part shown by `pieces` at the end of its first page, leaving at least MIN_LINES lines on
    each side ("split"), or None when no such cut exists."""
    first, later = pieces[0], pieces[1:]
    names = [name for name in first.lines if name not in FIXED_FIELDS]
    if not names:
        return None
    keep = {name: sum(1 for bottom in first.bottoms.get(name, []) if bottom <= first.limit - FOOT_ROOM_PX)
            for name in names}
    left = {name: len(first.lines[name]) - keep[name] + sum(len(p.lines.get(name, [])) for p in later)
            for name in names}
    shortfall = MIN_LINES - max(left.values())
    if shortfall > 0:  # too little would continue: the tallest cell gives lines to the continuation
        tallest = max(names, key=lambda name: (keep[name] + left[name], name))
        keep[tallest] = max(keep[tallest] - shortfall, 0)
    if max([*keep.values(), len(first.lines.get("criterion", []))]) < MIN_LINES:
        return None
    cuts = layout.cuts.setdefault(first.row, [])
    before = cuts[first.part - 1] if first.part > 0 else {}
    cuts.insert(first.part, {name: before.get(name, 0) + sum(first.lines[name][:keep[name]]) for name in names})
    return "split"


def _push(layout: TableLayout, first: Fragment) -> Outcome:
    """Start the row on the next page (not possible for a row that already starts its page)."""
    if first.top or first.part > 0:
        return None
    layout.pushed.add(first.row)
    return "push"


def _over_page_end(layout: TableLayout, pieces: list[Fragment]) -> Outcome:
    """A part that runs over a page end: cut it, or start it on the next page when its lines at the foot
    would be too few or would not hold the whole criterion."""
    first = pieces[0]
    criterion_whole = len(first.lines.get("criterion", [])) == sum(len(p.lines.get("criterion", [])) for p in pieces)
    if first.height() < MIN_LINES or not criterion_whole:
        return _push(layout, first) or _split(layout, pieces)
    return _split(layout, pieces) or _push(layout, first)


def _alone(layout: TableLayout, kind: str, pieces: list[Fragment]) -> Outcome:
    """A standard's heading row at a page foot without its row (push the row), or an extras row at a
    page head without its row (the row's last lines go over with it, or the whole row)."""
    if kind == "standard":
        return _push(layout, pieces[0])
    return _split(layout, pieces) or _push(layout, pieces[0])


def _problems(fragments: list[Fragment]) -> list[tuple[int, int, str, int, int]]:
    """(page, order, kind, row, part) of every break to act on, in page order."""
    parts = _parts(fragments)
    found = []
    for (row, part), pieces in parts.items():
        if len({p.page for p in pieces}) > 1:
            found.append((pieces[0].page, 1, "over", row, part))
    for fragment in fragments:
        if fragment.kind == "standard":
            first = parts.get((fragment.row, 0))
            if first and first[0].page > fragment.page:
                found.append((fragment.page, 0, "standard", fragment.row, 0))
        elif fragment.kind == "extras":
            last = max((p for r, p in parts if r == fragment.row), default=None)
            pieces = parts.get((fragment.row, last)) if last is not None else None
            if pieces and len({p.page for p in pieces}) == 1 and pieces[-1].page < fragment.page:
                found.append((pieces[-1].page, 2, "extras", fragment.row, last))
    return sorted(found)


def _act(layout: TableLayout, fragments: list[Fragment], page: int) -> tuple[Outcome, int, int]:
    """Decide the first problem at the foot of `page`: (outcome, row, part); outcome None when there is
    none or nothing can be done."""
    parts = _parts(fragments)
    for found_page, _order, kind, row, part in _problems(fragments):
        if found_page != page:
            continue
        pieces = parts[(row, part)]
        outcome = _over_page_end(layout, pieces) if kind == "over" else _alone(layout, kind, pieces)
        if outcome is not None:
            return outcome, row, part
    return None, 0, 0


def decide(fragments: list[Fragment], layout: TableLayout) -> bool:
    """Act on the first page with a problem (a full-document pass). Returns whether anything changed."""
    for page in sorted({found[0] for found in _problems(fragments)}):
        if _act(layout, fragments, page)[0] is not None:
            return True
    return False


# --------------------------------------------------------------------------- page by page


def _next_start(layout: TableLayout, fragments: list[Fragment]) -> Window | None:
    """Decide the foot of the window's first page; the row part that starts the next page."""
    outcome, row, part = _act(layout, fragments, 0)
    if outcome == "push":
        return Window(row, 0)
    if outcome == "split":
        return Window(row, part + 1)
    following = next((f for f in fragments if f.page == 1 and f.kind != "extras"), None)
    return Window(following.row, following.part if following.kind == "row" else 0) if following else None


def _paginate_windows(render: Render, rows: list[int], layout: TableLayout) -> None:
    start: Window | None = Window(rows[0])
    size = FIRST_WINDOW
    while start is not None:
        index = rows.index(start.start)
        end = rows[index + size] if index + size < len(rows) else None
        fragments = measure(render(layout, Window(start.start, start.part, end)))
        if not any(f.page > 0 for f in fragments):
            if end is None:
                return  # the rest fits on this page
            size *= 2
            continue
        following = _next_start(layout, fragments)
        if following is not None and (following.start, following.part) <= (start.start, start.part):
            return  # no progress possible (a part taller than a page that cannot be cut): leave it to WeasyPrint
        start = following
        size = max(FIRST_WINDOW, 2 * len({f.row for f in fragments if f.page == 0}) + 2)


def paginate(render: Render, rows: list[int]) -> tuple[Any, TableLayout]:
    """Decide the table's page breaks window by window, then render the whole document with them.
    Returns the WeasyPrint document (to write) and the layout."""
    layout = TableLayout()
    if rows:
        _paginate_windows(render, rows, layout)
    document = render(layout, None)
    for _ in range(MAX_PASSES):  # safety net: normally the full document has nothing left to fix
        if not decide(measure(document), layout):
            break
        document = render(layout, None)
    return document, layout
