"""Disclosure duties checked against git history and the school calendar (Thông tư 09/2024/TT-BGDĐT).

- A plan file that was published (it is in the history of HEAD) and no longer exists, within the
  retention period of the `retention` rule, is reported: archive it (`archived: true`) instead.
- A plan of the current school year in its second semester without any progress review is reported.
- A shallow clone is reported: its first-publication dates and deletions cannot be trusted.

A rule whose catalogue record is not `confirmed` never gives an error, only a warning that says so.
The facts computed here (deleted plans, review checkpoints) are also what the disclosure pages show
(present.disclosure).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import SEVERITY_LABELS, Finding, Severity
from ..model.calendar import SchoolYear, add_years, date_vi, vn_date
from ..model.catalogue import Catalogue, Confidence, DisclosureRule, ReviewCheckpoint
from ..model.history import Commit, RepoHistory
from ..model.plan import Plan
from ..source.reader import PlanSource

PLAN_PATH_RE = re.compile(r"^plans/([^/]+)/(\d{4}-\d{4})\.md$")
UNCONFIRMED_NOTE = ("Quy định này chưa được đối chiếu với văn bản gốc (danh mục ghi “{label}”), "
                    "nên đây chỉ là {kind}, không phải lỗi.")
REVIEW_EXAMPLE = "reviews: [{date: …, status: đang thực hiện, text: …}]"


def rule_confirmed(rule: DisclosureRule | ReviewCheckpoint | None) -> bool:
    return rule is not None and rule.verification.status is Confidence.confirmed


def rule_severity(rule: DisclosureRule | ReviewCheckpoint) -> Severity:
    """An error only for a rule confirmed against the official text; a warning for one from secondary
    sources; a notice for an unverified one."""
    if rule_confirmed(rule):
        return Severity.error
    return Severity.warning if rule.verification.status is Confidence.secondary else Severity.notice


def _unconfirmed(rule: DisclosureRule | ReviewCheckpoint) -> str:
    if rule_confirmed(rule):
        return ""
    kind = SEVERITY_LABELS[rule_severity(rule)]
    return " " + UNCONFIRMED_NOTE.format(label=rule.verification.label, kind=kind)


def rule_citation(rule: DisclosureRule | ReviewCheckpoint, catalogue: Catalogue) -> str:
    """“Điều 15 khoản 2 Thông tư 09/2024/TT-BGDĐT” (or the document alone when the article is unknown)."""
    document = catalogue.documents.get(rule.document)
    name = document.label if document else rule.document
    return f"{rule.article} {name}" if rule.article else name


# --------------------------------------------------------------------------- deleted plans


@dataclass(frozen=True)
class DeletedPlan:
    """A plan file that git history shows as published and that is gone from the working tree."""

    rel: str
    slug: str
    year: str
    last_version: Commit  # the last version that was published
    deleted: Commit | None  # the commit that removed it; None when it is only missing from the working tree
    retention_until: dt.date | None  # last publication + retention years; None without a retention rule

    def within_retention(self, today: dt.date) -> bool:
        return self.retention_until is not None and today <= self.retention_until


def plan_path_parts(rel: str) -> tuple[str, str] | None:
    """plans/<school>/<YYYY-YYYY>.md -> (school, year)."""
    match = PLAN_PATH_RE.match(rel)
    return (match.group(1), match.group(2)) if match else None


def retention_years(catalogue: Catalogue) -> int | None:
    rule = catalogue.rule("retention")
    return rule.retention_years if rule else None


def deleted_plans(root: Path, history: RepoHistory, years: int | None) -> list[DeletedPlan]:
    """Every plan path that had a published version and no longer exists under root."""
    found = []
    for rel, file_history in sorted(history.files.items()):
        parts = plan_path_parts(rel)
        last = file_history.last_version
        if parts is None or last is None or (root / rel).exists():
            continue
        newest = file_history.commits[0]
        until = add_years(vn_date(last.when), years) if years else None
        found.append(DeletedPlan(rel, parts[0], parts[1], last, newest if newest.status == "D" else None, until))
    return found


def retention_findings(root: Path, history: RepoHistory, catalogue: Catalogue, today: dt.date) -> list[Finding]:
    rule = catalogue.rule("retention")
    if rule is None or not rule.retention_years:
        return []
    findings = []
    for gone in deleted_plans(root, history, rule.retention_years):
        if not gone.within_retention(today) or gone.retention_until is None:
            continue
        restore = f"git checkout {gone.last_version.sha} -- {gone.rel}"
        findings.append(Finding(
            gone.rel, 1, 1, rule_severity(rule), "deleted-within-retention",
            f"Kế hoạch năm học {gone.year} đã được công khai (phiên bản cuối "
            f"{date_vi(vn_date(gone.last_version.when))}) nhưng tệp đã bị xóa; theo "
            f"{rule_citation(rule, catalogue)}, thông tin công khai phải được giữ ít nhất "
            f"{rule.retention_years:02d} năm, tức đến hết {date_vi(gone.retention_until)}.",
            f"Khôi phục tệp ({restore}); nếu kế hoạch không còn hiệu lực, ghi “archived: true” (và lý do ở "
            f"“archive_note”) để kế hoạch vẫn được công khai kèm dấu “Đã lưu trữ”.{_unconfirmed(rule)}",
        ))
    return findings


# --------------------------------------------------------------------------- progress reviews


@dataclass(frozen=True)
class CheckpointState:
    """One expected review of one plan's school year: how many entries were reviewed, and by when."""

    checkpoint: ReviewCheckpoint
    opens: dt.date
    due: dt.date
    reviewed: int
    entries: int
    state: str  # done | partial | overdue | open | upcoming

    @property
    def label(self) -> str:
        return REVIEW_STATE_LABELS[self.state]

    @property
    def needs_attention(self) -> bool:
        return self.state in ("overdue", "open", "partial")


