"""`site-builder new <school> <year>`: next year's plan from the previous one (a school's first plan:
a blank plan for its framework, see blankplan).

- entries whose status is “đã hoàn thành” are dropped; every other entry (including one
  without a status) is carried over with its status;
- timeline months move on by the number of years between the two plans, and the years
  written in the school's own wording (“tháng 9/2024”, “2024-2025”) move with them;
- school_year and the years of the title are updated; progress reviews are cleared;
- document.number and document.date are left empty (null), so `check` warns until filled in;
- the Markdown body is kept as it is.

The front matter is rewritten with ruamel.yaml's round-trip mode, so comments, quoting,
block text and key order survive.

From a 2018-table plan to a school year whose form is the 2026 one (the form whose document is in force on
1 September, or `--form`), the plan is carried into the new form instead (authoring.toform): unfinished
entries become issues (mục IV) and rows (mục V); the report lists what is left for the school.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..check.schema import schema_findings
from ..check.suggest import nearest
from ..diagnostics import Finding
from ..errors import NewPlanError, YamlSyntaxError
from ..model.catalogue import Catalogue, Form, Framework
from ..model.lost import marks_lost
from ..model.plan import MONTH_RE, School, Status
from ..source.catalogue import load_catalogue
from ..source.reader import PLAN_NAME_RE, read_text, split_front_matter
from ..source.yamlsource import load_yaml
from .blankplan import blank_plan_text, table_frameworks
from .toform import default_form, to_form

FENCE = "---"


@dataclass
class NewPlan:
    path: Path
    previous: Path | None  # None for a school's first plan (a blank plan for its framework)
    carried: list[str]  # criteria carried over, or the example entries of a first plan
    dropped: list[str]
    form: str | None = None  # the new plan's form when it differs from the 2018 table
    not_carried: list[str] = field(default_factory=list)  # what the school must fill in (form conversion)
    framework: Framework | None = None  # a school's first plan: the framework its blank plan follows


TYPO_CUTOFF = 0.85  # a school code this close to an existing one is a typo; below, never suggested


# --------------------------------------------------------------------------- years


def parse_school_year(text: str) -> int:
    """The first calendar year of “2025-2026” (or of “2025”)."""
    match = re.fullmatch(r"\s*(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*", text)
    if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise NewPlanError(
            f"Năm học “{text}” không đúng dạng. Viết hai năm liên tiếp, ví dụ 2025-2026 (hoặc chỉ 2025)."
        )
    return int(match.group(1))


def school_year(first: int) -> str:
    return f"{first}-{first + 1}"


def shift_years(text: str, first: int, delta: int) -> str:
    """Move every four-digit year close to the plan's school year (first-1 … first+2) by delta.

    “Từ tháng 9/2024 đến tháng 5/2025” -> “Từ tháng 9/2025 đến tháng 5/2026”; “2024- 2025” ->
    “2025- 2026”; a far year (“tầm nhìn 2030”, “Thông tư 17/2018”) is left alone.
    """

    def move(match: re.Match[str]) -> str:
        year = int(match.group(0))
        return str(year + delta) if first - 1 <= year <= first + 2 else match.group(0)

    return re.sub(r"(?<!\d)\d{4}(?!\d)", move, text)


def shift_month(value: Any, delta: int) -> Any:
    """“2024-09” -> “2025-09” when delta is 1; anything else is returned unchanged."""
    if isinstance(value, str) and re.match(MONTH_RE, value):
        return f"{int(value[:4]) + delta}{value[4:]}"
    return value


# --------------------------------------------------------------------------- files


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the school's text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _school_folder(root: Path, school: str) -> Path:
    """The school's folder; for a school with none, point to new-school (a near-identical name only
    when it is surely a typo: an unrelated school is never suggested)."""
    plans = root / "plans"
    folder = plans / school
    if folder.is_dir() and (folder / "school.yml").is_file():
        return folder
    known = sorted(p.name for p in plans.iterdir() if p.is_dir()) if plans.is_dir() else []
    guess = nearest(school, [k for k in known if k != school], cutoff=TYPO_CUTOFF)
    typo = f" Có phải gõ nhầm “{guess}”?" if guess else ""
    where = "chưa có tệp school.yml" if folder.is_dir() else "chưa có thư mục trong plans/"
    raise NewPlanError(
        f"Trường “{school}” {where}.{typo} Nếu đây là trường mới, tạo thông tin trường trước: "
        f"site-builder new-school {school} (xem hướng dẫn “Trường mới: kế hoạch đầu tiên”)."
    )


def _previous_plan(folder: Path, first: int) -> Path | None:
    """The school's latest plan before the new year, or None for a school's first plan."""
    target = folder / f"{school_year(first)}.md"
    if target.exists():
        raise NewPlanError(
            f"Đã có kế hoạch {target.parent.name}/{target.name}. Hãy sửa trực tiếp tệp đó thay vì tạo mới."
        )
    earlier = sorted(
        p for p in folder.iterdir() if PLAN_NAME_RE.match(p.name) and int(p.name[:4]) < first
    )
    return earlier[-1] if earlier else None


def _split(path: Path) -> tuple[str, str]:
    findings: list[Finding] = []
    text = read_text(path, path.name, findings)
    parts = split_front_matter(text, path.name, findings) if text is not None else None
    if parts is None:
        reason = findings[0].message if findings else "không đọc được tệp"
        raise NewPlanError(f"Không đọc được kế hoạch trước ({path.name}): {reason} Hãy chạy “site-builder check”.")
    return parts[0], parts[1]


# --------------------------------------------------------------------------- front matter


def _is_done(entry: Any) -> bool:
    status = entry.get("status") if isinstance(entry, dict) else None
    return isinstance(status, str) and unicodedata.normalize("NFC", status).strip().lower() == Status.done.value


def _label(entry: Any) -> str:
    return str(entry.get("criterion", "?")) if isinstance(entry, dict) else "?"


def _next_entry(entry: Any, first: int, delta: int) -> None:
    if not isinstance(entry, CommentedMap):
        return
    entry.pop("reviews", None)
    timeline = entry.get("timeline")
    if isinstance(timeline, CommentedMap):
        for key in ("start", "end"):
            if key in timeline:
                timeline[key] = shift_month(timeline[key], delta)
        if isinstance(timeline.get("text"), str):
            timeline["text"] = shift_years(timeline["text"], first, delta)


def _carry_entries(data: CommentedMap, first: int, delta: int) -> tuple[list[str], list[str]]:
    entries = data.get("entries")
    if not isinstance(entries, CommentedSeq):
        return [], []
    dropped = [_label(e) for e in entries if _is_done(e)]
    for index in reversed(range(len(entries))):
        if _is_done(entries[index]):
            del entries[index]
    for entry in entries:
        _next_entry(entry, first, delta)
    return [_label(e) for e in entries], dropped


def _next_document(data: CommentedMap, first: int, delta: int) -> None:
    document = data.get("document")
    if not isinstance(document, CommentedMap):
        return
    document["number"] = None
    document["date"] = None
    for key in ("place", "governing_body"):  # what last year's copy lost is written anew this year
        if marks_lost(document.get(key)):
            document[key] = None
    if marks_lost(data.get("signer")):
        data["signer"] = None
    if isinstance(document.get("title"), str):
        document["title"] = shift_years(document["title"], first, delta)


def next_front_matter(yaml_text: str, first: int, new_first: int) -> tuple[str, list[str], list[str]]:
    """The new front matter text, the criteria carried over and those dropped as finished."""
    yaml = _yaml()
    data = yaml.load(yaml_text)
    if not isinstance(data, CommentedMap):
        raise NewPlanError("Phần thông tin đầu tệp của kế hoạch trước không đúng dạng “tên: giá trị”.")
    delta = new_first - first
    data["school_year"] = school_year(new_first)
    _next_document(data, first, delta)
    carried, dropped = _carry_entries(data, first, delta)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue(), carried, dropped


def _target_form(catalogue: Catalogue, name: str | None, first: int) -> Form | None:
    if name is None:
        return default_form(catalogue, first)
    if name not in catalogue.forms:
        guess = nearest(name, catalogue.forms, cutoff=0.3)
        hint = f" Có phải “{guess}”?" if guess else ""
        raise NewPlanError(f"Không có mẫu kế hoạch “{name}”.{hint} Các mẫu: {', '.join(sorted(catalogue.forms))}.")
    return catalogue.forms[name]


def _school_framework(folder: Path) -> str | None:
    path = folder / "school.yml"
    data = _yaml().load(path.read_text(encoding="utf-8")) if path.exists() else None
    return str(data.get("framework")) if isinstance(data, dict) and data.get("framework") else None


def _into_form(yaml_text: str, form: Form, catalogue: Catalogue, first: int, new_first: int,
               folder: Path) -> tuple[str, list[str], list[str], list[str]]:
    yaml = _yaml()
    data = yaml.load(yaml_text)
    if not isinstance(data, CommentedMap):
        raise NewPlanError("Phần thông tin đầu tệp của kế hoạch trước không đúng dạng “tên: giá trị”.")
    delta = new_first - first
    _next_document(data, first, delta)
    conversion = to_form(data, form, catalogue, old_year=school_year(first), school_year=school_year(new_first),
                         school_framework=_school_framework(folder), is_done=_is_done, label=_label,
                         next_entry=lambda entry: _next_entry(entry, first, delta))
    out = io.StringIO()
    yaml.dump(conversion.front, out)
    return out.getvalue(), conversion.carried, conversion.dropped, conversion.not_carried


def create_plan(root: Path, school: str, year: str, form: str | None = None) -> NewPlan:
    """Write plans/<school>/<year>.md from the school's latest earlier plan (in the new form when it changes),
    or, for a school's first plan, a blank plan for its framework."""
    new_first = parse_school_year(year)
    folder = _school_folder(root, school)
    previous = _previous_plan(folder, new_first)
    target = folder / f"{school_year(new_first)}.md"
    if previous is None:
        return _first_plan(root, folder, target, new_first)
    yaml_text, body = _split(previous)
    first = int(previous.name[:4])
    catalogue = load_catalogue(root)
    target_form = _target_form(catalogue, form, new_first)
    old_form = _yaml().load(yaml_text)
    old_form = old_form.get("form") if isinstance(old_form, dict) else None
    if target_form is not None and old_form != target_form.id:
        front, carried, dropped, missing = _into_form(yaml_text, target_form, catalogue, first, new_first, folder)
        target.write_text(f"{FENCE}\n{front}{FENCE}\n", encoding="utf-8")
        return NewPlan(target, previous, carried, dropped, target_form.id, missing)
    front, carried, dropped = next_front_matter(yaml_text, first, new_first)
    target.write_text(f"{FENCE}\n{front}{FENCE}\n{body}", encoding="utf-8")
    return NewPlan(target, previous, carried, dropped)


