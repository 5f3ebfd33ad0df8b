"""The git history of the repository's files, as the model sees it (read by source.history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class Commit(NamedTuple):
    """One commit that touched a file: its id, its time, the file's blob after it, what it did (A, M or D)."""

    sha: str
    when: dt.datetime
    blob: str = ""  # 40 hex digits; empty for a deletion or when unknown
    status: str = "M"

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass
class FileHistory:
    """Commits that touched one file, newest first."""

    commits: list[Commit] = field(default_factory=list)

    @property
    def first_published(self) -> dt.datetime | None:
        return self.commits[-1][1] if self.commits else None

    @property
    def last_modified(self) -> dt.datetime | None:
        return self.commits[0][1] if self.commits else None

    @property
    def versions(self) -> list[Commit]:
        """The commits that left a version of the file (additions and changes), oldest first."""
        return [c for c in reversed(self.commits) if c.status != "D" and c.blob]

    @property
    def last_version(self) -> Commit | None:
        versions = self.versions
        return versions[-1] if versions else None


@dataclass
class RepoHistory:
    """Every file's history from one pass over git log, and how far that history can be trusted."""

    files: dict[str, FileHistory] = field(default_factory=dict)
    available: bool = False  # False outside a git checkout (e.g. a downloaded archive)
    shallow: bool = False  # a shallow clone: first-publication dates and deletions are not reliable

    def get(self, rel: str) -> FileHistory | None:
        return self.files.get(rel)
