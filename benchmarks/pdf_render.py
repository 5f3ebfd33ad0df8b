"""Benchmark (not a test): render the example plans' PDFs serially, then in parallel worker processes.

    .venv/bin/python benchmarks/pdf_render.py [--jobs N]

Each run uses a fresh, empty cache so every PDF is really rendered; a third run shows a warm cache.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from site_builder.check.assemble import load_project
from site_builder.config import site_url
from site_builder.pdf import render as pdf

ROOT = Path(__file__).resolve().parent.parent


def timed(jobs: int, cache: Path, out: Path) -> tuple[float, pdf.PdfBuild]:
    project = load_project(ROOT)
    started = time.perf_counter()
    build = pdf.build_pdfs(project, out, site_url(ROOT), jobs=jobs, cache_dir=cache)
    return time.perf_counter() - started, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        serial, build = timed(1, base / "c1", base / "o1")
        parallel, _ = timed(args.jobs, base / "c2", base / "o2")
        warm, warm_build = timed(args.jobs, base / "c2", base / "o3")
        sizes = {rel: path.stat().st_size for rel, path in build.paths.items()}
    print(f"{len(sizes)} plans: " + ", ".join(f"{rel} ({size // 1024} KiB)" for rel, size in sizes.items()))
    print(f"serial (1 process):        {serial:6.2f} s, {build.render_count} rendered")
    print(f"parallel ({args.jobs} processes):   {parallel:6.2f} s")
    print(f"warm cache:                {warm:6.2f} s, {warm_build.render_count} rendered")


if __name__ == "__main__":
    main()
