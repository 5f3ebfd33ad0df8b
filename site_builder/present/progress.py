"""Progress of the plans: each entry's current status, counted by standard, per plan and across schools,
and a school's accreditation level and criteria counts per level across the years.

An entry's current status is its `status` when the school wrote one, else the status of its latest
dated review (Entry.reviews), else unknown. The same numbers feed the plan page, the school page,
the district dashboard and the open data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.catalogue import Framework, Standard
from ..model.plan import Entry, Status
from ..model.project import PlanDoc

STATUS_ORDER: list[Status | None] = [Status.done, Status.in_progress, Status.not_started, None]
STATUS_KEYS = {Status.done: "done", Status.in_progress: "in_progress", Status.not_started: "not_started",
               None: "unknown"}


def current_status(entry: Entry) -> Status | None:
    return entry.current_status


@dataclass
class Tally:
    """How many entries are in each status."""

    counts: dict[Status | None, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))

    def add(self, status: Status | None, count: int = 1) -> None:
        self.counts[status] += count

    def merge(self, other: Tally) -> None:
        for status, count in other.counts.items():
            self.add(status, count)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[Status.done]

    @property
    def in_progress(self) -> int:
        return self.counts[Status.in_progress]

    @property
    def not_started(self) -> int:
        return self.counts[Status.not_started]

    @property
    def unknown(self) -> int:
        return self.counts[None]

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def parts(self) -> list[tuple[str, int]]:
        """(status key, count) in display order: done, in progress, not started, unknown."""
        return [(STATUS_KEYS[s], self.counts[s]) for s in STATUS_ORDER]


@dataclass
class StandardProgress:
    framework: Framework
    standard: Standard
    tally: Tally
    plans: int = 1  # how many plans were counted (across schools)


def plan_progress(doc: PlanDoc) -> list[StandardProgress]:
    """Per standard of the plan's framework that the plan has entries for, in the framework's order."""
    rows = []
    for group in doc.groups():
        tally = Tally()
        for entry, _criterion in group.entries:
            tally.add(current_status(entry))
        rows.append(StandardProgress(doc.framework, group.standard, tally))
    return rows


def plan_tally(doc: PlanDoc) -> Tally:
    tally = Tally()
    for entry in doc.plan.entries:
        tally.add(current_status(entry))
    return tally


def progress_across(docs: Iterable[PlanDoc]) -> list[StandardProgress]:
    """The plans' progress summed by framework and standard (each framework's standards in order)."""
    summed: dict[tuple[str, str], StandardProgress] = {}
    order: list[tuple[str, str]] = []
    frameworks: dict[str, Framework] = {}
    for doc in docs:
        frameworks[doc.framework.id] = doc.framework
        for row in plan_progress(doc):
            key = (doc.framework.id, row.standard.id)
            if key in summed:
                summed[key].tally.merge(row.tally)
                summed[key].plans += 1
            else:
                summed[key] = StandardProgress(row.framework, row.standard, row.tally)
                order.append(key)
    rank = {(f.id, s.id): (fi, si) for fi, f in enumerate(sorted(frameworks.values(), key=lambda f: f.id))
            for si, s in enumerate(f.standards)}
    return [summed[key] for key in sorted(order, key=lambda k: rank[k])]


@dataclass(frozen=True)
class AccreditationPoint:
    """What one year's plan says of the school's self-assessment: its level and criteria met per level."""

    year: str
    level: int | None
    counts: dict[int, tuple[int, int]]  # level -> (met, total)


def accreditation_series(plans: Iterable[PlanDoc]) -> list[AccreditationPoint]:
    """One point per plan that reports a level or counts, oldest year first."""
    points = []
    for doc in sorted(plans, key=lambda d: d.year):
        sa = doc.plan.self_assessment
        if sa is None or (sa.level is None and not sa.counts):
            continue
        points.append(AccreditationPoint(doc.year, sa.level, {c.level: (c.met, c.total) for c in sa.counts}))
    return points
