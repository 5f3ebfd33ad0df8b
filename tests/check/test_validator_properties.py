"""Property tests of the validator: a real plan changed anywhere, in any way, gives findings at real positions.

Each example takes th-quang-trung's front matter, replaces, adds or deletes values at random
paths (true/false, huge numbers, long words, deep lists, invisible characters…), writes it
back as YAML with a hostile Markdown body, and checks it like `site-builder check` does.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures.hostile.real import REAL_PLAN, REL, check_text, plan_text
from tests.fixtures.hostile.strategies import hostile_markdown, hostile_scalar, one_input_budget

KEBAB = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


def _paths(data: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(data, dict):
        found += [p for key, value in data.items() for p in _paths(value, (*path, key))]
    elif isinstance(data, list):
        found += [p for index, value in enumerate(data) for p in _paths(value, (*path, index))]
    return found


def _set(data: Any, path: tuple, value: Any, delete: bool) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


@st.composite
def changed_plan(draw: st.DrawFn) -> str:
    data = copy.deepcopy(REAL_PLAN.data)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        delete = bool(path) and draw(st.booleans()) and isinstance(path[-1], str)
        data = _set(data, path, draw(hostile_scalar()), delete)
        if isinstance(data, dict) and draw(st.booleans()):
            data[draw(st.sampled_from(["unknown", "reviewed_personal_data", "level"]))] = draw(hostile_scalar())
    return plan_text(data, draw(st.one_of(st.just(REAL_PLAN.body), hostile_markdown())))


@settings(deadline=None)
@given(changed_plan())
def test_a_changed_plan_gives_findings_at_real_positions(text: str) -> None:
    with one_input_budget():
        project = check_text(text)
        lines = text.count("\n") + 1
        for finding in project.findings:
            assert KEBAB.match(finding.code), finding
            assert finding.fix and finding.message, finding
            if finding.path == REL:
                assert 1 <= finding.line <= lines and finding.column >= 1, finding
        assert bool(project.plans) == (not project.errors)
