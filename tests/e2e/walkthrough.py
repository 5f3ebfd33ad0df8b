"""Run the guide “Trường mới: kế hoạch đầu tiên” (docs/huong-dan/truong-moi.md) exactly as written.

Each ```bash block is run, in order, with bash in a temporary copy of the repository that is a real
git repository; the ```text block that follows a command (before the next command) is what the
guide says it prints. Shared by the walkthrough test and the search test on the walkthrough's site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "huong-dan" / "truong-moi.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
GIT_ENV = {"GIT_AUTHOR_NAME": "Thư ký Trường Hoa Sen", "GIT_AUTHOR_EMAIL": "thuky@hoasen.example",
           "GIT_COMMITTER_NAME": "Thư ký Trường Hoa Sen", "GIT_COMMITTER_EMAIL": "thuky@hoasen.example"}


@dataclass
class Step:
    command: str
    expected: list[str]  # the guide's printed lines (may be the first lines only)
    output: list[str] = field(default_factory=list)
    returncode: int = 0


@dataclass
class Walkthrough:
    root: Path
    steps: list[Step]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=self.root, capture_output=True, text=True, env=environment())


def guide_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block at the left margin, in order."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def guide_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for language, body in guide_blocks(text):
        if language == "bash":
            steps.append(Step(body, []))
        elif language == "text" and steps and not steps[-1].expected:
            steps[-1].expected = body.rstrip("\n").split("\n")
    return steps


def environment() -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    return {**os.environ, **GIT_ENV, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", "")}


def fresh_repository(target: Path) -> Path:
    """plans, examples, catalogue, docs, mkdocs.yml and .github/CODEOWNERS, committed in a new git repository."""
    target.mkdir(parents=True)
    for name in ("plans", "examples", "catalogue", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / ".github").mkdir()
    shutil.copy2(ROOT / ".github" / "CODEOWNERS", target / ".github" / "CODEOWNERS")
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
        (target / ".gitignore").write_text("node_modules\n", encoding="utf-8")
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "Kho"]):
        subprocess.run(args, cwd=target, check=True, env=environment())
    return target


def run_walkthrough(target: Path) -> Walkthrough:
    root = fresh_repository(target)
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    for step in steps:
        done = subprocess.run(["bash", "-e", "-c", step.command], cwd=root, capture_output=True, text=True,
                              env=environment())
        step.output = (done.stdout + done.stderr).rstrip("\n").split("\n")
        step.returncode = done.returncode
    return Walkthrough(root, steps)
