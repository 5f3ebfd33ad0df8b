"""Findings: one problem in one file at a line and column, shared by every stage that reports them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """error blocks publication; warning asks for a fix; notice informs (e.g. a rule resting on unverified data)."""

    error = "error"
    warning = "warning"
    notice = "notice"


SEVERITY_LABELS = {Severity.error: "lỗi", Severity.warning: "cảnh báo", Severity.notice: "lưu ý"}


@dataclass(frozen=True)
class Finding:
    """One problem in one file, in Vietnamese, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    fix: str = ""
    suggestion: str | None = None

    @property
    def text(self) -> str:
        """The full sentence a school reads: what is wrong, how to fix it, the nearest valid value."""
        parts = [self.message]
        if self.fix:
            parts.append(self.fix)
        if self.suggestion is not None:
            parts.append(f"Có phải “{self.suggestion}”?")
        return " ".join(parts)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def summary_counts(findings: list[Finding]) -> dict[str, int]:
    def count(severity: Severity) -> int:
        return sum(1 for f in findings if f.severity is severity)

    return {"errors": count(Severity.error), "warnings": count(Severity.warning), "notices": count(Severity.notice)}


def counts_vi(findings: list[Finding]) -> str:
    """“2 lỗi, 1 cảnh báo” (and “, 3 lưu ý” when there are notices)."""
    counts = summary_counts(findings)
    text = f"{counts['errors']} lỗi, {counts['warnings']} cảnh báo"
    return text + (f", {counts['notices']} lưu ý" if counts["notices"] else "")
