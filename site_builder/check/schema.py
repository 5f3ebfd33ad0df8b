"""Schema errors in Vietnamese: pydantic's errors on a plan or school.yml -> Findings at file:line:column.

Takes a model class, the plain data and its SourceMap; gives the validated model (or None)
and the findings, each with what is wrong, how to fix it and the nearest valid value.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Finding, Severity
from ..model.lost import LOST_TAG, LOST_TAG_PREFIX, Lost
from ..model.plan import FIRST_YEAR, LAST_YEAR
from ..source.yamlsource import DataPath, SourceMap
from .money import money_amount
from .suggest import nearest

FIELD_NAMES_VI = {
    "school_year": "năm học",
    "document": "phần đầu văn bản",
    "title": "trích yếu",
    "criterion": "tiêu chí",
    "name": "tên",
    "level": "cấp học / mức",
    "framework": "bộ tiêu chuẩn",
    "position": "chức vụ",
    "governing_body": "cơ quan chủ quản",
    "text": "nội dung",
    "date": "ngày",
    "status": "tình trạng",
}


@dataclass(frozen=True)
class Translation:
    """One pydantic error, said for a school: a rule code, the problem, the fix, the nearest valid value."""

    code: str
    message: str
    fix: str
    suggestion: str | None
    at_key: bool  # point at the key (a wrong or missing name) rather than at the value


def _unwrap(annotation: Any, lost: bool = False) -> Any:
    """Strip Optional/Annotated/list to reach the model class used at a path (the lost-marker branch when lost)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], lost)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        lost_args = [arg for arg in args if _unwrap(arg) is Lost]
        if lost and lost_args:
            return Lost
        plain = [arg for arg in args if arg not in lost_args]
        return _unwrap(plain[0] if plain else args[0], lost)
    return annotation


