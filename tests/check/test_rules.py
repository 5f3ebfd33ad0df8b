"""Rules on the real example plans, changed one way at a time (criterion codes, counts, school years)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
QUANG = "plans/th-quang-trung/2024-2025.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    return tmp_path


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unquoted_criteria_keep_the_digits_typed(repo: Path) -> None:
    _edit(repo, QUANG, 'criterion: "1.10"', "criterion: 1.10")
    _edit(repo, QUANG, 'criterion: "1.4"', "criterion: 1.4")
    project = load_project(repo)
    assert project.errors == []
    [doc] = [d for d in project.plans if d.rel == QUANG]
    assert [e.criterion for e in doc.plan.entries][3:10] == ["1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10"]


def test_an_unquoted_code_the_framework_lacks_is_named_as_typed(repo: Path) -> None:
    _edit(repo, QUANG, 'criterion: "2.1"', "criterion: 2.10")
    [finding] = [f for f in load_project(repo).errors if f.path == QUANG]
    assert finding.code == "unknown-criterion" and "“2.10”" in finding.message


def test_a_school_year_written_short_is_one_error(repo: Path) -> None:
    _edit(repo, QUANG, "school_year: 2024-2025", "school_year: 2024-25")
    found = [f for f in load_project(repo).errors if f.path == QUANG]
    assert [(f.code, f.suggestion) for f in found] == [("invalid-school-year", "2024-2025")]


def test_a_count_resting_on_unverified_catalogue_data_is_a_warning(repo: Path) -> None:
    plan = "plans/mn-chua-ro-ten-a/2024-2025.md"
    _edit(repo, plan, "  level: 1\n  text:", "  level: 1\n  counts:\n    - {level: 3, met: 19, total: 19}\n  text:")
    project = load_project(repo)
    assert project.errors == []
    [finding] = [f for f in project.findings if f.code == "count-unverified"]
    assert finding.severity is Severity.warning and finding.suggestion is None
    assert "19" in finding.message and "18" in finding.message and "chưa được kiểm chứng" in finding.message


def test_a_criterion_of_another_framework_says_which(repo: Path) -> None:
    plan = "plans/mn-chua-ro-ten-a/2024-2025.md"
    _edit(repo, plan, "criterion: '5.4'", "criterion: '5.5'")
    [finding] = [f for f in load_project(repo).errors if f.path == plan]
    assert finding.code == "criterion-of-another-framework" and finding.suggestion is None
    assert "tt17-2018" in finding.message and "tt19-2018" in finding.message
    assert "không có tiêu chí 5.5" in finding.message and "5.1–5.4" in finding.message


def test_draft_and_lost_are_told_apart(repo: Path) -> None:
    _edit(repo, QUANG, "  number: 32/KHCTCL-THQT\n", "  number: null\n")
    _edit(repo, QUANG, "  date: 2024-10-10\n", "  date: {lost: true, fragment: tháng 10 năm 2024}\n")
    codes = {f.code: f for f in load_project(repo).findings if f.path == QUANG}
    assert "chưa ban hành" in codes["no-number"].message
    assert "mất trong bản gốc" in codes["lost-date"].message and "tháng 10 năm 2024" in codes["lost-date"].message
    assert "lost-signer" in codes and "no-date" not in codes and "lost-number" not in codes


def test_a_lost_table_with_rows_is_a_contradiction(repo: Path) -> None:
    plan = "plans/mn-chua-ro-ten-a/2024-2025.md"
    path = repo / plan
    text = path.read_text(encoding="utf-8")
    start, end = text.index("table:\n"), text.index("entries:\n")
    path.write_text(text[:start] + "table: {lost: true}\n" + text[end:], encoding="utf-8")
    codes = [f.code for f in load_project(repo).findings if f.path == plan]
    assert "lost-table" in codes and "lost-table-with-entries" in codes
