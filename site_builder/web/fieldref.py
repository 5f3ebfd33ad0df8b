"""The field reference for editors, generated from the same JSON Schema the validator uses.

`write_field_reference(out_docs_dir)` is called by the site build. It writes
- huong-dan/truong-du-lieu.md: every field of school.yml and of a plan's front matter,
  in Vietnamese (name, kind of value, required or not, allowed values, meaning);
- schema/plan.schema.json and schema/school.schema.json: the JSON Schemas, served at
  <site_url>schema/… for editors (VS Code, github.dev).
Both come from site_builder.model, so the page can never drift from the code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import paths
from ..model.plan import COLUMN_FIELDS, MONTH_RE, SCHOOL_YEAR_RE, plan_json_schema, school_json_schema

PAGE = Path("huong-dan") / "truong-du-lieu.md"
SCHEMAS = {paths.PLAN_SCHEMA: plan_json_schema, paths.SCHOOL_SCHEMA: school_json_schema}

# Headings of the nested groups; a model without one here is shown under its class name.
TITLES_VI = {
    "School": "Tệp school.yml: thông tin trường",
    "Plan": "Phần thông tin đầu tệp kế hoạch (giữa hai dòng ---)",
    "Document": "Phần đầu văn bản",
    "Signer": "Người ký",
    "LegalBasis": "Một căn cứ",
    "SelfAssessmentStatus": "Kết quả tự đánh giá khi lập kế hoạch",
    "LevelCount": "Số tiêu chí đạt theo mức",
    "Table": "Cách trình bày bảng cải tiến",
    "Column": "Một cột của bảng",
    "Entry": "Một dòng của bảng cải tiến (một tiêu chí)",
    "CriterionResult": "Kết quả tự đánh giá của tiêu chí",
    "Target": "Mức cần đạt",
    "Timeline": "Thời gian thực hiện",
    "Budget": "Dự kiến kinh phí",
    "Problem": "Vấn đề cần cải tiến (Biểu 2)",
    "Review": "Một lần rà soát tiến độ",
    "ReviewedLine": "Một dòng đã rà soát thông tin cá nhân",
    "CriterionAssessment": "Kết quả tự đánh giá một tiêu chí (bộ tiêu chí 2026)",
    "GeneralInfo": "Mẫu năm 2026, mục I: thông tin chung",
    "Issue": "Mẫu năm 2026, mục IV: một vấn đề trọng tâm",
    "PlanReview": "Mẫu năm 2026, mục VI: một lần rà soát",
    "ReviewRow": "Mẫu năm 2026, mục VI: một nội dung theo dõi",
    "Organisation": "Mẫu năm 2026, mục VII: tổ chức thực hiện",
    "Lost": "Đánh dấu chỗ mất trong bản gốc",
}
LOST_KIND = "hoặc [đánh dấu mất](#lost)"
LOST_HELP = [
    "Khi văn bản gốc (bản quét, bản trích xuất) có nội dung ở một chỗ nhưng bản chép bị mất, "
    "**không để trống và không bịa**: ghi nhóm `lost` thay cho giá trị. Trang web và bản PDF sẽ ghi "
    "“[mất trong bản gốc]”, hoặc phần còn đọc được kèm “[mất một phần trong bản gốc]”. "
    "Để trống (`null`) chỉ có nghĩa là *chưa có* (ví dụ kế hoạch chưa ký nên chưa có số, chưa có ngày).",
    "",
    "Dùng được ở các trường có ghi “hoặc đánh dấu mất” trong bảng dưới: phần đầu văn bản (số ký hiệu, "
    "địa danh, ngày, trích yếu, cơ quan chủ quản), người ký, nơi nhận, cả bảng cải tiến, tiêu đề từng cột, "
    "và từng ô của một dòng (kể cả từng ý trong danh sách công việc).",
    "",
    "```yaml",
    "document:",
    "  number: {lost: true, fragment: \"…/KH-TrMN 7/5\"}   # còn đọc được một phần",
    "  date: {lost: true, fragment: tháng 9 năm 2023}",
    "signer:",
    "  lost: true",
    "  note: Trang cuối (phần chữ ký) không có trong bản quét.",
    "entries:",
    "  - criterion: \"1.9\"",
    "    actions: {lost: true}",
    "```",
    "",
    "Nếu phần còn đọc được hoặc ghi chú có dấu phẩy, dấu hai chấm, đặt nó trong ngoặc kép "
    "(hoặc viết mỗi trường con trên một dòng như `signer` ở trên). Nếu văn bản gốc chỉ ghi tháng "
    "hoặc năm ban hành, ghi `date: 2023-09` hoặc `date: 2023`.",
    "",
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _not_null(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The non-null alternative of an optional property, and whether null is allowed."""
    options = prop.get("anyOf")
    if not options or _is_issue_date(prop):
        return prop, False
    rest = [o for o in options if o.get("type") != "null"]
    return (rest[0] if rest else {}), len(rest) < len(options)


