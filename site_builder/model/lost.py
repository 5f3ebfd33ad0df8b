"""“Lost in the source”: one marker for any value the source document once had but the copy lost.

Real plans come from damaged scans and extractions. `null` says “not written (yet)”; a lost marker
says “the source had something here, and it did not survive”, with what did survive:

    number: {lost: true, fragment: "…/KH-TrMN 7/5"}
    date: {lost: true, fragment: tháng 9 năm 2023}
    signer: {lost: true, note: Trang cuối (phần chữ ký) không có trong bản quét.}

`or_lost(T)` is the type “a T, or a lost marker”. It is a tagged union whose tag is chosen by the
shape of the value (a mapping with a `lost` key is a marker), so a mistake gives one error, about
the branch the school meant, never one per alternative. The tag names start with LOST_TAG_PREFIX;
check.schema drops them from error locations.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PlainValidator, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError

LOST_WORDS = "mất trong bản gốc"  # what every output prints for a lost value (present.lost)
PARTLY_LOST_WORDS = "mất một phần trong bản gốc"
SIGNER_LOST = f"Phần chữ ký {LOST_WORDS}."  # the signature block's place when the source lost it
INTRO_LOST = f"[câu dẫn {LOST_WORDS}]"  # a lost lead-in sentence before a list of actions
LOST_TAG_PREFIX = "="
VALUE_TAG = "=value"
LOST_TAG = "=lost"
PARTIAL_DATE_RE = r"^\d{4}(-(0[1-9]|1[0-2]))?$"


class Lost(BaseModel):
    """A value the source document had but the copy lost, with what survives of it."""

    model_config = ConfigDict(extra="forbid")

    lost: Literal[True] = Field(description="Luôn ghi true: chỗ này văn bản gốc có nội dung nhưng bản chép bị mất.")
    fragment: str | None = Field(
        None, description="Phần còn đọc được, chép đúng như bản gốc, ví dụ “…/KH-TrMN 7/5” hoặc “tháng 9 năm 2023”."
    )
    note: str | None = Field(None, description="Ghi chú của người nhập liệu: mất vì sao, mất ở đâu.")


def is_lost(value: object) -> bool:
    return isinstance(value, Lost)


def _branch(value: Any) -> str:
    if isinstance(value, Lost) or (isinstance(value, dict) and ("lost" in value or "fragment" in value)):
        return LOST_TAG
    return VALUE_TAG


def marks_lost(value: Any) -> bool:
    """Whether a value (a model value or plain YAML data) is a lost marker."""
    return _branch(value) == LOST_TAG


def or_lost(kind: Any) -> Any:
    """The type “kind, or a lost marker”: `or_lost(str) | None` for an optional text."""
    return Annotated[
        Union[Annotated[kind, Tag(VALUE_TAG)], Annotated[Lost, Tag(LOST_TAG)]],  # noqa: UP007
        Discriminator(_branch),
    ]


def _issue_date(value: Any) -> dt.date | str:
    """A full date, or only the year-month (“2023-09”) or the year (2023) when that is all the source has."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if re.match(PARTIAL_DATE_RE, text):
            return text
        try:
            return dt.date.fromisoformat(text) if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else _bad_date()
        except ValueError:
            _bad_date()
    return _bad_date()


def _bad_date() -> dt.date:
    raise PydanticCustomError("date_parsing", "Input should be a valid date, year-month or year")


IssueDate = Annotated[
    dt.date | str,
    PlainValidator(_issue_date),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": PARTIAL_DATE_RE},
            {"type": "integer", "minimum": 1900, "maximum": 2200},
        ],
        "description": "Ngày NĂM-THÁNG-NGÀY (2024-10-10); chỉ NĂM-THÁNG (2023-09) hoặc NĂM (2023) "
        "khi văn bản gốc chỉ ghi đến đó.",
    }),
]


_BRACKET = re.compile(r"^(?P<before>.*?)\s*\[(?P<inner>[^\[\]]*)\]\.?$", re.DOTALL)


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lost_from_text(text: object) -> dict[str, Any] | None:
    """The lost marker a printed text stands for (“[mất trong bản gốc]”, “… [mất một phần trong bản gốc]”),
    so that a plan exported to Word and imported back keeps its markers; None for any other text."""
    if not isinstance(text, str):
        return None
    found = _BRACKET.match(text.strip())
    if not found:  # text read back from a PDF may split words (“m ất”): compare without spaces
        return None
    inner, before = _squashed(found.group("inner")), found.group("before").strip()
    if not before and inner.endswith(_squashed(LOST_WORDS)):
        return {"lost": True}
    if before and inner == _squashed(PARTLY_LOST_WORDS):
        return {"lost": True, "fragment": before}
    return None
