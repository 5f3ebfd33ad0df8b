"""Findings: one problem in one file at a line and column, shared by every stage that reports them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    error = "error"
    warning = "warning"


SEVERITY_LABELS = {Severity.error: "lỗi", Severity.warning: "cảnh báo"}


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
    errors = sum(1 for f in findings if f.severity is Severity.error)
    return {"errors": errors, "warnings": len(findings) - errors}
