"""Nearest valid values, for "có phải …?" hints. Accent-insensitive."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lower case, without Vietnamese diacritics: "Đạt" -> "dat"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


def nearest(value: str, candidates: Iterable[str], cutoff: float = 0.5) -> str | None:
    options = list(candidates)
    if not options:
        return None
    folded = {fold(c): c for c in options}
    key = fold(value)
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def nearest_criterion(value: str, ids: Iterable[str]) -> str | None:
    """Criterion ids: "14" or "Tiêu chí 14" means 1.4; "1,4" means 1.4; else the closest id."""
    options = list(ids)
    text = fold(str(value))
    text = re.sub(r"^(tieu chi|tc)\s*", "", text).strip()
    text = text.replace(",", ".").replace(" ", "")
    if text in options:
        return text
    digits = re.sub(r"\D", "", text)
    by_digits = [c for c in options if c.replace(".", "") == digits]
    if by_digits:
        return by_digits[0]
    return nearest(text, options, cutoff=0.6)
