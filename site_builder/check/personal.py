"""Personal data the law does not ask a school to publish: a warning at file:line:column.

Looks, line by line, at school.yml and the whole plan file (front matter and body) for
Vietnamese phone numbers (mobile 03x/05x/07x/08x/09x, landline 02xx, also written +84),
12-digit citizen identity numbers (CCCD, which start with a 0 province code), email
addresses at free mail providers (an address at the school's own domain is not personal),
and a date or year of birth on the same line as a person's name (a common surname followed
by capitalised words). A school that has checked a line (the school's own switchboard, say)
lists it under ``reviewed_personal_data`` in the same file, by its text or by the SHA-256
the warning prints, with a reason; the warning then goes away. Lines of that list are not
scanned, and a listed line that no longer matches anything gets a warning of its own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Finding, Severity
from ..source.yamlsource import SourceMap
from .limits import Collector

REVIEWED_KEY = "reviewed_personal_data"

PHONE = re.compile(r"(?<![\w+.,/-])(?:\(?\+84\)?[ .-]?|\(?0)(?:\d[ .()-]{0,2}){8,11}\d(?![\w/]|[.,-]\d)")
ID_NUMBER = re.compile(r"(?<![\w+.,/-])0\d{11}(?![\w/]|[.,-]\d)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4})")
BIRTH = re.compile(
    r"(?:ngày\s+(?:tháng\s+năm\s+)?sinh|sinh\s+(?:ngày|năm)|năm\s+sinh)\s*:?\s*"
    r"(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2}|(?:19|20)\d{2})",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+")
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "ymail.com", "rocketmail.com", "hotmail.com",
    "outlook.com", "outlook.com.vn", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "protonmail.com",
    "proton.me", "zoho.com", "mail.ru", "yandex.com", "gmx.com", "qq.com", "163.com", "126.com", "zing.vn",
    "vnn.vn",
})
# Common Vietnamese family names that are rarely also place or school names.
SURNAMES = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Trương", "Lương", "Lâm", "Phùng", "Tạ", "Đào", "Tô", "Chu",
    "Kiều", "Quách", "Vương", "Triệu", "Hứa", "Lưu", "Tăng", "Khổng", "Mạc", "Lục", "Nông", "Thân", "Tống",
    "Diệp", "Đàm", "Lã", "Hầu", "Nghiêm", "Tôn", "Doãn", "Bạch",
})
# A name right after these words names a school, a street or a place, not a person.
PLACE_WORDS = frozenset({
    "trường", "th", "thcs", "thpt", "mn", "học", "non", "cấp", "đường", "phố", "phường", "xã", "quận", "huyện",
    "tỉnh", "tp", "thị", "trấn", "cầu", "chợ", "viên", "tưởng", "bác", "lăng",
})
FAMOUS = ("Hồ Chí Minh",)


@dataclass(frozen=True)
class Hit:
    line: int
    column: int
    code: str
    found: str


def line_hash(text: str) -> str:
    """The SHA-256 of a line as reviewed: NFC, without surrounding spaces."""
    return hashlib.sha256(unicodedata.normalize("NFC", text.strip()).encode("utf-8")).hexdigest()


def _mask(text: str) -> str:
    """Enough of the value to find it, not enough to copy it: '0912 345 678' -> '091…78'."""
    return text if len(text) <= 6 else f"{text[:3]}…{text[-2:]}"


def _is_phone(candidate: str) -> bool:
    groups = [g for g in re.split(r"[ .()+-]+", candidate) if g]
    if len(groups) > 5 or any(len(g) < 2 for g in groups):
        return False
    digits = "".join(groups)
    national = "0" + digits[2:] if candidate.lstrip("(").startswith("+") else digits
    mobile = len(national) == 10 and national[1] in "35789"
    landline = len(national) == 11 and national.startswith("02")
    return mobile or landline


def _has_name(line: str) -> bool:
    """A common surname followed by one to three capitalised words, not naming a school or a place."""
    if any(name in line for name in FAMOUS):
        return False
    words = list(WORD.finditer(line))
    for index, word in enumerate(words[:-1]):
        if word.group() not in SURNAMES or not words[index + 1].group()[0].isupper():
            continue
        before = words[index - 1].group().lower() if index else ""
        if before not in PLACE_WORDS:
            return True
    return False


def line_hits(line: str, number: int) -> Iterator[Hit]:
    for match in PHONE.finditer(line):
        if _is_phone(match.group()):
            found = match.group().lstrip("(")
            yield Hit(number, match.end() - len(found) + 1, "personal-phone", found)
    for match in ID_NUMBER.finditer(line):
        yield Hit(number, match.start() + 1, "personal-id-number", match.group())
    if "@" in line:
        for match in EMAIL.finditer(line):
            if match.group(1).lower() in FREE_MAIL:
                yield Hit(number, match.start() + 1, "personal-email", match.group())
    if "sinh" in line.lower():
        births = list(BIRTH.finditer(line))
        if births and _has_name(line):  # once per line: per match it was quadratic on a repeated phrase
            for match in births:
                yield Hit(number, match.start(1) + 1, "personal-birth-date", match.group(1))


MESSAGES = {
    "personal-phone": "Dòng này có số điện thoại (“{found}”).",
    "personal-id-number": "Dòng này có dãy 12 chữ số giống số căn cước công dân (“{found}”).",
    "personal-email": "Dòng này có địa chỉ email cá nhân (“{found}”).",
    "personal-birth-date": "Dòng này có ngày/năm sinh (“{found}”) đi kèm họ tên một người.",
}


def _report(out: Collector, hit: Hit, digest: str) -> None:
    message = MESSAGES[hit.code].format(found=_mask(hit.found)) + (
        " Pháp luật không yêu cầu công khai thông tin cá nhân này; kế hoạch sẽ được đăng công khai trên mạng.")
    fix = ("Nếu là thông tin cá nhân, hãy xóa hoặc thay bằng thông tin của cơ quan. Nếu đã rà soát và được phép "
           f"công khai, thêm vào “{REVIEWED_KEY}” một mục “- sha256: \"{digest}\"” kèm “reason: <lý do>”.")
    out.add(hit.line, hit.column, hit.code, message, fix)


def _reviewed_lines(data: Any, source: SourceMap, lines: list[str]) -> range:
    """The file lines of the reviewed list itself (not scanned): from its key to the next top-level line."""
    if not isinstance(data, dict) or REVIEWED_KEY not in data:
        return range(0)
    first, _ = source.key((REVIEWED_KEY,))
    last = first
    while last < len(lines) and (not lines[last].strip() or lines[last][0] in " \t-#"):
        last += 1
    return range(first, last + 1)


def _reviewed(data: Any) -> list[tuple[int, dict[str, Any]]]:
    entries = data.get(REVIEWED_KEY) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [(i, e) for i, e in enumerate(entries) if isinstance(e, dict)]


def personal_findings(rel: str, text: str, data: Any, source: SourceMap, last_line: int | None = None) -> list[Finding]:
    """Warnings for what looks like personal data in one file, minus the lines the school reviewed.

    last_line bounds the reviewed list's lines to the front matter of a plan.
    """
    lines = text.split("\n")
    skipped = _reviewed_lines(data, source, lines[: last_line or len(lines)])
    reviewed = _reviewed(data)
    by_text = {unicodedata.normalize("NFC", str(e["line"]).strip()): i for i, e in reviewed if "line" in e}
    by_hash = {str(e["sha256"]): i for i, e in reviewed if "sha256" in e}
    used: set[int] = set()
    findings: list[Finding] = []
    out = Collector(rel, findings, Severity.warning)
    for number, line in enumerate(lines, start=1):
        if number in skipped:
            continue
        hits = list(line_hits(line, number))
        if not hits:
            continue
        digest = line_hash(line)  # once a line: per hit it was quadratic on a line full of numbers
        match = by_text.get(unicodedata.normalize("NFC", line.strip()), by_hash.get(digest))
        if match is not None:
            used.add(match)
            continue
        for hit in hits:
            _report(out, hit, digest)
    out.close()
    for index, _entry in reviewed:
        if index not in used:
            line, column = source.value((REVIEWED_KEY, index))
            findings.append(Finding(rel, line, column, Severity.warning, "reviewed-line-unused",
                                    "Mục đã rà soát này không khớp dòng nào có thông tin cá nhân trong tệp.",
                                    "Xóa mục này nếu dòng đó đã được sửa, hoặc chép lại cho khớp dòng hiện tại."))
    return findings
