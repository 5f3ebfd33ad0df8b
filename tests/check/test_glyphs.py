"""`check` warns at file:line:column about characters the PDF's typeface cannot print."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.typeface import covered_codepoints, find_typeface

ROOT = Path(__file__).resolve().parents[2]


def test_the_chinese_characters_of_an_example_plan_are_reported_where_they_are() -> None:
    if not find_typeface().faces:
        pytest.skip("no font found by fontconfig")
    project = load_project(ROOT)
    found = [f for f in project.findings if f.code == "glyph-missing"]
    rel = "plans/mn-20-10-quan-1/2021-2022.md"
    lines = (ROOT / rel).read_text(encoding="utf-8").split("\n")
    where = next(i for i, text in enumerate(lines, start=1) if "达标" in text)
    assert [(f.path, f.line, f.column) for f in found] == [(rel, where, lines[where - 1].index("达") + 1)]
    assert where > 300
    line = (ROOT / found[0].path).read_text(encoding="utf-8").split("\n")[found[0].line - 1]
    assert line[found[0].column - 1] == "达"
    assert "U+8FBE" in found[0].message and "U+6807" in found[0].message and "bản PDF không in được" in found[0].message


def test_body_text_is_checked_too(tmp_path: Path) -> None:
    import shutil

    for name in ("plans", "catalogue"):
        shutil.copytree(ROOT / name, tmp_path / name)
    plan = tmp_path / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nMột dòng có ký tự lạ ☃ ở đây.\n", encoding="utf-8")
    findings = [f for f in load_project(tmp_path).findings if f.code == "glyph-missing"
                and f.path.endswith("th-quang-trung/2024-2025.md")]
    number = len(plan.read_text(encoding="utf-8").split("\n")) - 1
    if 0x2603 in covered_codepoints(find_typeface()):
        pytest.skip("this typeface has U+2603")
    assert [(f.line, f.column) for f in findings] == [(number, len("Một dòng có ký tự lạ ") + 1)]
