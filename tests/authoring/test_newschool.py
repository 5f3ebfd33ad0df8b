"""`site-builder new-school`: a valid school.yml, the exact CODEOWNERS line, Vietnamese errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.authoring import newschool
from site_builder.check.assemble import load_project
from site_builder.check.ownership import owner_findings
from site_builder.errors import NewPlanError
from site_builder.model.plan import SchoolLevel
from site_builder.source.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "site_builder"]
DETAILS = ["--name", "Trường Tiểu học Lê Lợi: cơ sở 2", "--level", "tieu hoc", "--governing-body",
           "UBND HUYỆN THỬ", "--address", "Số 5, đường 3/2", "--website", "https://thleloi.edu.vn"]


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    (root / ".github").mkdir()
    shutil.copy2(ROOT / ".github" / "CODEOWNERS", root / ".github" / "CODEOWNERS")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--root", str(root), *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_new_school_writes_a_valid_school_yml_and_prints_the_owner_line(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    run = _run(root, "new-school", "th-le-loi", *DETAILS)
    assert run.returncode == 0, run.stderr
    assert "  /plans/th-le-loi/ @phong-gddt/th-le-loi" in run.stdout.split("\n")
    assert "bộ tiêu chuẩn tt17-2018" in run.stdout
    text = (root / "plans" / "th-le-loi" / "school.yml").read_text(encoding="utf-8")
    assert all(" # " in line or line.startswith("#") for line in text.strip().split("\n"))
    school = load_project(root).schools["th-le-loi"].school
    assert school.name == "Trường Tiểu học Lê Lợi: cơ sở 2" and school.address == "Số 5, đường 3/2"
    assert school.level is SchoolLevel.primary and school.framework == "tt17-2018"
    [missing] = owner_findings(root, ["th-le-loi"])
    assert "/plans/th-le-loi/ @phong-gddt/th-le-loi" in missing.fix  # the printed line is the one check asks for
    with (root / ".github" / "CODEOWNERS").open("a", encoding="utf-8") as handle:
        handle.write("/plans/th-le-loi/ @phong-gddt/th-le-loi\n")
    assert owner_findings(root, ["th-le-loi"]) == []


@pytest.mark.parametrize(("args", "message"), [
    (["TH Lê Lợi", *DETAILS], "Mã trường “TH Lê Lợi” không hợp lệ"),
    (["th-le-loi", "--name", "Trường Tiểu học Lê Lợi"], "Thiếu thông tin bắt buộc: --level, --governing-body."),
    (["th-le-loi", "--name", "X", "--level", "dai hoc", "--governing-body", "UBND"], "Cấp học “dai hoc” không hợp lệ"),
    (["th-quang-trung", *DETAILS], "Trường “th-quang-trung” đã có tệp plans/th-quang-trung/school.yml."),
    (["th-le-loi", *DETAILS[:-2], "--website", "thleloi.edu.vn"], "Thông tin trường không hợp lệ"),
])
def test_errors_are_vietnamese_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    root = _repo(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    run = _run(root, "new-school", *args)
    assert run.returncode == 1 and run.stderr.startswith("lỗi: ") and message in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_questions_fill_what_options_did_not_give() -> None:
    answers = iter(["Trường Mầm non Sao Mai", "", "mầm non", "UBND XÃ THỬ", "", "", "", "", ""])
    asked: list[str] = []
    details: dict[str, str | None] = dict.fromkeys(newschool.FIELDS)

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    newschool.ask_missing(details, ask)
    assert details["name"] == "Trường Mầm non Sao Mai" and details["short_name"] is None
    assert len(asked) == len(newschool.QUESTIONS) and all(q.endswith(": ") for q in asked)


def test_default_framework_is_the_verified_one_of_the_level() -> None:
    catalogue = load_catalogue(ROOT)
    chosen = {level: newschool.default_framework(level, catalogue).id for level in SchoolLevel}
    assert chosen == {SchoolLevel.preschool: "tt19-2018", SchoolLevel.primary: "tt17-2018",
                      SchoolLevel.lower_secondary: "tt18-2018", SchoolLevel.upper_secondary: "tt18-2018",
                      SchoolLevel.multi_level: "tt18-2018",
                      SchoolLevel.continuing: "tt-2026"}  # GDTX: only the 2026 framework covers it
    with pytest.raises(NewPlanError):
        newschool.level_of("đại học")
