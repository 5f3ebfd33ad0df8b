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

from ..diagnostics import Finding, Severity
from ..errors import YamlSyntaxError
from .yamlsource import SourceMap, load_yaml

PLAN_NAME_RE = re.compile(r"^\d{4}-\d{4}\.md$")
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


@dataclass
class Sources:
    schools: dict[str, SchoolSource] = field(default_factory=dict)
    plans: list[PlanSource] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0


def rel_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, rel: str, findings: list[Finding]) -> str | None:
    """Read UTF-8 text (a BOM is dropped); report, rather than crash on, other encodings."""
    raw = path.read_bytes()
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


def read_sources(root: Path, only: list[Path] | None = None, folder: str = PLANS_DIR) -> Sources:
    """Read every school folder under root/plans (or root/examples; or only the given files' folders)."""
    plans_dir = root / folder
    sources = Sources()
    if not plans_dir.is_dir():
        return sources
    folders = sorted(p for p in plans_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if only:
        wanted = {p.resolve() for p in only}
        folders = [f for f in folders if any(w == f.resolve() or f.resolve() in w.parents for w in wanted)]
    for folder in folders:
        _read_school_folder(folder, root, sources)
    for stray in sorted(p for p in plans_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        sources.findings.append(
            Finding(
                rel_path(stray, root), 1, 1, Severity.warning, "stray-file",
                f"Tệp nằm trực tiếp trong thư mục {folder}/ sẽ không được xuất bản.",
                f"Hãy đặt kế hoạch vào thư mục của trường: {folder}/<mã-trường>/<năm-học>.md.",
            )
        )
    return sources


def _read_school_folder(folder: Path, root: Path, sources: Sources) -> None:
    slug = folder.name
    school_file = folder / "school.yml"
    if school_file.exists():
        sources.files += 1
        rel = rel_path(school_file, root)
        school = SchoolSource(slug, school_file, rel)
        text = read_text(school_file, rel, sources.findings)
        parsed = parse_yaml(text, rel, 0, sources.findings) if text is not None else None
        if parsed:
            school.data, school.source = parsed
        sources.schools[slug] = school
    for path in sorted(folder.iterdir()):
        if path.name == "school.yml" or path.name.startswith("."):
            continue
        rel = rel_path(path, root)
        if path.suffix == ".md":
            sources.files += 1
            plan = _read_plan(path, slug, rel, sources.findings)
            if plan is not None:
                sources.plans.append(plan)
        elif path.is_file():
            sources.findings.append(
                Finding(
                    rel, 1, 1, Severity.warning, "stray-file",
                    "Tệp này không phải kế hoạch (.md) hay school.yml nên không được xuất bản.",
                    "Nếu đây là kế hoạch, hãy đặt tên dạng 2024-2025.md.",
                )
            )


def _read_plan(path: Path, slug: str, rel: str, findings: list[Finding]) -> PlanSource | None:
    text = read_text(path, rel, findings)
    if text is None:
        return None
    plan = PlanSource(slug, path, rel, text=text)
    split = split_front_matter(text, rel, findings)
    if split is None:
        return plan
    yaml_text, plan.body, plan.body_line = split
    parsed = parse_yaml(yaml_text, rel, 1, findings)
    if parsed:
        plan.data, plan.source = parsed
    return plan
