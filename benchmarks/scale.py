"""Benchmark (not a test): the whole build at district scale, one table from one run.

    make benchmark N=1000
    .venv/bin/python benchmarks/scale.py --plans 1000 [--pdf-sample 40] [--no-search] [--keep DIR]
    .venv/bin/python benchmarks/scale.py --growth benchmarks/results/*.json   # exponents between runs

Generates N varied plans in a temporary git repository (benchmarks/plangen.py), then measures, each in a
fresh process so that every figure is cold: `site-builder check`; `site-builder build --no-pdf` stage by
stage; MkDocs alone and Pagefind alone on the same generated pages; the build again after one plan is
edited and committed; PDFs of a sample of plans on 1 and on 2 workers, then again unchanged (must render
none); site size, a plan page's size raw and gzipped, and the bytes a browser loads for one search.
Peak memory is the largest sum of resident memory over the measured process and all its children,
sampled every 50 ms from /proc. Writes benchmarks/results/<date>-<N>.json and prints one table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import plangen  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PY = sys.executable
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
STAGES = {  # progress label prefix -> stage name in the table
    "Kiểm tra kế hoạch": "load+validate",
    "Tạo các trang": "generate pages",
    "MkDocs": "MkDocs",
    "Ảnh xem trước liên kết": "link cards",
    "Bản PDF": "PDFs",
    "Chỉ mục tìm kiếm": "Pagefind",
    "Kiểm tra an toàn": "audit",
    "Xuất bản": "publish",
}


# --------------------------------------------------------------------------- memory of a process tree


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(parent, []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Memory of pid and all its descendants. Resident sizes (cheap), except while the build has forked
    workers (processes running the build's own command line): those share their parent's pages, so the parent
    and its forked workers count their proportional set sizes (PSS) instead. Reading PSS walks a process's
    page tables (~60 ms for 500 MB), so it is read only then (reading it every 50 ms took a whole core)."""
    tree, todo, found = _children(), [pid], []
    while todo:
        current = todo.pop()
        found.append(current)
        todo += tree.get(current, [])
    own = _cmdline(pid)
    forked = [p for p in found[1:] if _cmdline(p) == own]
    total = 0
    for current in found:
        try:
            total += _pss(current) if forked and (current == pid or current in forked) else _rss(current)
        except (OSError, ValueError):
            continue
    return total


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm", "rb") as handle:
        return int(handle.read().split()[1]) * PAGE_SIZE


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        pass
    return _rss(pid)  # no smaps_rollup (old kernel): resident size


class Poller:
    """Samples a process tree's resident memory every 50 ms; take() returns the peak since the last take()."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.peak = self.overall = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            rss = tree_rss(self.pid)
            self.peak, self.overall = max(self.peak, rss), max(self.overall, rss)
            # at most ~10 % of a core on sampling, whatever a sample costs
            self._stop.wait(max(self.interval, 10 * (time.perf_counter() - started)))

    def take(self) -> int:
        rss = tree_rss(self.pid)
        peak, self.peak = max(self.peak, rss), rss
        self.overall = max(self.overall, rss)
        return peak

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.overall


def measured(command: list[str], **kwargs: Any) -> dict[str, Any]:
    """Run a command, return its wall time, its tree's peak memory and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    poller = Poller(process.pid)
    out, err = process.communicate()
    peak = poller.stop()
    result = {"seconds": round(time.perf_counter() - started, 2), "peak_mb": round(peak / 2**20),
              "returncode": process.returncode}
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{out[-3000:]}\n{err[-3000:]}")
    result["stdout"], result["stderr"] = out, err
    return result


# --------------------------------------------------------------------------- children (each a fresh process)


def child_build(root: Path, out: Path, pdf: bool) -> None:
    """`site-builder build` in this process, each stage's wall time and peak memory written to out."""
    from site_builder.publish.build import build_site
    from site_builder.publish.progress import Progress

    poller = Poller(os.getpid())
    stages: list[dict[str, Any]] = []
    started = time.perf_counter()

    class Recording(Progress):
        def stage(self, label: str, total: int = 0) -> None:
            self._finish()
            name = next((v for k, v in STAGES.items() if label.startswith(k)), label)
            stages.append({"stage": name, "label": label, "start": time.perf_counter()})
            poller.take()
            super().stage(label, total)

        def _finish(self) -> None:
            if stages and "seconds" not in stages[-1]:
                stages[-1]["seconds"] = round(time.perf_counter() - stages[-1].pop("start"), 2)
                stages[-1]["peak_mb"] = round(poller.take() / 2**20)

    progress = Recording(quiet=True)
    report = build_site(root, pdf=pdf, progress=progress)
    progress._finish()
    total = round(time.perf_counter() - started, 2)
    out.write_text(json.dumps({"stages": stages, "seconds": total, "pages": report.pages,
                               "pdfs": len(report.pdfs), "peak_mb": round(poller.stop() / 2**20)}),
                   encoding="utf-8")


