"""Everything the transparency outputs share, computed once per build: every plan's changes from its past
versions (one git cat-file call; the versions are parsed and summed up on forked workers), the disclosure
compliance of every school, the commit links.

The web pages (history, Công khai, dashboard) and the open data (plans.json, CSV, Atom feed) read this
one object, so the site and the data cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import paths
from ..model.calendar import date_vi, vn_date
from ..model.project import PlanDoc, Project
from ..source.versions import PlanVersion, summarize_versions
from .changes import Change, history_changes
from .disclosure import (
    DistrictDisclosure,
    PlanDisclosure,
    ReviewDates,
    SchoolDisclosure,
    district_disclosure,
    review_publication_dates,
)


@dataclass(frozen=True)
class ChangeView:
    """One change of one plan as a reader sees it: when, what, and the commit behind it."""

    sha: str
    short: str
    when: dt.datetime
    date: str  # “ngày 05 tháng 01 năm 2025”
    iso: str
    items: list[str]
    url: str | None  # the commit's web page; None without a repository URL
    anchor: str
    first: bool


@dataclass(frozen=True)
class PastVersions:
    """What the outputs need of one plan's past versions: its changes (oldest first) and when each review
    first reached the site."""

    changes: list[Change]
    review_dates: ReviewDates


def past_versions(versions: list[PlanVersion]) -> PastVersions:
    return PastVersions(history_changes(versions), review_publication_dates(versions))


@dataclass
class Transparency:
    changes: dict[str, list[ChangeView]]  # plan rel -> newest first
    district: DistrictDisclosure
    repo_url: str | None
    _plans: dict[str, PlanDisclosure] = field(default_factory=dict)
    _schools: dict[str, SchoolDisclosure] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for school in self.district.schools:
            self._schools[school.school.slug] = school
            for row in school.years:
                if row.plan is not None:
                    self._plans[row.plan.doc.rel] = row.plan

    def plan(self, doc: PlanDoc) -> PlanDisclosure | None:
        return self._plans.get(doc.rel)

    def school(self, slug: str) -> SchoolDisclosure | None:
        return self._schools.get(slug)

    def feed(self, docs: list[PlanDoc], limit: int = 50) -> list[tuple[PlanDoc, ChangeView]]:
        """The newest changes of all plans (new and updated plans), newest first."""
        events = [(doc, change) for doc in docs for change in self.changes.get(doc.rel, [])]
        events.sort(key=lambda event: (event[1].when, event[0].rel), reverse=True)
        return events[:limit]


def change_view(change: Change, repo_url: str | None) -> ChangeView:
    when = change.commit.when
    return ChangeView(change.commit.sha, change.commit.short, when, date_vi(vn_date(when)),
                      when.isoformat(timespec="seconds"), change.items, paths.commit_url(repo_url, change.commit.sha),
                      paths.change_anchor(change.commit.sha), change.first)


def build_transparency(project: Project, repo_url: str | None) -> Transparency:
    past = summarize_versions(project.root, {doc.rel: doc.history for doc in project.plans}, past_versions)
    changes = {rel: [change_view(c, repo_url) for c in reversed(item.changes)] for rel, item in past.items()}
    reviews = {rel: item.review_dates for rel, item in past.items()}
    return Transparency(changes, district_disclosure(project, reviews), repo_url)