def _or_lost(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The value alternative of a “value or lost marker” property, and whether a lost marker is allowed."""
    options = prop.get("oneOf")
    if not options:
        return prop, False
    rest = [o for o in options if _ref_name(o) != "Lost"]
    return (rest[0] if rest else {}), len(rest) < len(options)


def _is_issue_date(prop: dict[str, Any]) -> bool:
    return any(o.get("format") == "date" for o in prop.get("anyOf", []))


def _kind(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, list[str]]:
    """(kind of value in Vietnamese, allowed values) of one property."""
    prop, nullable = _not_null(prop)
    prop, losable = _or_lost(prop)
    kind, allowed = _kind_of(prop, defs)
    tail = ([f"{LOST_KIND} cho cả danh sách" if prop.get("type") == "array" else LOST_KIND] if losable else [])
    tail += ["hoặc null"] if nullable else []
    return ", ".join([kind, *tail]), allowed


def _kind_of(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, list[str]]:
    if _is_issue_date(prop):
        return "ngày (2024-10-10), hoặc chỉ tháng (2023-09) hay năm (2023)", []
    prop, losable = _or_lost(prop)
    if losable:
        kind, allowed = _kind_of(prop, defs)
        return f"{kind} {LOST_KIND}", allowed
    name = _ref_name(prop)
    if name is not None:
        target = defs[name]
        if "enum" in target:
            return "một trong các giá trị", [str(v) for v in target["enum"]]
        return f"nhóm trường con, xem [{TITLES_VI.get(name, name)}](#{name.lower()})", []
    if "const" in prop:
        return f"luôn là {json.dumps(prop['const'])}", [json.dumps(prop["const"])]
    kind = prop.get("type")
    if kind == "boolean":
        return "true hoặc false", []
    if kind == "array":
        inner, allowed = _kind_of(prop.get("items", {}), defs)
        return f"danh sách (mỗi mục: {inner})", allowed
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        bounds = f" từ {low} đến {high}" if low is not None and high is not None else (
            f" từ {low} trở lên" if low is not None else "")
        return f"số nguyên{bounds}", []
    if kind == "string":
        pattern = prop.get("pattern")
        if pattern == MONTH_RE:
            return "tháng, dạng NĂM-THÁNG (2024-09)", []
        if pattern == SCHOOL_YEAR_RE:
            return "năm học, dạng 2024-2025", []
        if prop.get("format") == "date":
            return "ngày, dạng NĂM-THÁNG-NGÀY (2024-10-10)", []
        return "chữ", []
    return "giá trị", []


def _required(name: str, prop: dict[str, Any], schema: dict[str, Any]) -> str:
    if name in schema.get("required", []):
        return "**bắt buộc**"
    default = prop.get("default")
    if default in (None, [], {}):
        return "không"
    return f"không (mặc định: {default})"


def _section(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    lines = [
        f'<a id="{name.lower()}"></a>',
        "",
        f"## {TITLES_VI.get(name, name)}",
        "",
        "| Trường | Kiểu giá trị | Bắt buộc | Giá trị được chấp nhận | Ý nghĩa |",
        "|---|---|---|---|---|",
    ]
    for field, prop in schema.get("properties", {}).items():
        kind, allowed = _kind(prop, defs)
        values = ", ".join(f"`{v}`" for v in allowed) or "—"
        meaning = prop.get("description") or "—"
        lines.append(
            f"| `{field}` | {_cell(kind)} | {_required(field, prop, schema)} | {_cell(values)} | {_cell(meaning)} |"
        )
    lines.append("")
    return lines


def _nested(schema: dict[str, Any]) -> list[str]:
    """Object definitions in the order they are first used, depth first from the top."""
    defs = schema.get("$defs", {})
    order: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            name = _ref_name(node)
            if name and name not in order and "enum" not in defs[name]:
                order.append(name)
                visit(defs[name])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema.get("properties", {}))
    return order


def _columns_table() -> list[str]:
    lines = [
        "## Các giá trị của `field` trong `table.columns`",
        "",
        "| Giá trị | Cột hiển thị (tiêu đề mặc định) |",
        "|---|---|",
    ]
    lines += [f"| `{field}` | {_cell(label)} |" for field, label in COLUMN_FIELDS.items()]
    return [*lines, ""]


def _schema_link(schema: str) -> str:
    """A Markdown link target from this page's source to a schema file (both generators check and rewrite it)."""
    return paths.source_link(paths.page(PAGE.as_posix()), schema)


def field_reference_markdown() -> str:
    """The whole page, in Vietnamese."""
    lines = [
        "# Ý nghĩa các trường dữ liệu",
        "",
        "Trang này được tạo tự động từ đúng bộ quy tắc mà công cụ kiểm tra dùng, nên luôn khớp với "
        "cách kiểm tra. “null” nghĩa là để trống (viết chữ `null`). "
        "Tên trường viết bằng tiếng Anh, không dấu, đúng như trong bảng; giá trị viết tiếng Việt có dấu.",
        "",
        "Lược đồ JSON (JSON Schema) để trình soạn thảo gợi ý và báo lỗi: "
        f"[plan.schema.json]({_schema_link(paths.PLAN_SCHEMA)}) (phần đầu tệp kế hoạch), "
        f"[school.schema.json]({_schema_link(paths.SCHOOL_SCHEMA)}) (tệp school.yml).",
        "",
        "Tệp này nằm trong kho ở docs/huong-dan/truong-du-lieu.md, được tạo lại bằng lệnh "
        "`site-builder docs` (một phép kiểm tra tự động báo khi tệp chưa khớp với bộ quy tắc).",
        "",
    ]
    school = school_json_schema()
    lines += _section("School", school, school.get("$defs", {}))
    plan = plan_json_schema()
    defs = plan.get("$defs", {})
    lines += _section("Plan", plan, defs)
    for name in _nested(plan):
        lines += _section(name, defs[name], defs)
        if name == "Lost":
            lines[-1:-1] = ["", *LOST_HELP]
    lines += _columns_table()
    return "\n".join(lines)


def write_schemas(docs_dir: Path) -> None:
    """The JSON Schemas at their site paths under docs_dir (paths.PLAN_SCHEMA, paths.SCHOOL_SCHEMA)."""
    for rel, make in SCHEMAS.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(make(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_field_reference(out_docs_dir: Path) -> None:
    """Write huong-dan/truong-du-lieu.md and schema/*.schema.json into the build's docs dir."""
    page = out_docs_dir / PAGE
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(field_reference_markdown(), encoding="utf-8")
    write_schemas(out_docs_dir)
