"""Reading plans/: school folders, plan files, front matter and the body's first line."""

from __future__ import annotations

from pathlib import Path

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
