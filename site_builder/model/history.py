"""The git history of one file, as the model sees it (read by source.history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class FileHistory:
    """Commits that touched one file, newest first."""

    commits: list[tuple[str, dt.datetime]] = field(default_factory=list)

    @property
    def first_published(self) -> dt.datetime | None:
        return self.commits[-1][1] if self.commits else None

    @property
    def last_modified(self) -> dt.datetime | None:
        return self.commits[0][1] if self.commits else None
