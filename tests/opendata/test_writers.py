"""The open-data files of a real git history, validated: the data package by the Frictionless library, the
feed by feedparser, plans.json against the plan JSON Schema, the CSVs read back as Excel would."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from frictionless import validate

from site_builder import paths
from site_builder.check.assemble import load_project
from site_builder.opendata.writers import write_open_data
from site_builder.present.transparency import build_transparency
from tests.gitrepo import QT_PLAN, edit

SITE = "https://truong.example.invalid/ke-hoach/"


@pytest.fixture(scope="module")
def data(qt_repo: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, _ = qt_repo
    project = load_project(root, today=dt.date(2025, 7, 1))
    docs = tmp_path_factory.mktemp("opendata")
    write_open_data(project, build_transparency(project, None), docs, SITE, "Kế hoạch")
    return docs


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))


def test_the_data_package_is_valid_for_frictionless(data: Path) -> None:
    report = validate(str(data / paths.DATAPACKAGE))
    assert report.valid, report.flatten(["type", "note", "resourcePath"])
    package = json.loads((data / paths.DATAPACKAGE).read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    assert described == {paths.OPEN_DATA_FILES[name] for name in paths.OPEN_DATA_FILES}
    assert all((data / paths.OPEN_DATA / name).is_file() for name in described)


def test_frictionless_catches_a_broken_table(data: Path, tmp_path: Path) -> None:
    """The validation above can fail: a budget that is not a number breaks entries.csv's schema."""
    broken = tmp_path / "du-lieu"
    broken.mkdir()
    for file in (data / paths.OPEN_DATA).iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    entries = broken / "entries.csv"
    text = entries.read_text(encoding="utf-8-sig").replace("15000000", "mười lăm triệu")
    entries.write_text(text, encoding="utf-8-sig")
    report = validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert "type-error" in {error.type for task in report.tasks for error in task.errors}


def test_entries_csv_has_one_row_per_entry_with_git_dates(data: Path, qt_repo: tuple[Path, list[str]]) -> None:
    rows = _rows(data / paths.open_data_file("entries"))
    project = load_project(qt_repo[0], today=dt.date(2025, 7, 1))
    assert len(rows) == sum(len(doc.plan.entries) for doc in project.plans)
    qt = {r["criterion"]: r for r in rows if r["school_id"] == "th-quang-trung"}
    assert qt["1.6"]["budget_amount"] == "15000000"
    assert qt["1.3"]["status"] == "đã hoàn thành" and qt["1.3"]["last_review_date"] == "2025-01-15"
    assert qt["1.1"]["status"] == "đang thực hiện"  # from its review
    assert qt["1.1"]["plan_first_published"] == "2024-10-15" and qt["1.1"]["plan_last_updated"] == "2025-06-20"
    assert not [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@", "\t"))]


def test_school_written_formulas_stay_text(qt_repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = qt_repo
    copy = tmp_path / "repo"
    import shutil

    shutil.copytree(root, copy, symlinks=True)
    edit(copy, QT_PLAN, ("    lead: Hiệu trưởng CTCD\n", '    lead: "=HYPERLINK(\\"http://x.invalid\\",\\"bấm\\")"\n'))
    project = load_project(copy, today=dt.date(2025, 7, 1))
    write_open_data(project, build_transparency(project, None), tmp_path / "docs", SITE, "Kế hoạch")
    leads = [r["lead"] for r in _rows(tmp_path / "docs" / paths.open_data_file("entries"))]
    assert "'=HYPERLINK(\"http://x.invalid\",\"bấm\")" in leads
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in leads)


def test_disclosure_csv_matches_the_dashboard(data: Path) -> None:
    rows = {r["school_id"]: r for r in _rows(data / paths.open_data_file("disclosure"))}
    qt = rows["th-quang-trung"]
    assert (qt["school_year"], qt["plan_state"], qt["first_published"]) == ("2024-2025", "on-time", "2024-10-15")
    assert (qt["late_updates"], qt["deadline"], qt["as_of"]) == ("1", "2025-06-30", "2025-07-01")
    assert rows["mn-20-10-quan-1"]["plan_state"] == "overdue"  # no 2024-2025 plan after 30/6/2025
    schools = _rows(data / paths.open_data_file("schools"))
    assert {r["school_id"] for r in schools} == set(rows)


def test_plans_json_is_normalized_and_valid_against_the_schema(data: Path) -> None:
    document = json.loads((data / paths.open_data_file("plans")).read_text(encoding="utf-8"))
    schema = json.loads((data / paths.open_data_file("plan-schema")).read_text(encoding="utf-8"))
    school_ids = {s["id"] for s in document["schools"]}
    for plan in document["plans"]:
        assert plan["school"] in school_ids
        jsonschema.validate(plan["data"], schema)
        assert plan["url"].startswith(SITE)
    qt = next(p for p in document["plans"] if p["school"] == "th-quang-trung")
    assert (qt["first_published"], qt["last_updated"]) == ("2024-10-15", "2025-06-20")
    assert qt["history"] == SITE + paths.plan_history_page("th-quang-trung", "2024-2025").url


def test_the_atom_feed_parses_with_feedparser(data: Path) -> None:
    feed = feedparser.parse((data / paths.FEED).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == "vi" if "language" in feed.feed else True
    titles = [e.title for e in feed.entries]
    # 4 changes of th-quang-trung's plan + the first version of each other plan, newest first
    assert len(feed.entries) == 6
    assert titles[0] == "Cập nhật: Kế hoạch cải tiến chất lượng năm học 2024-2025 – Trường Tiểu học Quang Trung"
    assert "Tiêu chí 3.5: trạng thái chuyển sang Đã hoàn thành" in feed.entries[0].summary
    assert sum(t.startswith("Đăng mới") for t in titles) == 3
    assert len({e.id for e in feed.entries}) == 6
    assert feed.entries[0].link == SITE + paths.plan_page("th-quang-trung", "2024-2025").url
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
