"""Benchmark (not a test): the same synthetic site built by MkDocs and by Zensical, timed, with link counts.

Copies the example plans under N new school folders in a temporary directory (as search_size.py does),
plus examples/ (the guides link to the example plan's page, and a missing page fails the build),
generates the docs once per generator, then times the generator step alone (cold: no Zensical cache)
and reads its peak memory (the generator's process, from wait4), and runs the link check on each
output. PDFs are not rendered (their links are counted apart); Pagefind runs so the search page is whole.

    .venv/bin/python benchmarks/generators.py [--plans 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_size import make_repo  # noqa: E402

from site_builder.config import site_url  # noqa: E402
from site_builder.publish.build import build_site  # noqa: E402
from site_builder.publish.generators import GENERATOR_ENV, GENERATORS, generator_command  # noqa: E402
from site_builder.publish.linkcheck import check_site, compare  # noqa: E402


def timed_generator(generator: str, config: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (MB) of one cold run of the generator's own build command."""
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)  # Zensical's cache; MkDocs keeps none
    started = time.monotonic()
    env = {**os.environ, **GENERATOR_ENV}
    process = subprocess.Popen(generator_command(generator, config), cwd=config.parent, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{generator} failed")
    return seconds, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kh-generators-") as tmp:
        repo = Path(tmp) / "repo"
        make_repo(repo, args.plans)
        shutil.copytree(ROOT / "examples", repo / "examples")  # the guides link to the example plan's page
        base_path = urlsplit(site_url(repo)).path
        reports = {}
        print(f"{args.plans} plans")
        for generator in GENERATORS:
            out = Path(tmp) / generator
            started = time.monotonic()
            report = build_site(repo, out / "build", out / "site", pdf=False, generator=generator)
            whole = time.monotonic() - started
            config = out / "build" / ("zensical.yml" if generator == "zensical" else "mkdocs.yml")
            seconds, memory = timed_generator(generator, config)
            if generator == "zensical":  # the timed run built into build/site; keep the checked output
                shutil.rmtree(out / "build" / "site", ignore_errors=True)
            links = check_site(report.site_dir, base_path)
            reports[generator] = links
            pdf_links = sum(1 for link, _ in links.broken if link.ref.endswith(".pdf"))
            counts = links.counts()
            print(f"{generator:9} pages {counts['pages']:5}  generator step {seconds:6.1f} s, peak {memory:5} MB  "
                  f"(whole build without PDFs {whole:6.1f} s)")
            print(f"{'':9} links {counts['links']} (internal {counts['internal']}, in page content "
                  f"{counts['content']}, external {counts['external']}); broken {counts['broken'] - pdf_links} "
                  f"+ {pdf_links} links to PDFs not rendered here")
        comparison = compare(reports["mkdocs"], reports["zensical"])
        print(f"same pages and same content links: {comparison.same} "
              f"(only mkdocs {len(comparison.only_a)}, only zensical {len(comparison.only_b)}, "
              f"pages whose links differ {len(comparison.differing)})")


if __name__ == "__main__":
    main()
