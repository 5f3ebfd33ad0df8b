"""The law as data, typed: criteria frameworks, plan forms, legal documents, abbreviations, disclosure rules.

source.catalogue reads catalogue/ into these objects. Adding a framework
or a circular is a new YAML file, not a code change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .plan import SchoolLevel


class Confidence(StrEnum):
    confirmed = "confirmed"
    secondary = "secondary"
    unverified = "unverified"


CONFIDENCE_LABELS = {
    Confidence.confirmed: "Đã đối chiếu với văn bản chính thức",
    Confidence.secondary: "Theo nguồn thứ cấp, chưa đối chiếu văn bản gốc",
    Confidence.unverified: "Chưa kiểm chứng",
}


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Verification(_Data):
    status: Confidence
    source: str
    note: str | None = None

    @property
    def label(self) -> str:
        return CONFIDENCE_LABELS[self.status]


class Criterion(_Data):
    id: str
    title: str
    levels: list[int] = Field(default_factory=lambda: [1, 2, 3])
    verification: Verification | None = None
    title_variants: dict[str, str] = Field(default_factory=dict)

    def title_for(self, level: str | None) -> str:
        """The wording of the appendix that fits a school level (title_variants), else the default title."""
        return self.title_variants.get(level or "", self.title)


class Standard(_Data):
    id: str
    title: str
    criteria: list[Criterion]
    verification: Verification | None = None
    title_variants: dict[str, str] = Field(default_factory=dict)

    def title_for(self, level: str | None) -> str:
        return self.title_variants.get(level or "", self.title)


class Framework(_Data):
    id: str
    name: str
    document: str
    school_levels: list[SchoolLevel]
    levels: list[int]
    level_notes: str | None = None
    mandatory_criteria: list[str] = Field(default_factory=list)
    appendices: dict[str, str] = Field(default_factory=dict)  # school level -> appendix, e.g. "Phụ lục I"
    verification: Verification
    standards: list[Standard]

    def appendix_for(self, level: str | None) -> str | None:
        return self.appendices.get(level or "")

    @property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for s in self.standards for c in s.criteria}

    def standard_of(self, criterion_id: str) -> Standard | None:
        for standard in self.standards:
            if any(c.id == criterion_id for c in standard.criteria):
                return standard
        return None

    def criterion_verification(self, criterion_id: str) -> Verification:
        crit = self.criteria[criterion_id]
        standard = self.standard_of(criterion_id)
        return crit.verification or (standard and standard.verification) or self.verification


class SectionKind(StrEnum):
    text = "text"
    table = "table"
    prescribed_text = "prescribed_text"


class FormItem(_Data):
    """A numbered item of a form section: a sub-heading the school fills, or prescribed text."""

    label: str
    text: str
    key: str | None = None  # the plan field that fills this item (sections I, II, VII)
    items: list[FormItem] = Field(default_factory=list)


class FormColumn(_Data):
    key: str  # stable English key, never renamed; present maps it to plan data
    heading: str
    number: int | None = None
    allowed_values: list[str] = Field(default_factory=list)
    note: str | None = None
    verification: Verification | None = None


class FormSection(_Data):
    number: str | None = None
    title: str
    kind: SectionKind
    items: list[FormItem] = Field(default_factory=list)
    columns: list[FormColumn] = Field(default_factory=list)
    after_text: str | None = None
    verification: Verification | None = None

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def column(self, key: str) -> FormColumn | None:
        return next((c for c in self.columns if c.key == key), None)


class FormRule(_Data):
    id: str
    text: str
    article: str | None = None
    document: str
    data: dict[str, Any] | None = None
    verification: Verification


class Form(_Data):
    """An improvement-plan form (catalogue/forms/<id>.yml): its sections, columns, prescribed text and rules."""

    id: str
    name: str
    document: str
    related_documents: list[str] = Field(default_factory=list)
    school_levels: list[SchoolLevel]
    verification: Verification
    sections: list[FormSection]
    rules: list[FormRule] = Field(default_factory=list)

    @property
    def sectioned(self) -> bool:
        """Numbered sections (the 2026 form, I–VIII), as opposed to one table (the 2018 guidance)."""
        return any(s.number for s in self.sections)

    def section(self, number: str) -> FormSection | None:
        return next((s for s in self.sections if s.number == number), None)

    def rule(self, rule_id: str) -> FormRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def section_verification(self, section: FormSection) -> Verification:
        return section.verification or self.verification

    def column_verification(self, section: FormSection, column: FormColumn) -> Verification:
        return column.verification or self.section_verification(section)


class LegalDocument(_Data):
    id: str
    number: str
    kind: str
    issuer: str
    date: dt.date | None = None
    effective: dt.date | None = None
    title: str
    replaces: list[str] = Field(default_factory=list)
    amended_by: list[str] = Field(default_factory=list)
    replaced_by: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    verification: Verification

    @property
    def label(self) -> str:
        return f"{self.kind} {self.number}"


class Abbreviation(_Data):
    abbr: str
    full: str
    source: str
    verification: Verification | None = None


class Deadline(_Data):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


class DisclosureRule(_Data):
    id: str
    document: str
    article: str | None = None
    text: str
    deadline: Deadline | None = None
    update_within_working_days: int | None = None
    retention_years: int | None = None
    verification: Verification


class ReviewCheckpoint(_Data):
    """A progress review a plan expects in each school year (sơ kết học kỳ I, tổng kết năm học)."""

    id: str
    label: str
    document: str
    article: str | None = None
    text: str
    months: list[int] = Field(min_length=1)  # months of the school year whose reviews count for this checkpoint
    due: Deadline  # in the school year's first calendar year for months 9-12, else its second
    verification: Verification


class _DocumentsFile(_Data):
    documents: list[LegalDocument]


class _AbbreviationsFile(_Data):
    abbreviations: list[Abbreviation]


class _DisclosureFile(_Data):
    rules: list[DisclosureRule]


class _ReviewsFile(_Data):
    checkpoints: list[ReviewCheckpoint]


@dataclass
class Catalogue:
    frameworks: dict[str, Framework] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    documents: dict[str, LegalDocument] = field(default_factory=dict)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    disclosure: list[DisclosureRule] = field(default_factory=list)
    review_checkpoints: list[ReviewCheckpoint] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def rule(self, rule_id: str) -> DisclosureRule | None:
        """The disclosure rule with this id (e.g. publish-annual, update-on-change, retention), if catalogued."""
        return next((r for r in self.disclosure if r.id == rule_id), None)
