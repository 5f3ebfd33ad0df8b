"""Publication dates and versions of files, from git, in as few git calls as possible.

One `git log` call covers every file (not one call per file), so a district with thousands of
plans pays for one process. The log follows the first parent from HEAD, so on main a plan's
first commit is the commit (or merge) that brought it onto main, not a commit of a side branch.
Each commit line carries the file's blob id after the change; every version of every plan is then
read with one `git cat-file --batch` call (read_blobs). Outside a git checkout, or for files git
does not know yet, there is simply no history; a shallow clone is reported (RepoHistory.shallow).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..model.history import Commit, FileHistory, RepoHistory

COMMIT_MARK = "\x1ecommit "
DEFAULT_PATHS = ("plans", "catalogue")
RAW_RE = re.compile(r"^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t(.+)$")
NULL_BLOB = re.compile(r"^0+$")


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], input=stdin,
                          capture_output=True, check=True).stdout


def read_repo_history(root: Path, paths: tuple[str, ...] = DEFAULT_PATHS) -> RepoHistory:
    """Every file under paths with its commits (blob ids and A/M/D included), from one git log pass."""
    try:
        inside, shallow, prefix = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                                       "--show-prefix").decode().split("\n")[:3]
    except (OSError, subprocess.CalledProcessError, ValueError):
        return RepoHistory()
    if inside != "true":
        return RepoHistory()
    try:
        output = _git(root, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw",
                      "--no-abbrev", "--format=" + COMMIT_MARK + "%H %ct", "--", *paths).decode("utf-8", "replace")
    except subprocess.CalledProcessError:  # a repository without any commit yet
        return RepoHistory(available=True, shallow=shallow == "true")
    files = parse_log(output)
    if prefix:  # root is a folder inside a larger repository: paths relative to root, as the reader gives them
        files = {name.removeprefix(prefix): h for name, h in files.items() if name.startswith(prefix)}
    return RepoHistory(files, available=True, shallow=shallow == "true")


def read_history(root: Path, paths: tuple[str, ...] = DEFAULT_PATHS) -> dict[str, FileHistory]:
    """Map repository-relative path -> FileHistory for every file under paths."""
    return read_repo_history(root, paths).files


def parse_log(output: str) -> dict[str, FileHistory]:
    """Parse `git log --raw --format=<COMMIT_MARK>%H %ct` (or --name-only) output, newest commit first."""
    histories: dict[str, FileHistory] = {}
    for block in output.split(COMMIT_MARK):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        sha, stamp = lines[0].split()
        when = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC)
        for line in lines[1:]:
            commit, name = _file_line(sha, when, line)
            histories.setdefault(name, FileHistory()).commits.append(commit)
    return histories


def _file_line(sha: str, when: dt.datetime, line: str) -> tuple[Commit, str]:
    match = RAW_RE.match(line)
    if match is None:  # --name-only output: a bare path
        return Commit(sha, when), line.strip()
    _old, new, status, name = match.groups()
    blob = "" if NULL_BLOB.match(new) else new
    return Commit(sha, when, blob, "D" if status == "D" else ("A" if status == "A" else "M")), name


def read_blobs(root: Path, blobs: Iterable[str]) -> dict[str, str]:
    """The text of each blob id, read with one `git cat-file --batch` call; unknown ids are left out."""
    wanted = sorted({b for b in blobs if b})
    if not wanted:
        return {}
    try:
        raw = _git(root, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    except (OSError, subprocess.CalledProcessError):
        return {}
    return parse_batch(raw)


def parse_batch(raw: bytes) -> dict[str, str]:
    """Parse `git cat-file --batch` output: '<sha> <type> <size>\\n<content>\\n' per object."""
    texts: dict[str, str] = {}
    position = 0
    while position < len(raw):
        end = raw.index(b"\n", position)
        header = raw[position:end].decode().split()
        position = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        content = raw[position:position + size]
        position += size + 1
        if header[1] == "blob":
            texts[header[0]] = content.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return texts
