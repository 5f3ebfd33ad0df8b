"""Reading plans/: find school folders and plan files, split front matter from body.

The reader does not judge content; it turns files into raw data with
positions (yamlsource) and reports only what stops it from reading
(encoding, a missing front matter, bad YAML syntax).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from ..diagnostics import Finding, Severity
from ..errors import YamlSyntaxError
from .files import PLAN_MAX_BYTES, SCHOOL_MAX_BYTES, Kind, Refusal, kind, read_bounded, refusal
from .yamlsource import SourceMap, YamlRefused, load_yaml

PLAN_NAME_RE = re.compile(r"^\d{4}-\d{4}\.md$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNSAFE_NAME_CHARS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FENCE = "---"
PLANS_DIR = "plans"  # the schools' plans
EXAMPLES_DIR = "examples"  # example plans for the guide, same layout, never listed among the schools


@dataclass
class SchoolSource:
    slug: str
    path: Path
    rel: str
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    text: str = ""


@dataclass
class PlanSource:
    school_slug: str
    path: Path
    rel: str
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    text: str = ""
    deferred: bool = False  # read but not parsed yet: plan_from_text(text, …) parses it (read_sources(parse=False))


@dataclass
class Sources:
    schools: dict[str, SchoolSource] = field(default_factory=dict)
    plans: list[PlanSource] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0


def visible(text: str) -> str:
    """A file name as it can be printed: control, bidi and undecodable characters as \\uXXXX."""
    return "".join(ch if ch.isprintable() and not UNSAFE_NAME_CHARS.match(ch) else f"\\u{ord(ch):04x}"
                   for ch in text)


def rel_path(path: Path, root: Path) -> str:
    """path relative to root, without following symbolic links, printable."""
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return visible(rel)


def refused(rel: str, found: Refusal | Kind, findings: list[Finding], what: str = "tệp") -> None:
    """An error for a path that was not read (a symlink, a directory, a device, a file too large)."""
    reason = found if isinstance(found, Refusal) else refusal(found, what)
    findings.append(Finding(rel, 1, 1, Severity.error, reason.code, reason.message, reason.fix))


def decode(raw: bytes, rel: str, findings: list[Finding]) -> str | None:
    """UTF-8 text (a BOM is dropped, line ends become \\n); report, rather than crash on, other encodings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        findings.append(
            Finding(
                rel, line, 1, Severity.error, "encoding",
                "Tệp không được lưu ở dạng mã UTF-8 nên không đọc được chữ tiếng Việt.",
                "Hãy mở tệp và lưu lại với bảng mã UTF-8 (Unicode).",
            )
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unicodedata.normalize("NFC", text) != text:
        findings.append(
            Finding(
                rel, 1, 1, Severity.warning, "not-nfc",
                "Chữ tiếng Việt trong tệp dùng dấu tổ hợp (không ở dạng chuẩn NFC); khi xuất bản sẽ được chuẩn hóa.",
                "Nên gõ lại bằng bộ gõ Unicode dựng sẵn.",
            )
        )
    return text


def read_text(path: Path, rel: str, findings: list[Finding], limit: int = PLAN_MAX_BYTES) -> str | None:
    """Read a regular file of at most limit bytes as UTF-8 text; report (never follow) anything else."""
    raw = read_bounded(path, limit)
    if isinstance(raw, Refusal):
        refused(rel, raw, findings)
        return None
    return decode(raw, rel, findings)


def split_front_matter(text: str, rel: str, findings: list[Finding]) -> tuple[str, str, int] | None:
    """Return (yaml text, body, body's first line) or report why there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        findings.append(
            Finding(
                rel, 1, 1, Severity.error, "front-matter-missing",
                "Tệp kế hoạch phải bắt đầu bằng phần thông tin (front matter) nằm giữa hai dòng “---”.",
                "Thêm dòng “---” ở dòng 1, các trường thông tin, rồi một dòng “---” nữa trước nội dung.",
            )
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    findings.append(
        Finding(
            rel, 1, 1, Severity.error, "front-matter-unclosed",
            "Phần thông tin (front matter) mở bằng “---” ở dòng 1 nhưng không có dòng “---” đóng lại.",
            "Thêm một dòng “---” sau trường thông tin cuối cùng, trước phần nội dung.",
        )
    )
    return None


def parse_yaml(text: str, rel: str, offset: int, findings: list[Finding]) -> tuple[Any, SourceMap] | None:
    try:
        return load_yaml(text, line_offset=offset)
    except YamlRefused as err:
        findings.append(Finding(rel, err.line, err.column, Severity.error, err.code, err.problem, err.fix))
        return None
    except YamlSyntaxError as err:
        findings.append(
            Finding(
                rel, err.line, err.column, Severity.error, "yaml-syntax",
                f"Sai cú pháp YAML ({_yaml_problem_vi(err.problem)}).",
                "Kiểm tra dấu hai chấm sau tên trường, khoảng thụt đầu dòng (dùng dấu cách, không dùng Tab) "
                "và đặt văn bản có dấu “:” trong ngoặc kép.",
            )
        )
        return None


def _yaml_problem_vi(problem: str) -> str:
    known = {
        "found duplicate key": "một trường được khai báo hai lần",
        "found character '\\t' that cannot start any token": "có ký tự Tab",
        "mapping values are not allowed here": "dấu “:” đặt sai chỗ",
        "could not find expected ':'": "thiếu dấu “:”",
        "found unexpected end of stream": "tệp kết thúc giữa chừng",
        "expected <block end>, but found": "thụt đầu dòng không khớp",
    }
    for english, vietnamese in known.items():
        if english in problem:
            return vietnamese
    return "không đọc được cấu trúc tại vị trí này"


def _entries(folder: Path) -> list[Path]:
    """The visible entries of a directory, sorted (names starting with "." are not published)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def read_sources(root: Path, only: list[Path] | None = None, folder: str = PLANS_DIR, *,
                 parse: bool = True) -> Sources:
    """Read every school folder under root/plans (or root/examples; or only the given files' folders).

    Symbolic links are reported and never followed; so are devices, FIFOs and directories
    where a file belongs. parse=False: plans are read, not parsed (PlanSource.deferred), so that the
    checking step can parse them on several cores.
    """
    plans_dir = root / folder
    sources = Sources()
    found = kind(plans_dir)
    if found is not Kind.directory:
        if found is not Kind.missing:
            refused(folder, found, sources.findings, "thư mục")
        return sources
    wanted = {p.resolve() for p in only} if only else None
    for entry in _entries(plans_dir):
        found = kind(entry)
        rel = rel_path(entry, root)
        if found is Kind.directory:
            if wanted is None or any(w == entry.resolve() or entry.resolve() in w.parents for w in wanted):
                _read_school_folder(entry, root, sources, parse)
        elif found is Kind.file:
            sources.findings.append(
                Finding(
                    rel, 1, 1, Severity.warning, "stray-file",
                    f"Tệp nằm trực tiếp trong thư mục {folder}/ sẽ không được xuất bản.",
                    f"Hãy đặt kế hoạch vào thư mục của trường: {folder}/<mã-trường>/<năm-học>.md.",
                )
            )
        else:
            refused(rel, found, sources.findings, "thư mục trường")
    return sources


def check_slug(slug: str, rel: str, findings: list[Finding]) -> None:
    """A school folder's name is its URL: ASCII lower case, digits and single hyphens."""
    if SLUG_RE.match(slug):
        return
    findings.append(
        Finding(
            rel, 1, 1, Severity.error, "school-folder-name",
            f"Tên thư mục trường “{visible(slug)}” không hợp lệ: tên này là địa chỉ trang web của trường nên chỉ "
            "được gồm chữ thường không dấu (a–z), chữ số và dấu gạch nối “-”.",
            "Đổi tên thư mục, ví dụ th-quang-trung (cấp học viết tắt, rồi tên trường không dấu).",
            slugify(slug) or None,
        )
    )


def _read_school_folder(folder: Path, root: Path, sources: Sources, parse: bool = True) -> None:
    slug = folder.name
    check_slug(slug, rel_path(folder, root), sources.findings)
    school_file = folder / "school.yml"
    found = kind(school_file)
    if found is Kind.file:
        sources.files += 1
        rel = rel_path(school_file, root)
        school = SchoolSource(slug, school_file, rel)
        text = read_text(school_file, rel, sources.findings, SCHOOL_MAX_BYTES)
        parsed = parse_yaml(text, rel, 0, sources.findings) if text is not None else None
        school.text = text or ""
        if parsed:
            school.data, school.source = parsed
        sources.schools[slug] = school
    elif found is not Kind.missing:
        rel = rel_path(school_file, root)
        refused(rel, found, sources.findings)
        sources.schools[slug] = SchoolSource(slug, school_file, rel)
    for path in _entries(folder):
        if path.name != "school.yml":
            _read_entry(path, slug, root, sources, parse)


def _read_entry(path: Path, slug: str, root: Path, sources: Sources, parse: bool = True) -> None:
    """One entry of a school folder: a plan, or a finding saying why it is not one."""
    rel = rel_path(path, root)
    found = kind(path)
    if found is Kind.file and path.suffix == ".md":
        sources.files += 1
        plan = _read_plan(path, slug, rel, sources.findings, parse)
        if plan is not None:
            sources.plans.append(plan)
    elif found is Kind.file:
        sources.findings.append(
            Finding(
                rel, 1, 1, Severity.warning, "stray-file",
                "Tệp này không phải kế hoạch (.md) hay school.yml nên không được xuất bản.",
                "Nếu đây là kế hoạch, hãy đặt tên dạng 2024-2025.md.",
            )
        )
    elif found is Kind.directory and path.suffix != ".md":
        sources.findings.append(
            Finding(
                rel, 1, 1, Severity.warning, "stray-file",
                "Thư mục con trong thư mục trường không được xuất bản.",
                "Đặt kế hoạch trực tiếp trong thư mục của trường: plans/<mã-trường>/<năm-học>.md.",
            )
        )
    elif found is not Kind.missing:
        refused(rel, found, sources.findings)


def _read_plan(path: Path, slug: str, rel: str, findings: list[Finding], parse: bool = True) -> PlanSource | None:
    text = read_text(path, rel, findings)
    if text is None:
        return None
    if not parse:
        return PlanSource(slug, path, rel, text=text, deferred=True)
    return plan_from_text(text, slug, path, rel, findings)


def plan_from_text(text: str, slug: str, path: Path, rel: str, findings: list[Finding]) -> PlanSource:
    """A plan's raw data and positions from its text (the file is already read)."""
    plan = PlanSource(slug, path, rel, text=text)
    split = split_front_matter(text, rel, findings)
    if split is None:
        return plan
    yaml_text, plan.body, plan.body_line = split
    parsed = parse_yaml(yaml_text, rel, 1, findings)
    if parsed:
        plan.data, plan.source = parsed
        if plan.data is None:
            findings.append(
                Finding(
                    rel, 1, 1, Severity.error, "front-matter-empty",
                    "Phần thông tin (front matter) giữa hai dòng “---” đang trống, nên kế hoạch không thể "
                    "xuất bản.",
                    "Điền các trường của kế hoạch (school_year, document, entries…) giữa hai dòng “---”; "
                    "xem tệp mẫu trong hướng dẫn.",
                )
            )
    return plan