def child_pdfs(root: Path, out: Path, sample: int) -> None:
    """PDFs of the first `sample` plans: 1 worker, 2 workers (each with an empty cache), 2 again unchanged."""
    from site_builder.check.assemble import load_project
    from site_builder.pdf.render import build_pdfs

    plans = sorted((root / "plans").glob("*/*.md"))[:sample]
    project = load_project(root, plans)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="kh-pdf-") as tmp:
        for name, workers, cache in (("1 worker", 1, "a"), ("2 workers", 2, "b"), ("2 workers, unchanged", 2, "b")):
            poller = Poller(os.getpid())
            started = time.perf_counter()
            build = build_pdfs(project, Path(tmp) / "site", "https://example.invalid/", jobs=workers,
                               cache_dir=Path(tmp) / cache)
            runs[name] = {"seconds": round(time.perf_counter() - started, 2), "rendered": build.render_count,
                          "pdfs": len(build.paths), "peak_mb": round(poller.stop() / 2**20)}
    out.write_text(json.dumps(runs), encoding="utf-8")


# --------------------------------------------------------------------------- the run


def _child(kind: str, root: Path, *extra: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    outer = measured([PY, __file__, f"--child-{kind}", str(root), "--child-out", str(out), *extra])
    inner = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return outer, inner


def mkdocs_alone(repo: Path, target: Path) -> dict[str, Any]:
    """The same build/mkdocs.yml, into another folder, by MkDocs alone."""
    from ruamel.yaml import YAML  # a long path is dumped on its own line: edit the YAML, not its lines

    yaml = YAML(typ="rt")
    config = yaml.load((repo / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = str(target)
    alone = repo / "build" / "mkdocs-alone.yml"
    with alone.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = _plain(measured([PY, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(alone)], env=env))
    result["pages"] = sum(1 for _ in target.rglob("*.html"))
    return result


def pagefind_alone(site: Path, output: Path) -> dict[str, Any]:
    """One Pagefind run over every page of the built site (as the build did before it indexed in parts),
    its bundle written elsewhere so the site's own index stays as built."""
    binary = ROOT / "node_modules" / ".bin" / "pagefind"
    return _plain(measured([str(binary), "--site", str(site), "--output-path", str(output), "--force-language", "vi"]))


def _plain(result: dict[str, Any]) -> dict[str, Any]:
    return {key: result[key] for key in ("seconds", "peak_mb")}


def sizes(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    plan_pages = [p for p in site.glob("truong/*/*/index.html") if p.parent.name[:4].isdigit()]
    raw = [p.stat().st_size for p in plan_pages]
    zipped = [len(gzip.compress(p.read_bytes())) for p in plan_pages]
    html = [p for p in files if p.suffix == ".html"]
    pagefind = [p for p in files if p.relative_to(site).parts[0].startswith("pagefind")]  # every part
    return {"site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1), "files": len(files),
            "html_pages": len(html), "plan_pages": len(plan_pages),
            "pdfs": sum(1 for p in files if p.suffix == ".pdf"),
            "plan_page_kb_median": round(statistics.median(raw) / 1024, 1) if raw else 0,
            "plan_page_kb_max": round(max(raw) / 1024, 1) if raw else 0,
            "plan_page_gzip_kb_median": round(statistics.median(zipped) / 1024, 1) if zipped else 0,
            "pagefind_mb": round(sum(p.stat().st_size for p in pagefind) / 1e6, 1)}


def search_bytes(site: Path) -> dict[str, Any]:
    """Bytes a browser with an empty cache loads for the home page and for one query (headless Chromium)."""
    from search_size import measure

    results = measure(site)
    return {name: {"requests": r, "raw_kb": round(raw / 1024), "gzip_kb": round(gz / 1024)}
            for name, (r, raw, gz) in results.items()}


def run(count: int, work: Path, pdf_sample: int, search: bool, log: Callable[[str], None]) -> dict[str, Any]:
    repo = work / "repo"
    started = time.perf_counter()
    plans = plangen.generate(repo, count)
    result: dict[str, Any] = {"plans": len(plans), "generate_seconds": round(time.perf_counter() - started, 1)}
    log(f"generated {len(plans)} plans in {result['generate_seconds']} s")
    check = measured([PY, "-m", "site_builder", "--root", str(repo), "check", "--format", "json"])
    findings = json.loads(check["stdout"] or "{}").get("findings", [])
    result["check"] = {**_plain(check), "ms_per_plan": round(check["seconds"] * 1000 / len(plans), 2),
                       "errors": sum(1 for f in findings if f.get("severity") == "error")}
    log(f"check: {result['check']}")
    outer, cold = _child("build", repo)
    result["cold"] = {**cold, "wall_seconds": outer["seconds"], "tree_peak_mb": outer["peak_mb"]}
    log(f"cold build: {outer['seconds']} s, {outer['peak_mb']} MB")
    result["sizes"] = sizes(repo / "site")
    with tempfile.TemporaryDirectory(prefix="kh-alone-", dir=work) as alone:
        result["mkdocs_alone"] = mkdocs_alone(repo, Path(alone) / "site")
        log(f"MkDocs alone: {result['mkdocs_alone']}")
        result["pagefind_alone"] = pagefind_alone(repo / "site", Path(alone) / "pagefind")
        log(f"Pagefind alone: {result['pagefind_alone']}")
    if search:
        result["search"] = search_bytes(repo / "site")
        log(f"search: {result['search']}")
    edited = plans[len(plans) // 2]
    plangen.edit_one(repo, edited)
    outer, edit = _child("build", repo)
    result["one_edit"] = {**edit, "edited": edited, "wall_seconds": outer["seconds"], "tree_peak_mb": outer["peak_mb"]}
    log(f"one-edit rebuild: {outer['seconds']} s")
    outer, unchanged = _child("build", repo)
    result["unchanged"] = {**unchanged, "wall_seconds": outer["seconds"], "tree_peak_mb": outer["peak_mb"]}
    log(f"unchanged rebuild: {outer['seconds']} s")
    if pdf_sample:
        outer, pdfs = _child("pdfs", repo, "--pdf-sample", str(pdf_sample))
        result["pdfs"] = pdfs
        log(f"PDFs: {pdfs}")
    result["targets"] = targets(result)
    return result


def targets(result: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets, computed from this run's figures (reported, never asserted)."""
    alone = result["mkdocs_alone"]["seconds"] + result["pagefind_alone"]["seconds"]
    cold = result["cold"]["wall_seconds"]
    peaks = [result["cold"]["tree_peak_mb"], result["one_edit"]["tree_peak_mb"], result["check"]["peak_mb"]]
    found: dict[str, Any] = {
        "cold_over_alone": round(cold / alone, 2),
        "load_validate_ms_per_plan": round(_stage(result["cold"], "load+validate") * 1000 / result["plans"], 2),
        "check_ms_per_plan": result["check"]["ms_per_plan"],
        "one_edit_over_cold": round(result["one_edit"]["wall_seconds"] / cold, 2),
        "peak_mb": max(peaks),
    }
    pdfs = result.get("pdfs")
    if pdfs:
        found["pdf_speedup_2_workers"] = round(pdfs["1 worker"]["seconds"] / pdfs["2 workers"]["seconds"], 2)
        found["pdf_rendered_unchanged"] = pdfs["2 workers, unchanged"]["rendered"]
    return found


def _stage(build: dict[str, Any], name: str) -> float:
    return sum(s["seconds"] for s in build["stages"] if s["stage"] == name)


# --------------------------------------------------------------------------- the table


def table(result: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    cold, edit, unchanged = result["cold"], result["one_edit"], result["unchanged"]
    names = [s["stage"] for s in cold["stages"]]
    for name in names:
        rows.append((f"build: {name}", _secs(_stage(cold, name)), _mb(_peak(cold, name)),
                     f"{_secs(_stage(edit, name))} / {_mb(_peak(edit, name))} after one edit"))
    rows.append(("build --no-pdf, cold (total)", _secs(cold["wall_seconds"]), _mb(cold["tree_peak_mb"]),
                 f"{cold['pages']} pages"))
    rows.append(("MkDocs alone, same pages", _secs(result["mkdocs_alone"]["seconds"]),
                 _mb(result["mkdocs_alone"]["peak_mb"]), f"{result['mkdocs_alone'].get('pages', '?')} HTML pages"))
    rows.append(("Pagefind alone, same pages", _secs(result["pagefind_alone"]["seconds"]),
                 _mb(result["pagefind_alone"]["peak_mb"]), ""))
    rows.append(("build after one edit (total)", _secs(edit["wall_seconds"]), _mb(edit["tree_peak_mb"]),
                 edit["edited"]))
    rows.append(("build, nothing changed", _secs(unchanged["wall_seconds"]), _mb(unchanged["tree_peak_mb"]), ""))
    check = result["check"]
    rows.append(("site-builder check", _secs(check["seconds"]), _mb(check["peak_mb"]),
                 f"{check['ms_per_plan']} ms a plan, {check['errors']} errors"))
    for name, run in result.get("pdfs", {}).items():
        rows.append((f"PDFs, {name}", _secs(run["seconds"]), _mb(run["peak_mb"]),
                     f"{run['rendered']} rendered of {run['pdfs']}"))
    sizes = result["sizes"]
    rows.append(("site size", f"{sizes['site_mb']} MB", "", f"{sizes['files']} files, {sizes['html_pages']} HTML, "
                 f"Pagefind {sizes['pagefind_mb']} MB"))
    rows.append(("plan page (median)", f"{sizes['plan_page_kb_median']} KB", "",
                 f"{sizes['plan_page_gzip_kb_median']} KB gzipped, max {sizes['plan_page_kb_max']} KB raw"))
    for name, moved in result.get("search", {}).items():
        rows.append((f"search bytes: {name}", f"{moved['raw_kb']} KB", "",
                     f"{moved['gzip_kb']} KB gzipped, {moved['requests']} requests"))
    for name, value in result["targets"].items():
        rows.append((f"target: {name}", str(value), "", ""))
    head = ("what", "wall / size", "peak memory", "notes")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    line = "| " + " | ".join(f"{{:{w}}}" for w in widths) + " |"
    out = [f"Scale benchmark: {result['plans']} plans, {result['machine']}"]
    out += [line.format(*head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line.format(*r) for r in rows]
    return "\n".join(out)


def _peak(build: dict[str, Any], name: str) -> int:
    return max((s["peak_mb"] for s in build["stages"] if s["stage"] == name), default=0)


def _secs(value: float) -> str:
    return f"{value:.1f} s"


def _mb(value: int) -> str:
    return f"{value} MB"


def growth(files: list[Path]) -> str:
    """Time-growth exponents between result files: log(t2/t1) / log(n2/n1)."""
    runs = sorted((json.loads(f.read_text(encoding="utf-8")) for f in files), key=lambda r: r["plans"])
    lines = []
    for a, b in itertools.pairwise(runs):
        ratio = math.log(b["plans"] / a["plans"])
        for name, get in (("cold build", lambda r: r["cold"]["wall_seconds"]),
                          ("one-edit rebuild", lambda r: r["one_edit"]["wall_seconds"]),
                          ("check", lambda r: r["check"]["seconds"]),
                          ("peak memory", lambda r: r["targets"]["peak_mb"])):
            lines.append(f"{a['plans']} -> {b['plans']}: {name} exponent {math.log(get(b) / get(a)) / ratio:.2f}")
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, load {load:.1f} at start, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--pdf-sample", type=int, default=40, help="plans whose PDFs are rendered (0: none)")
    parser.add_argument("--no-search", action="store_true", help="skip the browser measure of search bytes")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--note", default="", help="a note stored with the results (e.g. machine shared)")
    parser.add_argument("--growth", type=Path, nargs="+", help="print growth exponents between result files")
    parser.add_argument("--child-build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-pdfs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        child_build(args.child_build, args.child_out, pdf=False)
        return 0
    if args.child_pdfs:
        child_pdfs(args.child_pdfs, args.child_out, args.pdf_sample)
        return 0
    if args.growth:
        print(growth(args.growth))
        return 0
    # Every child process imports site_builder from this checkout (a snapshot can be benchmarked while the
    # working tree changes): PYTHONPATH comes before the editable install.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    header = machine()
    with tempfile.TemporaryDirectory(prefix="kh-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        result = run(args.plans, work, args.pdf_sample, not args.no_search,
                     lambda text: print(f"… {text}", file=sys.stderr, flush=True))
    result["machine"], result["note"] = header, args.note
    result["date"] = dt.date.today().isoformat()
    result["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                      capture_output=True, text=True).stdout.strip()
    args.results.mkdir(parents=True, exist_ok=True)
    target = args.results / f"{result['date']}-{args.plans}.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(result))
    print(f"results: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
