"""Reading the school's wording into typed values, keeping the wording.

Every function takes the text as written and returns the typed value (or None when the text
does not say it plainly); nothing is guessed. Matching is done on a folded copy of the text
(no accents, lower case, any space as " ") of the same length, so a match's position is also
its position in the original and the school's characters (smart quotes, non-breaking spaces)
are never changed.

Money: "10 triệu đồng", "10.000.000 đ", "10,5 triệu" -> integers of đồng. (check/ may grow its own
money reader for suggestions; this one belongs to the importer.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ...model.plan import Result, Status, TargetKind
from .document import trim

SPACES = "\u00a0\u2007\u202f\t\r\n\v\f"


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    if char in SPACES:
        return " "
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Same length as text: no accents, lower case, every space character a plain space."""
    return "".join(_fold_char(c) for c in text)


def squash(text: str) -> str:
    """Folded, single-spaced, without punctuation at the ends: for comparing headings and phrases."""
    return re.sub(r"\s+", " ", fold(text)).strip(" .:;,-–—()*")


# --------------------------------------------------------------------------- table headings

# (field, patterns on the squashed heading); the first match wins, so specific ones come first.
HEADING_RULES: list[tuple[str, str]] = [
    ("tt", r"^(s?tt|so tt|so thu tu|thu tu)$"),
    ("self_assessment", r"tu danh gia"),
    ("target", r"^muc\b.*(can dat|dat duoc|phan dau)|^muc( do)?( tieu chi)?$|muc tieu chi can dat"),
    ("expected_result", r"ket qua (can dat|du kien|mong doi|dat duoc)|^ket qua$|^san pham"),
    ("current_state", r"hien trang|diem yeu|thuc trang"),
    ("criterion", r"tieu chuan|tieu chi"),
    ("lead_partners", r"chu tri.*phoi hop|phoi hop.*chu tri"),
    ("lead", r"chu tri|phu trach|nguoi thuc hien|don vi thuc hien|bo phan thuc hien|chiu trach nhiem|luc luong"),
    ("partners", r"phoi hop"),
    ("timeline_start", r"^(thoi gian )?bat dau$"),
    ("timeline_end", r"^(thoi gian )?(hoan thanh|ket thuc)$"),
    ("timeline", r"thoi gian|thoi han|tien do thuc hien"),
    ("budget", r"kinh phi|du toan|chi phi"),
    ("support", r"dieu kien|ho tro|nguon luc thuc hien"),
    ("notes", r"ghi chu"),
    ("status", r"tinh trang|muc do hoan thanh|tien do|ket qua thuc hien"),
    ("objective", r"muc tieu"),
    ("indicators", r"chi so|chi bao"),
    ("resources", r"nguon luc"),
    ("evidence", r"minh chung"),
    ("problem", r"van de|han che|nguyen nhan"),
    ("actions", r"cong viec|giai phap|noi dung|ke hoach cai tien|bien phap|hoat dong|nhiem vu"),
]


def heading_field(text: str) -> str | None:
    """The model field a column heading names ("Người phụ trách" -> lead), or None."""
    key = squash(text)
    if not key:
        return None
    for name, pattern in HEADING_RULES:
        if re.search(pattern, key):
            return name
    return None


def is_column_numbers(texts: list[str]) -> bool:
    """A row of column numbers under the heading: "(1)", "(2)", … or "1", "2", …"""
    shown = [trim(t) for t in texts if trim(t)]
    return len(shown) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?|[A-Z]", t) for t in shown)


# --------------------------------------------------------------------------- criteria and groups

CRITERION_RE = re.compile(
    r"tieu\s*chi\s*(?:so\s*)?(?P<a>\d{1,3})(?:(?P<sep>\s*[.,]\s*)(?P<b>\d{1,2}))?(?!\d)"
    r"(?:\s*[.:]?\s*/\s*tieu\s*chuan\s*(?P<std>\d{1,2}))?"
)
BARE_CRITERION_RE = re.compile(r"^\s*(?P<a>\d{1,2})(?P<sep>\s*\.\s*)(?P<b>\d{1,2})(?!\d)(?!\s*/\s*\d)")
SELF_ASSESSMENT_RE = re.compile(r"tu\s*danh\s*gia\s*:?")
STANDARD_RE = re.compile(r"^\s*(?:(?P<n>\d{1,2})\s*[.)]?\s+)?tieu\s*chuan\s*(?P<id>\d{1,2})\s*[:.\-–]?\s*")
LEVEL_ROW_RE = re.compile(r"^\s*muc\s*(?:do\s*)?(?P<level>[1-4])\s*[:.]?\s*$")
TRAILING_LEVEL_RE = re.compile(r"\s+muc\s*(?P<level>[1-4])\s*$")


