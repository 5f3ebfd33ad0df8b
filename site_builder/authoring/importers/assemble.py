"""A SourceDocument -> the plan's front matter (plain data), its Markdown body and what to report.

Order of the document: header and title (layout.parse_header), then the narrative with the căn cứ
and the improvement table(s) in it, then Nơi nhận and the signer (layout.find_foot). The improvement
table becomes `entries` and a `<!-- improvement-table -->` marker where it stood; the căn cứ become
`legal_bases` (with a `<!-- legal-bases -->` marker when narrative comes before them). What cannot be
placed goes to the end of the body under UNPLACED_HEADING and into the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import DocumentImportError
from ...model.catalogue import Catalogue, Framework
from ...model.lost import INTRO_LOST, lost_from_text
from ...model.plan import SchoolLevel
from .document import Block, Para, SourceDocument, Table
from .entries import build_entry
from .layout import Bases, Foot, Header, basis_text, find_bases, find_foot, legal_ref, parse_header
from .markdown import blocks_markdown, escape
from .normalize import fold, squash
from .table import TableResult, find_layout, read_tables

LEGAL_MARKER = "<!-- legal-bases -->"
TABLE_MARKER = "<!-- improvement-table -->"
UNPLACED_HEADING = "## Nội dung chưa xếp được khi nhập (cần nhà trường kiểm tra)"
YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*[-–—]\s*(\d{4})(?!\d)")
LEVEL_WORDS = [
    ("mam non", SchoolLevel.preschool), ("tieu hoc", SchoolLevel.primary),
    ("trung hoc co so", SchoolLevel.lower_secondary), ("thcs", SchoolLevel.lower_secondary),
    ("trung hoc pho thong", SchoolLevel.upper_secondary), ("thpt", SchoolLevel.upper_secondary),
]
DEFAULT_FRAMEWORKS = {
    SchoolLevel.preschool: "tt19-2018", SchoolLevel.primary: "tt17-2018",
    SchoolLevel.lower_secondary: "tt18-2018", SchoolLevel.upper_secondary: "tt18-2018",
    SchoolLevel.multi_level: "tt18-2018",
}


@dataclass
class Note:
    """One line of the import report, about a place in the written plan."""

    where: tuple[Any, ...]  # ("plan", *data path) | ("body", line index) | ("school", key)
    kind: str  # "read" | "normalized" | "human"
    message: str
    subject: str = ""  # what it is about ("tiêu chí 1.4 (bảng 2, dòng 3)"); equal messages are grouped


@dataclass
class Imported:
    plan: dict[str, Any]
    body_lines: list[str]
    school: dict[str, Any] | None  # a new school.yml, when the school has none yet
    notes: list[Note] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # what was read, for the report's first part
    unplaced_line: int | None = None  # index in body_lines of UNPLACED_HEADING


@dataclass
class SchoolContext:
    slug: str
    existing: dict[str, Any] | None  # school.yml as data, when it exists
    year: str | None  # --year


def _is_marker_gap(block: Block) -> bool:
    return isinstance(block, Para) and not block.text


class Assembler:
    def __init__(self, source: SourceDocument, catalogue: Catalogue, school: SchoolContext) -> None:
        self.source = source
        self.blocks = source.blocks
        self.catalogue = catalogue
        self.context = school
        self.notes: list[Note] = []
        self.read: list[str] = []
        self.unplaced: list[tuple[str, str, str]] = []

    def note(self, where: tuple[Any, ...], kind: str, message: str) -> None:
        self.notes.append(Note(where, kind, message))

    # ------------------------------------------------------------------ driver

    def run(self) -> Imported:
        header = parse_header(self.blocks)
        foot = find_foot(self.blocks, header.body_start)
        stop = foot.start if foot else len(self.blocks)
        tables = self._improvement_tables(header.body_start, stop)
        first_table = min((i for i, _ in tables), default=stop)
        bases = find_bases(self.blocks, header.body_start, first_table)
        year = self._school_year(header)
        framework_id, level = self._framework(header, bases)
        framework = self.catalogue.frameworks.get(framework_id) if framework_id else None
        results = read_tables([t for _, t in tables])
        plan: dict[str, Any] = {"school_year": year}
        if framework_id:
            plan["framework"] = framework_id
        plan["document"] = self._document(header)
        if foot and foot.signer:
            plan["signer"] = foot.signer
        plan["recipients"] = foot.recipients if foot else []
        plan["legal_bases"] = self._legal_bases(bases)
        self._table(plan, results, framework)
        body = self._body(header.body_start, stop, bases, {id(t) for _, t in tables})
        school = self._new_school(header, level, framework_id)
        self._read_summary(header, foot, bases, results, tables)
        self._skipped(header, foot)
        return self._finish(plan, body, school)

    # ------------------------------------------------------------------ header

    def _school_year(self, header: Header) -> str:
        if self.context.year:
            return self.context.year
        for text in [header.title or "", *(b.text for b in self.blocks[:80] if isinstance(b, Para))]:
            match = YEAR_RE.search(text)
            if match and int(match.group(2)) == int(match.group(1)) + 1:
                return f"{match.group(1)}-{match.group(2)}"
        raise DocumentImportError(
            f"Không tìm thấy năm học trong “{self.source.name}” (ví dụ “Năm học 2024-2025”). "
            "Hãy ghi rõ bằng tùy chọn --year, ví dụ --year 2024-2025."
        )

    def _document(self, header: Header) -> dict[str, Any]:
        document: dict[str, Any] = {}
        existing_body = (self.context.existing or {}).get("governing_body")
        if header.governing_body and existing_body and squash(header.governing_body) != squash(existing_body):
            document["governing_body"] = header.governing_body
        document["number"] = header.number
        document["place"] = header.place
        document["date"] = header.date
        if header.kind and header.kind != "KẾ HOẠCH":
            document["kind"] = header.kind
        document["title"] = header.title or ""
        where = ("plan", "document")
        if header.number is None:
            written = f" (văn bản ghi “{header.number_written}”)" if header.number_written else ""
            self.note((*where, "number"), "human", f"chưa có số ký hiệu{written}; điền khi văn bản đã vào sổ.")
        if header.date is None:
            written = f" (văn bản ghi “{header.date_written}”)" if header.date_written else ""
            self.note((*where, "date"), "human", f"chưa có ngày ký{written}; điền dạng NĂM-THÁNG-NGÀY.")
        if header.title is None:
            self.note((*where, "title"), "human", "không tìm thấy dòng “KẾ HOẠCH” và trích yếu; hãy ghi trích yếu.")
        elif any(line.isupper() for line in header.title_lines):
            self.note((*where, "title"), "normalized",
                      f"trích yếu viết hoa “{' / '.join(header.title_lines)}” → “{header.title}”; "
                      "kiểm tra chữ hoa của tên riêng.")
        return document

    def _framework(self, header: Header, bases: Bases | None) -> tuple[str | None, SchoolLevel | None]:
        """From the căn cứ (the criteria circular), else school.yml, else the school's level."""
        refs = [legal_ref(p.text, self.catalogue.documents) for p in (bases.paras if bases else [])]
        by_document = {f.document: f.id for f in self.catalogue.frameworks.values()}
        named = next((by_document[r] for r in refs if r in by_document), None)
        existing = (self.context.existing or {}).get("framework")
        level = _level_from_name(header.school or "") or _level_from_name(self._opening_text())
        if named:
            framework = self.catalogue.frameworks[named]
            return named, level or (framework.school_levels[0] if len(framework.school_levels) == 1 else None)
        if isinstance(existing, str):
            return existing, level
        guess = DEFAULT_FRAMEWORKS.get(level) if level else None
        if guess:
            self.note(("plan", "framework"), "human",
                      f"văn bản không nêu thông tư về tiêu chuẩn đánh giá; chọn {guess} theo cấp học ({level.value}).")
        else:
            self.note(("plan", "framework"), "human",
                      "không xác định được bộ tiêu chuẩn đánh giá; hãy ghi “framework”.")
        return guess, level

    def _opening_text(self) -> str:
        return " ".join(b.text for b in self.blocks[:40] if isinstance(b, Para))

    # ------------------------------------------------------------------ căn cứ

    def _legal_bases(self, bases: Bases | None) -> list[dict[str, Any]]:
        result = []
        for index, para in enumerate(bases.paras if bases else []):
            ref = legal_ref(para.text, self.catalogue.documents)
            item: dict[str, Any] = {"ref": ref} if ref else {}
            item["text"] = basis_text(para.text)
            result.append(item)
            if ref:
                self.note(("plan", "legal_bases", index, "ref"), "normalized",
                          f"căn cứ khớp văn bản “{self.catalogue.documents[ref].label}” trong danh mục ({ref}).")
        return result

    # ------------------------------------------------------------------ improvement table

    def _improvement_tables(self, start: int, stop: int) -> list[tuple[int, Table]]:
        """Tables that belong to the improvement table: those with its heading, and a table without
        heading of the same width that follows one with only empty paragraphs between."""
        found: list[tuple[int, Table]] = []
        last: int | None = None
        for index in range(start, stop):
            block = self.blocks[index]
            if not isinstance(block, Table):
                continue
            if find_layout(block) is not None:
                found.append((index, block))
                last = index
            elif last is not None and block.width == found[-1][1].width and all(
                _is_marker_gap(b) for b in self.blocks[last + 1:index]
            ):
                block.continues_previous = True
                found.append((index, block))
                last = index
        return found

    def _table(self, plan: dict[str, Any], results: list[TableResult], framework: Framework | None) -> None:
        entries: list[dict[str, Any]] = []
        if not results:
            self.note(("plan", "entries"), "human", "không nhận ra bảng cải tiến (không có bảng nào có dòng tiêu đề "
                      "cột như “Nội dung công việc”, “Thời gian thực hiện”, “Người phụ trách”); chưa có mục nào "
                      "trong “entries”. Các bảng của văn bản được giữ trong phần nội dung.")
        columns = _columns(results[0]) if results else None
        for result in results:
            for raw in result.entries:
                entry, events = build_entry(raw, framework)
                index = len(entries)
                entries.append(entry)
                for event in events:
                    path = ("plan", "entries", index, event.field) if event.field else ("plan", "entries", index)
                    subject = f"tiêu chí {entry['criterion']} ({event.where or raw.where})"
                    self.notes.append(Note(path, event.kind, event.message, subject))
            for item in result.unplaced:
                self.unplaced.append((item.where, item.text, item.why))
        if columns:
            plan["table"] = columns
        plan["entries"] = entries
        self._duplicates(entries)

    def _duplicates(self, entries: list[dict[str, Any]]) -> None:
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            key = entry["criterion"]
            if key in seen:
                self.note(("plan", "entries", index, "criterion"), "human",
                          f"tiêu chí {key} xuất hiện hai lần trong bảng; gộp hai mục thành một.")
            seen.setdefault(key, index)

    # ------------------------------------------------------------------ body

    def _body(self, start: int, stop: int, bases: Bases | None, table_ids: set[int]) -> list[str]:
        items: list[Block | str] = []
        table_marked = False
        index = start
        while index < stop:
            block = self.blocks[index]
            if bases and index == bases.start:
                if any(not isinstance(i, str) and (isinstance(i, Table) or i.text) for i in items):
                    items.append(LEGAL_MARKER)
                index = bases.end
                continue
            if id(block) in table_ids:
                if not table_marked:
                    items.append(TABLE_MARKER)
                    table_marked = True
                index += 1
                continue
            items.append(block)
            index += 1
        lines = blocks_markdown(items)
        if self.unplaced:
            lines += ["", UNPLACED_HEADING, ""]
            lines += [f"- ({escape(where)}) {escape(text).replace(chr(10), '<br>')} — *{escape(why)}*"
                      for where, text, why in self.unplaced]
        return lines

    # ------------------------------------------------------------------ school.yml

    def _new_school(self, header: Header, level: SchoolLevel | None, framework_id: str | None) -> dict[str, Any] | None:
        if self.context.existing is not None:
            existing = self.context.existing.get("name")
            if header.school and isinstance(existing, str) and squash(existing) != squash(header.school):
                self.note(("plan",), "human", f"tên trường trên văn bản (“{header.school}”) khác tên trong "
                          f"school.yml (“{existing}”); kiểm tra lại mã trường --school.")
            return None
        name = self._school_name(header.school) if header.school else None
        framework = self.catalogue.frameworks.get(framework_id or "")
        if level is None and framework is not None and len(framework.school_levels) == 1:
            level = framework.school_levels[0]
        school: dict[str, Any] = {
            "name": name,
            "name_note": None if name else "Văn bản gốc không ghi tên trường; cần nhà trường bổ sung.",
            "level": (level or SchoolLevel.multi_level).value,
            "governing_body": header.governing_body,
            "framework": framework_id or "tt18-2018",
        }
        if name is None:
            self.note(("school", "name"), "human", "văn bản không ghi tên trường; hãy điền “name”.")
        elif header.school and name != header.school:
            self.note(("school", "name"), "human",
                      f"tên trường viết hoa “{header.school}” → “{name}”; kiểm tra chữ hoa.")
        if level is None:
            self.note(("school", "level"), "human", "không xác định được cấp học; đã ghi tạm “nhiều cấp”, hãy sửa.")
        if header.governing_body is None:
            self.note(("school", "governing_body"), "human", "văn bản không ghi cơ quan chủ quản; hãy điền.")
        for key in ("address", "commune", "district", "province"):
            school[key] = None
        self.note(("school", "commune"), "human", "địa chỉ (xã/phường, quận/huyện, tỉnh) không có trong kế hoạch; "
                  "hãy điền nếu có.")
        return school

    def _school_name(self, upper: str) -> str:
        """The school's name as written in mixed case somewhere in the text, else a careful recasing."""
        key = fold(upper)
        for block in self.blocks:
            texts = [block.text] if isinstance(block, Para) else []
            for text in texts:
                at = fold(text).find(key)
                if at >= 0 and not text[at:at + len(upper)].isupper():
                    return text[at:at + len(upper)]
        words = upper.split()
        recased = [w[:1] + w[1:].lower() for w in words]
        return " ".join(recased)

    # ------------------------------------------------------------------ report parts

    def _read_summary(self, header: Header, foot: Foot | None, bases: Bases | None,
                      results: list[TableResult], tables: list[tuple[int, Table]]) -> None:
        parts = [f"cơ quan chủ quản “{header.governing_body}”" if header.governing_body else None,
                 f"trường “{header.school}”" if header.school else None,
                 f"số “{header.number}”" if header.number else None,
                 f"địa danh “{header.place}”" if header.place else None,
                 f"ngày {header.date.isoformat()}" if isinstance(header.date, dt.date) else
                 "ngày: mất trong bản gốc" if header.date else None,
                 f"trích yếu “{header.title}”" if header.title else None]
        shown = [p for p in parts if p]
        self.note(("plan", "document"), "read",
                  "phần đầu: " + (", ".join(shown) if shown else "không có (văn bản không có phần đầu)"))
        count = len(bases.paras) if bases else 0
        self.note(("plan", "legal_bases"), "read", f"căn cứ: {count} đoạn")
        for result in results:
            columns = ", ".join(f"“{label}”" for label in result.layout.labels if label)
            self.note(("plan", "entries"), "read",
                      f"bảng cải tiến: {len(result.entries)} tiêu chí từ {result.tables} bảng; cột: {columns}")
        other = sum(1 for b in self.blocks if isinstance(b, Table)) - len(tables)
        paragraphs = sum(1 for b in self.blocks if isinstance(b, Para) and b.text)
        self.note(("body", 0), "read", f"nội dung: {paragraphs} đoạn văn, {max(other, 0)} bảng khác (giữ trong phần "
                  "nội dung)")
        if foot:
            signer = foot.signer.get("name") or foot.signer.get("position") or "không có"
            self.note(("plan", "recipients"), "read", f"Nơi nhận: {len(foot.recipients)} nơi; người ký: {signer}")
        else:
            self.note(("plan", "recipients"), "read", "Nơi nhận và người ký: không có trong văn bản")
        for result in results:
            self.read.extend(result.notes)

    def _skipped(self, header: Header, foot: Foot | None) -> None:
        for text in header.other:
            self.unplaced.append(("phần đầu", text, "dòng ở phần đầu văn bản không rõ là mục nào"))
        for text in foot.skipped if foot else []:
            self.read.append(f"Khối chữ ký: bỏ qua dòng “{text}”.")
        self.read.extend(self.source.skipped)
        if self.source.nfc_changed:
            self.note(("plan",), "normalized", f"{self.source.nfc_changed} đoạn chữ có dấu gõ kiểu tổ hợp đã được "
                      "chuyển sang dạng dựng sẵn (Unicode NFC); chữ hiển thị không đổi")
        for text in self.source.unread:
            self.note(("plan",), "human", text)

    def _finish(self, plan: dict[str, Any], body: list[str], school: dict[str, Any] | None) -> Imported:
        for entry in plan.get("entries") or []:
            _restore_lost(entry)
        imported = Imported(plan, body, school, self.notes, self.read)
        if UNPLACED_HEADING in body:
            imported.unplaced_line = body.index(UNPLACED_HEADING)
            for where, text, why in self.unplaced:
                self.notes.append(Note(("body", imported.unplaced_line), "human",
                                       f"“{text[:80]}” — {why}; đã ghi vào cuối phần nội dung", where))
        return imported


