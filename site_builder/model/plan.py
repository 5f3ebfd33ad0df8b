"""The typed model of a school and of its yearly improvement plan.

These pydantic classes are the single definition of the plan format: the
validator checks files against them, the JSON Schema is generated from them,
and every renderer (web page, PDF, open data) reads them.

Keys are English (stable identifiers); enumerated values are the Vietnamese
words school staff already use ("Đạt", "đã hoàn thành", "mầm non").
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .lost import IssueDate, Lost, or_lost

SCHOOL_YEAR_RE = r"^(\d{4})-(\d{4})$"
MONTH_RE = r"^\d{4}-(0[1-9]|1[0-2])$"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # school years and dates outside these are typing mistakes
MAX_AMOUNT = 10**13  # đồng; a school's whole yearly budget is far below
SHA256_RE = r"^[0-9a-f]{64}$"


def _date_in_range(value: Any) -> Any:
    """A date (or a partial date "2023-09" / "2023") within FIRST_YEAR..LAST_YEAR; a lost marker passes."""
    if isinstance(value, dt.date):
        year: int | None = value.year
    elif isinstance(value, str) and value[:4].isdigit():
        year = int(value[:4])
    else:
        year = None
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError("date_out_of_range")
    return value


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo never silently drops text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, use_enum_values=False)


class SchoolLevel(StrEnum):
    preschool = "mầm non"
    primary = "tiểu học"
    lower_secondary = "THCS"
    upper_secondary = "THPT"
    multi_level = "nhiều cấp"
    continuing = "GDTX"  # trung tâm GDTX, GDNN-GDTX (Phụ lục III of the 2026 framework)


class Result(StrEnum):
    met = "Đạt"
    not_met = "Chưa đạt"


class TargetKind(StrEnum):
    maintain = "giữ vững"
    raise_ = "nâng lên"


class Status(StrEnum):
    not_started = "chưa thực hiện"
    in_progress = "đang thực hiện"
    done = "đã hoàn thành"


Month = Annotated[str, Field(pattern=MONTH_RE, description="Tháng, dạng NĂM-THÁNG, ví dụ 2024-09.")]
Text = Annotated[str, Field(description="Văn bản do nhà trường viết, giữ nguyên câu chữ.")]


# --------------------------------------------------------------------------- reviewed personal data


class ReviewedLine(Strict):
    """A line the school has checked: what looks like personal data there is not (e.g. the school's own phone)."""

    line: str | None = Field(None, description="Dòng văn bản đã rà soát, chép nguyên văn (không kể dấu cách đầu dòng).")
    sha256: str | None = Field(
        None, pattern=SHA256_RE, description="Hoặc mã SHA-256 của dòng đó, như thông báo kiểm tra đưa ra."
    )
    reason: Text = Field(min_length=1, description="Vì sao đây không phải thông tin cá nhân cần ẩn.")

    @model_validator(mode="after")
    def _line_or_hash(self) -> ReviewedLine:
        if (self.line is None) == (self.sha256 is None):
            raise ValueError("reviewed_line_or_hash")
        return self


ReviewedPersonalData = Annotated[
    list[ReviewedLine],
    Field(description="Những dòng đã rà soát, trông như thông tin cá nhân (số điện thoại, CCCD, email, ngày sinh) "
          "nhưng được phép công khai; cảnh báo về các dòng này không hiện nữa."),
]


def _int_as_text(value: Any) -> Any:
    """A whole number written without quotes (issue: 1, standard: 2) is the same as its text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Code = Annotated[str, BeforeValidator(_int_as_text)]


class BasisKind(StrEnum):
    """What a căn cứ is, for section II of the 2026 form (keys of catalogue/forms/tt-2026.yml, section II)."""

    self_assessment_report = "self_assessment_report"
    previous_plan_review = "previous_plan_review"
    school_year_plan = "school_year_plan"
    other = "other"


# --------------------------------------------------------------------------- school


class School(Strict):
    """plans/<slug>/school.yml: what is written once per school."""

    name: str | None = Field(
        description="Tên chính thức của trường, ví dụ “Trường Tiểu học Quang Trung”. "
        "Để trống (null) chỉ khi văn bản gốc không ghi tên, kèm name_note."
    )
    name_note: Text | None = Field(None, description="Ghi chú khi tên trường chưa rõ.")
    short_name: str | None = Field(None, description="Tên viết tắt dùng trong số ký hiệu, ví dụ THQT.")
    level: SchoolLevel = Field(description="Cấp học: mầm non, tiểu học, THCS, THPT, nhiều cấp hoặc GDTX.")
    governing_body: str | None = Field(
        description="Cơ quan chủ quản, viết hoa như trên văn bản, ví dụ “UBND QUẬN NGÔ QUYỀN”."
    )
    address: str | None = Field(None, description="Địa chỉ (số nhà, đường).")
    commune: str | None = Field(None, description="Xã / phường / thị trấn.")
    district: str | None = Field(None, description="Quận / huyện (nếu có).")
    province: str | None = Field(None, description="Tỉnh / thành phố trực thuộc trung ương.")
    website: str | None = Field(None, description="Trang thông tin điện tử của trường (https://…).")
    framework: str = Field(description="Bộ tiêu chuẩn mặc định, mã trong catalogue/frameworks, ví dụ tt17-2018.")
    notes: Text | None = Field(None, description="Ghi chú khác về trường.")
    reviewed_personal_data: ReviewedPersonalData = Field(default_factory=list)

    @field_validator("website")
    @classmethod
    def _website_is_http(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError("website_scheme")
        return value


# --------------------------------------------------------------------------- plan parts


class Signer(Strict):
    authority: str | None = Field(
        None, description="Quyền hạn ký: KT., TM., Q., TL., TUQ. Để trống khi người đứng đầu ký trực tiếp."
    )
    position: or_lost(str) = Field(description="Chức vụ, ví dụ HIỆU TRƯỞNG.")
    deputy_position: str | None = Field(
        None, description="Chức vụ của người ký thay khi có KT., ví dụ PHÓ HIỆU TRƯỞNG."
    )
    name: or_lost(str) | None = Field(
        None, description="Họ và tên người ký. Để trống (null) khi chưa ký; đánh dấu mất khi bản gốc bị mất chỗ này."
    )


class Document(Strict):
    """The administrative header of the plan (Nghị định 30/2020, Mẫu 1.4)."""

    governing_body: or_lost(str) | None = Field(
        None, description="Cơ quan chủ quản, chỉ ghi khi khác với school.yml."
    )
    number: or_lost(str) | None = Field(
        None, description="Số ký hiệu, ví dụ 32/KHCTCL-THQT (không ghi chữ “Số:”). Để trống (null) khi văn bản "
        "chưa có số (bản dự thảo); đánh dấu mất khi bản gốc có số nhưng bản chép bị mất."
    )
    place: or_lost(str) | None = Field(None, description="Địa danh ghi trước ngày tháng, ví dụ Vạn Mỹ.")
    date: or_lost(IssueDate) | None = Field(
        None, description="Ngày ký, dạng NĂM-THÁNG-NGÀY, ví dụ 2024-10-10; chỉ NĂM-THÁNG (2023-09) hoặc NĂM "
        "(2023) khi bản gốc chỉ ghi đến đó. Để trống (null) khi chưa ký; đánh dấu mất khi bản gốc bị mất ngày."
    )
    kind: str = Field("KẾ HOẠCH", description="Tên loại văn bản.")
    title: or_lost(Text) = Field(
        description="Trích yếu nội dung, ví dụ “Cải tiến chất lượng giáo dục năm học 2024-2025”."
    )

    _date_range = field_validator("date")(_date_in_range)

    @property
    def issued_on(self) -> dt.date | None:
        """The signing date when the plan gives it in full (not a draft's, a partial or a lost one)."""
        return self.date if isinstance(self.date, dt.date) else None


class LegalBasis(Strict):
    ref: str | None = Field(None, description="Mã văn bản trong catalogue/legal-documents.yml, nếu có.")
    text: Text = Field(description="Câu căn cứ như nhà trường viết.")
    kind: BasisKind | None = Field(
        None, description="Mẫu năm 2026, mục II: self_assessment_report (báo cáo tự đánh giá), previous_plan_review "
        "(kết quả rà soát kế hoạch năm trước), school_year_plan (kế hoạch năm học), other (căn cứ khác)."
    )


class LevelCount(Strict):
    level: int = Field(ge=1, le=4, description="Mức (1–4).")
    met: int = Field(ge=0, le=1000, description="Số tiêu chí đạt mức này.")
    total: int = Field(ge=0, le=1000, description="Tổng số tiêu chí của mức này.")

    @model_validator(mode="after")
    def _met_not_above_total(self) -> LevelCount:
        if self.met > self.total:
            raise ValueError("met_above_total")
        return self


class CriterionAssessment(Strict):
    """The self-assessment result of one criterion (2026 framework: Mức 1, then Mức 2)."""

    criterion: str = Field(description="Mã tiêu chí, ví dụ 1.3 (đặt trong ngoặc kép).")
    level_1: Result | None = Field(None, description="Kết quả ở Mức 1: Đạt hoặc Chưa đạt; để trống nếu chưa đánh giá.")
    level_2: Result | None = Field(None, description="Kết quả ở Mức 2 (chỉ xét khi đạt Mức 1); để trống nếu chưa xét.")
    text: Text | None = Field(None, description="Cách ghi gốc.")


class SelfAssessmentStatus(Strict):
    """Where the school stood when it wrote the plan."""

    report: Text | None = Field(None, description="Báo cáo tự đánh giá làm căn cứ, như nhà trường ghi.")
    level: int | None = Field(None, ge=1, le=4, description="Mức đánh giá trường đã đạt.")
    counts: list[LevelCount] = Field(default_factory=list, description="Số tiêu chí đạt theo từng mức.")
    results: list[CriterionAssessment] = Field(
        default_factory=list,
        description="Kết quả tự đánh giá từng tiêu chí (bộ tiêu chí 2026), để tính mức của trường.",
    )
    text: Text | None = Field(None, description="Câu chữ gốc nói về kết quả tự đánh giá.")


class CriterionResult(Strict):
    result: Result | None = Field(None, description="Kết quả tự đánh giá: Đạt hoặc Chưa đạt.")
    level: int | None = Field(None, ge=1, le=4, description="Mức tự đánh giá đạt được.")
    text: Text | None = Field(None, description="Cách ghi gốc, ví dụ “CĐ”.")


class Target(Strict):
    level: int | None = Field(None, ge=1, le=4, description="Mức cần đạt.")
    kind: TargetKind | None = Field(None, description="giữ vững hoặc nâng lên; để trống nếu văn bản không nói.")
    text: Text | None = Field(None, description="Cách ghi gốc, ví dụ “Giữ vững Mức 2”.")


class Timeline(Strict):
    start: Month | None = Field(None, description="Tháng bắt đầu, ví dụ 2024-09.")
    end: Month | None = Field(None, description="Tháng hoàn thành, ví dụ 2025-05.")
    text: Text | None = Field(None, description="Cách ghi gốc, ví dụ “Từ tháng 9/2024 đến tháng 5/2025”.")

    @model_validator(mode="after")
    def _start_before_end(self) -> Timeline:
        if self.start and self.end and self.start > self.end:
            raise ValueError("timeline_reversed")
        return self


class Budget(Strict):
    amount: int | None = Field(None, ge=0, lt=MAX_AMOUNT,
                               description="Số tiền, đơn vị đồng, chỉ ghi chữ số, ví dụ 10000000 "
                               "(dưới 10.000.000.000.000 đồng).")
    text: Text | None = Field(None, description="Cách ghi gốc hoặc nguồn kinh phí khi không có số tiền.")


class Problem(Strict):
    """Biểu 2 (2026 framework): the problem an entry addresses."""

    current_state: Text | None = Field(None, description="Hiện trạng.")
    limitations: Text | None = Field(None, description="Hạn chế.")
    causes: Text | None = Field(None, description="Nguyên nhân.")


class Review(Strict):
    """A dated progress review of one entry (sơ kết học kỳ I, tổng kết năm)."""

    date: dt.date = Field(description="Ngày rà soát.")
    status: Status = Field(description="Mức độ hoàn thành khi rà soát.")
    text: Text | None = Field(None, description="Nhận xét.")
    _from_plan_review: bool = PrivateAttr(False)  # copied from a plan-level review (section VI), not written here

    @property
    def from_plan_review(self) -> bool:
        return self._from_plan_review

    _date_range = field_validator("date")(_date_in_range)


class Entry(Strict):
    """One row of the improvement table, about one criterion."""

    criterion: str = Field(description="Mã tiêu chí trong bộ tiêu chuẩn, ví dụ 1.4.")
    criterion_title: or_lost(Text) | None = Field(
        None, description="Tên tiêu chí như nhà trường ghi, nếu khác tên chính thức."
    )
    self_assessment: or_lost(CriterionResult) | None = Field(None, description="Kết quả tự đánh giá của tiêu chí.")
    target: or_lost(Target) | None = Field(None, description="Mức cần đạt.")
    current_state: or_lost(Text) | None = Field(None, description="Hiện trạng, điểm yếu.")
    expected_result: or_lost(Text) | None = Field(None, description="Kết quả cần đạt.")
    actions_intro: or_lost(Text) | None = Field(None, description="Câu dẫn trước danh sách công việc, nếu có.")
    actions: or_lost(list[or_lost(Text)]) = Field(
        default_factory=list, description="Công việc / giải pháp, mỗi ý một dòng."
    )
    lead: or_lost(Text) | None = Field(None, description="Chủ trì / người phụ trách.")
    partners: or_lost(Text) | None = Field(None, description="Phối hợp thực hiện.")
    timeline: or_lost(Timeline) | None = Field(None, description="Thời gian thực hiện và hoàn thành.")
    budget: or_lost(Budget) | None = Field(None, description="Dự kiến kinh phí.")
    support: or_lost(Text) | None = Field(None, description="Điều kiện hỗ trợ khác / điều kiện thực hiện.")
    notes: or_lost(Text) | None = Field(None, description="Ghi chú.")
    status: or_lost(Status) | None = Field(
        None, description="Tình trạng: chưa thực hiện, đang thực hiện, đã hoàn thành."
    )
    # Biểu 2 of the 2026 framework
    problem: or_lost(Problem) | None = Field(None, description="Vấn đề cần cải tiến (Biểu 2, 2026).")
    objective: or_lost(Text) | None = Field(None, description="Mục tiêu (Biểu 2, 2026).")
    indicators: or_lost(list[or_lost(Text)]) = Field(default_factory=list, description="Chỉ số đo mức độ thành công.")
    resources: or_lost(Text) | None = Field(None, description="Nguồn lực.")
    evidence: or_lost(list[or_lost(Text)]) = Field(default_factory=list, description="Minh chứng dự kiến.")
    reviews: list[Review] = Field(default_factory=list, description="Các lần rà soát tiến độ, có ngày.")
    # Mục V of the 2026 form (catalogue/forms/tt-2026.yml): a row that addresses an issue of mục IV
    issue: Code | None = Field(None, description="Mẫu năm 2026: mã vấn đề ở mục IV mà dòng này giải quyết, ví dụ 1.")
    content: Text | None = Field(None, description="Mẫu năm 2026, cột (2): nội dung cải tiến.")
    implementation_level: Text | None = Field(
        None, description="Mẫu năm 2026, cột (10): mức độ thực hiện, ví dụ Hoàn thành, Đang thực hiện, Chưa hoàn thành."
    )
    source_note: Text | None = Field(
        None, description="Ghi chú của người nhập liệu về chỗ văn bản gốc bị mất hoặc hỏng. Không bịa nội dung."
    )

    @property
    def status_lost(self) -> bool:
        """The source had a status here that the copy lost (model.lost)."""
        return isinstance(self.status, Lost)

    @property
    def current_status(self) -> Status | None:
        """The status the school wrote, else that of the latest dated review, else None (not recorded, or
        lost in the source: see status_lost)."""
        if isinstance(self.status, Status):
            return self.status
        return max(self.reviews, key=lambda r: r.date).status if self.reviews else None


# Columns a school may show in its table, in its own order and wording.
COLUMN_FIELDS: dict[str, str] = {
    "criterion": "Tiêu chuẩn, tiêu chí",
    "self_assessment": "Kết quả tự đánh giá",
    "target": "Mức cần đạt",
    "current_state": "Hiện trạng",
    "expected_result": "Kết quả cần đạt",
    "actions": "Công việc / giải pháp",
    "lead": "Người phụ trách",
    "lead_partners": "Chủ trì và phối hợp thực hiện",
    "timeline": "Thời gian thực hiện",
    "budget": "Dự kiến kinh phí",
    "support": "Điều kiện hỗ trợ khác",
    "notes": "Ghi chú",
    "status": "Tình trạng",
    "problem": "Vấn đề (hiện trạng, hạn chế, nguyên nhân)",
    "objective": "Mục tiêu",
    "indicators": "Chỉ số",
    "resources": "Nguồn lực",
    "evidence": "Minh chứng dự kiến",
}

ColumnField = Enum("ColumnField", {name: name for name in COLUMN_FIELDS}, type=str)  # type: ignore[misc]


class Column(Strict):
    field: ColumnField = Field(description="Trường dữ liệu hiển thị ở cột này.")  # type: ignore[valid-type]
    label: or_lost(str) | None = Field(
        None, description="Tiêu đề cột như nhà trường ghi; đánh dấu mất khi dòng tiêu đề của bảng bị mất."
    )

    @property
    def heading(self) -> str:
        """The school's heading, else the default one (also when the school's heading was lost)."""
        return self.label if isinstance(self.label, str) and self.label else COLUMN_FIELDS[self.field.value]

    @property
    def heading_lost(self) -> bool:
        return isinstance(self.label, Lost)


DEFAULT_COLUMNS: list[dict[str, str]] = [
    {"field": "criterion"},
    {"field": "expected_result"},
    {"field": "actions"},
    {"field": "lead_partners"},
    {"field": "timeline"},
    {"field": "budget"},
    {"field": "support"},
    {"field": "notes"},
]


class Table(Strict):
    columns: list[Column] = Field(
        default_factory=lambda: [Column.model_validate(c) for c in DEFAULT_COLUMNS],
        min_length=1,
        description="Các cột của bảng cải tiến, theo thứ tự và tiêu đề của nhà trường (cột TT luôn có).",
    )
    note: Text | None = Field(None, description="Ghi chú về bảng, ví dụ tiêu đề cột bị mất ở bản gốc.")


class GeneralInfo(Strict):
    """Mục I of the 2026 form; what is missing is taken from school.yml."""

    name: Text | None = Field(None, description="Tên cơ sở giáo dục; mặc định lấy tên trong school.yml.")
    type: Text | None = Field(None, description="Loại hình, ví dụ Công lập.")
    address: Text | None = Field(None, description="Địa chỉ; mặc định lấy từ school.yml.")
    details: Text | None = Field(None, description="Thông tin khác: số lớp, số học sinh, đội ngũ…")


class Issue(Strict):
    """One row of mục IV of the 2026 form: a priority issue to improve."""

    id: Code | None = Field(None, description="Mã vấn đề để dòng ở mục V dẫn tới; mặc định là số thứ tự (1, 2, …).")
    standard: Code | None = Field(None, description="Tiêu chuẩn, ví dụ 2.")
    related_criteria: list[str] = Field(
        default_factory=list, description="Tiêu chí liên quan (nếu có), ví dụ [\"2.3\"]."
    )
    current_state: Text | None = Field(None, description="Đánh giá hiện trạng.")
    limitation: Text | None = Field(None, description="Điểm hạn chế.")
    cause: Text | None = Field(None, description="Nguyên nhân của hạn chế.")
    note: Text | None = Field(None, description="Ghi chú (ví dụ: chuyển từ kế hoạch năm trước).")


class ReviewRow(Strict):
    """One row of mục VI: what was monitored at a review and what came of it."""

    issue: Code | None = Field(None, description="Mã vấn đề ở mục IV được theo dõi; các dòng mục V của vấn đề đó "
                               "nhận lần rà soát này.")
    content: Text | None = Field(None, description="Nội dung theo dõi; mặc định là nội dung cải tiến của vấn đề.")
    result: Text | None = Field(None, description="Kết quả thực hiện.")
    adjustment: Text | None = Field(None, description="Điều chỉnh (nếu có).")
    reviewer: Text | None = Field(None, description="Người đánh giá, nếu khác người đánh giá của lần rà soát.")
    status: Status | None = Field(None, description="Tình trạng của các dòng mục V khi rà soát.")


class PlanReview(Strict):
    """One review of mục VI (cuối học kỳ I, cuối năm học); the same data as Entry.reviews."""

    date: dt.date | None = Field(None, description="Ngày rà soát; để trống khi mới dự kiến.")
    when: Text | None = Field(None, description="Thời điểm như nhà trường ghi, ví dụ Cuối học kỳ I.")
    reviewer: Text | None = Field(None, description="Người đánh giá, ví dụ Hội đồng tự đánh giá.")
    rows: list[ReviewRow] = Field(default_factory=list, description="Các nội dung theo dõi.")

    _date_range = field_validator("date")(_date_in_range)


class Organisation(Strict):
    """Mục VII of the 2026 form."""

    head: Text | None = Field(None, description="Người đứng đầu cơ sở giáo dục.")
    council: Text | None = Field(None, description="Hội đồng tự đánh giá.")
    units: Text | None = Field(None, description="Các tổ chuyên môn và bộ phận liên quan.")
    other: Text | None = Field(None, description="Nội dung khác (nếu có).")


def _criteria_from_issues(data: Any) -> Any:
    """A row of mục V without its own criterion takes the first related criterion of its issue (raw data copy)."""
    if not (isinstance(data, dict) and isinstance(data.get("issues"), list) and isinstance(data.get("entries"), list)):
        return data
    first: dict[str, str] = {}
    for number, issue in enumerate(data["issues"], start=1):
        if isinstance(issue, dict) and isinstance(issue.get("related_criteria"), list) and issue["related_criteria"]:
            key = _int_as_text(issue["id"]) if issue.get("id") is not None else str(number)
            first[str(key)] = issue["related_criteria"][0]
    entries = []
    for entry in data["entries"]:
        issue = _int_as_text(entry.get("issue")) if isinstance(entry, dict) else None
        if isinstance(entry, dict) and "criterion" not in entry and issue in first:
            entry = {**entry, "criterion": first[issue]}
        entries.append(entry)
    return {**data, "entries": entries}


class Plan(Strict):
    """The YAML front matter of plans/<school>/<YYYY-YYYY>.md."""

    school_year: str = Field(pattern=SCHOOL_YEAR_RE, description="Năm học, ví dụ 2024-2025; phải trùng tên tệp.")
    framework: str | None = Field(
        None, description="Bộ tiêu chuẩn, mã trong catalogue/frameworks; mặc định lấy từ school.yml."
    )
    document: Document = Field(description="Phần đầu văn bản: số ký hiệu, địa danh, ngày, trích yếu.")
    signer: or_lost(Signer) | None = Field(
        None, description="Người ký. Để trống (null) khi văn bản chưa ký; đánh dấu mất khi bản gốc bị mất phần chữ ký."
    )
    recipients: or_lost(list[Text]) = Field(default_factory=list, description="Nơi nhận, mỗi nơi một dòng.")
    legal_bases: list[LegalBasis] = Field(default_factory=list, description="Căn cứ xây dựng kế hoạch.")
    self_assessment: SelfAssessmentStatus | None = Field(None, description="Kết quả tự đánh giá khi lập kế hoạch.")
    table: or_lost(Table) = Field(
        default_factory=Table,
        description="Cách trình bày bảng cải tiến; đánh dấu mất khi cả bảng cải tiến bị mất trong bản gốc "
        "(khi đó không ghi entries).",
    )
    entries: list[Entry] = Field(default_factory=list, description="Các dòng của bảng cải tiến, mỗi dòng một tiêu chí.")
    form: str | None = Field(
        None, description="Mẫu kế hoạch, mã trong catalogue/forms: tt-2026 (mẫu năm 2026, mục I–VIII); "
        "để trống là bảng theo hướng dẫn năm 2018."
    )
    general_info: GeneralInfo | None = Field(None, description="Mẫu năm 2026, mục I: thông tin chung.")
    issues: list[Issue] = Field(default_factory=list, description="Mẫu năm 2026, mục IV: các vấn đề trọng tâm.")
    reviews: list[PlanReview] = Field(default_factory=list, description="Mẫu năm 2026, mục VI: các lần rà soát.")
    organisation: Organisation | None = Field(None, description="Mẫu năm 2026, mục VII: tổ chức thực hiện.")
    source_note: Text | None = Field(None, description="Ghi chú của người nhập liệu về văn bản gốc.")
    archived: bool = Field(
        False, description="Ghi true khi kế hoạch không còn hiệu lực: kế hoạch vẫn được công khai (trang, PDF, dữ "
        "liệu mở) kèm dấu “Đã lưu trữ”. Trong thời hạn lưu giữ (Thông tư 09/2024/TT-BGDĐT) không được xóa tệp "
        "kế hoạch; hãy lưu trữ thay vì xóa."
    )
    archive_note: Text | None = Field(None, description="Lý do lưu trữ, ví dụ “Đã được thay bằng kế hoạch điều chỉnh”.")
    reviewed_personal_data: ReviewedPersonalData = Field(default_factory=list)

    _criteria_from_issues = model_validator(mode="before")(_criteria_from_issues)

    @model_validator(mode="after")
    def _issue_ids_and_reviews(self) -> Plan:
        """Issues without an id get their number; each dated review row with a status becomes a review of the
        rows of mục V that address its issue (Entry.reviews), so mục VI and per-entry progress are one data."""
        for number, issue in enumerate(self.issues, start=1):
            if issue.id is None:
                issue.id = str(number)
        for review in self.reviews:
            for row in review.rows:
                if review.date is None or row.issue is None or row.status is None:
                    continue
                for entry in self.entries:
                    if entry.issue == row.issue:
                        derived = Review(date=review.date, status=row.status, text=row.result)
                        derived._from_plan_review = True
                        entry.reviews.append(derived)
                        entry.reviews.sort(key=lambda r: r.date)
        return self

    @field_validator("school_year")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        first, second = (int(x) for x in value.split("-"))
        if second != first + 1:
            raise ValueError("school_year_not_consecutive")
        if not FIRST_YEAR <= first < LAST_YEAR:
            raise ValueError("school_year_out_of_range")
        return value

    @property
    def first_year(self) -> int:
        return int(self.school_year[:4])


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of the plan front matter, for editors and docs."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kế hoạch cải tiến chất lượng giáo dục"
    return schema


def school_json_schema() -> dict[str, Any]:
    schema = School.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Thông tin trường"
    return schema