@dataclass
class CriterionText:
    """What the criterion cell says: the criterion id, the school's title, the self-assessment."""

    id: str | None
    written: str  # the number as written, "14/ tiêu chuẩn 1"
    title: str | None
    self_assessment: str | None
    warning: str | None = None  # why the id had to be read (e.g. "14" under standard 1 -> 1.4)
    rest: str | None = None  # anything after the self-assessment


def _criterion_id(match: re.Match[str], standard: str | None) -> tuple[str | None, str | None]:
    a, b, std = match.group("a"), match.group("b"), match.group("std") if "std" in match.re.groupindex else None
    sep = match.group("sep") or ""
    if b is not None:
        warning = None if sep.strip() == "." and sep == "." else "dấu phân cách lạ"
        return f"{int(a)}.{int(b)}", warning
    std = std or standard
    if std and a.startswith(std) and len(a) > len(std):
        return f"{int(std)}.{int(a[len(std):])}", "thiếu dấu chấm giữa số tiêu chuẩn và số tiêu chí"
    if std and len(a) <= 2:
        return f"{int(std)}.{int(a)}", "chỉ ghi số thứ tự tiêu chí, lấy số tiêu chuẩn từ dòng tiêu chuẩn"
    return None, None


def parse_criterion_cell(text: str, standard: str | None = None) -> CriterionText | None:
    """Read "Tiêu chí 1.1 /tiêu chuẩn 1 Phương hướng … Tự đánh giá: Đạt" (and its variants)."""
    folded = fold(text)
    match = CRITERION_RE.search(folded) or BARE_CRITERION_RE.search(folded)
    if match is None:
        return None
    criterion, warning = _criterion_id(match, standard)
    written = " ".join(text[match.start():match.end()].split())
    after = text[match.end():]
    title, assessment, rest = split_self_assessment(after)
    return CriterionText(criterion, written, title, assessment, warning, rest)


def split_self_assessment(text: str) -> tuple[str | None, str | None, str | None]:
    """(title, self-assessment value, rest) of what follows the criterion number."""
    folded = fold(text)
    match = SELF_ASSESSMENT_RE.search(folded)
    head = text if match is None else text[:match.start()]
    title = _clean_title(head)
    if match is None:
        return title, None, None
    tail = text[match.end():]
    first, _, rest = trim(tail).partition("\n")
    return title, trim(first) or None, trim(rest) or None


def _clean_title(text: str) -> str | None:
    joined = " ".join(trim(line) for line in text.split("\n") if trim(line))
    joined = re.sub(r"^[\s.:;,\-–/]+", "", joined)
    return trim(joined) or None


def parse_self_assessment(text: str) -> dict[str, object]:
    """"Đạt" -> met; "CĐ" / "Chưa đạt" -> not met; "Đạt mức 2" -> met, level 2. The text is kept."""
    key = squash(text)
    result: dict[str, object] = {}
    if re.match(r"^(cd|chua dat|khong dat|k dat)\b", key):
        result["result"] = Result.not_met.value
    elif re.match(r"^dat\b", key):
        result["result"] = Result.met.value
    level = re.search(r"muc\s*([1-4])\b", key)
    if level:
        result["level"] = int(level.group(1))
    result["text"] = trim(text)
    return result


def parse_standard_row(text: str) -> tuple[str, str | None, int | None] | None:
    """"1 Tiêu chuẩn 1: Tổ chức … Mức 2" -> ("1", "Tổ chức …", 2)."""
    folded = fold(text)
    match = STANDARD_RE.match(folded)
    if match is None:
        return None
    title = trim(text[match.end():]) or None
    level = None
    if title:
        trailing = TRAILING_LEVEL_RE.search(fold(title))
        if trailing:
            level = int(trailing.group("level"))
            title = trim(title[:trailing.start()]) or None
    return match.group("id"), title, level


def parse_level_row(text: str) -> int | None:
    """"Mức 2" (also "MỨC 2", and "MỤC 2", a common slip) -> 2."""
    match = LEVEL_ROW_RE.match(fold(text))
    return int(match.group("level")) if match else None


# --------------------------------------------------------------------------- target, status

def parse_target(text: str) -> dict[str, object]:
    """"Giữ vững mức 2" -> level 2, giữ vững; "Mức 3" -> level 3; the wording is kept."""
    key = squash(text)
    target: dict[str, object] = {}
    level = re.search(r"muc\s*(?:do\s*)?([1-4])\b", key)
    if level:
        target["level"] = int(level.group(1))
    if re.search(r"giu vung|duy tri", key):
        target["kind"] = TargetKind.maintain.value
    elif re.search(r"nang (len|cao)|phan dau", key):
        target["kind"] = TargetKind.raise_.value
    target["text"] = trim(text)
    return target


