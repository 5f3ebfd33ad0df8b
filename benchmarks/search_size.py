"""Benchmark (not a test): bytes moved on a 1,000-plan site for opening the home page and for one search.

Builds a synthetic site in a temporary directory: the real plans copied under 1,000 school folders,
then measures, in headless Chromium, every response body (raw and gzip-compressed size).
Targets from issue 3: one query < 300 KB, home page < 1.5 MB.

    .venv/bin/python benchmarks/search_size.py [--plans 1000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.publish.build import build_site  # noqa: E402

DISTRICTS = ["Quận 1", "Quận 3", "quận Ngô Quyền", "huyện Nho Quan", "quận Lê Chân"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def make_repo(target: Path, count: int) -> None:
    for name in ("catalogue", "docs"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    sources = sorted(p for p in (ROOT / "plans").iterdir() if p.is_dir())
    for index in range(count):
        source = sources[index % len(sources)]
        folder = target / "plans" / f"{source.name}-{index:04d}"
        folder.mkdir(parents=True)
        school = (source / "school.yml").read_text(encoding="utf-8")
        name = f"name: Trường số {index}"
        school = school.replace("name: Trường", name).replace("name: null", name)
        school = _set(school, "district", DISTRICTS[index % len(DISTRICTS)])
        (folder / "school.yml").write_text(school, encoding="utf-8")
        for plan in source.glob("*.md"):
            shutil.copy2(plan, folder / plan.name)


def _set(text: str, key: str, value: str) -> str:
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records every file it sends (what a browser without cache downloads)."""

    sent: list[Path]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        result = super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if result is not None and path.is_file():
            self.sent.append(path)
        return result


def measure(site: Path) -> dict[str, tuple[int, int, int]]:
    from playwright.sync_api import sync_playwright

    sent: list[Path] = []
    handler = type("Handler", (_Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    results: dict[str, tuple[int, int, int]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context().new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        results["home page"] = _totals(sent)
        for query in ("thu vien", "dam bao", "truong mam non"):
            page.goto(base + "tim-kiem/")
            page.wait_for_load_state("networkidle")
            sent.clear()
            page.fill(".pagefind-ui__search-input", query)
            page.locator(".pagefind-ui__result").first.wait_for(timeout=20_000)
            time.sleep(1.0)
            page.wait_for_load_state("networkidle")
            results[f"query {query!r}"] = _totals(sent)
        browser.close()
    server.shutdown()
    return results


def _totals(files: list[Path]) -> tuple[int, int, int]:
    bodies = [f.read_bytes() for f in files]
    return len(bodies), sum(len(b) for b in bodies), sum(len(gzip.compress(b)) for b in bodies)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kh-bench-") as tmp:
        repo = (args.keep or Path(tmp)) / "repo"
        repo.mkdir(parents=True)
        make_repo(repo, args.plans)
        started = time.monotonic()
        result = build_site(repo, repo / "build", repo / "site", pdf=False)
        print(f"built {result.pages} pages for {args.plans} plans in {time.monotonic() - started:.0f} s")
        index = repo / "site" / "pagefind"
        print(f"pagefind bundle: {sum(f.stat().st_size for f in index.rglob('*') if f.is_file()) / 1e6:.1f} MB on disk")
        for name, (requests, raw, gz) in measure(repo / "site").items():
            print(f"{name}: {requests} requests, {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
