"""Dates from a real git repository, read in one pass."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from site_builder.source.history import read_history


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_first_and_last_dates(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    plan = tmp_path / "plans" / "a" / "2024-2025.md"
    plan.parent.mkdir(parents=True)
    plan.write_text("v1", encoding="utf-8")
    (tmp_path / "plans" / "a" / "school.yml").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", when="2024-10-10T08:00:00+07:00")
    plan.write_text("v2", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "second", when="2024-11-01T09:30:00+07:00")

    history = read_history(tmp_path)
    h = history["plans/a/2024-2025.md"]
    assert len(h.commits) == 2
    assert h.first_published.isoformat() == "2024-10-10T01:00:00+00:00"
    assert h.last_modified.isoformat() == "2024-11-01T02:30:00+00:00"
    assert len(history["plans/a/school.yml"].commits) == 1


def test_no_repository_means_no_history(tmp_path: Path) -> None:
    assert read_history(tmp_path) == {}
