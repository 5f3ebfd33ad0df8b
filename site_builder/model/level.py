"""The school's quality level computed from its per-criterion self-assessment (2026 framework).

The rule is data (catalogue/forms/tt-2026.yml, rule `level-computation`; legal-2026.md 1.4):
- Đạt Mức 1: every mandatory criterion at Mức 1, and at least `min_other` of the other criteria at Mức 1 or above;
- Đạt Mức 2: every mandatory criterion at Mức 2, at least `min_other` of the others at Mức 2, the rest at Mức 1
  or above (and Mức 2 is only considered once Mức 1 is reached).

A criterion not assessed can go either way: the level is computed twice, counting the unknown results as not
met (lower bound) and as met (upper bound). When both agree the level is known; otherwise it is undetermined and
`missing` says which results would decide it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .plan import CriterionAssessment, Result

LEVELS = (1, 2)


@dataclass(frozen=True)
class LevelRule:
    mandatory: tuple[str, ...]
    min_other: int

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None, mandatory: Sequence[str]) -> LevelRule:
        """From the rule's data (catalogue), falling back to the framework's mandatory list."""
        data = data or {}
        return cls(tuple(data.get("mandatory_criteria") or mandatory), int(data.get("min_other_criteria_at_level", 5)))


@dataclass(frozen=True)
class CriterionLevel:
    """One criterion's results: True met, False not met, None not assessed."""

    criterion: str
    mandatory: bool
    level_1: bool | None
    level_2: bool | None

    def met(self, level: int) -> bool | None:
        if level == 1:
            return self.level_1
        if self.level_1 is False:
            return False  # Mức 2 only after Mức 1
        if self.level_2 is True and self.level_1 is None:
            return None
        return self.level_2


@dataclass(frozen=True)
class LevelCount:
    level: int
    mandatory_met: int
    mandatory_total: int
    other_met: int
    other_total: int


@dataclass(frozen=True)
class LevelResult:
    level: int | None  # 0: not even Mức 1; None: undetermined (results missing)
    lower: int
    upper: int
    criteria: list[CriterionLevel]
    counts: list[LevelCount]
    missing: list[str]  # criteria whose missing result would decide the level
    rule: LevelRule


def _as_bool(result: Result | None) -> bool | None:
    return None if result is None else result is Result.met


def criterion_levels(criteria: Iterable[str], results: Iterable[CriterionAssessment],
                     rule: LevelRule) -> list[CriterionLevel]:
    by_id = {r.criterion: r for r in results}
    rows = []
    for cid in criteria:
        found = by_id.get(cid)
        rows.append(CriterionLevel(cid, cid in rule.mandatory, _as_bool(found.level_1 if found else None),
                                   _as_bool(found.level_2 if found else None)))
    return rows


def _met(row: CriterionLevel, level: int, assume: bool) -> bool:
    value = row.met(level)
    return assume if value is None else value


def reaches(rows: Sequence[CriterionLevel], level: int, rule: LevelRule, assume: bool) -> bool:
    """Whether the results reach a level, unknown results counted as `assume`."""
    if level == 0:
        return True
    if level > 1 and not reaches(rows, level - 1, rule, assume):
        return False
    mandatory = [r for r in rows if r.mandatory]
    others = [r for r in rows if not r.mandatory]
    if not all(_met(r, level, assume) for r in mandatory):
        return False
    if sum(_met(r, level, assume) for r in others) < rule.min_other:
        return False
    return all(_met(r, level - 1, assume) for r in others) if level > 1 else True


def _counts(rows: Sequence[CriterionLevel]) -> list[LevelCount]:
    counts = []
    for level in LEVELS:
        mandatory = [r for r in rows if r.mandatory]
        others = [r for r in rows if not r.mandatory]
        counts.append(LevelCount(level, sum(r.met(level) is True for r in mandatory), len(mandatory),
                                 sum(r.met(level) is True for r in others), len(others)))
    return counts


def compute_level(criteria: Sequence[str], results: Iterable[CriterionAssessment], rule: LevelRule) -> LevelResult:
    rows = criterion_levels(criteria, results, rule)
    lower = max(level for level in (0, *LEVELS) if reaches(rows, level, rule, assume=False))
    upper = max(level for level in (0, *LEVELS) if reaches(rows, level, rule, assume=True))
    deciding = min(lower + 1, max(LEVELS))
    missing = [r.criterion for r in rows if r.met(deciding) is None] if lower != upper else []
    return LevelResult(lower if lower == upper else None, lower, upper, rows, _counts(rows), missing, rule)
