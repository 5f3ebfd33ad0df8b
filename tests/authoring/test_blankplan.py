"""A school's first plan: the blank plan for its framework, and the templates kept in docs/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.authoring.blankplan import (
    TEMPLATES_DIR,
    blank_plan_text,
    legal_basis_text,
    table_frameworks,
    write_templates,
)
from site_builder.check.assemble import load_project
from site_builder.model.plan import Entry, Plan
from site_builder.source.catalogue import load_catalogue
from site_builder.source.reader import split_front_matter
from site_builder.source.yamlsource import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT)


def test_templates_in_docs_are_up_to_date(tmp_path: Path) -> None:
    written = write_templates(tmp_path, CATALOGUE)
    committed = sorted((ROOT / "docs" / TEMPLATES_DIR).glob("*.txt"))
    assert [p.name for p in committed] == sorted(p.name for p in written), "chạy: site-builder docs"
    for path in written:
        assert (ROOT / "docs" / TEMPLATES_DIR / path.name).read_text(encoding="utf-8") == \
            path.read_text(encoding="utf-8"), f"chạy: site-builder docs ({path.name})"


@pytest.mark.parametrize("framework", sorted(f.id for f in table_frameworks(CATALOGUE)))
def test_each_blank_plan_is_valid_and_has_every_field(tmp_path: Path, framework: str) -> None:
    fw = CATALOGUE.frameworks[framework]
    text = blank_plan_text("Trường Thử", "2025-2026", fw, CATALOGUE.documents)
    yaml_text, _body, _ = split_front_matter(text, "2025-2026.md", [])
    data, _ = load_yaml(yaml_text)
    assert set(data) == set(Plan.model_fields)
    assert set(data["entries"][0]) == set(Entry.model_fields)
    assert [e["criterion"] for e in data["entries"]] == [s.criteria[0].id for s in fw.standards]
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    school = root / "plans" / "truong-thu"
    school.mkdir(parents=True)
    level = fw.school_levels[0].value
    (school / "school.yml").write_text(f"name: Trường Thử\nlevel: {level}\ngoverning_body: UBND XÃ THỬ\n"
                                       f"framework: {framework}\n", encoding="utf-8")
    (school / "2025-2026.md").write_text(text, encoding="utf-8")
    project = load_project(root)
    assert project.errors == []
    assert {f.code for f in project.findings} == {"no-number", "no-date", "empty-entry", "template-reminder"}


def test_legal_basis_sentence_from_the_catalogue() -> None:
    assert legal_basis_text(CATALOGUE.documents["tt17-2018"]) == (
        "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo "
        + CATALOGUE.documents["tt17-2018"].title[:1].lower() + CATALOGUE.documents["tt17-2018"].title[1:] + ";")


def test_a_first_plan_in_the_2026_form_points_to_its_example(tmp_path: Path) -> None:
    """No blank plan for the 2026 form yet: the message says where to start instead of writing a wrong file."""
    from site_builder.authoring.newplan import create_plan
    from site_builder.errors import NewPlanError

    assert "tt-2026" not in {f.id for f in table_frameworks(CATALOGUE)}
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    school = root / "plans" / "th-moi"
    school.mkdir(parents=True)
    (school / "school.yml").write_text("name: Trường Tiểu học Mới\nlevel: tiểu học\ngoverning_body: UBND XÃ\n"
                                       "framework: tt17-2018\n", encoding="utf-8")
    with pytest.raises(NewPlanError, match=re.escape("examples/th-mau/2026-2027.md")):
        create_plan(root, "th-moi", "2026-2027")
    assert not (school / "2026-2027.md").exists()
    assert create_plan(root, "th-moi", "2025-2026").path.is_file()
