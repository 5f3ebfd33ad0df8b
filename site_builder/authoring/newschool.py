"""`site-builder new-school <slug>`: plans/<slug>/school.yml for a school that has no folder yet.

The details come from options or, at a terminal, from questions in Vietnamese. The file is checked
against the School model before it is written (so it is valid as written), every line carries a
Vietnamese comment, and the report gives the exact CODEOWNERS line for the school's folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..check.ownership import CODEOWNERS, owner_line_for
from ..check.schema import schema_findings
from ..check.suggest import fold, nearest
from ..errors import NewPlanError
from ..model.catalogue import Catalogue, Confidence, Framework
from ..model.plan import School, SchoolLevel
from ..source.catalogue import load_catalogue
from ..source.yamlsource import SourceMap
from .yamltext import commented, scalar

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = ("name", "short_name", "level", "governing_body", "address", "commune", "district", "province",
          "website", "framework")
REQUIRED = ("name", "level", "governing_body")
QUESTIONS = {
    "name": "Tên chính thức của trường (ví dụ: Trường Mầm non Hoa Sen)",
    "short_name": "Tên viết tắt dùng trong số ký hiệu (ví dụ: MNHS; để trống nếu không có)",
    "level": "Cấp học (mầm non, tiểu học, THCS, THPT, nhiều cấp)",
    "governing_body": "Cơ quan chủ quản, viết hoa như trên văn bản (ví dụ: UBND QUẬN 1)",
    "address": "Địa chỉ: số nhà, đường (để trống nếu chưa có)",
    "commune": "Xã / phường / thị trấn (để trống nếu chưa có)",
    "district": "Quận / huyện (để trống nếu không có)",
    "province": "Tỉnh / thành phố (để trống nếu chưa có)",
    "website": "Trang thông tin điện tử, bắt đầu bằng https:// (để trống nếu không có)",
}
CONFIDENCE_ORDER = {Confidence.confirmed: 0, Confidence.secondary: 1, Confidence.unverified: 2}


@dataclass
class NewSchool:
    path: Path
    slug: str
    school: School
    framework: Framework
    codeowners_line: str
    notes: list[str] = field(default_factory=list)


def check_slug(slug: str) -> None:
    if not SLUG_RE.match(slug):
        guess = re.sub(r"[^a-z0-9]+", "-", fold(slug)).strip("-")
        hint = f" Ví dụ: “{guess}”." if guess and SLUG_RE.match(guess) else ""
        raise NewPlanError(f"Mã trường “{slug}” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu “-”, "
                           f"ví dụ mn-hoa-sen.{hint}")


def level_of(text: str) -> SchoolLevel:
    """“mam non”, “Mầm non”, “thcs” -> the level; anything else is an error naming the choices."""
    values = [level.value for level in SchoolLevel]
    found = nearest(text, values, cutoff=0.8)
    if found is None:
        raise NewPlanError(f"Cấp học “{text}” không hợp lệ. Chọn một trong: {', '.join(values)}.")
    return SchoolLevel(found)


def default_framework(level: SchoolLevel, catalogue: Catalogue) -> Framework:
    """The catalogue's framework for the level, the best verified first (the 2018 ones before an unverified one)."""
    options = [f for f in catalogue.frameworks.values() if level in f.school_levels]
    if not options:
        raise NewPlanError(f"Danh mục chưa có bộ tiêu chuẩn nào cho cấp học “{level.value}”.")
    return min(options, key=lambda f: (CONFIDENCE_ORDER[f.verification.status], f.id))


def ask_missing(details: dict[str, str | None], ask: Callable[[str], str], keys: tuple[str, ...] = FIELDS) -> None:
    """Fill the details not given as options by asking (at a terminal); empty answers mean “none”."""
    for key, question in QUESTIONS.items():
        if key in keys and details.get(key) is None:
            answer = ask(f"{question}: ").strip()
            details[key] = answer or None


def _school(details: dict[str, str | None], catalogue: Catalogue) -> tuple[School, Framework]:
    missing = [key for key in REQUIRED if not details.get(key)]
    if missing:
        options = ", ".join(f"--{key.replace('_', '-')}" for key in missing)
        raise NewPlanError(f"Thiếu thông tin bắt buộc: {options}. Ghi các tùy chọn này, hoặc chạy lệnh trong "
                           "cửa sổ dòng lệnh để được hỏi từng mục.")
    level = level_of(str(details["level"]))
    framework_id = details.get("framework")
    if framework_id:
        if framework_id not in catalogue.frameworks:
            guess = nearest(framework_id, catalogue.frameworks, cutoff=0.3)
            raise NewPlanError(f"Không có bộ tiêu chuẩn “{framework_id}” trong danh mục."
                               + (f" Có phải “{guess}”?" if guess else ""))
        framework = catalogue.frameworks[framework_id]
    else:
        framework = default_framework(level, catalogue)
    data = {key: details.get(key) or None for key in FIELDS}
    data["level"] = level.value
    data["framework"] = framework.id
    model, findings = schema_findings(School, data, "school.yml", SourceMap())
    if findings or not isinstance(model, School):
        raise NewPlanError("Thông tin trường không hợp lệ: " + " ".join(f.text for f in findings))
    return model, framework


def school_yaml(school: School) -> str:
    """school.yml with every field and a Vietnamese comment on each line."""
    lines = ["# Thông tin trường, ghi một lần. Ý nghĩa từng dòng: docs/huong-dan/truong-du-lieu.md",
             "# (trang “Ý nghĩa các trường dữ liệu”). Để trống một dòng thì ghi null."]
    for key in FIELDS:
        description = School.model_fields[key].description or ""
        lines.append(commented(f"{key}: {scalar(getattr(school, key) if key != 'level' else school.level.value)}",
                               description.split(". ")[0].rstrip(".")))
    return "\n".join(lines) + "\n"


def create_school(root: Path, slug: str, details: dict[str, str | None]) -> NewSchool:
    """Write plans/<slug>/school.yml; refuse to overwrite an existing school."""
    check_slug(slug)
    target = root / "plans" / slug / "school.yml"
    if target.exists():
        raise NewPlanError(f"Trường “{slug}” đã có tệp plans/{slug}/school.yml. Hãy sửa trực tiếp tệp đó.")
    school, framework = _school(details, load_catalogue(root))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(school_yaml(school), encoding="utf-8")
    return NewSchool(target, slug, school, framework, owner_line_for(slug))


def report(made: NewSchool, root: Path) -> str:
    rel = made.path.relative_to(root).as_posix()
    return "\n".join([
        f"Đã tạo {rel} ({made.school.name}, {made.school.level.value}, bộ tiêu chuẩn {made.framework.id}).",
        f"Dòng cần thêm vào {CODEOWNERS.as_posix()} (Phòng GD&ĐT thêm, để nhóm của trường duyệt thư mục này):",
        f"  {made.codeowners_line}",
        f"Bước tiếp theo: site-builder new {made.slug} <năm học>, ví dụ site-builder new {made.slug} 2025-2026.",
    ])
