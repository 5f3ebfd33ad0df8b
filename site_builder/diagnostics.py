"""Findings of the validator, and the formats they are printed in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
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


def format_text(findings: list[Finding]) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {SEVERITY_LABELS[f.severity]}: {f.text} [{f.code}]"
        for f in findings
    ]
    return "\n".join(lines)


def _escape_github(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(findings: list[Finding]) -> str:
    """GitHub workflow commands: annotations on the exact lines of the files."""
    lines = []
    for f in findings:
        command = "error" if f.severity is Severity.error else "warning"
        props = ",".join(
            [
                f"file={_escape_github(f.path, prop=True)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape_github(f.code, prop=True)}",
            ]
        )
        lines.append(f"::{command} {props}::{_escape_github(f.text)}")
    return "\n".join(lines)


def format_json(findings: list[Finding]) -> str:
    records = []
    for f in findings:
        record = asdict(f)
        record["severity"] = f.severity.value
        record["text"] = f.text
        records.append(record)
    return json.dumps({"findings": records, **summary_counts(findings)}, ensure_ascii=False, indent=2)


def summary_counts(findings: list[Finding]) -> dict[str, int]:
    errors = sum(1 for f in findings if f.severity is Severity.error)
    return {"errors": errors, "warnings": len(findings) - errors}


def format_summary(findings: list[Finding], files: int) -> str:
    counts = summary_counts(findings)
    if not findings:
        return f"Đã kiểm tra {files} tệp: không có lỗi."
    return f"Đã kiểm tra {files} tệp: {counts['errors']} lỗi, {counts['warnings']} cảnh báo."
