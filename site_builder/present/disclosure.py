"""Disclosure compliance as readers see it (Thông tư 09/2024/TT-BGDĐT): per plan, per school, per district.

Dates come from git (the first commit on main that contains a plan is its publication on this site; see
source.history), deadlines from catalogue/disclosure.yml and catalogue/progress-reviews.yml, today from the
project (config.today). What is computed:
- publication of each school year's plan against the `publish-annual` deadline (30/6 of the school year's
  second calendar year: the information “tính đến tháng 6 hằng năm” of that year);
- late updates against `update-on-change` (N working days): a plan put online more than N working days after
  the date it was signed, a progress review put online more than N working days after its own date;
- plans within the `retention` period still online (a deleted plan is listed, check reports it);
- progress reviews due (check.compliance.checkpoint_states) and progress by standard (present.progress).
Nothing here decides an error: it is what the Công khai pages and the open data show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..check.compliance import (
    CheckpointState,
    DeletedPlan,
    checkpoint_states,
    deleted_plans,
    plan_path_parts,
    retention_years,
    rule_citation,
)
from ..model.calendar import SchoolYear, add_years, date_vi, vn_date, working_days_between
from ..model.catalogue import Catalogue, DisclosureRule
from ..model.history import FileHistory
from ..model.project import PlanDoc, Project, SchoolDoc
from ..source.versions import PlanVersion
from .progress import StandardProgress, Tally, plan_tally, progress_across

PUBLICATION_LABELS = {
    "on-time": "Đã đăng đúng hạn",
    "late": "Đã đăng, quá hạn",
    "published": "Đã đăng",
    "undated": "Đã có kế hoạch, chưa rõ ngày đăng",
    "pending": "Chưa đăng, chưa đến hạn",
    "overdue": "Quá hạn, chưa đăng",
    "missing": "Chưa đăng",
}


@dataclass(frozen=True)
class LateUpdate:
    """Something put online later than the update window allows."""

    year: str
    what: str  # Vietnamese, e.g. “Rà soát tiêu chí 1.2 ngày 15 tháng 01 năm 2025”
    happened: dt.date  # the date of the change (signing, review)
    published: dt.date  # the date it reached the site
    working_days: int
    limit: int


@dataclass
class PlanDisclosure:
    doc: PlanDoc
    first_published: dt.date | None
    last_updated: dt.date | None
    deadline: dt.date | None
    state: str  # a PUBLICATION_LABELS key
    late_updates: list[LateUpdate] = field(default_factory=list)
    checkpoints: list[CheckpointState] = field(default_factory=list)
    changes: int = 0  # commits that touched the plan file

    @property
    def state_label(self) -> str:
        return PUBLICATION_LABELS[self.state]


@dataclass
class YearRow:
    """One school year of one school: its plan (if any) and how it was published."""

    year: str
    deadline: dt.date | None
    state: str
    plan: PlanDisclosure | None = None

    @property
    def state_label(self) -> str:
        return PUBLICATION_LABELS[self.state]


@dataclass
class RetentionRow:
    """A plan published within the retention period: still online or not."""

    year: str
    rel: str
    last_published: dt.date
    until: dt.date
    online: bool
    deleted: DeletedPlan | None = None


@dataclass
class SchoolDisclosure:
    school: SchoolDoc
    years: list[YearRow]
    current: YearRow
    retention: list[RetentionRow]
    latest: PlanDisclosure | None  # the newest plan, for progress and reviews
    tally: Tally

    @property
    def late_updates(self) -> list[LateUpdate]:
        return [late for row in self.years if row.plan for late in row.plan.late_updates]

    @property
    def reviews_due(self) -> list[CheckpointState]:
        plan = self.current.plan
        return [c for c in plan.checkpoints if c.needs_attention] if plan else []

    @property
    def retention_ok(self) -> bool:
        return all(row.online for row in self.retention)

    @property
    def retention_online(self) -> int:
        return sum(1 for row in self.retention if row.online)


@dataclass
class Rules:
    """The catalogue records the computation rests on (None when not catalogued)."""

    publish: DisclosureRule | None
    update: DisclosureRule | None
    retention: DisclosureRule | None

    @classmethod
    def of(cls, catalogue: Catalogue) -> Rules:
        return cls(catalogue.rule("publish-annual"), catalogue.rule("update-on-change"), catalogue.rule("retention"))

    def deadline(self, year: SchoolYear) -> dt.date | None:
        if self.publish is None or self.publish.deadline is None:
            return None
        return year.date_of(self.publish.deadline.month, self.publish.deadline.day)

    @property
    def update_days(self) -> int | None:
        return self.update.update_within_working_days if self.update else None


@dataclass
class DistrictDisclosure:
    today: dt.date
    current_year: str
    rules: Rules
    schools: list[SchoolDisclosure]
    progress: list[StandardProgress]
    shallow: bool
    history_available: bool
    citations: dict[str, str] = field(default_factory=dict)  # rule id -> “Điều 15 khoản 2 Thông tư 09/2024/TT-BGDĐT”

    @property
    def published_now(self) -> int:
        return sum(1 for s in self.schools if s.current.plan is not None)

    @property
    def overdue_now(self) -> int:
        return sum(1 for s in self.schools if s.current.state in ("overdue", "late"))

    @property
    def late_update_count(self) -> int:
        return sum(len(s.late_updates) for s in self.schools)

    @property
    def reviews_due_count(self) -> int:
        return sum(len(s.reviews_due) for s in self.schools)

    @property
    def retention_ok_count(self) -> int:
        return sum(1 for s in self.schools if s.retention_ok)


def _publication_state(published: dt.date | None, has_plan: bool, deadline: dt.date | None,
                       today: dt.date) -> str:
    if has_plan and published is None:
        return "undated"
    if has_plan and published is not None:
        if deadline is None:
            return "published"
        return "on-time" if published <= deadline else "late"
    if deadline is None:
        return "missing"
    return "pending" if today <= deadline else "overdue"


ReviewDates = dict[tuple[str, dt.date, str], dt.date]  # (criterion, review date, status) -> first on the site


def review_publication_dates(versions: list[PlanVersion]) -> ReviewDates:
    """(criterion, review date, status) -> the date the first version holding that review reached the site."""
    first_seen: dict[tuple[str, dt.date, str], dt.date] = {}
    for version in versions:
        if version.plan is None:
            continue
        for entry in version.plan.entries:
            for review in entry.reviews:
                first_seen.setdefault((entry.criterion, review.date, review.status.value), vn_date(version.commit.when))
    return first_seen


def late_updates(doc: PlanDoc, seen: ReviewDates, first_published: dt.date | None,
                 limit: int | None) -> list[LateUpdate]:
    if limit is None:
        return []
    found = []
    signed = doc.plan.document.issued_on
    if signed and first_published:
        days = working_days_between(signed, first_published)
        if days > limit:
            found.append(LateUpdate(doc.year, f"Đăng kế hoạch ký {date_vi(signed)}", signed, first_published,
                                    days, limit))
    for entry in doc.plan.entries:
        for review in entry.reviews:
            published = seen.get((entry.criterion, review.date, review.status.value))
            if published is None:
                continue
            days = working_days_between(review.date, published)
            if days > limit:
                found.append(LateUpdate(doc.year, f"Rà soát tiêu chí {entry.criterion} {date_vi(review.date)}",
                                        review.date, published, days, limit))
    return found


def plan_disclosure(doc: PlanDoc, seen: ReviewDates, rules: Rules, project: Project) -> PlanDisclosure:
    history = doc.history
    first = vn_date(history.first_published) if history and history.first_published else None
    last = vn_date(history.last_modified) if history and history.last_modified else None
    deadline = rules.deadline(SchoolYear.parse(doc.year))
    return PlanDisclosure(
        doc, first, last, deadline, _publication_state(first, True, deadline, project.today),
        late_updates(doc, seen, first, rules.update_days),
        checkpoint_states(doc.plan, project.catalogue.review_checkpoints, project.today),
        len(history.commits) if history else 0,
    )


def _retention_rows(files: list[tuple[str, FileHistory]], project: Project, published: set[str],
                    deleted: dict[str, DeletedPlan]) -> list[RetentionRow]:
    """The school's plan files (plan_files_by_school) still within their retention period."""
    years = retention_years(project.catalogue)
    if not years:
        return []
    rows = []
    for rel, history in files:
        parts = plan_path_parts(rel)
        last = history.last_version
        if parts is None or last is None:
            continue
        until = add_years(vn_date(last.when), years)
        if until < project.today:
            continue
        rows.append(RetentionRow(parts[1], rel, vn_date(last.when), until, rel in published, deleted.get(rel)))
    return rows