def _restore_lost(entry: dict[str, Any]) -> None:
    """Cells that print a lost marker (“[mất trong bản gốc]”, “… [mất một phần trong bản gốc]”: a plan this
    tool exported) become the marker again, so an export imported back keeps what the source lost."""
    actions = entry.get("actions")
    if isinstance(actions, list) and actions and actions[0] == INTRO_LOST and not entry.get("actions_intro"):
        entry["actions_intro"], entry["actions"] = {"lost": True}, actions[1:]
    for key, value in list(entry.items()):
        if key in ("criterion", "source_note"):
            continue
        if isinstance(value, str) and lost_from_text(value):
            entry[key] = lost_from_text(value)
        elif isinstance(value, list):
            whole = [lost_from_text(item) for item in value]
            if len(value) == 1 and whole[0] and whole[0].get("fragment") is None:
                entry[key] = whole[0]
            else:
                entry[key] = [found or item for item, found in zip(value, whole, strict=True)]
        elif isinstance(value, dict) and [k for k, v in value.items() if v not in (None, "")] == ["text"] \
                and lost_from_text(value["text"]):
            entry[key] = lost_from_text(value["text"])


def _level_from_name(text: str) -> SchoolLevel | None:
    key = squash(text)
    found = [level for words, level in LEVEL_WORDS if re.search(rf"\b{words}\b", key)]
    if len(set(found)) > 1:
        return SchoolLevel.multi_level
    return found[0] if found else None


def _columns(result: TableResult) -> dict[str, Any] | None:
    layout = result.layout
    columns: list[dict[str, str]] = []
    names: list[str] = []
    for name, label in zip(layout.fields, layout.labels, strict=True):
        if name in (None, "tt"):
            continue
        if name in ("timeline_start", "timeline_end"):
            name, label = "timeline", "Thời gian thực hiện"
        if name == "partners" or (name == "lead" and "partners" in layout.fields):
            name, label = "lead_partners", "Chủ trì và phối hợp thực hiện"
        if name in names:
            continue
        names.append(name)
        columns.append({"field": name, "label": label})
    table: dict[str, Any] = {}
    if layout.criterion_in_tt and "criterion" not in names:
        columns.insert(0, {"field": "criterion", "label": "Tiêu chí"})
        table["note"] = ("Ở văn bản gốc, cột đầu có tiêu đề “" + (layout.labels[layout.column("tt") or 0] or "TT")
                         + "” nhưng ô của cột này ghi tiêu chí.")
    table = {"columns": columns, **table}
    return table if columns else None


def assemble(source: SourceDocument, catalogue: Catalogue, school: SchoolContext) -> Imported:
    return Assembler(source, catalogue, school).run()
