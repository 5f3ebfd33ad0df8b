"""CODEOWNERS: each school folder has its own owner line, and `check` fails when one is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from site_builder.check.ownership import owner_line_for, parse_codeowners

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "site_builder"]
SCHOOLS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())


def _repo(tmp_path: Path, codeowners: str | None) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    if codeowners is not None:
        (root / ".github").mkdir()
        (root / ".github" / "CODEOWNERS").write_text(codeowners, encoding="utf-8")
    return root


def _findings(root: Path) -> tuple[int, list[dict]]:
    run = subprocess.run([*CLI, "--root", str(root), "check", "--format", "json"], capture_output=True, text=True)
    return run.returncode, json.loads(run.stdout)["findings"]


def test_repository_codeowners_gives_every_school_its_team() -> None:
    rules = parse_codeowners((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    by_school = {rule.school: rule.owners for rule in rules if rule.school}
    assert by_school == {slug: (f"@phong-gddt/{slug}",) for slug in SCHOOLS}
    maintained = {rule.pattern: rule.owners for rule in rules if not rule.school}
    for pattern in ("/catalogue/", "/site_builder/", "/.github/"):
        assert maintained[pattern] == ("@phong-gddt/maintainers",)


def test_repository_check_has_no_ownership_error() -> None:
    _, findings = _findings(ROOT)
    assert not [f for f in findings if f["code"] == "no-owner"]


def test_missing_owner_line_fails_check_and_points_at_codeowners(tmp_path: Path) -> None:
    kept = [owner_line_for(slug) for slug in SCHOOLS if slug != "th-quang-trung"]
    text = "# ghi chú\n* @phong-gddt/maintainers\n/plans/ @phong-gddt/maintainers\n" + "\n".join(kept) + "\n"
    code, findings = _findings(_repo(tmp_path, text))
    assert code == 1
    [missing] = [f for f in findings if f["code"] == "no-owner"]
    assert missing["path"] == ".github/CODEOWNERS"
    assert (missing["line"], missing["column"]) == (3 + len(kept), 1)
    assert missing["severity"] == "error"
    assert "plans/th-quang-trung/" in missing["message"]
    assert "/plans/th-quang-trung/ @phong-gddt/th-quang-trung" in missing["fix"]


def test_every_school_owned_passes(tmp_path: Path) -> None:
    text = "\n".join(f"plans/{slug}/** @phong-gddt/{slug}  # trường" for slug in SCHOOLS) + "\n"
    code, findings = _findings(_repo(tmp_path, text))
    assert code == 0
    assert not [f for f in findings if f["code"] == "no-owner"]


def test_line_without_owner_or_commented_out_does_not_count(tmp_path: Path) -> None:
    lines = [owner_line_for(slug) for slug in SCHOOLS]
    lines[0] = "# " + lines[0]
    lines[1] = lines[1].split()[0]
    code, findings = _findings(_repo(tmp_path, "\n".join(lines) + "\n"))
    assert code == 1
    assert len([f for f in findings if f["code"] == "no-owner"]) == 2


def test_no_codeowners_file_skips_the_check(tmp_path: Path) -> None:
    code, findings = _findings(_repo(tmp_path, None))
    assert code == 0
    assert not [f for f in findings if f["code"] == "no-owner"]


def test_parse_codeowners_keeps_line_numbers() -> None:
    rules = parse_codeowners("# a\n\n/plans/x/ @o/x @o/y # note\n*.md @o/docs\n")
    assert [(r.line, r.pattern, r.owners, r.school) for r in rules] == [
        (3, "/plans/x/", ("@o/x", "@o/y"), "x"),
        (4, "*.md", ("@o/docs",), None),
    ]
