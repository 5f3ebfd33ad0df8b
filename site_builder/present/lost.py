"""What the reader sees where the source lost something: “[mất trong bản gốc]”, or the surviving
fragment followed by “[mất một phần trong bản gốc]”. Never a zero, a blank or “không ghi”."""

from __future__ import annotations

import html
from typing import Any

from ..model.lost import LOST_WORDS, PARTLY_LOST_WORDS, Lost

LOST = LOST_WORDS
PARTLY_LOST = PARTLY_LOST_WORDS


def lost_text(marker: Lost, what: str | None = None) -> str:
    """“…/KH-TrMN 7/5 [mất một phần trong bản gốc]”, or “[số ký hiệu mất trong bản gốc]”."""
    if marker.fragment:
        return f"{marker.fragment} [{PARTLY_LOST}]"
    return f"[{what} {LOST}]" if what else f"[{LOST}]"


def lost_html(marker: Lost, what: str | None = None) -> str:
    """The surviving fragment as the school's text, the bracketed wording marked as ours."""
    if marker.fragment:
        return f'{html.escape(marker.fragment)} <span class="kh-lost">[{PARTLY_LOST}]</span>'
    return f'<span class="kh-lost">{html.escape(lost_text(marker, what))}</span>'


def value_text(value: Any, what: str | None = None) -> str:
    """A text field as the reader sees it: its text, the lost wording, or "" when empty."""
    if isinstance(value, Lost):
        return lost_text(value, what)
    return "" if value is None else str(value)
