"""The administrative parts of the document (Nghị định 30/2020): header, title, căn cứ, Nơi nhận, signer.

Header: the lines before “KẾ HOẠCH”, from a two-column table or from paragraphs (a tab often
separates the two columns): governing body and school (upper case), “Số: …”, Quốc hiệu, Tiêu ngữ,
“<place>, ngày … tháng … năm …”. Title: the one to three centred lines after “KẾ HOẠCH”.
Căn cứ: the first run of paragraphs starting “Căn cứ …” or naming a document with its number
(“Thông tư số 19/2018/…”), matched to catalogue/legal-documents.yml by number and year.
Foot: “Nơi nhận:” and its “- …” lines, then the signer (position lines in capitals, then the name).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...model.catalogue import LegalDocument
from ...model.lost import SIGNER_LOST, lost_from_text
from .document import Block, Para, Table, trim
from .normalize import fold, squash

KIND_KEYS = {"ke hoach": "KẾ HOẠCH"}
NUMBER_RE = re.compile(r"^\s*so\s*:\s*(?P<value>.*)$|^\s*so\s+(?P<bare>[\d/].*)$")
PLACE_DATE_RE = re.compile(
    r"^(?P<place>.*?)[,\s]*ngay\s*(?P<d>[\d.…]+)\s*thang\s*(?P<m>[\d.…]+)\s*nam\s*(?P<y>\d{4}|[.…]+)"
)
RULE_RE = re.compile(r"^[\s_\-–—=*.~]+$")
BASIS_KIND_RE = re.compile(
    r"^(thong tu|cong van|nghi dinh|quyet dinh|ke hoach|huong dan|chi thi|luat|nghi quyet|van ban)\b"
)
AUTHORITY_RE = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s*(.*)$")
VERIFY_RE = re.compile(r"^(ban dien tu|ma kiem tra)\b")  # the verification lines of our own PDF/Word export
SIGNED_RE = re.compile(r"^\(?\s*(da ky|ky|ky,|ky ten|ky va|ky, ghi ro)")
LIST_MARK_RE = re.compile(r"^\s*[-–+•●▪]\s*")
MAX_TITLE_LINES = 3


@dataclass
class Header:
    governing_body: str | None = None
    school: str | None = None
    number: str | None = None
    number_written: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_written: str | None = None
    kind: str | None = None
    title: str | None = None
    title_lines: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # header lines not understood
    body_start: int = 0  # index of the first block after the title


@dataclass
class Foot:
    start: int
    recipients: list[str] = field(default_factory=list)
    signer: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- header


def _kind_index(blocks: list[Block]) -> int | None:
    for index, block in enumerate(blocks[:60]):
        if isinstance(block, Para) and squash(block.text) in KIND_KEYS and is_upper(block.text):
            return index
    return None


def _segments(blocks: list[Block]) -> list[str]:
    """Header text segments: paragraphs split at tabs, table cells column by column."""
    segments: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            segments.extend(trim(s) for s in re.split(r"\t+", block.text) if trim(s))
        else:
            width = block.width
            for column in range(width):
                for row in block.rows:
                    cell = row.grid(width)[column]
                    if column and cell is row.grid(width)[column - 1]:
                        continue
                    segments.extend(trim(s) for p in cell.paras for s in re.split(r"[\t\n]+", p.text) if trim(s))
    return segments


def parse_header(blocks: list[Block]) -> Header:
    header = Header()
    kind_at = _kind_index(blocks)
    if kind_at is None:
        return header
    header.kind = KIND_KEYS[squash(blocks[kind_at].text)]  # type: ignore[union-attr]
    issuer: list[str] = []
    for segment in _segments(blocks[:kind_at]):
        _classify(segment, header, issuer)
    _issuer(issuer, header)
    _title(blocks, kind_at + 1, header)
    return header


def _lost_place_date(segment: str, header: Header) -> bool:
    """Our own export's place-and-date line where the source lost them: “[địa danh, ngày tháng mất …]”,
    “Vạn Mỹ, [ngày tháng mất …]” or “[địa danh mất …], ngày 10 tháng 10 năm 2024”."""
    text = trim(segment)
    if lost_from_text(text) and "ngày tháng" in text:
        header.place, header.date, header.date_written = {"lost": True}, {"lost": True}, segment  # type: ignore[assignment]
        return True
    place, _, when = text.partition(", ")
    if when and lost_from_text(when):
        header.place, header.date, header.date_written = place, lost_from_text(when), segment  # type: ignore[assignment]
        return True
    if when and lost_from_text(place) and PLACE_DATE_RE.match(fold(", " + when)):
        _classify(", " + when, header, [])
        header.place = lost_from_text(place)  # type: ignore[assignment]
        return True
    return False


def _classify(segment: str, header: Header, issuer: list[str]) -> None:
    folded = fold(segment)
    if RULE_RE.match(segment):
        return
    if "cong hoa xa hoi chu nghia" in folded or ("doc lap" in folded and "tu do" in folded):
        return
    number = NUMBER_RE.match(folded)
    if number:
        start = number.start("value") if number.group("value") is not None else number.start("bare")
        header.number_written = segment
        value = trim(segment[start:])
        header.number = value if re.match(r"^\d", value) else lost_from_text(value)
        return
    if _lost_place_date(segment, header):
        return
    place_date = PLACE_DATE_RE.match(folded)
    if place_date:
        place = trim(segment[: place_date.end("place")]).rstrip(",")
        header.place = place if re.search(r"\w", place) else None
        header.date_written = segment
        try:
            header.date = dt.date(int(place_date["y"]), int(place_date["m"]), int(place_date["d"]))
        except ValueError:
            header.date = None
        return
    if is_upper(segment):
        issuer.append(segment)
    else:
        header.other.append(segment)


def _issuer(lines: list[str], header: Header) -> None:
    if not lines:
        return
    school_at = next((i for i, line in enumerate(lines) if fold(line).startswith("truong")), None)
    if school_at is None:
        school_at = len(lines) - 1 if len(lines) > 1 else None
    if school_at is None:
        header.governing_body = lines[0]
        return
    header.governing_body = " ".join(lines[:school_at]) or None
    header.school = " ".join(lines[school_at:])


def _title(blocks: list[Block], start: int, header: Header) -> None:
    lines: list[str] = []
    index = start
    while index < len(blocks) and len(lines) < MAX_TITLE_LINES:
        block = blocks[index]
        if not isinstance(block, Para):
            break
        text = block.text
        if not text or RULE_RE.match(text):
            index += 1
            continue
        folded = squash(text)
        if (re.match(r"^[IVX]+\.", text) or folded.startswith("can cu") or len(text) > 150
                or (block.align not in (None, "center") and lines)):
            break
        lines.append(text)
        index += 1
    header.title_lines = lines
    header.title = join_title(lines) if lines else None
    header.body_start = index


def join_title(lines: list[str]) -> str:
    """“CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC” + “Năm học 2024– 2025” -> “Cải tiến chất lượng giáo dục năm học 2024– 2025”."""
    parts = []
    for number, line in enumerate(lines):
        if is_upper(line) and len(line) > 3:
            line = line[:1] + line[1:].lower()
        if number and squash(line).startswith("nam hoc"):
            line = line[:1].lower() + line[1:]
        parts.append(line)
    return " ".join(parts)


# --------------------------------------------------------------------------- căn cứ


def is_basis(text: str) -> bool:
    body = LIST_MARK_RE.sub("", text, count=1)
    key = squash(body)
    if key.startswith("can cu "):
        return not (len(key) < 40 and ("xay dung ke hoach" in key or "lap ke hoach" in key))
    return bool(BASIS_KIND_RE.match(key)) and bool(re.search(r"\bso\s*\d|\d+/\d{2,4}", key))


def basis_text(text: str) -> str:
    return trim(LIST_MARK_RE.sub("", text, count=1))


def legal_ref(text: str, documents: dict[str, LegalDocument]) -> str | None:
    """The catalogue document a căn cứ names: same kind, same number, same year."""
    key = fold(text)
    for doc_id, doc in documents.items():
        number = doc.number.split("/")[0].lstrip("0")
        year = str(doc.date.year) if doc.date else (re.findall(r"/(\d{4})/", doc.number) or [""])[0]
        if squash(doc.kind) not in key or not year:
            continue
        if re.search(rf"(?<!\d)0*{re.escape(number)}/{year}(?!\d)", key) or (
            re.search(rf"so\s*0*{re.escape(number)}/", key) and year in key
        ):
            return doc_id
    return None


@dataclass
class Bases:
    start: int
    end: int  # index after the last basis paragraph
    paras: list[Para]


def find_bases(blocks: list[Block], start: int, stop: int) -> Bases | None:
    """The first run of căn cứ paragraphs (blank paragraphs between them allowed)."""
    index = start
    while index < stop:
        block = blocks[index]
        if isinstance(block, Para) and block.text and is_basis(block.text):
            run = Bases(index, index, [])
            while index < stop:
                block = blocks[index]
                if isinstance(block, Para) and not block.text:
                    index += 1
                    continue
                if not (isinstance(block, Para) and is_basis(block.text)):
                    break
                run.paras.append(block)
                index += 1
                run.end = index
            return run
        index += 1
    return None


# --------------------------------------------------------------------------- foot


def find_foot(blocks: list[Block], start: int) -> Foot | None:
    """“Nơi nhận:” with its recipients and the signer block, from the end of the document."""
    for index in range(len(blocks) - 1, start - 1, -1):
        block = blocks[index]
        if isinstance(block, Para) and squash(block.text).startswith("noi nhan"):
            return _foot_from_paras(blocks, index)
        if isinstance(block, Table) and any(squash(c.text).startswith("noi nhan")
                                            for row in block.rows for c in row.cells):
            return _foot_from_table(block, index)
    return _signer_only(blocks, start)


def _without_verification(lines: list[str], foot: Foot) -> list[str]:
    kept = []
    after_link = False
    for line in lines:
        wrapped_link = after_link and "/" in line and not re.search(r"\s", line)  # the link wrapped in two
        if VERIFY_RE.match(squash(line)) or wrapped_link:
            foot.skipped.append(line)
            after_link = True
        else:
            kept.append(line)
            after_link = False
    return kept


def _lines_after_label(texts: list[str]) -> list[str]:
    first = texts[0]
    label_end = first.find(":")
    rest = trim(first[label_end + 1:]) if label_end >= 0 else ""
    return ([rest] if rest else []) + texts[1:]


def _foot_from_paras(blocks: list[Block], index: int) -> Foot:
    foot = Foot(index)
    texts = []
    for block in blocks[index:]:
        if isinstance(block, Para):
            texts.extend(trim(s) for s in re.split(r"[\t\n]+", block.text) if trim(s))
        else:
            texts.extend(trim(s) for row in block.rows for c in row.cells for s in c.lines if trim(s))
    lines = _without_verification(_lines_after_label(texts), foot)
    # Recipients are the "- …" lines (and unmarked lines ending in ";" before the signer's position);
    # the rest is the signer block, which a PDF may interleave with them (two columns side by side).
    signer: list[str] = []
    for line in lines:
        listed = LIST_MARK_RE.match(line) or (not signer and not is_upper(line) and line.rstrip().endswith(";"))
        if listed:
            foot.recipients.append(LIST_MARK_RE.sub("", line, count=1))
        else:
            signer.append(line)
    _signer(signer, foot)
    return foot


def _foot_from_table(table: Table, index: int) -> Foot:
    foot = Foot(index)
    for row in table.rows:
        for cell in row.cells:
            lines = _without_verification([trim(s) for p in cell.paras for s in p.text.split("\n") if trim(s)], foot)
            if lines and squash(lines[0]).startswith("noi nhan"):
                foot.recipients.extend(LIST_MARK_RE.sub("", x, count=1) for x in _lines_after_label(lines))
            elif lines:
                _signer(lines, foot)
    return foot


def _signer(lines: list[str], foot: Foot) -> None:
    if any(line.strip() == SIGNER_LOST for line in lines):  # our own export of a plan whose source lost it
        foot.signer = {"lost": True}  # type: ignore[dict-item]
        return
    positions: list[str] = []
    name = None
    for line in lines:
        if SIGNED_RE.match(squash(line).lstrip("(")) or squash(line) in ("da ky", "ky ten"):
            foot.skipped.append(line)
        elif is_upper(line) and name is None:
            positions.append(line)
        elif name is None:
            name = line
        else:
            foot.skipped.append(line)
    if not positions:
        if name:
            foot.skipped.append(name)
        return
    signer: dict[str, str] = {}
    authority = AUTHORITY_RE.match(positions[0])
    if authority:
        signer["authority"] = f"{authority.group(1)}."
        signer["position"] = trim(authority.group(2))
        if len(positions) > 1:
            signer["deputy_position"] = " ".join(positions[1:])
    else:
        signer["position"] = " ".join(positions)
    if name:
        signer["name"] = name
    foot.signer = signer


def _signer_only(blocks: list[Block], start: int) -> Foot | None:
    """A signer block with no “Nơi nhận”: a short capitalised position line near the end."""
    tail = [i for i in range(max(start, len(blocks) - 8), len(blocks))
            if isinstance(blocks[i], Para) and blocks[i].text]  # type: ignore[union-attr]
    for index in tail:
        text = blocks[index].text  # type: ignore[union-attr]
        if is_upper(text) and len(text) < 40 and ("truong" in fold(text) or AUTHORITY_RE.match(text)):
            rest = [blocks[i].text for i in tail if i >= index]  # type: ignore[union-attr]
            if all(len(x) < 60 for x in rest):
                foot = Foot(index)
                _signer(rest, foot)
                return foot
    return None