STATUS_PHRASES = {
    "da hoan thanh": Status.done,
    "hoan thanh": Status.done,
    "dang thuc hien": Status.in_progress,
    "dang trien khai": Status.in_progress,
    "chua thuc hien": Status.not_started,
    "chua trien khai": Status.not_started,
}


def parse_status(text: str) -> Status | None:
    """Only the plain phrases ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện")."""
    return STATUS_PHRASES.get(squash(text))


# --------------------------------------------------------------------------- timeline

_MONTH = r"(?:thang|th\w{{0,4}}\.?|t)?\s*(?P<m{n}>\d{{1,2}})\s*[/.\-]\s*(?P<y{n}>\d{{4}})"
TIMELINE_RE = re.compile(
    r"^\s*(?:tu\s+)?" + _MONTH.format(n=1)
    + r"(?:\s*(?:den|toi|-|–|—|~)\s*(?:het\s+)?" + _MONTH.format(n=2) + r")?\s*[.;]?\s*$"
)


def parse_timeline(text: str) -> tuple[dict[str, object], str | None]:
    """"Từ tháng 9/2024 đến tháng 5/2025" -> start 2024-09, end 2025-05, wording kept.

    Only one month or one "from … to …" pair is read; anything else keeps the wording alone.
    Returns (timeline, problem) where problem explains a date that could not be used."""
    timeline: dict[str, object] = {"text": trim(text)}
    match = TIMELINE_RE.match(fold(text))
    if match is None:
        return timeline, None
    months = []
    for n in (1, 2):
        if match.group(f"m{n}") is None:
            continue
        month, year = int(match.group(f"m{n}")), int(match.group(f"y{n}"))
        if not 1 <= month <= 12:
            return timeline, f"tháng {month} không có thật"
        months.append(f"{year:04d}-{month:02d}")
    if len(months) == 2 and months[0] > months[1]:
        return timeline, "tháng bắt đầu sau tháng kết thúc"
    timeline["start"] = months[0]
    if len(months) == 2:
        timeline["end"] = months[1]
    return timeline, None


def single_month(text: str) -> str | None:
    found, _ = parse_timeline(text)
    return found.get("start") if "end" not in found else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- money

_NUMBER = r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?"
MONEY_RE = re.compile(
    r"(?<![\w/.,])(?P<number>" + _NUMBER + r")\s*(?P<unit>ty|ti|trieu|tr(?=[\s.]|$)|nghin|ngan)?\.?\s*"
    r"(?P<currency>dong|vnd|d)?(?!\w)"
)
MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "tr": 10**6, "nghin": 10**3, "ngan": 10**3}


def _decimal(number: str, scaled: bool) -> Decimal | None:
    digits = number.replace(" ", "")
    if "," in digits and "." in digits:
        digits = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", digits) and not scaled:
        digits = digits.replace(",", "")
    elif "," in digits:
        digits = digits.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


@dataclass
class Money:
    amount: int
    start: int
    end: int


def find_money(text: str) -> list[Money]:
    """Every amount of money written in text ("10 triệu đồng", "10.000.000 đ", "10,5 triệu")."""
    found = []
    for match in MONEY_RE.finditer(fold(text)):
        unit, currency = match.group("unit"), match.group("currency")
        if not unit and not currency:
            continue
        value = _decimal(match.group("number"), bool(unit))
        if value is None:
            continue
        value *= MULTIPLIERS.get(unit or "", 1)
        if value != value.to_integral_value():
            continue
        found.append(Money(int(value), match.start(), match.end()))
    return found


def money_text(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def parse_budget(text: str) -> tuple[dict[str, object], str | None]:
    """The amount when the cell names exactly one; the wording is kept unless it is only that amount.

    Returns (budget, problem)."""
    text = trim(text)
    found = find_money(text)
    amounts = {m.amount for m in found}
    if not found:
        return {"text": text}, None
    if len(amounts) > 1:
        return {"text": text}, "ô ghi nhiều số tiền khác nhau; chưa lấy số nào"
    amount = found[0].amount
    canonical = money_text(amount) + " – "
    if text.startswith(canonical):  # our own export: "10.000.000 đồng – <the school's wording>"
        return {"amount": amount, "text": text[len(canonical):]}, None
    rest = text
    for money in reversed(found):
        rest = rest[:money.start] + rest[money.end:]
    if not re.sub(r"[\s.,;:()\-–]+", "", rest):
        return {"amount": amount}, None
    return {"amount": amount, "text": text}, None
