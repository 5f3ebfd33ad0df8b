"""The scale benchmark at N = 20: it runs end to end, and its results have the promised structure.

Timings are never asserted (they are the benchmark's to report); the counts and the structure are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = 20


def test_scale_benchmark_at_20_plans(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--plans", str(PLANS),
                           "--pdf-sample", "2", "--results", str(tmp_path), "--keep", str(tmp_path / "work")],
                          capture_output=True, text=True, check=False, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    [written] = list(tmp_path.glob("*-20.json"))
    result = json.loads(written.read_text(encoding="utf-8"))
    assert result["plans"] == PLANS
    assert result["check"]["errors"] == 0
    assert result["sizes"]["plan_pages"] == len(list((tmp_path / "work" / "repo" / "plans").glob("*/*.md")))
    assert result["sizes"]["plan_pages"] == PLANS
    assert result["cold"]["pages"] == result["one_edit"]["pages"] > PLANS
    stages = [s["stage"] for s in result["cold"]["stages"]]
    assert stages[:3] == ["load+validate", "generate pages", "MkDocs"] and "Pagefind" in stages
    assert all(s["seconds"] >= 0 and s["peak_mb"] > 0 for s in result["cold"]["stages"])
    assert result["mkdocs_alone"]["peak_mb"] > 0 and result["pagefind_alone"]["peak_mb"] > 0
    assert result["mkdocs_alone"]["pages"] > result["cold"]["pages"] > PLANS  # every page, 404.html too
    assert result["pdfs"]["1 worker"]["rendered"] == result["pdfs"]["2 workers"]["rendered"] > 0
    assert result["pdfs"]["2 workers, unchanged"]["rendered"] == 0
    assert result["search"]["query 'thu vien'"]["requests"] > 0
    assert 0 < result["sizes"]["plan_page_gzip_kb_median"] < result["sizes"]["plan_page_kb_median"]
    for key in ("cold_over_alone", "load_validate_ms_per_plan", "one_edit_over_cold", "peak_mb"):
        assert result["targets"][key] > 0
    table = done.stdout
    assert "MkDocs alone, same pages" in table and "Pagefind alone, same pages" in table
    assert "build after one edit (total)" in table and str(written) in table
