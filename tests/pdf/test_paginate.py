"""Page-break decisions from measured fragments (synthetic layouts; the real ones are in tests/e2e)."""

from __future__ import annotations

from site_builder.pdf.paginate import MIN_LINES, Fragment, TableLayout, decide


def row(page: int, number: int, lines: dict[str, int], part: int = 0, top: bool = False) -> Fragment:
    return Fragment(page, "row", number, part, {k: [10] * n for k, n in lines.items()},
                    {k: [20.0 * (i + 1) for i in range(n)] for k, n in lines.items()}, 1000.0, top)


def test_a_long_row_is_cut_at_the_page_end_with_its_criterion_whole() -> None:
    layout = TableLayout()
    fragments = [row(0, 1, {"tt": 1, "criterion": 3, "actions": 10}, top=True),
                 row(1, 1, {"tt": 0, "criterion": 0, "actions": 6})]
    assert decide(fragments, layout)
    assert layout.cuts == {1: [{"actions": 100}]} and not layout.pushed


def test_too_few_lines_at_the_foot_push_the_row() -> None:
    layout = TableLayout()
    fragments = [row(0, 1, {"tt": 1, "criterion": 2, "actions": 30}, top=True),
                 row(0, 2, {"tt": 1, "criterion": 2, "actions": MIN_LINES - 1}),
                 row(1, 2, {"tt": 0, "criterion": 1, "actions": 8})]
    assert decide(fragments, layout)
    assert layout.pushed == {2} and not layout.cuts


def test_a_short_continuation_takes_lines_from_the_foot() -> None:
    layout = TableLayout()
    fragments = [row(0, 1, {"tt": 1, "criterion": 2, "actions": 10}, top=True),
                 row(1, 1, {"tt": 0, "criterion": 0, "actions": 1})]
    decide(fragments, layout)
    assert layout.cuts[1] == [{"actions": 10 * (10 - (MIN_LINES - 1))}]


def test_a_heading_row_alone_at_the_foot_goes_with_its_row() -> None:
    layout = TableLayout()
    fragments = [row(0, 1, {"tt": 1, "criterion": 2, "actions": 30}, top=True),
                 Fragment(0, "standard", 2, 0, {}), row(1, 2, {"tt": 1, "criterion": 2, "actions": 5})]
    assert decide(fragments, layout)
    assert layout.pushed == {2}


def test_nothing_to_do_when_every_row_fits() -> None:
    layout = TableLayout()
    assert not decide([row(0, 1, {"tt": 1, "criterion": 2, "actions": 4}, top=True)], layout)
    assert layout.key() == TableLayout().key()
