"""The first plan of a school: a blank plan for the framework of its level.

Every field of the front matter is present with a Vietnamese comment, the improvement table has one
example entry per standard (the standard's first criterion) to fill in or delete, and the body has
the usual sections with reminders (HTML comments, never published). The file passes `site-builder
check` as written; the checker then reminds the school of what is still empty (warnings).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from ..check.rules import TEMPLATE_REMINDER
from ..model.catalogue import Catalogue, Framework, LegalDocument
from ..model.plan import COLUMN_FIELDS, DEFAULT_COLUMNS, Entry, Plan
from .yamltext import commented, scalar

ENTRY_EXAMPLES = {
    "criterion": "mã tiêu chí, ví dụ 1.4; mỗi tiêu chí cần cải tiến một mục",
    "criterion_title": "tên tiêu chí như trường ghi, chỉ khi khác tên chính thức",
    "self_assessment": "ví dụ {result: Đạt, level: 2, text: Đạt}",
    "target": "ví dụ {level: 2, kind: giữ vững, text: Giữ vững Mức 2}",
    "current_state": "hiện trạng, điểm yếu",
    "expected_result": "kết quả cần đạt",
    "actions_intro": "câu dẫn trước danh sách công việc, nếu có",
    "actions": "công việc, giải pháp: mỗi ý một dòng bắt đầu bằng “- ”",
    "lead": "chủ trì, người phụ trách",
    "partners": "phối hợp thực hiện",
    "timeline": "ví dụ {start: 2025-09, end: 2026-05, text: \"Từ tháng 9/2025 đến tháng 5/2026\"}",
    "budget": "ví dụ {amount: 10000000, text: \"10 triệu đồng\"} (amount tính bằng đồng)",
    "support": "điều kiện hỗ trợ khác",
    "notes": "ghi chú",
    "status": "chưa thực hiện, đang thực hiện hoặc đã hoàn thành",
    "problem": "chỉ với mẫu năm 2026: {current_state: …, limitations: …, causes: …}",
    "objective": "chỉ với mẫu năm 2026: mục tiêu",
    "indicators": "chỉ với mẫu năm 2026: chỉ số, mỗi ý một dòng",
    "resources": "chỉ với mẫu năm 2026: nguồn lực",
    "evidence": "chỉ với mẫu năm 2026: minh chứng dự kiến, mỗi ý một dòng",
    "reviews": "các lần rà soát: - {date: 2026-01-15, status: đang thực hiện, text: …}",
    "source_note": "chỉ khi chép lại từ bản quét: chỗ bản gốc bị hỏng",
}
PLAN_COMMENTS = {
    "form": "null: bảng năm 2018 như trên; tt-2026: mẫu năm 2026 (mục I–VIII)",
}
SHORT_ENTRY = ("criterion", "target", "expected_result", "actions", "lead", "timeline", "budget", "support",
               "notes", "status")


def legal_basis_text(document: LegalDocument) -> str:
    """“Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo ban hành …;”."""
    when = f" ngày {document.date.day} tháng {document.date.month} năm {document.date.year}" if document.date else ""
    title = document.title[:1].lower() + document.title[1:]
    return f"Căn cứ {document.kind} số {document.number}{when} của {document.issuer} {title};"


def _comment(model: type[BaseModel], name: str, known: dict[str, str]) -> str:
    """The comment of a field: ours when we have an example, else the model's own description."""
    if name in known:
        return known[name]
    description = (model.model_fields[name].description or "").rstrip(".")
    return description[:1].lower() + description[1:]


def _empty(model: type[BaseModel], name: str) -> str:
    """The field's default as YAML: [] for a list, false/true for a true/false field, else null."""
    info = model.model_fields[name]
    if info.default_factory is list:
        return "[]"
    return scalar(info.default) if isinstance(info.default, bool) else "null"


def _entry(criterion: str, full: bool) -> list[str]:
    names = list(Entry.model_fields) if full else list(SHORT_ENTRY)
    lines = []
    for index, name in enumerate(names):
        value = f'"{criterion}"' if name == "criterion" else _empty(Entry, name)
        prefix = "  - " if index == 0 else "    "
        comment = _comment(Entry, name, ENTRY_EXAMPLES) if full or name == "criterion" else None
        if name == "criterion" and not full:
            comment = "mục mẫu: điền theo văn bản của trường, hoặc xóa cả mục"
        lines.append(commented(f"{prefix}{name}: {value}", comment))
    return lines


