"""Checks of a plan against the 2026 form: issues (IV), rows (V), reviews (VI), level, marks -> severities."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.check.assemble import load_project
from site_builder.diagnostics import Finding, Severity

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "th-mau"
DURING = dt.date(2027, 3, 1)
AFTER = dt.date(2027, 9, 15)


def example_data() -> dict[str, Any]:
    text = (EXAMPLE / "2026-2027.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def make_repo(tmp_path: Path, data: dict[str, Any], *, level: str = "tiểu học", body: str = "") -> Path:
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    folder = tmp_path / "plans" / "truong-a"
    folder.mkdir(parents=True)
    school = yaml.safe_load((EXAMPLE / "school.yml").read_text(encoding="utf-8"))
    school["level"] = level
    (folder / "school.yml").write_text(yaml.safe_dump(school, allow_unicode=True), encoding="utf-8")
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    (folder / "2026-2027.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return tmp_path


def findings(tmp_path: Path, data: dict[str, Any], today: dt.date = DURING, **kwargs: Any) -> list[Finding]:
    return load_project(make_repo(tmp_path, data, **kwargs), today=today).findings


def by_code(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


def test_the_example_passes_without_any_finding() -> None:
    project = load_project(ROOT, today=AFTER.replace(year=2027, month=6))
    assert [f for f in project.findings if f.path.startswith("examples/")] == []
    assert [d.rel for d in project.examples] == ["examples/th-mau/2026-2027.md"]
    assert all(not d.example for d in project.plans) and project.examples[0].example
    assert "th-mau" not in project.schools


def test_a_row_must_address_a_known_issue(tmp_path: Path) -> None:
    data = example_data()
    data["entries"][0]["issue"] = 9
    del data["entries"][1]["issue"]
    data["entries"][1]["criterion"] = "1.3"
    found = findings(tmp_path, data)
    unknown = by_code(found, "unknown-issue")
    assert unknown and unknown[0].severity is Severity.error and "Mục IV không có vấn đề “9”" in unknown[0].message
    assert by_code(found, "row-without-issue")[0].severity is Severity.warning
    orphans = by_code(found, "issue-without-row")
    assert {f.message.split("“")[1].split("”")[0] for f in orphans} == {"1", "2"}
    assert all(f.severity is Severity.warning for f in orphans)


def test_listing_every_criterion_is_a_notice_citing_section_iii(tmp_path: Path) -> None:
    data = example_data()
    data["issues"][0]["related_criteria"] = ["1.1", "1.2", "1.3", "1.4"]
    data["issues"][0]["standard"] = "1"
    data["issues"][1]["related_criteria"] = ["2.1", "2.2", "2.3"]
    data["issues"][1]["standard"] = "2"
    data["issues"][2]["related_criteria"] = ["3.1", "3.2", "3.3", "3.5"]
    data["issues"][4]["related_criteria"] = ["4.1", "4.2", "4.3"]
    found = by_code(findings(tmp_path, data), "every-criterion")
    assert len(found) == 1 and found[0].severity is Severity.notice
    assert "mục III khoản 2 điểm b" in found[0].message and "chưa kiểm chứng" in found[0].message


def test_fewer_than_two_reviews_after_the_year_is_a_warning_with_rule_and_mark(tmp_path: Path) -> None:
    data = example_data()
    after = by_code(findings(tmp_path / "a", data, AFTER), "too-few-reviews")
    assert len(after) == 1 and after[0].severity is Severity.warning
    assert "mục VIII điểm a" in after[0].message and "nguồn thứ cấp" in after[0].message
    assert "1 lần rà soát" in after[0].message
    assert by_code(findings(tmp_path / "b", data, DURING), "too-few-reviews") == []
    data["reviews"][1]["date"] = dt.date(2027, 5, 25)
    data["reviews"][1]["rows"] = [{"issue": 1, "result": "Hoàn thành", "status": "đã hoàn thành"}]
    assert by_code(findings(tmp_path / "c", data, AFTER), "too-few-reviews") == []


def test_reviews_written_on_rows_count_too(tmp_path: Path) -> None:
    data = example_data()
    data["entries"][0]["reviews"] = [{"date": dt.date(2027, 5, 20), "status": "đã hoàn thành"}]
    assert by_code(findings(tmp_path, data, AFTER), "too-few-reviews") == []


def test_a_rule_marked_unverified_gives_a_notice_never_an_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, example_data())
    form = repo / "catalogue" / "forms" / "tt-2026.yml"
    text = form.read_text(encoding="utf-8")
    head, rule = text.split("- id: min-two-reviews", 1)
    form.write_text(head + "- id: min-two-reviews" + rule.replace("status: secondary", "status: unverified", 1),
                    encoding="utf-8")
    found = by_code(load_project(repo, today=AFTER).findings, "too-few-reviews")
    assert len(found) == 1 and found[0].severity is Severity.notice and "chưa kiểm chứng" in found[0].message


def test_implementation_level_values_are_checked_with_a_suggestion(tmp_path: Path) -> None:
    data = example_data()
    data["entries"][2]["implementation_level"] = "hoan thanh"
    data["entries"][3]["implementation_level"] = "Đã xong một nửa"
    found = by_code(findings(tmp_path, data), "implementation-level")
    assert found[0].suggestion == "Hoàn thành"  # the value written without accents
    assert len(found) == 2 and found[1].suggestion in ("Hoàn thành", "Đang thực hiện", "Chưa hoàn thành")
    data["entries"][2]["implementation_level"] = "Hoàn thàn"
    found = by_code(findings(tmp_path / "b", data), "implementation-level")
    assert found[0].suggestion == "Hoàn thành" and found[0].severity is Severity.notice
    assert found[0].line > 1 and found[0].column > 1


def test_declared_level_is_compared_with_the_computed_one(tmp_path: Path) -> None:
    data = example_data()
    data["self_assessment"]["level"] = 2
    found = by_code(findings(tmp_path, data), "level-mismatch")
    assert len(found) == 1 and found[0].suggestion == "1" and "Điều 5 khoản 3" in found[0].message


def test_a_criterion_not_assessed_is_reported(tmp_path: Path) -> None:
    data = example_data()
    data["self_assessment"]["results"] = [r for r in data["self_assessment"]["results"] if r["criterion"] != "3.1"]
    found = by_code(findings(tmp_path, data), "criteria-not-assessed")
    assert len(found) == 1 and "3.1" in found[0].message and "không xác định được" in found[0].message


def test_a_preschool_plan_quoting_appendix_ii_gets_the_appendix_i_title(tmp_path: Path) -> None:
    data = example_data()
    data["entries"][2]["criterion"] = "3.5"
    data["entries"][2]["criterion_title"] = "Kết quả học tập, phát triển, rèn luyện và sự tiến bộ của học sinh"
    found = by_code(findings(tmp_path, data, level="mầm non"), "title-of-other-level")
    assert len(found) == 1 and found[0].suggestion == "Kết quả phát triển và sự tiến bộ của trẻ"
    assert "Phụ lục II" in found[0].message and "Phụ lục I" in found[0].message


def test_form_fields_without_the_form_are_not_dropped_silently(tmp_path: Path) -> None:
    data = example_data()
    del data["form"]
    found = findings(tmp_path, data)
    unused = {f.message.split("“")[1].split("”")[0] for f in by_code(found, "form-field-unused")}
    assert unused == {"general_info", "issues", "reviews", "organisation"}
    assert by_code(found, "form-missing")[0].suggestion == "tt-2026"


def test_unknown_form_is_an_error_with_the_nearest(tmp_path: Path) -> None:
    data = example_data()
    data["form"] = "tt2026"
    found = by_code(findings(tmp_path, data), "unknown-form")
    assert found[0].severity is Severity.error and found[0].suggestion == "tt-2026"


@pytest.mark.parametrize("body", ["Nội dung thêm.\n"])
def test_a_body_is_printed_after_section_viii_with_a_notice(tmp_path: Path, body: str) -> None:
    found = by_code(findings(tmp_path, example_data(), body=body), "body-after-form")
    assert found and found[0].severity is Severity.notice
