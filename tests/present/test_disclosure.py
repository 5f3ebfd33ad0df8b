"""Disclosure compliance on a real git history: publication against the 30/6 deadline, overdue years,
late updates against the working-day window, reviews due, plans within retention still online."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.present.transparency import Transparency, build_transparency
from tests.conftest import copy_repo
from tests.gitrepo import QT_PLAN, commit_all, init_repo


def _transparency(root: Path, today: dt.date) -> Transparency:
    return build_transparency(load_project(root, today=today), "https://github.com/example/kho")


def test_published_on_time_and_the_next_year_pending_then_overdue(qt_repo: tuple[Path, list[str]]) -> None:
    root, _ = qt_repo
    school = _transparency(root, dt.date(2025, 3, 1)).school("th-quang-trung")
    assert school is not None and school.current.year == "2024-2025"
    assert school.current.state == "on-time"
    assert school.current.plan.first_published == dt.date(2024, 10, 15)
    assert school.current.deadline == dt.date(2025, 6, 30)
    later = _transparency(root, dt.date(2025, 9, 10)).school("th-quang-trung")
    assert [(r.year, r.state) for r in later.years] == [("2025-2026", "pending"), ("2024-2025", "on-time")]
    much_later = _transparency(root, dt.date(2026, 7, 1)).school("th-quang-trung")
    assert [(r.year, r.state) for r in much_later.years] == [("2025-2026", "overdue"), ("2024-2025", "on-time")]


def test_a_plan_first_put_online_after_30_june_is_late(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    init_repo(root)
    commit_all(root, "publish", "2025-07-02T09:00:00+07:00")
    school = _transparency(root, dt.date(2025, 7, 3)).school("th-quang-trung")
    assert school.current.state == "late"
    lateness = [late for late in school.late_updates if late.what.startswith("Đăng kế hoạch")]
    assert lateness and lateness[0].happened == dt.date(2024, 10, 10) and lateness[0].working_days > 10


def test_late_updates_and_reviews_due(qt_repo: tuple[Path, list[str]]) -> None:
    root, _ = qt_repo
    school = _transparency(root, dt.date(2025, 7, 1)).school("th-quang-trung")
    late = school.late_updates
    # The semester-I reviews (15/01) went online 5 working days later: on time. The year-end review of 1.5
    # (20/05) went online on 20/06: 23 working days, over the 10 allowed.
    assert [(x.what, x.working_days) for x in late] == [("Rà soát tiêu chí 1.5 ngày 20 tháng 05 năm 2025", 23)]
    states = {c.checkpoint.id: (c.state, c.reviewed, c.entries) for c in school.current.plan.checkpoints}
    assert states == {"semester-1": ("partial", 2, 27), "year-end": ("partial", 1, 27)}
    other = _transparency(root, dt.date(2025, 2, 10)).school("mn-chua-ro-ten-a")
    assert [(c.checkpoint.id, c.state) for c in other.current.plan.checkpoints] == [
        ("semester-1", "overdue"), ("year-end", "upcoming")]
    assert len(other.reviews_due) == 1


def test_retention_rows_show_deleted_plans(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    init_repo(root)
    commit_all(root, "publish", "2024-10-15T09:00:00+07:00")
    (root / QT_PLAN).unlink()
    commit_all(root, "delete", "2025-01-10T09:00:00+07:00")
    school = _transparency(root, dt.date(2025, 3, 1)).school("th-quang-trung")
    assert [(r.year, r.online, r.until) for r in school.retention] == [("2024-2025", False, dt.date(2029, 10, 15))]
    assert not school.retention_ok
    kept = _transparency(root, dt.date(2025, 3, 1)).school("mn-chua-ro-ten-a")
    assert kept.retention_ok and kept.retention_online == 1


@pytest.mark.parametrize("today", [dt.date(2025, 3, 1)])
def test_progress_counts_current_statuses(qt_repo: tuple[Path, list[str]], today: dt.date) -> None:
    root, _ = qt_repo
    district = _transparency(root, today).district
    tt17 = [row for row in district.progress if row.framework.id == "tt17-2018"]
    first = tt17[0]
    assert first.standard.id == "1"
    assert (first.tally.done, first.tally.in_progress) == (2, 1)  # 1.3, 1.5 done; 1.1 in progress by its review
    assert district.published_now == 2
