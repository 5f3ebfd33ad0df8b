"""The import rule of the package (pyproject's import-linter contracts) holds, and breaking it is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "lint-imports"


def _lint(package_parent: Path) -> subprocess.CompletedProcess[str]:
    lint = LINT if LINT.exists() else Path(shutil.which("lint-imports") or "lint-imports")
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=package_parent, capture_output=True, text=True, env=env, check=False)


def test_contracts_are_kept() -> None:
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "site_builder", tmp_path / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    plan = tmp_path / "site_builder" / "model" / "plan.py"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nfrom ..web import pages  # noqa\n", encoding="utf-8")
    run = _lint(tmp_path)
    assert run.returncode != 0
    assert "site_builder.model.plan -> site_builder.web.pages" in run.stdout
