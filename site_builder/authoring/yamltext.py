"""Small YAML text helpers for files written for schools to edit: a value as plain YAML when that
reads back as the same value, else a double-quoted scalar; and a comment column for each line."""

from __future__ import annotations

import json
import re

from ..errors import YamlSyntaxError
from ..source.yamlsource import load_yaml

COMMENT_COLUMN = 40


def scalar(value: object, flow: bool = False) -> str:
    """One YAML scalar: `null`, a number, plain text when it reads back unchanged, else "quoted"
    (flow: inside {…} or […], where a comma or a bracket ends a plain scalar)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    flow_stop = flow and re.search(r"[,\[\]{}]", text)
    if text and "\n" not in text and not flow_stop and not re.search(r"\s#|:\s|^[\s\-?:,\[\]{}#&*!|>'\"%@`]", text):
        try:
            data, _ = load_yaml(f"v: {text}")
        except YamlSyntaxError:  # what does not read back is quoted instead
            data = None
        if isinstance(data, dict) and data.get("v") == text:
            return text
    return json.dumps(text, ensure_ascii=False)


def commented(line: str, comment: str | None) -> str:
    """The line with its comment aligned at COMMENT_COLUMN (or one space after a long line)."""
    if not comment:
        return line
    pad = max(COMMENT_COLUMN - len(line), 1)
    return f"{line}{' ' * pad}# {comment}"
