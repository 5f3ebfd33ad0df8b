"""The validated, typed project that every renderer reads."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from ..diagnostics import Finding, Severity
from .catalogue import Catalogue, Criterion, Form, Framework, Standard
from .history import FileHistory, RepoHistory
from .plan import Budget, Entry, Plan, School, Status


@dataclass
class SchoolDoc:
    slug: str
    rel: str
    school: School

    @property
    def display_name(self) -> str:
        return self.school.name or f"Trường {self.school.level.value} (chưa rõ tên)"


@dataclass
class EntryGroup:
    """Entries of one standard, in the order the school wrote them."""

    standard: Standard
    entries: list[tuple[Entry, Criterion]]


@dataclass
class PlanDoc:
    school: SchoolDoc
    rel: str
    plan: Plan
    framework: Framework
    body: str
    source_text: str
    path: Path
    history: FileHistory | None = None  # commits touching the plan file, from one pass over git log
    form: Form | None = None  # the plan's form when it names one (plan.form), e.g. the 2026 form
    example: bool = False  # an example plan (examples/): published in the guide, never among the schools

    @property
    def level(self) -> str:
        """The school's level (mầm non, tiểu học, …): picks the wording of the framework's appendix."""
        return self.school.school.level.value

    @property
    def last_commit(self) -> dt.datetime | None:
        return self.history.last_modified if self.history else None

    @property
    def first_commit(self) -> dt.datetime | None:
        return self.history.first_published if self.history else None

    @property
    def year(self) -> str:
        return self.plan.school_year

    @property
    def slug(self) -> str:
        return slugify(f"{self.school.slug}-{self.year}")

    @property
    def source_sha256(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    def criterion(self, entry: Entry) -> Criterion:
        return self.framework.criteria[entry.criterion]

    def groups(self) -> list[EntryGroup]:
        groups: list[EntryGroup] = []
        for standard in self.framework.standards:
            ids = {c.id for c in standard.criteria}
            rows = [(e, self.criterion(e)) for e in self.plan.entries if e.criterion in ids]
            if rows:
                groups.append(EntryGroup(standard, rows))
        return groups

    def status_counts(self) -> dict[Status | None, int]:
        """Entries per status; an entry whose status was lost in the source counts as unknown (None)."""
        counts: dict[Status | None, int] = {}
        for entry in self.plan.entries:
            counts[entry.current_status] = counts.get(entry.current_status, 0) + 1
        return counts

    def total_budget(self) -> int:
        """The sum of the amounts the plan gives (lost amounts are not in it: see present.summary)."""
        return sum(e.budget.amount for e in self.plan.entries
                   if isinstance(e.budget, Budget) and e.budget.amount)


@dataclass
class Project:
    root: Path
    catalogue: Catalogue
    schools: dict[str, SchoolDoc] = field(default_factory=dict)
    plans: list[PlanDoc] = field(default_factory=list)
    examples: list[PlanDoc] = field(default_factory=list)  # examples/: the guide's example plans, not schools
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    history: RepoHistory = field(default_factory=RepoHistory)  # the whole repository's, from one git log pass
    today: dt.date = field(default_factory=dt.date.today)  # the date deadlines are judged against (config.today)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]

    def plans_of(self, slug: str) -> list[PlanDoc]:
        return sorted((p for p in self.plans if p.school.slug == slug), key=lambda p: p.year, reverse=True)