def _first_plan(root: Path, folder: Path, target: Path, first: int) -> NewPlan:
    school = _read_school(folder)
    catalogue = load_catalogue(root)
    if school.framework not in catalogue.frameworks:
        raise NewPlanError(f"Bộ tiêu chuẩn “{school.framework}” của plans/{folder.name}/school.yml không có "
                           "trong danh mục. Hãy chạy “site-builder check”.")
    framework = catalogue.frameworks[school.framework]
    form = default_form(catalogue, first)
    if framework not in table_frameworks(catalogue) or form is not None:
        raise NewPlanError(
            f"Kế hoạch năm học {school_year(first)} (bộ tiêu chí {framework.id}) lập theo mẫu kế hoạch năm 2026 "
            "(mục I–VIII), chưa có kế hoạch trống cho mẫu này: chép kế hoạch ví dụ examples/th-mau/2026-2027.md "
            "rồi sửa theo hướng dẫn “Lập kế hoạch theo mẫu năm 2026”. Kế hoạch trống theo bảng năm 2018 dùng "
            "cho các năm học trước đó."
        )
    text = blank_plan_text(school.name or "trường", school_year(first), framework, catalogue.documents)
    target.write_text(text, encoding="utf-8")
    examples = [standard.criteria[0].id for standard in framework.standards]
    return NewPlan(target, None, examples, [], framework=framework)


