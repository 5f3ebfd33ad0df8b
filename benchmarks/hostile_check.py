"""Benchmark (not a test): `site-builder check` on every case of the hostile-input corpus.

    .venv/bin/python benchmarks/hostile_check.py [NAME-FILTER]

Each case runs as tests/e2e/test_hostile_input.py runs it (a fresh copy of plans/th-quang-trung
and catalogue/, the real command in its own process under a 512 MB address-space limit); this
prints each case's wall time, its child's CPU time and peak memory, and the slowest cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.hostile.cases import CASES  # noqa: E402
from tests.fixtures.hostile.run import _limit_memory, prepare  # noqa: E402


def measure(root: Path) -> tuple[int, float, float, int]:
    """(exit code, wall seconds, CPU seconds, peak RSS in MB) of one check run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "--root", str(root), "check", "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limit_memory, cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    rows = []
    for case in CASES:
        if wanted not in case.name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            code, wall, cpu, rss = measure(prepare(case, Path(tmp)))
        rows.append((case, code, wall, cpu, rss))
        print(f"{case.klass:10s} {case.name:45s} exit {code}  {wall:5.2f} s wall  {cpu:5.2f} s CPU  {rss:4d} MB",
              flush=True)
    by_class: dict[str, list[float]] = defaultdict(list)
    for case, _, _, cpu, _ in rows:
        by_class[case.klass].append(cpu)
    print()
    for klass, times in sorted(by_class.items()):
        print(f"{klass:10s} {len(times):3d} cases, CPU max {max(times):.2f} s, mean {sum(times) / len(times):.2f} s")
    slowest = max(rows, key=lambda row: row[3])
    biggest = max(rows, key=lambda row: row[4])
    print(f"slowest: {slowest[0].name} ({slowest[3]:.2f} s CPU); most memory: {biggest[0].name} ({biggest[4]} MB)")


if __name__ == "__main__":
    main()
