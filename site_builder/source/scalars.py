"""The text of a scalar as the school typed it, read back from the file at the scalar's position.

YAML reads `criterion: 1.10` as the number 1.1. Codes like criteria are text, so the checker asks
for the characters actually written at that position, whatever the YAML loader made of them.
Only the SourceMap's (line, column) of the value is used, which every loader gives.
"""

from __future__ import annotations

import re

from .yamlsource import Position

_PLAIN_SCALAR = re.compile(r"[^\s,\[\]{}#'\"]+")


def scalar_text(text: str, position: Position) -> str | None:
    """The unquoted scalar starting at a 1-based (line, column) of text, or None when there is none."""
    line_number, column = position
    lines = text.split("\n")
    if not (1 <= line_number <= len(lines)) or column < 1:
        return None
    match = _PLAIN_SCALAR.match(lines[line_number - 1], column - 1)
    return match.group(0) if match else None
