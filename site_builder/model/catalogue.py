"""The law as data, typed: criteria frameworks, legal documents, abbreviations, disclosure rules.

source.catalogue reads catalogue/ into these objects. Adding a framework
or a circular is a new YAML file, not a code change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

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


class Standard(_Data):
    id: str
    title: str
    criteria: list[Criterion]
    verification: Verification | None = None


class Framework(_Data):
    id: str
    name: str
    document: str
    school_levels: list[SchoolLevel]
    levels: list[int]
    level_notes: str | None = None
    mandatory_criteria: list[str] = Field(default_factory=list)
    verification: Verification
    standards: list[Standard]

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
    documents: dict[str, LegalDocument] = field(default_factory=dict)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    disclosure: list[DisclosureRule] = field(default_factory=list)
    review_checkpoints: list[ReviewCheckpoint] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def rule(self, rule_id: str) -> DisclosureRule | None:
        """The disclosure rule with this id (e.g. publish-annual, update-on-change, retention), if catalogued."""
        return next((r for r in self.disclosure if r.id == rule_id), None)