def model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping found at loc (loc may hold lost-marker tags)."""
    current: Any = model
    for part in loc:
        if isinstance(part, str) and part.startswith(LOST_TAG_PREFIX):
            current = _unwrap(current, lost=part == LOST_TAG)
            continue
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = info.annotation
    current = _unwrap(current)
    if typing.get_origin(current) is list:
        current = _unwrap(typing.get_args(current)[0])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def plain_loc(loc: DataPath) -> DataPath:
    """An error location without the lost-marker union tags: the path of keys as written in the file."""
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith(LOST_TAG_PREFIX)))


def _field_label(name: str | int) -> str:
    return FIELD_NAMES_VI.get(str(name), str(name))


def _iso_guess(value: Any) -> str | None:
    """"10/10/2024" -> "2024-10-10"; "2024-2-3" -> "2024-02-03", when that date exists."""
    text = str(value).strip()
    patterns = ((r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", "dmy"), (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "ymd"))
    for pattern, order in patterns:
        match = re.match(pattern, text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            year, month, day = (c, b, a) if order == "dmy" else (a, b, c)
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def _month_guess(value: Any) -> str | None:
    match = re.match(r"^\s*(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})\s*$", str(value), re.IGNORECASE)
    if match and 1 <= int(match.group(1)) <= 12:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.match(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*$", str(value))
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def _invalid(name: str | int) -> Translation:
    return Translation("invalid", f"Giá trị của “{name}” không hợp lệ.", "Xem lại theo hướng dẫn nhập liệu.", None,
                       False)


def _translate(error: dict[str, Any], model: type[BaseModel]) -> Translation:
    """(code, message, fix, suggestion, point at key?) for one pydantic error."""
    kind = error["type"]
    raw: DataPath = tuple(error["loc"])
    loc = plain_loc(raw)
    name = loc[-1] if loc else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Translation(
            "missing-field",
            f"Thiếu trường bắt buộc “{name}” ({_field_label(name)}).",
            f"Thêm dòng “{name}: …” vào đây.",
            None,
            True,
        )
    if kind == "extra_forbidden":
        parent = model_at(model, raw[:-1])
        allowed = list(parent.model_fields) if parent else []
        return Translation(
            "unknown-field",
            f"Không có trường nào tên “{name}” ở vị trí này; nội dung của nó sẽ không được xuất bản.",
            "Sửa lại tên trường cho đúng (có thể gõ nhầm) hoặc xóa dòng này.",
            nearest(str(name), allowed),
            True,
        )
    if kind == "enum":
        expected = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return Translation(
            "invalid-value",
            f"Giá trị “{value}” không hợp lệ cho “{name}”.",
            "Các giá trị được chấp nhận: " + ", ".join(f"“{e}”" for e in expected) + ".",
            nearest(str(value), expected, cutoff=0.3),
            False,
        )
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        return Translation(
            "invalid-date",
            f"Ngày “{value}” không tồn tại hoặc không đúng dạng.",
            "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-10-10, và kiểm tra ngày có thật trong lịch.",
            _iso_guess(value),
            False,
        )
    if kind == "string_pattern_mismatch":
        if name == "school_year":
            match = re.match(r"^\D*(\d{4})\D+(\d{2,4})\D*$", str(value))
            guess = f"{match.group(1)}-{int(match.group(1)) + 1}" if match else None
            return Translation("invalid-school-year", f"Năm học “{value}” không đúng dạng.",
                    "Viết năm học dạng 2024-2025.", guess, False)
        return Translation("invalid-month", f"Tháng “{value}” không đúng dạng.",
                "Viết tháng dạng NĂM-THÁNG, ví dụ 2024-09.", _month_guess(value), False)
    if kind in {"int_parsing", "int_type", "int_from_float"} and name == "amount":
        amount = money_amount(value)
        return Translation(
            "not-a-number",
            f"Số tiền “{value}” phải là một số nguyên, tính bằng đồng.",
            "Chỉ ghi chữ số, không có dấu chấm, dấu phẩy hay chữ (10 triệu đồng ghi là 10000000); "
            f"cách ghi của nhà trường (“{value}”) đặt vào trường “text”.",
            str(amount) if amount is not None else None,
            False,
        )
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        digits = re.sub(r"\D", "", str(value))
        return Translation(
            "not-a-number",
            f"“{value}” không phải là một số nguyên.",
            "Chỉ ghi chữ số, không có dấu chấm, dấu phẩy hay chữ (số tiền ghi theo đồng); "
            "cách ghi bằng chữ đặt vào trường “text”.",
            digits if digits and digits != str(value) else None,
            False,
        )
    if kind == "less_than" and name == "amount":
        return Translation("amount-too-large",
                           f"Số tiền {_money(value)} đồng quá lớn: phải dưới {_money(ctx.get('lt'))} đồng.",
                           "Kiểm tra lại số chữ số 0; số tiền ghi theo đồng, chỉ gồm chữ số.", None, False)
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "nhỏ hơn" if kind.startswith("greater") else "lớn hơn"
        return Translation("out-of-range", f"Giá trị {value} của “{name}” không được {word} {bound}.",
                "Kiểm tra lại con số.", str(bound), False)
    if kind in {"string_type"}:
        quoted = f'"{value}"' if isinstance(value, int | float) and not isinstance(value, bool) else None
        return Translation("not-text", f"“{name}” phải là một đoạn chữ.",
                "Đặt nội dung trong ngoặc kép, hoặc bỏ dấu gạch đầu dòng nếu chỉ có một ý.", quoted, False)
    if kind == "literal_error" and name == "lost":
        return Translation("invalid-lost", "“lost” chỉ nhận một giá trị: true (chỗ này bị mất trong bản gốc).",
                "Nếu nội dung không bị mất, xóa cả nhóm {lost: …} và ghi nội dung thật; nếu bị mất, ghi lost: true.",
                "true", False)
    if kind in {"list_type"}:
        return Translation("not-a-list", f"“{name}” phải là một danh sách.",
                "Viết mỗi ý trên một dòng, bắt đầu bằng “- ”.", None, False)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return Translation("not-a-mapping", f"“{name}” phải gồm các trường con (dạng “tên: giá trị”).",
                "Xem mẫu trong hướng dẫn và viết các trường con thụt vào hai dấu cách.", None, False)
    if kind == "too_short":
        return Translation("empty-list", f"“{name}” không được để trống.", "Thêm ít nhất một mục.", None, False)
    if kind == "value_error":
        found = _translate_value_error(str(ctx.get("error", error.get("msg", ""))), name, value)
        if found.code == "invalid-school-year" and found.suggestion is None and str(value)[:4].isdigit():
            first = str(value)[:4]
            return Translation(found.code, found.message, found.fix, f"{first}-{int(first) + 1}", False)
        return found
    return _invalid(name)


def _money(value: Any) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _year_typo(value: Any) -> str | None:
    """'0024-10-10' -> '2024-10-10' (a year missing its first two digits)."""
    match = re.match(r"^00([1-9]\d)(-\d{2}-\d{2})$", str(value))
    return f"20{match.group(1)}{match.group(2)}" if match else None


def _translate_value_error(code: str, name: str | int, value: Any = None) -> Translation:
    if "date_out_of_range" in code:
        return Translation("date-out-of-range",
                           f"Ngày “{value}” nằm ngoài khoảng cho phép (từ năm {FIRST_YEAR} đến năm {LAST_YEAR}).",
                           "Kiểm tra lại năm (có thể gõ nhầm); ngày viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-10-10.",
                           _year_typo(value), False)
    if "school_year_out_of_range" in code:
        return Translation("school-year-out-of-range",
                           f"Năm học “{value}” nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}.",
                           "Kiểm tra lại năm (có thể gõ nhầm); năm học viết dạng 2024-2025.", None, False)
    messages = {
        "school_year_not_consecutive": (
            "invalid-school-year", "Năm học phải gồm hai năm liên tiếp.", "Ví dụ 2024-2025."),
        "timeline_reversed": (
            "timeline-reversed", "Tháng bắt đầu nằm sau tháng kết thúc.", "Đổi chỗ “start” và “end”."),
        "met_above_total": (
            "count-above-total", "Số tiêu chí đạt lớn hơn tổng số tiêu chí.", "Kiểm tra lại hai con số."),
        "website_scheme": (
            "invalid-url", "Địa chỉ trang web không hợp lệ.", "Viết đầy đủ, bắt đầu bằng https://"),
        "reviewed_line_or_hash": (
            "invalid-reviewed-line", "Mỗi mục đã rà soát cần đúng một trong hai trường “line” hoặc “sha256”.",
            "Chép nguyên văn dòng vào “line”, hoặc dán mã SHA-256 mà thông báo kiểm tra đưa ra vào “sha256”."),
    }
    for key, (code_out, message, fix) in messages.items():
        if key in code:
            return Translation(code_out, message, fix, None, False)
    return _invalid(name)


def _booleans(data: Any, path: DataPath = ()) -> list[tuple[DataPath, bool]]:
    """Every true/false value: no field of a plan or school takes one (pydantic would read true as 1)."""
    if isinstance(data, bool):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _booleans(value, (*path, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _booleans(value, (*path, index))]
    return []


def _takes_bool(model: type[BaseModel], path: DataPath) -> bool:
    """Whether the field at path is a true/false field of the model (e.g. a plan's `archived`)."""
    if not path or not isinstance(path[-1], str):
        return False
    if path[-1] == "lost" and model_at(model, (*path[:-1], LOST_TAG)) is Lost:
        return True  # `lost: true` of a lost marker (model.lost)
    parent = model_at(model, path[:-1])
    info = parent.model_fields.get(path[-1]) if parent else None
    return info is not None and _unwrap(info.annotation) is bool


def boolean_findings(data: Any, rel: str, source: SourceMap, model: type[BaseModel] | None = None) -> list[Finding]:
    findings = []
    for path, value in _booleans(data):
        if model is not None and _takes_bool(model, path):
            continue
        name = next((part for part in reversed(path) if isinstance(part, str)), "")
        line, col = source.value(path)
        written = "true" if value else "false"
        findings.append(Finding(
            rel, line, col, Severity.error, "boolean-value",
            f"“{written}” là giá trị đúng/sai của YAML, không dùng được cho “{name}” ({_field_label(name)}).",
            "Ghi giá trị theo hướng dẫn (ví dụ một con số như 2, hoặc chữ như “tiểu học”); "
            "nếu muốn ghi chữ true/false, đặt trong ngoặc kép.",
        ))
    return findings


def schema_findings(
    model: type[BaseModel], data: Any, rel: str, source: SourceMap
) -> tuple[BaseModel | None, list[Finding]]:
    """The validated model, or None and every finding; a true/false value is always its own finding."""
    booleans = boolean_findings(data, rel, source, model)
    try:
        validated = model.model_validate(data)
    except ValidationError as err:
        at_booleans = {(f.line, f.column) for f in booleans}
        errors = [f for f in _error_findings(err, model, rel, source) if (f.line, f.column) not in at_booleans]
        return None, errors + booleans
    return (None, booleans) if booleans else (validated, [])


def _error_findings(err: ValidationError, model: type[BaseModel], rel: str, source: SourceMap) -> list[Finding]:
    findings = []
    for error in err.errors():
        loc = plain_loc(tuple(error["loc"]))
        found = _translate(error, model)
        if found.code == "missing-field":
            line, col = source.key(loc[:-1]) if loc[:-1] else (1 + source.line_offset, 1)
        else:
            line, col = source.key(loc) if found.at_key else source.value(loc)
        findings.append(Finding(rel, line, col, Severity.error, found.code, found.message, found.fix,
                                found.suggestion))
    return findings
