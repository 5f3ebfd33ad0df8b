"""The new-school guide, run exactly as written on a temporary git repository: every command succeeds,
prints what the guide says, and the result passes `site-builder check`."""

from __future__ import annotations

import json
import re

import pytest

from site_builder.check.schema import schema_findings
from site_builder.model.lost import Lost
from site_builder.model.plan import Plan, School
from site_builder.source.reader import split_front_matter
from site_builder.source.yamlsource import load_yaml
from tests.e2e.walkthrough import GUIDE, Walkthrough, guide_blocks, run_walkthrough

SCHOOL = "plans/mn-hoa-sen"
PLAN = f"{SCHOOL}/2023-2024.md"


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Walkthrough:
    return run_walkthrough(tmp_path_factory.mktemp("guide") / "repo")


def _in_order(expected: list[str], output: list[str]) -> bool:
    lines = iter(output)
    return all(any(line == wanted for line in lines) for wanted in expected)


def test_the_guide_has_the_whole_path() -> None:
    commands = [body for language, body in guide_blocks(GUIDE.read_text(encoding="utf-8")) if language == "bash"]
    joined = "\n".join(commands)
    for needed in ("site-builder new-school mn-hoa-sen", ".github/CODEOWNERS", "site-builder new mn-hoa-sen 2023-2024",
                   "site-builder check", "git commit"):
        assert needed in joined, needed


def test_every_command_succeeds_and_prints_what_the_guide_says(walk: Walkthrough) -> None:
    assert len(walk.steps) == 5
    for step in walk.steps:
        assert step.returncode == 0, (step.command, step.output)
        assert _in_order(step.expected, step.output), (step.command, step.expected, step.output)
    new_school, _, new_plan, check = walk.steps[:4]
    assert new_school.output == new_school.expected  # the whole output, word for word
    assert new_plan.output == new_plan.expected
    assert len(check.expected) >= 4


def test_the_result_passes_check_and_is_committed(walk: Walkthrough) -> None:
    run = walk.run("site-builder", "check", "--format", "json")
    assert run.returncode == 0, run.stdout
    findings = json.loads(run.stdout)["findings"]
    assert [f for f in findings if f["severity"] == "error"] == []
    mine = {f["code"] for f in findings if f["path"].startswith(SCHOOL)}
    assert mine == {"no-number", "no-date", "empty-entry", "template-reminder"}
    codeowners = (walk.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert codeowners.rstrip().endswith("/plans/mn-hoa-sen/ @phong-gddt/mn-hoa-sen")
    assert walk.run("git", "log", "-1", "--format=%s").stdout.strip() == \
        "Thêm Trường Mầm non Hoa Sen và kế hoạch năm học 2023-2024"
    assert walk.run("git", "status", "--porcelain").stdout == ""
    assert walk.run("git", "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "truong-moi-mn-hoa-sen"


def test_the_blank_plan_has_every_field_with_a_comment(walk: Walkthrough) -> None:
    text = (walk.root / PLAN).read_text(encoding="utf-8")
    yaml_text, body, _ = split_front_matter(text, PLAN, [])
    data, _ = load_yaml(yaml_text)
    assert set(data) == set(Plan.model_fields)
    first = data["entries"][0]
    assert set(first) == set(Plan.model_fields["entries"].annotation.__args__[0].model_fields)  # type: ignore[union-attr]
    assert [e["criterion"] for e in data["entries"]] == ["1.1", "2.1", "3.1", "4.1", "5.1"]
    lines = yaml_text.split("\n")
    entries_at = lines.index(next(line for line in lines if line.startswith("entries:")))
    starts = [i for i, line in enumerate(lines) if line.startswith("  - criterion:")]
    header = [line for line in lines[:entries_at + 1] if re.match(r"^\s*(- )?\w+:", line)
              and not line.startswith("    text:")]  # a legal basis' text is a full sentence, no room
    first_entry = lines[starts[0]:starts[1]]
    assert [line for line in header + first_entry if " # " not in line] == []
    assert "<!-- legal-bases -->" in body and "<!-- improvement-table -->" in body


def test_the_guides_yaml_examples_are_valid(walk: Walkthrough) -> None:
    blocks = [body for language, body in guide_blocks(GUIDE.read_text(encoding="utf-8")) if language == "yaml"]
    blocks += [re.sub(r"^    ", "", body, flags=re.MULTILINE)
               for body in re.findall(r"^    ```yaml\n(.*?)^    ```", GUIDE.read_text(encoding="utf-8"),
                                      re.MULTILINE | re.DOTALL)]
    school = next(b for b in blocks if b.startswith("# school.yml"))
    data, source = load_yaml(school)
    model, findings = schema_findings(School, data, "school.yml", source)
    assert findings == [] and isinstance(model, School)
    written, _ = load_yaml((walk.root / SCHOOL / "school.yml").read_text(encoding="utf-8"))
    assert data == written, "the browser path gives the same school.yml as the command"
    front = next(b for b in blocks if b.startswith("# phần thông tin đầu tệp kế hoạch"))
    plan_text = (walk.root / PLAN).read_text(encoding="utf-8")
    plan_data, plan_source = load_yaml(split_front_matter(plan_text, PLAN, [])[0])
    changes, _ = load_yaml(front)
    plan, findings = schema_findings(Plan, {**plan_data, **changes}, PLAN, plan_source)
    assert findings == [] and isinstance(plan, Plan)
    assert isinstance(plan.document.number, Lost) and plan.document.date == "2023-09"
    assert isinstance(plan.signer, Lost)
