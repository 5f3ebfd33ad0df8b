"""Property test of the personal-data scan: any mix of names, birth dates, phones, ID numbers and e-mail
addresses, repeated up to the size of a plan, is scanned within the per-input budget and gives at most
20 warnings of a kind, at real positions."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.check.limits import MAX_SAME_FINDINGS
from site_builder.check.personal import personal_findings
from site_builder.source.yamlsource import SourceMap
from tests.fixtures.hostile.strategies import one_input_budget

PIECES = ["Nguyễn Văn An ", "sinh năm 2019", "sinh ngày 12/3/2015 ", "0912 345 678", "(0225) 3845 678 ",
          "+84 912 345 678", "001203012345 ", "an@gmail.com ", "Trường THCS Nguyễn Du ", ", ", "\n", "x"]


@st.composite
def personal_text(draw: st.DrawFn) -> str:
    unit = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8)))
    return unit * draw(st.integers(1, 400_000 // len(unit)))


@settings(deadline=None, max_examples=25)
@given(personal_text())
def test_any_amount_of_personal_data_is_scanned_quickly_and_reported_briefly(text: str) -> None:
    with one_input_budget():
        findings = personal_findings("x.md", text, None, SourceMap())
    lines = text.count("\n") + 1
    assert all(1 <= f.line <= lines and f.column >= 1 for f in findings)
    assert max(Counter(f.code for f in findings).values(), default=0) <= MAX_SAME_FINDINGS + 1
