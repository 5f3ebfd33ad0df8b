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


def test_blob_ids_statuses_and_one_batch_for_all_versions(tmp_path: Path) -> None:
    from site_builder.source.history import read_blobs, read_repo_history

    git(tmp_path, "init", "-q", "-b", "main")
    plan = tmp_path / "plans" / "a" / "2024-2025.md"
    plan.parent.mkdir(parents=True)
    plan.write_text("một\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "add", when="2024-10-10T08:00:00+07:00")
    plan.write_text("hai\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "edit", when="2024-11-01T08:00:00+07:00")
    git(tmp_path, "rm", "-q", str(plan))
    git(tmp_path, "commit", "-qm", "delete", when="2024-12-01T08:00:00+07:00")

    history = read_repo_history(tmp_path)
    assert history.available and not history.shallow
    commits = history.files["plans/a/2024-2025.md"].commits
    assert [c.status for c in commits] == ["D", "M", "A"]
    assert commits[0].blob == ""
    versions = history.files["plans/a/2024-2025.md"].versions
    texts = read_blobs(tmp_path, [v.blob for v in versions])
    assert [texts[v.blob] for v in versions] == ["một\n", "hai\n"]


def test_first_parent_dates_a_merged_plan_by_its_merge(tmp_path: Path) -> None:
    """A plan written on a branch is published when it reaches main: the merge commit's date."""
    from site_builder.source.history import read_repo_history

    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "root", when="2024-09-01T08:00:00+07:00")
    git(tmp_path, "checkout", "-q", "-b", "school")
    plan = tmp_path / "plans" / "a" / "2024-2025.md"
    plan.parent.mkdir(parents=True)
    plan.write_text("v1", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "draft", when="2024-10-01T08:00:00+07:00")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "school", when="2024-10-20T08:00:00+07:00")

    commits = read_repo_history(tmp_path).files["plans/a/2024-2025.md"].commits
    assert len(commits) == 1
    assert commits[0].when.date().isoformat() == "2024-10-20"


def test_a_shallow_clone_is_reported(tmp_path: Path) -> None:
    from site_builder.check.compliance import shallow_findings
    from site_builder.source.history import read_repo_history

    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    for number in range(3):
        (origin / "plans").mkdir(exist_ok=True)
        (origin / "plans" / "f.md").write_text(str(number), encoding="utf-8")
        git(origin, "add", "-A")
        git(origin, "commit", "-qm", f"c{number}")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    history = read_repo_history(tmp_path / "clone")
    assert history.shallow
    assert [f.code for f in shallow_findings(history)] == ["git-shallow"]
    assert not read_repo_history(origin).shallow
