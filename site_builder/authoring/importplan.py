"""`site-builder import <file.docx|file.pdf> --school <slug> [--year YYYY-YYYY] [--force]`.

Reads the school's Word or PDF plan (importers/), writes plans/<slug>/<year>.md (and school.yml
when the school has none), checks the result with the same checks as `site-builder check`, and
reports in Vietnamese what was read, what was normalized and what still needs a person, each at
the file:line of the written plan.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from ..check.assemble import load_project
from ..diagnostics import SEVERITY_LABELS, Finding, Severity
from ..errors import DocumentImportError, SiteBuilderError
from ..source.catalogue import load_catalogue
from ..source.reader import read_text
from ..source.yamlsource import SourceMap, load_yaml
from .importers import read_document
from .importers.assemble import Imported, Note, SchoolContext, assemble

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = "---"
KEEP_NULL = {"number", "place", "date"}  # shown as null so the school sees what is missing


@dataclass
class ReportLine:
    position: str  # "plans/x/2024-2025.md:12"
    kind: str
    message: str
    subject: str = ""


@dataclass
class ImportResult:
    source: Path
    plan_path: Path
    school_path: Path | None  # a school.yml written by this import
    imported: Imported
    lines: list[ReportLine] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ReportLine]:
        return [line for line in self.lines if line.kind == kind]


# --------------------------------------------------------------------------- YAML out


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # never re-wrap the school's text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _clean(value: Any, key: str = "") -> Any:
    """Drop empty values (except the document's number/place/date); multi-line text as a block."""
    if isinstance(value, dict):
        return {k: _clean(v, k) for k, v in value.items() if v not in (None, [], {}, "") or k in KEEP_NULL
                or (k == "title" and v == "")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def dump_yaml(data: dict[str, Any]) -> str:
    out = io.StringIO()
    _yaml().dump(_clean(data), out)
    return out.getvalue()


# --------------------------------------------------------------------------- files


def _target(root: Path, slug: str, year: str, force: bool) -> Path:
    if not SLUG_RE.match(slug):
        from slugify import slugify

        raise DocumentImportError(
            f"Mã trường “{slug}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang. "
            f"Có phải “{slugify(slug)}”?"
        )
    target = root / "plans" / slug / f"{year}.md"
    if target.exists() and not force:
        raise DocumentImportError(
            f"Đã có plans/{slug}/{year}.md. Không ghi đè; thêm --force nếu muốn thay bằng bản nhập từ tệp."
        )
    return target


def _existing_school(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    findings: list[Finding] = []
    text = read_text(path, path.name, findings)
    try:
        data, _ = load_yaml(text or "")
    except SiteBuilderError:  # a broken school.yml is reported by check; the import still runs
        return {}
    return data if isinstance(data, dict) else {}


def _year(value: str | None) -> str | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise DocumentImportError(f"Năm học “{value}” không đúng dạng; viết hai năm liên tiếp, ví dụ 2024-2025.")
    return f"{match.group(1)}-{match.group(2)}"


def import_plan(root: Path, source: Path, slug: str, year: str | None = None, force: bool = False) -> ImportResult:
    """Read source, write the plan (and school.yml if missing), check it, and build the report."""
    document = read_document(source)
    catalogue = load_catalogue(root)
    school_path = root / "plans" / slug / "school.yml"
    context = SchoolContext(slug, _existing_school(school_path), _year(year))
    imported = assemble(document, catalogue, context)
    target = _target(root, slug, imported.plan["school_year"], force)
    front = dump_yaml(imported.plan)
    body = "\n".join(imported.body_lines)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"{FENCE}\n{front}{FENCE}\n\n{body}\n", encoding="utf-8")
    written_school = None
    if imported.school is not None and not school_path.exists():
        school_path.write_text(dump_yaml(imported.school), encoding="utf-8")
        written_school = school_path
    result = ImportResult(source, target, written_school, imported)
    _positions(result, root, front)
    result.findings = _check(root, target)
    return result


# --------------------------------------------------------------------------- report


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _positions(result: ImportResult, root: Path, front: str) -> None:
    plan_map = load_yaml(front, line_offset=1)[1]
    body_first = front.count("\n") + 4  # "---", front, "---", blank line, then the body
    school_map: SourceMap | None = None
    school_rel = _rel(root / "plans" / result.plan_path.parent.name / "school.yml", root)
    if result.school_path is not None:
        school_map = load_yaml(result.school_path.read_text(encoding="utf-8"))[1]
    plan_rel = _rel(result.plan_path, root)
    for note in result.imported.notes:
        result.lines.append(ReportLine(_where(note, plan_rel, plan_map, body_first, school_rel, school_map),
                                       note.kind, note.message, note.subject))


def _where(note: Note, plan_rel: str, plan_map: SourceMap, body_first: int, school_rel: str,
           school_map: SourceMap | None) -> str:
    place, *path = note.where
    if place == "body":
        return f"{plan_rel}:{body_first + int(path[0])}"
    if place == "school":
        line = school_map.key(tuple(path))[0] if school_map else 1
        return f"{school_rel}:{line}"
    return f"{plan_rel}:{plan_map.value(tuple(path))[0] if path else 1}"


def _check(root: Path, target: Path) -> list[Finding]:
    project = load_project(root, [target.parent])
    folder = _rel(target.parent, root)
    return [f for f in project.findings if f.path.startswith(folder + "/") or f.path == folder]


def grouped_lines(items: list[ReportLine]) -> list[str]:
    """One line per message; a message said of several places lists every line and subject once."""
    groups: dict[str, list[ReportLine]] = {}
    for item in items:
        groups.setdefault(item.message, []).append(item)
    lines = []
    for message, group in groups.items():
        message = message.rstrip(".")
        if len(group) == 1:
            item = group[0]
            subject = f"{item.subject}: " if item.subject else ""
            lines.append(f"- {item.position}: {subject}{message}.")
            continue
        path = group[0].position.rsplit(":", 1)[0]
        numbers = ", ".join(item.position.rsplit(":", 1)[1] for item in group)
        subjects = ", ".join(item.subject.split(" (")[0] for item in group if item.subject)
        if subjects.startswith("tiêu chí "):
            subjects = "tiêu chí " + subjects.replace("tiêu chí ", "")
        lines.append(f"- {path}:{numbers}: {message} ({len(group)} chỗ: {subjects}).")
    return lines


def report(result: ImportResult, root: Path) -> str:
    """The import report, in Vietnamese."""
    kind = "Word" if result.source.suffix.lower() == ".docx" else "PDF"
    lines = [f"Đã nhập “{result.source.name}” ({kind}) vào {_rel(result.plan_path, root)}."]
    if result.school_path is not None:
        lines.append(f"Đã tạo {_rel(result.school_path, root)} (trường chưa có tệp này).")
    lines += ["", "ĐÃ ĐỌC"] + [f"- {item.position}: {item.message}." for item in result.of_kind("read")]
    lines += [f"- {line}" for line in result.imported.read]
    for kind_key, title in (("normalized", "ĐÃ CHUẨN HÓA"), ("human", "CẦN NGƯỜI KIỂM TRA")):
        items = result.of_kind(kind_key)
        lines += ["", f"{title} ({len(items)})"]
        lines += grouped_lines(items) or ["- (không có)"]
    errors = [f for f in result.findings if f.severity is Severity.error]
    lines += ["", f"KẾT QUẢ KIỂM TRA (site-builder check): {len(errors)} lỗi, "
              f"{len(result.findings) - len(errors)} cảnh báo"]
    lines += [f"- {f.path}:{f.line}:{f.column}: {SEVERITY_LABELS[f.severity]}: {f.text} [{f.code}]"
              for f in result.findings]
    if errors:
        lines += ["", "Kế hoạch chưa xuất bản được: sửa các lỗi trên rồi chạy “site-builder check”."]
    else:
        lines += ["", "Kế hoạch qua được kiểm tra. Hãy đối chiếu các mục “cần người kiểm tra” với bản gốc."]
    return "\n".join(lines)
