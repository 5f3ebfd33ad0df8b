"""`site-builder pdf --shard i/n` on the repository's plans, as the publish workflow's matrix runs it: real
WeasyPrint PDFs; three shards, each on its own empty cache, split the plans without overlap (its 4 plans fall
in 3 different shards of 3); their exported cache entries, put together, let a whole run render nothing and
give the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pdf(out: Path, cache: Path, *extra: str) -> tuple[set[str], str]:
    env = {**os.environ, "SITE_BUILDER_PDF_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(ROOT), "pdf", "--out", str(out), *extra],
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}, done.stdout + done.stderr


def test_three_shards_assemble_into_the_cache_of_a_whole_run(tmp_path: Path) -> None:
    assembled = tmp_path / "assembled"
    shards = {i: _pdf(tmp_path / str(i), tmp_path / f"cache-{i}", "--shard", f"{i}/3",
                      "--export-cache", str(assembled))[0] for i in (1, 2, 3)}
    whole, log = _pdf(tmp_path / "all", assembled)
    assert sum(1 for held in shards.values() if held) >= 2  # the 4 plans do not all hash to one shard
    assert sum(len(held) for held in shards.values()) == len(whole) == 4
    assert set().union(*shards.values()) == whole
    assert "tạo mới 0, lấy từ bộ đệm 4" in log
    assert len(list(assembled.glob("*.pdf"))) == 4
    for rel in whole:
        [index] = [i for i, held in shards.items() if rel in held]
        assert (tmp_path / str(index) / rel).read_bytes() == (tmp_path / "all" / rel).read_bytes()
        assert (tmp_path / "all" / rel).read_bytes().startswith(b"%PDF-")
