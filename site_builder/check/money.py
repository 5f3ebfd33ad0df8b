"""Amounts of money as schools write them: “10 triệu”, “10.000.000 đ”, “10,5 triệu” -> 10000000, 10500000.

Used for the “Có phải …?” hint when a budget amount is not a plain integer: the hint is the exact
number of đồng, never the digits stripped out of the text (“10 triệu” is not 10 đồng).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .suggest import fold

UNITS = {
    "ty": 1_000_000_000, "ti": 1_000_000_000,
    "trieu": 1_000_000, "tr": 1_000_000,
    "nghin": 1_000, "ngan": 1_000, "k": 1_000,
    "dong": 1, "d": 1, "vnd": 1, "vnđ": 1, "": 1,
}
_AMOUNT = re.compile(r"^\s*(?P<number>\d[\d.,\s]*?)\s*(?P<unit>[a-zđ]*)\.?\s*(?:dong|d)?\s*$")
_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+$")


def _number(text: str) -> Decimal | None:
    """“10.000.000” and “10 000 000” group thousands; “10,5” (and “10.5” that is not a grouping) is a decimal."""
    text = text.strip()
    if _GROUPED_DOTS.match(text) or _GROUPED_SPACES.match(text):
        text = text.replace(".", "").replace(" ", "")
    elif _GROUPED_COMMAS.match(text) and "." not in text:
        text = text.replace(",", "")
    elif re.match(r"^\d+([.,]\d+)?$", text):
        text = text.replace(",", ".")
    else:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        return None


def money_amount(value: object) -> int | None:
    """The exact number of đồng written in value, or None when it is not a recognisable amount."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == int(value) else None
    match = _AMOUNT.match(fold(str(value)).replace("vnđ", "vnd"))
    if not match or match.group("unit") not in UNITS:
        return None
    number = _number(match.group("number"))
    if number is None:
        return None
    amount = number * UNITS[match.group("unit")]
    return int(amount) if amount == amount.to_integral_value() else None
