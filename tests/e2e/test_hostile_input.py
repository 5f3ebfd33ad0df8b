"""The hostile-input corpus through the real `site-builder check`: exact findings, no traceback, bounded memory.

Each case of tests/fixtures/hostile/cases.py runs in a fresh copy of plans/th-quang-trung and
catalogue/, in its own process limited to 512 MB of address space, with a timeout meant only to
catch a hang (timings are measured by benchmarks/hostile_check.py, never asserted here).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.fixtures.hostile.cases import CASES, Case
from tests.fixtures.hostile.run import prepare, run_check

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")


def test_the_corpus_is_large_and_covers_every_class() -> None:
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)
    classes = Counter(case.klass for case in CASES)
    assert set(classes) == {"yaml", "files", "characters", "limits", "values", "personal"}
    assert min(classes.values()) >= 5


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_exactly_what_the_case_expects(case: Case, tmp_path: Path) -> None:
    outcome = run_check(prepare(case, tmp_path))
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.exit_code == case.exit_code, outcome.stderr
    assert outcome.findings == set(case.expect)
    if case.stderr is not None:
        assert case.stderr in outcome.stderr
    for record in json.loads(outcome.stdout)["findings"] if outcome.stdout.strip() else []:
        assert record["fix"] and VIETNAMESE.search(record["text"].lower()), record
