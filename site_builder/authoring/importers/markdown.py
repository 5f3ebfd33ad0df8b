"""The narrative of a plan as Markdown: headings, numbered and bulleted lists, bold/italic, simple tables.

Headings: a Word heading style, a line "I. …" / "II. …" (roman numeral), or a whole-bold line
"1. …" / "4.1 …" (a numbered sub-heading). Lists: Word bullets and numbering, and lines the school
typed starting with "-", "+", "•". Everything else is a paragraph. Characters that Markdown would
read as formatting (*, _, `, <, [, …) are escaped, so the page shows exactly what the school typed.
"""

from __future__ import annotations

import re

from .document import Block, Cell, Para, Run, Table, trim

ROMAN_RE = re.compile(r"^[IVXL]{1,5}\s*[.\-–)]\s*\S")
NUMBERED_RE = re.compile(r"^(\d{1,2})(\.\d{1,2})*\.?\s+\S")
TYPED_LIST_RE = re.compile(r"^\s*([-–+•●▪◦])\s*")
ESCAPE_RE = re.compile(r"([\\`*_\[\]>|])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
MAX_HEADING_CHARS = 160


def escape(text: str) -> str:
    """Markdown-escape inline text; keep every character the school typed."""
    text = ENTITY_RE.sub("&amp;", text).replace("<", "&lt;")  # Python-Markdown has no backslash escape for <
    return ESCAPE_RE.sub(r"\\\1", text)


def _merged(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(Run(run.text, run.bold, run.italic))
    return merged


def inline(runs: list[Run], plain: bool = False) -> str:
    """Runs as Markdown: **bold**, *italic*; a line break inside a paragraph becomes <br>."""
    parts = []
    for run in _merged(runs):
        text = escape(run.text.replace("\t", " "))
        core = trim(text)
        if not plain and core and (run.bold or run.italic):
            mark = "**" if run.bold else "*"
            if run.bold and run.italic:
                mark = "***"
            lead = text[: len(text) - len(text.lstrip(" \t"))]
            tail = text[len(text.rstrip(" \t")):]
            text = f"{lead}{mark}{core}{mark}{tail}"
        parts.append(text)
    joined = trim("".join(parts))
    return re.sub(r"\s*\n\s*", "<br>", joined)


def heading_level(para: Para) -> int | None:
    """Markdown heading level (2–6) of a paragraph that is a heading, else None."""
    text = para.text
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    if para.heading:
        return min(para.heading + 1, 6)
    if ROMAN_RE.match(text):
        return 2
    numbered = NUMBERED_RE.match(text)
    if numbered and para.bold and not text.endswith((";", ",")):
        depth = text.split()[0].rstrip(".").count(".")
        return min(3 + depth, 6)
    return None


def paragraph_lines(para: Para, counters: dict[int, int]) -> tuple[list[str], bool]:
    """Markdown lines of one paragraph and whether it is a list item."""
    text = para.text
    if not text:
        return [], False
    level = heading_level(para)
    if level is not None:
        counters.clear()
        return [f"{'#' * level} {inline(para.runs, plain=True)}"], False
    indent = "  " * para.list_level
    if para.list_kind == "bullet":
        return [f"{indent}- {inline(para.runs)}"], True
    if para.list_kind == "number":
        counters[para.list_level] = counters.get(para.list_level, 0) + 1
        return [f"{indent}{counters[para.list_level]}. {inline(para.runs)}"], True
    counters.clear()
    typed = TYPED_LIST_RE.match(text)
    if typed:
        return [_typed_item(para, typed.group(1))], True
    if NUMBERED_RE.match(text) and re.match(r"^\d{1,2}\.\s", text):
        return [_numbered_item(para)], True
    return [inline(para.runs)], False


def _strip_prefix(runs: list[Run], count: int) -> list[Run]:
    """Runs without their first `count` characters (the list mark the school typed)."""
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(Run(run.text[count:], run.bold, run.italic))
        count = 0
    return out


def _typed_item(para: Para, mark: str) -> str:
    raw = "".join(r.text for r in para.runs)
    offset = len(raw) - len(raw.lstrip())
    match = TYPED_LIST_RE.match(raw[offset:])
    rest = inline(_strip_prefix(para.runs, offset + (match.end() if match else 1)))
    marker = "  +" if mark == "+" else "-"
    return f"{marker} {rest}"


def _numbered_item(para: Para) -> str:
    raw = "".join(r.text for r in para.runs)
    offset = len(raw) - len(raw.lstrip())
    match = re.match(r"(\d{1,2})\.\s+", raw[offset:])
    assert match is not None
    return f"{match.group(1)}. {inline(_strip_prefix(para.runs, offset + match.end()))}"


def _cell_md(cell: Cell) -> str:
    return "<br>".join(inline(p.runs) for p in cell.paras if p.text).replace("\n", " ")


def table_markdown(table: Table) -> list[str]:
    """A pipe table; a heading cell spanning columns over a second heading row gives “Top: Sub” names."""
    width = table.width
    if width == 0 or not table.rows:
        return []
    grids = [row.grid(width) for row in table.rows]
    header = [_cell_md(c) for c in grids[0]]
    body_start = 1
    spans = any(c.span > 1 for c in table.rows[0].cells)
    if spans and len(grids) > 1:
        below = grids[1]
        names = []
        for index, top in enumerate(grids[0]):
            sub = _cell_md(below[index]) if not below[index].continues_above else ""
            head = _cell_md(top)
            names.append(f"{head}: {sub}" if top.span > 1 and sub else head or sub)
        header, body_start = names, 2
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    for grid in grids[body_start:]:
        cells, seen = [], set()
        for cell in grid:
            cells.append("" if id(cell) in seen or cell.continues_above else _cell_md(cell))
            seen.add(id(cell))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def blocks_markdown(blocks: list[Block | str]) -> list[str]:
    """Markdown lines for the narrative; a str block is a marker line written as it is."""
    lines: list[str] = []
    counters: dict[int, int] = {}
    previous_list = False
    for block in blocks:
        if isinstance(block, str):
            _gap(lines)
            lines.extend([block, ""])
            previous_list = False
            continue
        if isinstance(block, Table):
            _gap(lines)
            lines.extend([*table_markdown(block), ""])
            previous_list = False
            continue
        para_lines, is_list = paragraph_lines(block, counters)
        if not para_lines:
            continue
        if not (is_list and previous_list):
            _gap(lines)
        lines.extend(para_lines)
        previous_list = is_list
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _gap(lines: list[str]) -> None:
    if lines and lines[-1] != "":
        lines.append("")
