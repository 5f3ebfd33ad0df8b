"""Check reports: findings as text, GitHub annotations, JSON, and the Vietnamese Markdown job summary.

The Markdown summary:
GitHub shows at most 10 annotations of each kind per step; the job summary has no such
limit, so every finding is listed here, grouped by file, with a link to its line when
the run happens on GitHub.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, replace
from itertools import groupby
from pathlib import Path

from ..diagnostics import SEVERITY_LABELS, Finding, Severity, counts_vi, summary_counts
from .limits import FORBIDDEN

MAX_SHOWN = 1000  # characters of a path, message or fix in a report (a quoted value can be 200,000)


def printable(text: str) -> str:
    """Invisible and direction-changing characters as \\uXXXX, long parts cut: a report shows what is there."""
    text = FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f"… (còn {len(text) - MAX_SHOWN} ký tự)"


def shown(finding: Finding) -> Finding:
    """The finding as reports print it: user text quoted in it can neither hide nor reorder the report."""
    return replace(finding, path=printable(finding.path), message=printable(finding.message),
                   fix=printable(finding.fix),
                   suggestion=None if finding.suggestion is None else printable(finding.suggestion))


def format_text(findings: list[Finding]) -> str:
    findings = [shown(f) for f in findings]
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


GITHUB_COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.notice: "notice"}


def format_github(findings: list[Finding]) -> str:
    """GitHub workflow commands: annotations on the exact lines of the files."""
    findings = [shown(f) for f in findings]
    lines = []
    for f in findings:
        command = GITHUB_COMMANDS[f.severity]
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
    findings = [shown(f) for f in findings]
    records = []
    for f in findings:
        record = asdict(f)
        record["severity"] = f.severity.value
        record["text"] = f.text
        records.append(record)
    return json.dumps({"findings": records, **summary_counts(findings)}, ensure_ascii=False, indent=2)


def format_summary(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"Đã kiểm tra {files} tệp: không có lỗi."
    return f"Đã kiểm tra {files} tệp: {counts_vi(findings)}."


ICONS = {Severity.error: "❌", Severity.warning: "⚠️", Severity.notice: "ℹ️"}


def _cell(text: str) -> str:
    """Text that is safe inside one Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _blob_base(env: Mapping[str, str]) -> str | None:
    """https://github.com/<owner>/<repo>/blob/<sha>/ on GitHub Actions, else None."""
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if not (server and repo and sha):
        return None
    return f"{server}/{repo}/blob/{sha}/"


def _position(finding: Finding, base: str | None) -> str:
    where = f"{finding.line}:{finding.column}"
    if base is None:
        return where
    return f"[{where}]({base}{finding.path}#L{finding.line})"


def _worst(findings: list[Finding]) -> Severity:
    return next((s for s in Severity if any(f.severity is s for f in findings)), Severity.notice)


def _file_section(path: str, findings: list[Finding], base: str | None) -> list[str]:
    icon = ICONS[_worst(findings)]
    lines = [
        f"### {icon} `{path}` ({counts_vi(findings)})",
        "",
        "| Dòng:cột | Loại | Nội dung và cách sửa | Mã |",
        "|---|---|---|---|",
    ]
    for f in findings:
        label = f"{ICONS[f.severity]} {SEVERITY_LABELS[f.severity]}"
        lines.append(f"| {_position(f, base)} | {label} | {_cell(f.text)} | `{f.code}` |")
    lines.append("")
    return lines


def format_markdown(findings: list[Finding], files: int, env: Mapping[str, str] | None = None) -> str:
    """The whole report: a headline, then every finding grouped by file."""
    base = _blob_base(os.environ if env is None else env)
    ordered = sorted((shown(f) for f in findings), key=Finding.sort_key)
    counts = summary_counts(ordered)
    if not ordered:
        headline = f"✅ Đã kiểm tra {files} tệp: không có lỗi nào."
    elif counts["errors"]:
        headline = f"❌ Đã kiểm tra {files} tệp: {counts_vi(ordered)}. Cần sửa hết lỗi thì mới hợp nhất được."
    elif counts["warnings"]:
        headline = f"⚠️ Đã kiểm tra {files} tệp: {counts_vi(ordered)}. Có thể hợp nhất, nhưng nên bổ sung."
    else:
        headline = f"ℹ️ Đã kiểm tra {files} tệp: {counts_vi(ordered)}. Có thể hợp nhất; các lưu ý chỉ để tham khảo."
    lines = ["## Kết quả kiểm tra kế hoạch", "", headline, ""]
    if ordered:
        lines += [
            "Mỗi dòng dưới đây ghi vị trí theo dạng **dòng:cột** trong tệp. "
            "GitHub chỉ gắn tối đa 10 chú thích lên tệp ở mỗi bước; danh sách này là đầy đủ.",
            "",
        ]
    for path, group in groupby(ordered, key=lambda f: f.path):
        lines += _file_section(path, list(group), base)
    return "\n".join(lines) + "\n"


def append_summary(path: Path, findings: list[Finding], files: int) -> None:
    """Append the report to a file such as $GITHUB_STEP_SUMMARY (which other steps also write)."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(format_markdown(findings, files))
