"""Schema errors for values no plan should hold: true/false, years and dates far off, budgets of 10^13 đồng and more."""

from __future__ import annotations

import pytest

from site_builder.check.schema import schema_findings
from site_builder.model.plan import Budget, Plan, School
from site_builder.source.yamlsource import load_yaml

SCHOOL = "name: A\nlevel: {level}\ngoverning_body: B\nframework: tt17-2018\n"
PLAN = "school_year: {year}\ndocument:\n  title: T\n  date: {date}\n"


def _findings(model, text: str) -> list[tuple[str, int, int, str | None]]:
    data, source = load_yaml(text)
    validated, findings = schema_findings(model, data, "x.yml", source)
    assert (validated is None) == bool(findings)
    return [(f.code, f.line, f.column, f.suggestion) for f in findings]


@pytest.mark.parametrize("level", ["true", "false", "True"])
def test_true_or_false_is_never_a_value(level: str) -> None:
    assert _findings(School, SCHOOL.format(level=level)) == [("boolean-value", 2, 8, None)]


def test_true_where_a_number_is_expected_is_not_read_as_one() -> None:
    text = "school_year: 2024-2025\ndocument: {title: T}\nself_assessment: {level: true}\n"
    assert _findings(Plan, text) == [("boolean-value", 3, 26, None)]


@pytest.mark.parametrize("year, date, expected", [
    ("0000-0001", "2024-10-10", [("school-year-out-of-range", 1, 14, None)]),
    ("2100-2101", "2024-10-10", [("school-year-out-of-range", 1, 14, None)]),
    ("2099-2100", "2100-12-31", []),
    ("2024-2025", "0001-01-01", [("date-out-of-range", 4, 9, None)]),
    ("2024-2025", "0024-10-10", [("date-out-of-range", 4, 9, "2024-10-10")]),
    ("2024-2025", "1999-12-31", [("date-out-of-range", 4, 9, None)]),
    ("2024-2025", "2000-01-01", []),
])
def test_years_and_dates_are_bounded(year: str, date: str, expected: list) -> None:
    assert _findings(Plan, PLAN.format(year=year, date=date)) == expected


@pytest.mark.parametrize("amount, codes", [(10**13 - 1, []), (10**13, ["amount-too-large"]),
                                           (10**30, ["amount-too-large"]), (-1, ["out-of-range"])])
def test_budgets_are_bounded(amount: int, codes: list[str]) -> None:
    assert [code for code, *_ in _findings(Budget, f"amount: {amount}\n")] == codes


def test_the_budget_message_writes_money_the_vietnamese_way() -> None:
    data, source = load_yaml(f"amount: {10**13}\n")
    _, [finding] = schema_findings(Budget, data, "x.yml", source)
    assert "10.000.000.000.000 đồng" in finding.message
