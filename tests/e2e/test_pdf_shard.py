"""`site-builder pdf --shard i/n` on the repository's plans: real WeasyPrint PDFs; three shards split the
plans without overlap (its 4 plans fall in 3 different shards of 3) and together give exactly the PDFs of
a whole run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pdf(out: Path, cache: Path, *extra: str) -> set[str]:
    env = {**os.environ, "SITE_BUILDER_PDF_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(ROOT), "pdf", "--out", str(out), *extra],
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}


def test_three_shards_split_the_pdfs_of_a_whole_run(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shards = {i: _pdf(tmp_path / str(i), cache, "--shard", f"{i}/3") for i in (1, 2, 3)}
    whole = _pdf(tmp_path / "all", cache)  # every PDF now comes from the shards' cache
    assert sum(1 for held in shards.values() if held) >= 2  # the 4 plans do not all hash to one shard
    assert sum(len(held) for held in shards.values()) == len(whole) == 4
    assert set().union(*shards.values()) == whole
    for rel in whole:
        [index] = [i for i, held in shards.items() if rel in held]
        assert (tmp_path / str(index) / rel).read_bytes() == (tmp_path / "all" / rel).read_bytes()
        assert (tmp_path / "all" / rel).read_bytes().startswith(b"%PDF-")
