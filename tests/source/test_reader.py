"""Reading plans/: school folders, plan files, front matter and the body's first line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.diagnostics import Finding
from site_builder.source.reader import read_sources, split_front_matter


def _school(root: Path, slug: str = "th-a") -> Path:
    folder = root / "plans" / slug
    folder.mkdir(parents=True)
    (folder / "school.yml").write_text("name: Trường Tiểu học A\nlevel: tiểu học\n", encoding="utf-8")
    return folder


def test_front_matter_split_gives_body_line() -> None:
    findings: list[Finding] = []
    yaml_text, body, body_line = split_front_matter("---\na: 1\nb: 2\n---\n# Tiêu đề\n", "x.md", findings)
    assert (yaml_text, body, body_line, findings) == ("a: 1\nb: 2", "# Tiêu đề\n", 5, [])


def test_missing_and_unclosed_front_matter_are_findings() -> None:
    findings: list[Finding] = []
    assert split_front_matter("# no front matter\n", "a.md", findings) is None
    assert split_front_matter("---\na: 1\n", "b.md", findings) is None
    assert [(f.path, f.code) for f in findings] == [("a.md", "front-matter-missing"),
                                                     ("b.md", "front-matter-unclosed")]


def test_read_sources_finds_schools_and_plans_with_positions(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2024-2025.md").write_text("---\nschool_year: 2024-2025\n---\nNội dung\n", encoding="utf-8")
    sources = read_sources(tmp_path)
    assert list(sources.schools) == ["th-a"]
    [plan] = sources.plans
    assert (plan.rel, plan.school_slug, plan.data, plan.body_line) == (
        "plans/th-a/2024-2025.md", "th-a", {"school_year": "2024-2025"}, 4)
    assert plan.source.value(("school_year",)) == (2, 14)


def test_undecodable_file_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2024-2025.md").write_bytes(b"---\nname: \xff\xfe\n---\n")
    sources = read_sources(tmp_path)
    assert [f.path for f in sources.findings] == ["plans/th-a/2024-2025.md"]


def _codes(sources) -> list[tuple[str, str]]:
    return sorted((f.path, f.code) for f in sources.findings)


def test_symbolic_links_under_plans_are_refused_never_read(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2024-2025.md").symlink_to("/dev/zero")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "school.yml").write_text("name: X\n", encoding="utf-8")
    (tmp_path / "plans" / "th-ngoai").symlink_to(outside)
    sources = read_sources(tmp_path)
    assert _codes(sources) == [("plans/th-a/2024-2025.md", "symlink"), ("plans/th-ngoai", "symlink")]
    assert list(sources.schools) == ["th-a"] and sources.plans == []


def test_a_directory_named_like_a_plan_and_a_subfolder(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2025-2026.md").mkdir()
    (folder / "cu").mkdir()
    sources = read_sources(tmp_path)
    assert _codes(sources) == [("plans/th-a/2025-2026.md", "not-a-file"), ("plans/th-a/cu", "stray-file")]


@pytest.mark.parametrize("name, suggestion", [
    ("index.md", "index-md"), ('a"b<i>c', "a-b-i-c"), ("TH-Quang-Trung", "th-quang-trung"),
    ("trường-a", "truong-a"), ("th_a", "th-a"), ("-th-a", "th-a"), ("th--a", "th-a"),
])
def test_school_folder_names_must_be_slugs(tmp_path: Path, name: str, suggestion: str) -> None:
    _school(tmp_path, name)
    [finding] = read_sources(tmp_path).findings
    assert (finding.code, finding.path, finding.suggestion) == ("school-folder-name", f"plans/{name}", suggestion)


def test_an_undecodable_folder_name_is_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    os.mkdir(os.path.join(os.fsencode(tmp_path / "plans"), b"th-\xff"))
    [finding] = read_sources(tmp_path).findings
    assert finding.path == "plans/th-\\udcff"
    finding.text.encode("utf-8")  # printable: no lone surrogate reaches the report


def test_empty_front_matter_is_an_error_not_a_vanished_plan(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2024-2025.md").write_text("---\n---\nNội dung\n", encoding="utf-8")
    (folder / "2025-2026.md").write_text("---\n# chỉ có ghi chú\n---\nNội dung\n", encoding="utf-8")
    sources = read_sources(tmp_path)
    assert [(f.path, f.line, f.code) for f in sources.findings] == [
        ("plans/th-a/2024-2025.md", 1, "front-matter-empty"), ("plans/th-a/2025-2026.md", 1, "front-matter-empty")]


def test_refused_yaml_keeps_its_own_code(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "2024-2025.md").write_text("---\nschool_year: &y 2024-2025\n---\n", encoding="utf-8")
    [finding] = read_sources(tmp_path).findings
    assert (finding.code, finding.line, finding.column) == ("yaml-alias", 2, 14)