def plan_files_by_school(project: Project) -> dict[str, list[tuple[str, FileHistory]]]:
    """The history's plan files grouped by school, in path order (looking through every file for each
    school made the district's disclosure quadratic)."""
    grouped: dict[str, list[tuple[str, FileHistory]]] = defaultdict(list)
    for rel, history in sorted(project.history.files.items()):
        parts = plan_path_parts(rel)
        if parts is not None:
            grouped[parts[0]].append((rel, history))
    return dict(grouped)


def school_disclosure(school: SchoolDoc, plans: list[PlanDisclosure], project: Project, rules: Rules,
                      deleted: dict[str, DeletedPlan], files: list[tuple[str, FileHistory]]) -> SchoolDisclosure:
    current = SchoolYear.of_date(project.today)
    by_year = {p.doc.year: p for p in plans}
    first = min([SchoolYear.parse(y) for y in by_year] + [current])
    rows = []
    for number in range(current.first, first.first - 1, -1):
        year = SchoolYear(number)
        plan = by_year.get(year.label)
        deadline = rules.deadline(year)
        state = plan.state if plan else _publication_state(None, False, deadline, project.today)
        rows.append(YearRow(year.label, deadline, state, plan))
    latest = max(plans, key=lambda p: p.doc.year) if plans else None
    retention = _retention_rows(files, project, {p.doc.rel for p in plans}, deleted)
    return SchoolDisclosure(school, rows, rows[0], retention, latest,
                            plan_tally(latest.doc) if latest else Tally())


def district_disclosure(project: Project, reviews: dict[str, ReviewDates]) -> DistrictDisclosure:
    """reviews: plan rel -> when each of its reviews first reached the site (review_publication_dates)."""
    rules = Rules.of(project.catalogue)
    per_school: dict[str, list[PlanDisclosure]] = defaultdict(list)
    for doc in project.plans:
        per_school[doc.school.slug].append(plan_disclosure(doc, reviews.get(doc.rel, {}), rules, project))
    gone = {d.rel: d for d in deleted_plans(project.root, project.history, retention_years(project.catalogue))}
    files = plan_files_by_school(project)
    schools = [school_disclosure(school, per_school.get(slug, []), project, rules, gone, files.get(slug, []))
               for slug, school in sorted(project.schools.items(), key=lambda kv: kv[1].display_name)]
    latest = [s.latest.doc for s in schools if s.latest is not None and not s.latest.doc.plan.archived]
    citations = {rule.id: rule_citation(rule, project.catalogue)
                 for rule in (*project.catalogue.disclosure, *project.catalogue.review_checkpoints)}
    return DistrictDisclosure(project.today, SchoolYear.of_date(project.today).label, rules, schools,
                              progress_across(latest), project.history.shallow, project.history.available, citations)
