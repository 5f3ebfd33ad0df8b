"""Who may approve changes to each school's folder: .github/CODEOWNERS.

Every plans/<school>/ folder must have its own owner line, so a pull request that
touches a school's plan asks that school's team (and only it) for review.
The check is skipped when the repository has no .github/CODEOWNERS (test
fixtures, forks that do not use ownership).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Finding, Severity
from ..source.files import CODEOWNERS_MAX_BYTES, Kind, Refusal, kind, read_bounded

CODEOWNERS = Path(".github") / "CODEOWNERS"
ORG = "phong-gddt"
MAINTAINERS = f"@{ORG}/maintainers"
_PLAN_FOLDER_RE = re.compile(r"^/?plans/([^/\s*?\[\]]+)/?(?:\*\*)?/?$")


@dataclass(frozen=True)
class OwnerLine:
    """One rule of CODEOWNERS: a pattern and its owners, at a 1-based line."""

    line: int
    pattern: str
    owners: tuple[str, ...]

    @property
    def school(self) -> str | None:
        """The school slug when the pattern names exactly one plans/<school>/ folder."""
        match = _PLAN_FOLDER_RE.match(self.pattern)
        return match.group(1) if match else None


def parse_codeowners(text: str) -> list[OwnerLine]:
    rules = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        pattern, *owners = line.split()
        rules.append(OwnerLine(number, pattern, tuple(owners)))
    return rules


def team_for(slug: str) -> str:
    """The owner written for a school folder: @phong-gddt/<school-slug>."""
    return f"@{ORG}/{slug}"


def owner_line_for(slug: str) -> str:
    return f"/plans/{slug}/ {team_for(slug)}"


def owner_findings(root: Path, slugs: Iterable[str]) -> list[Finding]:
    """An error for each school folder that has no owner line of its own in CODEOWNERS."""
    path = root / CODEOWNERS
    if kind(path) is Kind.missing:
        return []
    raw = read_bounded(path, CODEOWNERS_MAX_BYTES)
    if isinstance(raw, Refusal):
        return [Finding(CODEOWNERS.as_posix(), 1, 1, Severity.error, raw.code, raw.message, raw.fix)]
    rules = parse_codeowners(raw.decode("utf-8", errors="replace"))
    owned = {rule.school for rule in rules if rule.school and rule.owners}
    anchor = _insert_line(rules)
    return [_missing_owner(slug, anchor) for slug in sorted(set(slugs)) if slug not in owned]


def _insert_line(rules: list[OwnerLine]) -> int:
    """Where a new school line belongs: after the last school line, else at the end of the rules."""
    school_lines = [rule.line for rule in rules if rule.school]
    if school_lines:
        return max(school_lines)
    return max((rule.line for rule in rules), default=1)


def _missing_owner(slug: str, line: int) -> Finding:
    return Finding(
        CODEOWNERS.as_posix(), line, 1, Severity.error, "no-owner",
        f"Thư mục plans/{slug}/ chưa có dòng người phụ trách trong .github/CODEOWNERS, "
        "nên không ai của trường được mời duyệt thay đổi.",
        f"Phòng GD&ĐT thêm dòng “{owner_line_for(slug)}” vào .github/CODEOWNERS "
        "(và tạo nhóm tương ứng trên GitHub).",
    )
