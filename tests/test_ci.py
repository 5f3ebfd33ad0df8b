"""CI runs what a developer runs and fails when that leaves the repository dirty (issue 9, point 6)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_site_and_tests_then_asserts_a_clean_tree() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.startswith("#")]
    assert lines.index("make site") < lines.index("make test")
    assert 'changes="$(git status --porcelain)"' in lines
    assert lines.index('changes="$(git status --porcelain)"') > lines.index("make test")
    assert "exit 1" in script


def test_node_tools_install_from_the_lock_without_rewriting_it() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = re.findall(r"^\t(npm .*)$", makefile, re.MULTILINE)
    assert commands and all(c.startswith("npm ci ") for c in commands), commands
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    optional = lock["packages"]["node_modules/pagefind"].get("optionalDependencies", {})
    assert optional and all(f"node_modules/{name}" in lock["packages"] for name in optional)
