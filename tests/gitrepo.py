"""Real git repositories for tests: commits at chosen dates, plans edited between them.

quang_trung_history() makes the repository's own plans into a repository whose th-quang-trung plan
changes over a school year (statuses, a budget, a new criterion, reviews), as a school would edit it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

QT_PLAN = "plans/th-quang-trung/2024-2025.md"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_GLOBAL="/dev/null")
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True,
                          text=True).stdout


def init_repo(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitignore").write_text("node_modules\nbuild/\nsite/\n", encoding="utf-8")


def commit_all(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, rel: str, *changes: tuple[str, str]) -> None:
    """Replace each old text by new (each must occur exactly once)."""
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def entry_line(criterion: str) -> str:
    return f'  - criterion: "{criterion}"\n'


def add_lines(criterion: str, *lines: str) -> tuple[str, str]:
    """A change that adds YAML lines (4-space indented) right after an entry's criterion line."""
    return entry_line(criterion), entry_line(criterion) + "".join(f"    {line}\n" for line in lines)


LOST_1_9 = '''  - criterion: "1.9"
    self_assessment: {lost: true}
    actions: {lost: true}
    timeline: {lost: true}
    lead: {lost: true}
'''
NEW_ENTRY_1_9 = '''  - criterion: "1.9"
    actions:
      - "Tổ chức hội nghị cán bộ, công chức, viên chức và công khai các nội dung theo quy chế dân chủ."
    lead: Hiệu trưởng
    timeline: {start: 2025-02, end: 2025-05}
    budget: {amount: 5000000}
'''


def quang_trung_history(repo: Path) -> list[str]:
    """Four commits over 2024-2025 on th-quang-trung's plan; returns their shas, oldest first.

    1. 15/10/2024: the plans as they are (published 3 working days after the plan was signed on 10/10/2024).
    2. 05/11/2024: 1.3 in progress; 1.6 gets a budget of 10.000.000 đồng.
    3. 22/01/2025: semester-I reviews dated 15/01/2025, 5 working days earlier (1.3 done);
       1.6's budget raised to 15.000.000 đồng;
       criterion 1.9, lost in the source, filled in from the school's own copy.
    4. 20/06/2025: year-end review of 1.5 dated 20/05/2025 (published 22 working days later: a late update);
       1.5 and 3.5 done.
    """
    init_repo(repo)
    shas = [commit_all(repo, "Publish the plans", "2024-10-15T09:00:00+07:00")]
    edit(repo, QT_PLAN, add_lines("1.3", "status: đang thực hiện"), add_lines("1.6", "budget: {amount: 10000000}"))
    shas.append(commit_all(repo, "1.3 in progress, 1.6 budget", "2024-11-05T10:00:00+07:00"))
    edit(repo, QT_PLAN,
         (entry_line("1.3") + "    status: đang thực hiện\n",
          entry_line("1.3") + "    status: đã hoàn thành\n"
          "    reviews:\n      - {date: 2025-01-15, status: đã hoàn thành, text: Đã đổi mới sinh hoạt Đoàn.}\n"),
         add_lines("1.1", "reviews:", "  - {date: 2025-01-15, status: đang thực hiện}"),
         ("budget: {amount: 10000000}", "budget: {amount: 15000000}"),
         (LOST_1_9, NEW_ENTRY_1_9))
    shas.append(commit_all(repo, "Semester I review", "2025-01-22T08:30:00+07:00"))
    edit(repo, QT_PLAN, add_lines("1.5", "status: đã hoàn thành", "reviews:",
                                  "  - {date: 2025-05-20, status: đã hoàn thành, text: Giữ vững sĩ số.}"),
         add_lines("3.5", "status: đã hoàn thành"))
    shas.append(commit_all(repo, "Year-end review", "2025-06-20T16:00:00+07:00"))
    return shas