def _header(school_name: str, year: str, framework: Framework, bases: list[LegalDocument]) -> list[str]:
    lines = [
        f"# Kế hoạch cải tiến chất lượng giáo dục năm học {year} – {school_name}.",
        "# Điền từng dòng theo văn bản của trường. Dòng bắt đầu bằng # là lời nhắc, không được xuất bản.",
        "# Để trống ghi null. Chỗ văn bản gốc có nhưng bản chép bị mất: ghi {lost: true}",
        "# (xem docs/huong-dan/truong-du-lieu.md, mục “Đánh dấu chỗ mất trong bản gốc”).",
        commented(f"school_year: {year}", "năm học, phải trùng tên tệp"),
        commented(f"framework: {framework.id}", f"bộ tiêu chuẩn: {framework.name}"),
        commented("document:", "phần đầu văn bản"),
        commented("  governing_body: null", "cơ quan chủ quản, chỉ ghi khi khác school.yml"),
        commented("  number: null", "số ký hiệu, ví dụ 12/KH-MNHS; null khi chưa có số"),
        commented("  place: null", "địa danh trước ngày tháng, ví dụ Hoàn Kiếm"),
        commented("  date: null", "ngày ký, dạng 2025-10-10; null khi chưa ký"),
        commented("  kind: KẾ HOẠCH", "tên loại văn bản"),
        commented(f"  title: {scalar(f'Cải tiến chất lượng giáo dục năm học {year}')}", "trích yếu"),
        commented("signer:", "người ký"),
        commented("  authority: null", "KT., TM., Q.… khi ký thay; null khi hiệu trưởng ký"),
        commented("  position: HIỆU TRƯỞNG", "chức vụ"),
        commented("  deputy_position: null", "chức vụ người ký thay, khi có KT."),
        commented("  name: null", "họ và tên người ký; null khi chưa ký"),
        commented("recipients:", "nơi nhận, mỗi nơi một dòng bắt đầu bằng “- ”"),
        "  - Lưu VT.",
        commented("legal_bases:", "căn cứ; in ở dòng <!-- legal-bases --> của phần nội dung"),
    ]
    for document in bases:
        lines.append(commented(f"  - ref: {document.id}", "mã văn bản trong danh mục; bỏ dòng này nếu không có"))
        lines.append(f"    text: {scalar(legal_basis_text(document))}")
    return lines


def _table() -> list[str]:
    lines = [
        commented("self_assessment:", "kết quả tự đánh giá khi lập kế hoạch"),
        commented("  report: null", "báo cáo tự đánh giá làm căn cứ, như trường ghi"),
        commented("  level: null", "mức trường đã đạt: 1, 2, 3 hoặc 4"),
        commented("  counts: []", "số tiêu chí đạt theo mức: - {level: 1, met: 25, total: 25}"),
        commented("  text: null", "câu chữ gốc về kết quả tự đánh giá"),
        commented("table:", "bảng cải tiến, in ở dòng <!-- improvement-table -->"),
        commented("  columns:", "các cột, theo thứ tự và tiêu đề của trường (cột TT luôn có)"),
    ]
    for column in DEFAULT_COLUMNS:
        field = column["field"]
        lines.append(f"    - {{field: {field}, label: {scalar(COLUMN_FIELDS[field], flow=True)}}}")
    lines.append(commented("  note: null", "ghi chú về bảng, nếu cần"))
    return lines


def blank_plan_text(school_name: str, year: str, framework: Framework,
                    documents: dict[str, LegalDocument]) -> str:
    """The whole file: front matter with comments, then the body with its sections and reminders."""
    bases = [documents[framework.document]] if framework.document in documents else []
    lines = ["---", *_header(school_name, year, framework, bases), *_table(),
             commented("entries:", "mỗi tiêu chí cần cải tiến một mục; dưới đây mỗi tiêu chuẩn một mục mẫu")]
    for index, standard in enumerate(framework.standards):
        lines += _entry(standard.criteria[0].id, full=index == 0)
    written = {line.split(":", 1)[0] for line in lines if re.match(r"^\w+:", line)}
    lines += [commented(f"{name}: {_empty(Plan, name)}", _comment(Plan, name, PLAN_COMMENTS))
              for name in Plan.model_fields if name not in written and name != "source_note"]
    lines += [commented("source_note: null", "chỉ khi chép lại từ bản quét: ghi chú về bản gốc"), "---", ""]
    return "\n".join(lines) + BODY.format(year=year, reminder=TEMPLATE_REMINDER)


BODY = """
## I. MỤC ĐÍCH, YÊU CẦU

{reminder} ghi mục đích, yêu cầu của kế hoạch như văn bản của trường. Xóa dòng nhắc này khi đã viết. -->

## II. CĂN CỨ XÂY DỰNG KẾ HOẠCH

<!-- legal-bases -->

## III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG

<!-- improvement-table -->

## IV. TỔ CHỨC THỰC HIỆN

{reminder} ghi phân công thực hiện năm học {year}. Người ký và nơi nhận không viết ở đây: chúng nằm ở phần
thông tin đầu tệp (signer, recipients). Xóa dòng nhắc này khi đã viết. -->
"""


TEMPLATE_YEAR = "2025-2026"
TEMPLATES_DIR = Path("huong-dan") / "mau"


def template_name(framework_id: str) -> str:
    return f"ke-hoach-trong-{framework_id}.txt"


def table_frameworks(catalogue: Catalogue) -> list[Framework]:
    """Frameworks whose plans are one table (the 2018 guidance): those no sectioned form (2026) is made for."""
    sectioned = {form.document for form in catalogue.forms.values() if form.sectioned}
    return [f for f in catalogue.frameworks.values() if f.document not in sectioned]


def write_templates(docs_dir: Path, catalogue: Catalogue) -> list[Path]:
    """One blank plan per table framework under <docs>/huong-dan/mau/, for schools working in a browser only."""
    folder = docs_dir / TEMPLATES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for framework in table_frameworks(catalogue):
        target = folder / template_name(framework.id)
        target.write_text(blank_plan_text("<tên trường>", TEMPLATE_YEAR, framework, catalogue.documents),
                          encoding="utf-8")
        written.append(target)
    return written
