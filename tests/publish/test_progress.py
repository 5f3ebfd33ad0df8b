"""Build progress: a line per stage and n/N for counted stages in logs."""

from __future__ import annotations

import io

from site_builder.publish.progress import Progress


def test_log_lines_name_the_stage_and_count() -> None:
    out = io.StringIO()
    progress = Progress(out)
    progress.stage("Bản PDF", total=2)
    progress.advance()
    progress.advance()
    progress.stage("Chỉ mục tìm kiếm")
    lines = out.getvalue().splitlines()
    assert lines[0] == "… Bản PDF (0/2)"
    assert lines[-2] == "… Bản PDF (2/2)"
    assert lines[-1] == "… Chỉ mục tìm kiếm"


def test_quiet_prints_nothing() -> None:
    out = io.StringIO()
    progress = Progress(out, quiet=True)
    progress.stage("x", total=3)
    progress.advance(3)
    assert out.getvalue() == ""
