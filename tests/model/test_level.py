"""The school's level from per-criterion results (2026 framework, rule `level-computation`): edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.model.level import LevelRule, compute_level
from site_builder.model.plan import CriterionAssessment, Result
from site_builder.source.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
MET, NOT = Result.met, Result.not_met


@pytest.fixture(scope="module")
def setup():
    catalogue = load_catalogue(ROOT)
    framework = catalogue.frameworks["tt-2026"]
    rule = LevelRule.from_data(catalogue.forms["tt-2026"].rule("level-computation").data,
                               framework.mandatory_criteria)
    criteria = list(framework.criteria)
    others = [c for c in criteria if c not in rule.mandatory]
    return criteria, rule, others


def results(criteria, level_1=None, level_2=None, skip=()):
    """Every criterion at the given results, with per-criterion overrides."""
    level_1, level_2 = level_1 or {}, level_2 or {}
    return [CriterionAssessment(criterion=c, level_1=level_1.get(c, MET), level_2=level_2.get(c, NOT))
            for c in criteria if c not in skip]


def test_the_rule_comes_from_the_catalogue(setup) -> None:
    _, rule, others = setup
    assert len(rule.mandatory) == 8 and rule.min_other == 5 and len(others) == 7


def test_all_at_level_1_is_level_1(setup) -> None:
    criteria, rule, _ = setup
    result = compute_level(criteria, results(criteria), rule)
    assert result.level == 1 and result.missing == []
    assert result.counts[0].mandatory_met == 8 and result.counts[0].other_met == 7


def test_one_mandatory_criterion_short_is_not_level_1(setup) -> None:
    criteria, rule, _ = setup
    result = compute_level(criteria, results(criteria, level_1={"1.3": NOT}), rule)
    assert result.level == 0
    assert result.counts[0].mandatory_met == 7


def test_exactly_5_of_7_others_is_level_1_and_4_is_not(setup) -> None:
    criteria, rule, others = setup
    five = compute_level(criteria, results(criteria, level_1={others[0]: NOT, others[1]: NOT}), rule)
    assert five.level == 1 and five.counts[0].other_met == 5
    four = compute_level(criteria, results(criteria, level_1=dict.fromkeys(others[:3], NOT)), rule)
    assert four.level == 0 and four.counts[0].other_met == 4


def test_level_2_needs_mandatory_at_2_five_others_at_2_and_the_rest_at_1(setup) -> None:
    criteria, rule, others = setup
    at_2 = {c: MET for c in criteria if c not in others[:2]}
    assert compute_level(criteria, results(criteria, level_2=at_2), rule).level == 2
    one_mandatory_short = {**at_2, "4.1": NOT}
    assert compute_level(criteria, results(criteria, level_2=one_mandatory_short), rule).level == 1
    rest_below_1 = compute_level(criteria, results(criteria, level_1={others[0]: NOT}, level_2=at_2), rule)
    assert rest_below_1.level == 1  # 6 others at Mức 1 still give Mức 1, but Mức 2 needs the rest at Mức 1


def test_level_2_result_without_level_1_does_not_count(setup) -> None:
    criteria, rule, _ = setup
    everything = {c: MET for c in criteria}
    result = compute_level(criteria, results(criteria, level_1={"2.1": NOT}, level_2=everything), rule)
    assert result.level == 0


def test_a_mandatory_criterion_not_assessed_leaves_the_level_undetermined(setup) -> None:
    criteria, rule, _ = setup
    result = compute_level(criteria, results(criteria, skip=("3.1",)), rule)
    assert result.level is None and (result.lower, result.upper) == (0, 1)
    assert result.missing == ["3.1"]


def test_an_other_criterion_not_assessed_does_not_matter_when_five_others_are_met(setup) -> None:
    criteria, rule, others = setup
    result = compute_level(criteria, results(criteria, level_1={others[0]: NOT}, skip=(others[1],)), rule)
    assert result.level == 1 and result.missing == []
    decides = compute_level(criteria, results(criteria, level_1={others[0]: NOT, others[2]: NOT},
                                              skip=(others[1],)), rule)
    assert decides.level is None and decides.missing == [others[1]]


def test_level_2_not_assessed_gives_level_1_as_lower_bound(setup) -> None:
    criteria, rule, _ = setup
    rows = [CriterionAssessment(criterion=c, level_1=MET) for c in criteria]
    result = compute_level(criteria, rows, rule)
    assert result.level is None and (result.lower, result.upper) == (1, 2)
    assert len(result.missing) == 15
