"""Disclosure checks on real git repositories: deleted plans within retention, reviews in semester II."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.diagnostics import Severity
from tests.conftest import copy_repo
from tests.gitrepo import commit_all, edit, init_repo

MN = "plans/mn-chua-ro-ten-a/2024-2025.md"


def _mark_retention(root: Path, status: str) -> None:
    """Set the verification status of the catalogue's retention record."""
    path = root / "catalogue" / "disclosure.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: retention\n")
    block = re.sub(r"status: \w+", f"status: {status}", text[start:], count=1)
    path.write_text(text[:start] + block, encoding="utf-8")


def _confirm_retention(root: Path) -> None:
    """The retention record as the official text confirms it (legal-2026.md, Q3: Điều 15 khoản 2)."""
    _mark_retention(root, "confirmed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_repo(tmp_path / "repo")
    init_repo(root)
    commit_all(root, "publish", "2024-10-15T09:00:00+07:00")
    return root


def _codes(root: Path, today: dt.date) -> dict[str, Severity]:
    return {f.code: f.severity for f in load_project(root, today=today).findings if f.path == MN}


def test_deleting_a_published_plan_within_retention_is_an_error_once_the_rule_is_confirmed(repo: Path) -> None:
    _confirm_retention(repo)
    commit_all(repo, "confirm", "2024-10-16T09:00:00+07:00")
    (repo / MN).unlink()
    assert _codes(repo, dt.date(2025, 3, 1)) == {"deleted-within-retention": Severity.error}  # deleted, uncommitted
    commit_all(repo, "delete", "2025-03-01T09:00:00+07:00")
    project = load_project(repo, today=dt.date(2025, 3, 1))
    [finding] = [f for f in project.findings if f.code == "deleted-within-retention"]
    assert finding.severity is Severity.error and finding.path == MN
    assert "ngày 15 tháng 10 năm 2029" in finding.message  # 05 years after its last published version
    assert "archived: true" in finding.fix and "git checkout" in finding.fix
    assert _codes(repo, dt.date(2029, 10, 16)) == {}  # after the retention period it may go


@pytest.mark.parametrize(("status", "severity"), [("secondary", Severity.warning), ("unverified", Severity.notice)])
def test_an_unconfirmed_retention_rule_never_gives_an_error(repo: Path, status: str, severity: Severity) -> None:
    _mark_retention(repo, status)
    (repo / MN).unlink()
    commit_all(repo, "delete", "2025-03-01T09:00:00+07:00")
    [finding] = [f for f in load_project(repo, today=dt.date(2025, 3, 1)).findings
                 if f.code == "deleted-within-retention"]
    assert finding.severity is severity
    assert "chưa được đối chiếu với văn bản gốc" in finding.fix


def test_archiving_instead_of_deleting_keeps_the_plan_published(repo: Path) -> None:
    _confirm_retention(repo)
    edit(repo, MN, ("school_year: 2024-2025\n", "school_year: 2024-2025\narchived: true\n"
                    "archive_note: Đã thay bằng kế hoạch điều chỉnh.\n"))
    commit_all(repo, "archive", "2025-03-01T09:00:00+07:00")
    project = load_project(repo, today=dt.date(2025, 3, 1))
    assert not project.errors
    [doc] = [d for d in project.plans if d.rel == MN]
    assert doc.plan.archived


def test_without_git_history_nothing_is_called_deleted(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "plain")
    shutil.rmtree(root / "plans" / "mn-chua-ro-ten-a")
    project = load_project(root, today=dt.date(2025, 3, 1))
    assert not project.history.available
    assert not [f for f in project.findings if f.code == "deleted-within-retention"]


def test_second_semester_without_any_review_warns(repo: Path) -> None:
    assert "no-review" not in _codes(repo, dt.date(2025, 1, 31))  # semester I not over yet
    assert _codes(repo, dt.date(2025, 2, 1)).get("no-review") is Severity.warning
    assert "no-review" not in _codes(repo, dt.date(2025, 9, 2))  # another school year now
    edit(repo, MN, ("  - criterion: '1.2'\n",
                    "  - criterion: '1.2'\n    reviews: [{date: 2025-01-20, status: đang thực hiện}]\n"))
    assert "no-review" not in _codes(repo, dt.date(2025, 2, 1))