REVIEW_STATE_LABELS = {
    "done": "Đã rà soát",
    "partial": "Mới rà soát một phần",
    "overdue": "Quá hạn, chưa rà soát",
    "open": "Đến kỳ rà soát",
    "upcoming": "Chưa đến kỳ",
}


def _school_year_order(month: int) -> tuple[bool, int]:
    return (month < 9, month)


def checkpoint_states(plan: Plan, checkpoints: list[ReviewCheckpoint], today: dt.date) -> list[CheckpointState]:
    year = SchoolYear.parse(plan.school_year)
    states = []
    for checkpoint in checkpoints:
        months = set(checkpoint.months)
        first_month = min(checkpoint.months, key=_school_year_order)
        opens = year.date_of(first_month, 1)
        due = year.date_of(checkpoint.due.month, checkpoint.due.day)
        reviewed = sum(1 for entry in plan.entries
                       if any(year.contains(r.date) and r.date.month in months for r in entry.reviews))
        if plan.entries and reviewed == len(plan.entries):
            state = "done"
        elif reviewed:
            state = "partial"
        elif today > due:
            state = "overdue"
        elif today >= opens:
            state = "open"
        else:
            state = "upcoming"
        states.append(CheckpointState(checkpoint, opens, due, reviewed, len(plan.entries), state))
    return states


def in_second_semester(plan: Plan, checkpoints: list[ReviewCheckpoint], today: dt.date) -> bool:
    """The plan's school year is today's and the first checkpoint (end of semester I) has passed."""
    year = SchoolYear.parse(plan.school_year)
    if not checkpoints or SchoolYear.of_date(today) != year:
        return False
    first = checkpoints[0]
    return today > year.date_of(first.due.month, first.due.day)


def review_findings(source: PlanSource, plan: Plan, catalogue: Catalogue, today: dt.date) -> list[Finding]:
    """A warning when a plan of this school year is in its second semester and has no review at all."""
    checkpoints = catalogue.review_checkpoints
    if plan.archived or not plan.entries or not in_second_semester(plan, checkpoints, today):
        return []
    year = SchoolYear.parse(plan.school_year)
    if any(year.contains(r.date) for entry in plan.entries for r in entry.reviews):
        return []
    first = checkpoints[0]
    line, column = source.source.key(("entries",))
    due = year.date_of(first.due.month, first.due.day)
    return [Finding(
        source.rel, line, column, Severity.warning, "no-review",
        f"Kế hoạch năm học {plan.school_year} đã sang học kỳ II (sau mốc “{first.label}”, {date_vi(due)}) "
        f"nhưng chưa tiêu chí nào có lần rà soát tiến độ; kế hoạch cần được rà soát ít nhất hai lần trong năm học "
        f"({rule_citation(first, catalogue)}).",
        f"Thêm kết quả rà soát vào từng tiêu chí: {REVIEW_EXAMPLE}.{_unconfirmed(first)}",
    )]


# --------------------------------------------------------------------------- the history itself


def shallow_findings(history: RepoHistory) -> list[Finding]:
    if not history.shallow:
        return []
    return [Finding(
        "plans", 1, 1, Severity.warning, "git-shallow",
        "Bản sao kho git này chỉ có một phần lịch sử (shallow clone): ngày đăng lần đầu, lịch sử thay đổi và việc "
        "phát hiện kế hoạch bị xóa sẽ không chính xác.",
        "Lấy đủ lịch sử bằng lệnh “git fetch --unshallow” (trên GitHub Actions: actions/checkout với fetch-depth: 0).",
    )]