def _read_school(folder: Path) -> School:
    findings: list[Finding] = []
    rel = f"plans/{folder.name}/school.yml"
    text = read_text(folder / "school.yml", rel, findings)
    try:
        data, source = load_yaml(text or "")
    except YamlSyntaxError as err:
        raise NewPlanError(f"{rel}:{err.line}:{err.column}: tệp school.yml sai cú pháp. "
                           "Hãy chạy “site-builder check”.") from None
    model, findings = schema_findings(School, data, rel, source)
    if not isinstance(model, School):
        raise NewPlanError(f"{rel} chưa hợp lệ: {findings[0].text if findings else ''} Hãy chạy “site-builder check”.")
    return model


def report(plan: NewPlan, root: Path) -> str:
    """What was done and what is left to the school, in Vietnamese."""
    rel = plan.path.relative_to(root).as_posix()
    if plan.form:
        return _form_report(plan, rel)
    if plan.previous is None:
        framework = plan.framework
        name = f"{framework.name} ({framework.id})" if framework else ""
        return "\n".join([
            f"Đã tạo {rel}: kế hoạch đầu tiên của trường, theo bộ {name}.",
            f"- Mỗi tiêu chuẩn một mục mẫu (tiêu chí {', '.join(plan.carried)}): điền theo văn bản của trường, "
            "thêm mục cho các tiêu chí khác, xóa mục không dùng.",
            "- Mỗi dòng có lời nhắc sau dấu #; phần nội dung có các mục I–IV với lời nhắc <!-- Nhắc: … -->.",
            "Việc còn lại: điền số ký hiệu và ngày ký khi văn bản đã ký, rồi chạy “site-builder check” "
            "(các cảnh báo cho biết chỗ nào còn trống).",
        ])
    lines = [
        f"Đã tạo {rel} từ {plan.previous.name}.",
        f"- Chuyển tiếp {len(plan.carried)} mục chưa hoàn thành: {', '.join(plan.carried) or '(không có)'}.",
        f"- Bỏ {len(plan.dropped)} mục đã hoàn thành: {', '.join(plan.dropped) or '(không có)'}.",
        "- Thời gian thực hiện đã lùi sang năm học mới; phần nội dung (sau dòng “---” thứ hai) giữ nguyên.",
        "Việc còn lại: điền số ký hiệu (document.number) và ngày ký (document.date) khi văn bản đã ký, "
        "xem lại từng mục và phần nội dung, rồi chạy “site-builder check”.",
    ]
    return "\n".join(lines)


def _form_report(plan: NewPlan, rel: str) -> str:
    lines = [
        f"Đã tạo {rel} theo mẫu kế hoạch “{plan.form}” từ {plan.previous.name} (bảng năm 2018).",
        f"- Chuyển tiếp {len(plan.carried)} mục chưa hoàn thành thành {len(plan.carried)} vấn đề ở mục IV và "
        f"{len(plan.carried)} dòng ở mục V (tiêu chí cũ: {', '.join(plan.carried) or '(không có)'}).",
        f"- Bỏ {len(plan.dropped)} mục đã hoàn thành: {', '.join(plan.dropped) or '(không có)'}.",
        "- Giữ phần đầu văn bản, người ký, nơi nhận; thời gian thực hiện đã lùi sang năm học mới; "
        "số ký hiệu và ngày ký để trống.",
        "Chưa chuyển được, nhà trường cần bổ sung:",
        *(f"- {line}" for line in plan.not_carried),
        "- phần nội dung (Markdown) của kế hoạch cũ không được chép: mẫu mới có các mục I–VIII",
        "Rồi chạy “site-builder check” và sửa theo các thông báo.",
    ]
    return "\n".join(lines)
