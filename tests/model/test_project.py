"""The validated project: plans grouped by standard, status counts, budget totals, plans of a school."""

from __future__ import annotations

import pytest

from site_builder.model.plan import Status
from site_builder.model.project import Project


@pytest.fixture
def project(real_project: Project) -> Project:
    return real_project


def test_groups_follow_the_framework_order_and_keep_every_entry(project: Project) -> None:
    for doc in project.plans:
        groups = doc.groups()
        ids = [c.id for g in groups for _, c in g.entries]
        assert sorted(ids) == sorted(e.criterion for e in doc.plan.entries)
        order = [s.id for s in doc.framework.standards]
        assert [g.standard.id for g in groups] == sorted((g.standard.id for g in groups), key=order.index)


def test_status_counts_and_budget_add_up(project: Project) -> None:
    for doc in project.plans:
        counts = doc.status_counts()
        assert sum(counts.values()) == len(doc.plan.entries)
        assert set(counts) <= {*Status, None}
        assert doc.total_budget() == sum(e.budget.amount for e in doc.plan.entries if e.budget and e.budget.amount)


def test_plans_of_a_school_newest_first(project: Project) -> None:
    for slug in project.schools:
        years = [p.year for p in project.plans_of(slug)]
        assert years == sorted(years, reverse=True)
