"""The validator against a fixture broken in many distinct ways, and against the real plans."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "fixtures" / "broken"
EXPECT = re.compile(r"#\s*expect:\s*([a-z-]+)")


def _copy_fixture(tmp_path: Path) -> Path:
    shutil.copytree(BROKEN / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    return tmp_path


def _expected_markers() -> set[tuple[str, int, str]]:
    """Every line of the fixture annotated '# expect: <code>' must be reported with that code."""
    expected = set()
    for path in sorted((BROKEN / "plans").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(BROKEN).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            match = EXPECT.search(line)
            if match:
                expected.add((rel, number, match.group(1)))
    return expected


def _line_of(rel: str, needle: str) -> int:
    lines = (BROKEN / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


# Findings whose line carries no comment of its own (a Markdown body, a missing file, bad syntax).
HONG = "plans/truong-hong/2024-2025.md"
EXTRA_EXPECTED = {
    (HONG, _line_of(HONG, "<!-- improvment-table -->"), "unknown-marker"),
    (HONG, _line_of(HONG, "<script>"), "unsafe-html"),
    ("plans/truong-hong/2026-2027.md", 5, "yaml-syntax"),
    ("plans/truong-hong/2027-2028.md", 1, "front-matter-missing"),
    ("plans/truong-hong/ke-hoach.md", 1, "file-name"),
    ("plans/truong-thieu-school-yml", 1, "school-file-missing"),
    ("plans/truong-hong/2031-2032.md", 1, "front-matter-empty"),
    ("plans/Truong_Moi", 1, "school-folder-name"),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory):
    return load_project(_copy_fixture(tmp_path_factory.mktemp("broken")))


def test_each_break_is_reported_at_its_line(broken) -> None:
    reported = {(f.path, f.line, f.code) for f in broken.findings}
    expected = _expected_markers() | EXTRA_EXPECTED
    missing = expected - reported
    assert not missing, f"not reported: {sorted(missing)}"


def test_fixture_breaks_at_least_twenty_ways(broken) -> None:
    expected = _expected_markers() | EXTRA_EXPECTED
    assert len(expected) >= 20
    assert len({code for _, _, code in expected}) >= 20


def test_all_errors_reported_in_one_run(broken) -> None:
    files_with_errors = {f.path for f in broken.findings if f.severity is Severity.error}
    assert len(files_with_errors) >= 6
    assert len(broken.errors) >= 25


def test_suggestions_name_the_nearest_valid_value(broken) -> None:
    def suggestion(code: str, needle: str) -> str | None:
        line = _line_of(HONG, needle)
        return next(f.suggestion for f in broken.findings if f.path == HONG and (f.code, f.line) == (code, line))

    assert suggestion("unknown-criterion", 'criterion: "14"') == "1.4"
    assert suggestion("invalid-value", "status: da hoan thanh") == "đã hoàn thành"
    assert suggestion("invalid-month", "start: 9/2024") == "2024-09"
    assert suggestion("not-a-number", "10.000.000") == "10000000"
    assert suggestion("unknown-field", "acions:") == "actions"
    assert suggestion("school-year-mismatch", "school_year:") == "2024-2025"
    assert suggestion("unknown-document", "tt17-2081") == "tt17-2018"
    assert suggestion("count-unverified", "level: 3, met: 20") is None  # the catalogue's count is unverified


def test_messages_are_vietnamese_with_a_fix(broken) -> None:
    for finding in broken.findings:
        assert finding.fix, finding
        assert re.search(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", finding.text.lower()), finding.text
        assert "Traceback" not in finding.text


def test_columns_point_at_the_value(broken) -> None:
    finding = next(f for f in broken.findings if f.code == "invalid-date")
    line = (BROKEN / finding.path).read_text(encoding="utf-8").split("\n")[finding.line - 1]
    assert line[finding.column - 1 :].startswith("2024-02-30")


def test_broken_plans_are_not_published(broken) -> None:
    assert broken.plans == []


def test_real_plans_pass() -> None:
    project = load_project(ROOT)
    assert project.errors == []
    counts = {doc.rel: len(doc.plan.entries) for doc in project.plans}
    assert counts == {
        "plans/mn-chua-ro-ten-a/2024-2025.md": 10,
        "plans/mn-20-10-quan-1/2021-2022.md": 25,
        "plans/th-quang-trung/2024-2025.md": 27,  # 26 rows and the row of 1.9, lost in the source
    }


def test_a_typo_in_a_real_plan_is_caught(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    plan = tmp_path / "plans" / "th-quang-trung" / "2024-2025.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("criterion: '1.4'", "criterion: '14'", 1).replace(
        'criterion: "1.4"', 'criterion: "14"', 1), encoding="utf-8")
    project = load_project(tmp_path)
    found = [f for f in project.errors if f.code == "unknown-criterion"]
    assert len(found) == 1 and found[0].suggestion == "1.4"
    line = plan.read_text(encoding="utf-8").split("\n")[found[0].line - 1]
    assert "14" in line


def test_plans_checked_on_forked_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    """Many plans are parsed and checked on every core; the findings and the typed plans are the same,
    and each plan's school, framework and form are the project's own objects (not copies)."""
    root = _copy_fixture(tmp_path)
    shutil.copytree(ROOT / "plans", root / "plans", dirs_exist_ok=True)  # the broken fixture and the real plans
    shutil.copytree(ROOT / "examples", root / "examples")
    one = load_project(root, min_per_worker=10**6)
    many = load_project(root, min_per_worker=1)
    assert len(one.findings) > 20 and len(one.plans) >= 3
    assert [f.sort_key() for f in many.findings] == [f.sort_key() for f in one.findings]
    assert [(f.message, f.fix) for f in many.findings] == [(f.message, f.fix) for f in one.findings]
    for first, second in [*zip(one.plans, many.plans, strict=True), *zip(one.examples, many.examples, strict=True)]:
        assert (second.rel, second.plan, second.body, second.source_text) == \
            (first.rel, first.plan, first.body, first.source_text)
    for project in (many, one):
        for doc in [*project.plans, *project.examples]:
            assert any(doc.framework is f for f in project.catalogue.frameworks.values())
            assert doc.form is None or any(doc.form is f for f in project.catalogue.forms.values())
        for doc in project.plans:
            assert doc.school is project.schools[doc.school.slug]
