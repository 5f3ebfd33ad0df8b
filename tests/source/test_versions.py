"""Old versions of a plan, parsed into the model."""

from __future__ import annotations

from site_builder.source.versions import parse_plan_text

VALID = """---
school_year: 2024-2025
document: {title: Kế hoạch}
entries:
  - criterion: "1.1"
    budget: {amount: 10000000}
---
Nội dung.
"""


def test_a_valid_version_parses_with_its_body() -> None:
    plan, body = parse_plan_text(VALID)
    assert plan is not None and plan.entries[0].budget.amount == 10000000
    assert body.strip() == "Nội dung."


def test_broken_versions_give_no_plan_but_never_raise() -> None:
    for text in ("không có front matter", "---\nschool_year: [\n---\n", VALID.replace("school_year", "year"),
                 "---\n- a list\n---\n"):
        plan, _body = parse_plan_text(text)
        assert plan is None
