"""Publication dates of files, from git, in one pass over the log.

One `git log` call covers every file (not one call per file), so a district
with thousands of plans pays for one process. Outside a git checkout, or for
files git does not know yet, there is simply no history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ..model.history import FileHistory

COMMIT_MARK = "\x1ecommit "


def read_history(root: Path, paths: tuple[str, ...] = ("plans", "catalogue")) -> dict[str, FileHistory]:
    """Map repository-relative path -> FileHistory for every file under paths."""
    try:
        output = subprocess.run(
            ["git", "-C", str(root), "log", "--no-renames", "--format=" + COMMIT_MARK + "%H %ct",
             "--name-only", "--", *paths],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    return parse_log(output)


def parse_log(output: str) -> dict[str, FileHistory]:
    histories: dict[str, FileHistory] = {}
    for block in output.split(COMMIT_MARK):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        sha, stamp = lines[0].split()
        when = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC)
        for name in lines[1:]:
            histories.setdefault(name.strip(), FileHistory()).commits.append((sha, when))
    return histories
