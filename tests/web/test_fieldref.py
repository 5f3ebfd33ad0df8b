"""The field reference page and the published JSON Schemas come from the model, never drift."""

from __future__ import annotations

import json
import re
import unicodedata
from enum import Enum
from pathlib import Path

from site_builder.check.schema import schema_findings
from site_builder.model.lost import Lost
from site_builder.model.plan import COLUMN_FIELDS, Plan, School, plan_json_schema, school_json_schema
from site_builder.source.yamlsource import load_yaml
from site_builder.web.fieldref import TITLES_VI, field_reference_markdown, write_field_reference
from tests.models import leaves, reachable_models

ROOT = Path(__file__).resolve().parents[2]
WALKTHROUGH = "truong-moi.md"  # its outputs are checked by running its commands (tests/e2e/test_guide_walkthrough.py)


def _sections(page: str) -> dict[str, str]:
    """Anchor id -> the text of its section."""
    parts = re.split(r'<a id="([a-z]+)"></a>', page)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_field_of_every_model_is_described() -> None:
    page = field_reference_markdown()
    sections = _sections(page)
    models = reachable_models(School) | reachable_models(Plan)
    assert set(sections) == {name.lower() for name in models}
    for name, model in models.items():
        section = sections[name.lower()]
        assert f"## {TITLES_VI[name]}" in section, name
        for field, info in model.model_fields.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{field}` |"))
            assert info.description and info.description in row, (name, field)
            assert ("**bắt buộc**" in row) == info.is_required(), (name, field)
            for leaf in leaves(info.annotation):
                if isinstance(leaf, type) and issubclass(leaf, Enum):
                    assert all(f"`{member.value}`" in row for member in leaf), (name, field)


def test_page_is_vietnamese_nfc_and_lists_column_fields() -> None:
    page = field_reference_markdown()
    assert unicodedata.normalize("NFC", page) == page
    assert "# Ý nghĩa các trường dữ liệu" in page
    assert ("| `timeline` | nhóm trường con, xem [Thời gian thực hiện](#timeline), hoặc [đánh dấu mất](#lost), "
            "hoặc null | không |") in page
    assert "tháng, dạng NĂM-THÁNG (2024-09)" in page
    for field, label in COLUMN_FIELDS.items():
        assert f"| `{field}` | {label} |" in page


def test_write_field_reference_writes_page_and_schemas(tmp_path: Path) -> None:
    write_field_reference(tmp_path)
    page = (tmp_path / "huong-dan" / "truong-du-lieu.md").read_text(encoding="utf-8")
    assert page == field_reference_markdown()
    plan = json.loads((tmp_path / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    school = json.loads((tmp_path / "schema" / "school.schema.json").read_text(encoding="utf-8"))
    assert plan == plan_json_schema()
    assert school == school_json_schema()
    for link in re.findall(r"\]\((\.\./schema/[\w.]+)\)", page):
        assert (tmp_path / "huong-dan" / link).resolve().is_file(), link


def test_field_reference_in_docs_is_up_to_date() -> None:
    """docs/huong-dan/truong-du-lieu.md is the generated page, kept in the repository so a reader finds it."""
    committed = (ROOT / "docs" / "huong-dan" / "truong-du-lieu.md").read_text(encoding="utf-8")
    assert committed == field_reference_markdown(), (
        "chạy: site-builder docs")


def test_field_reference_explains_the_lost_marker_with_an_example_that_validates() -> None:
    """The page's YAML example of lost markers is read by the real loader and accepted by the model."""
    page = field_reference_markdown()
    section = _sections(page)["lost"]
    [example] = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    data, source = load_yaml(example)
    data["school_year"] = "2024-2025"
    data["document"]["title"] = "Cải tiến chất lượng năm học 2024-2025"
    plan, findings = schema_findings(Plan, data, "vi-du.md", source)
    assert findings == [] and isinstance(plan, Plan)
    assert isinstance(plan.document.number, Lost) and plan.document.number.fragment == "…/KH-TrMN 7/5"
    assert isinstance(plan.signer, Lost) and isinstance(plan.entries[0].actions, Lost)
    assert "[mất trong bản gốc]" in section and "`date: 2023-09`" in section


def test_editor_schemas_in_vscode_are_up_to_date() -> None:
    """.vscode/*.schema.json are copies for github.dev / VS Code; regenerate with `site-builder schema`."""
    for name, make in (("plan.schema.json", plan_json_schema), ("school.schema.json", school_json_schema)):
        committed = json.loads((ROOT / ".vscode" / name).read_text(encoding="utf-8"))
        flag = "--school " if "school" in name else ""
        assert committed == make(), f"chạy: site-builder schema {flag}> .vscode/{name}"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./.vscode/school.schema.json"] == ["plans/*/school.yml"]


def test_guides_link_the_generated_page() -> None:
    guides = ROOT / "docs" / "huong-dan"
    index = (guides / "index.md").read_text(encoding="utf-8")
    assert "truong-du-lieu.md" in index
    for path in guides.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path.name
        for target in re.findall(r"\]\(([\w-]+\.md)(?:#[\w-]+)?\)", text):
            assert (guides / target).exists() or target == "truong-du-lieu.md", (path.name, target)


def test_error_examples_in_the_guides_are_real_messages(tmp_path: Path) -> None:
    """Every full example line in every guide (but the walkthrough) is printed, word for word, by the
    validator run on the broken fixture (with the real catalogue, as in a school's repository)."""
    import shutil
    import subprocess
    import sys

    guides = [p for p in sorted((ROOT / "docs" / "huong-dan").glob("*.md")) if p.name != WALKTHROUGH]
    examples = [line for path in guides
                for line in path.read_text(encoding="utf-8").splitlines()
                if re.match(r"^plans/\S+:\d+:\d+: .*\[[\w-]+\]$", line)]
    assert len(examples) >= 14
    codes = {re.search(r"\[([\w-]+)\]$", line)[1] for line in examples}  # type: ignore[index]
    assert {"count-unverified", "criterion-of-another-framework", "not-a-number", "invalid-school-year",
            "no-number", "lost-number"} <= codes
    shutil.copytree(ROOT / "tests" / "fixtures" / "broken" / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    run = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(tmp_path), "check"],
                         capture_output=True, text=True)
    printed = set(run.stdout.splitlines())
    assert [line for line in examples if line not in printed] == []
