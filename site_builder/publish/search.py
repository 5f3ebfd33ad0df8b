"""The Pagefind index, in parts: memory bounded at any number of plans, and only changed parts re-indexed.

Pagefind holds everything it indexes in memory until it writes the bundle: about 0.7 MB for each page
indexed, so 1.3 GB at 1,000 plans and 6 GB at 5,000, whatever the HTML's size (measured: the pages cut to
their indexed part, or without their anchors, need as much). So above SINGLE_BUNDLE_PLANS plans the site is
indexed in parts of about PLANS_PER_PART plans' worth of pages (at most MAX_SCHOOL_PARTS of them), one Pagefind
run each, one after the other, and the search box merges them at query time (PagefindUI mergeIndex;
web/static/kh-search.js reads the list from pagefind/parts.json). At 1,000 plans (measured): parts of ~250
plans re-index ~1,000 pages after one edit (3.5 s) where parts of ~500 re-indexed ~1,900 (5.2 s); a cold build
takes as long either way (8.8 s), and a reader's first query loads five bundles instead of three.

- A unit is a school's folder (truong/<slug>/: its page, plans and histories) or any other HTML page. Schools
  and the other pages (home, criteria, school years, dashboard: pages that change whenever any plan does) are
  kept in separate parts, so one edited plan re-indexes its school's part and the other pages' parts only.
  A unit's part is a hash of its path within its family, so it stays in the same part from build to build.
- Part 1 is the bundle at pagefind/ (the only one below PLANS_PER_PART plans, as before; it holds the home
  page); part i > 1 is at pagefind-<i>/. The other pages' parts come first, then the schools'.
- After a dirty MkDocs build (incremental.py), a part none of whose pages was written again is copied from
  the published site instead of being indexed again, when the published site was indexed the same way (the
  same Pagefind, parts and options: the fingerprint in parts.json).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

SINGLE_BUNDLE_PLANS = 500  # up to this many plans one bundle: the fewest requests for a reader's query
PLANS_PER_PART = 250  # above it, schools' parts of about this many plans: an edit re-indexes ~900 pages, not ~1,800
MAX_SCHOOL_PARTS = 16  # and at most this many (each is a few more requests for a reader's first query)
PLANS_PER_OTHER_PART = 2500  # the other pages grow with the plans too (a criterion's page lists every school's)
PART_ENV = "SITE_BUILDER_SEARCH_PART_PLANS"
MANIFEST = "parts.json"  # in the primary bundle: the other bundles, for the search box
SCHOOLS_DIR = "truong"
OPTIONS = ("--force-language", "vi")
HOME = "index.html"
NOT_INDEXED = {"404.html"}  # no data-pagefind-body, and MkDocs writes it again on every build


@dataclass
class SearchIndex:
    """What the indexing did: the bundles (relative to the site), which parts were indexed, which reused."""

    bundles: list[str] = field(default_factory=list)
    indexed: list[int] = field(default_factory=list)
    reused: list[int] = field(default_factory=list)


def part_counts(plans: int) -> tuple[int, int]:
    """(parts for the other pages, parts for the schools); (1, 0) up to SINGLE_BUNDLE_PLANS plans: one bundle.
    SITE_BUILDER_SEARCH_PART_PLANS (tests, small sites) sets both the part size and that threshold."""
    configured = os.environ.get(PART_ENV, "")
    if configured.isdigit() and int(configured) > 0:
        per_part = single = int(configured)
    else:
        per_part, single = PLANS_PER_PART, SINGLE_BUNDLE_PLANS
    if plans <= single:
        return 1, 0
    schools = min(MAX_SCHOOL_PARTS, math.ceil(plans / per_part))
    return max(1, math.ceil(plans / max(per_part, PLANS_PER_OTHER_PART))), schools


def unit_part(unit: str, counts: tuple[int, int]) -> int:
    """The part of a unit: the home page in part 1, other pages in 1..others, schools after them."""
    others, schools = counts
    if unit == HOME or schools == 0:
        return 1
    if unit.startswith(SCHOOLS_DIR + "/"):
        return others + part_of(unit, schools)
    return part_of(unit, others)


def bundle_dir(part: int) -> str:
    return "pagefind" if part == 1 else f"pagefind-{part}"


def part_of(unit: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(unit.encode("utf-8")).digest()[:8], "big") % count + 1


def units(site_dir: Path) -> dict[str, list[Path]]:
    """unit -> its HTML files: truong/<slug>/ for a school, the file's own path for any other page."""
    found: dict[str, list[Path]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0].startswith("pagefind") or rel.as_posix() in NOT_INDEXED:
            continue
        if rel.parts[0] == SCHOOLS_DIR and len(rel.parts) > 2:
            found.setdefault("/".join(rel.parts[:2]), []).append(path)
        else:
            found.setdefault(rel.as_posix(), []).append(path)
    return found


def _glob(names: list[str]) -> str:
    patterns = [name if name.endswith(".html") else f"{name}/**/*.html" for name in sorted(names)]
    return "{" + ",".join(patterns) + "}"


def fingerprint(binary: Path, counts: tuple[int, int]) -> str:
    sha = hashlib.sha256(f"{counts}\0{' '.join(OPTIONS)}\0".encode())
    sha.update(binary.resolve().read_bytes() if binary.resolve().is_file() else str(binary).encode())
    return sha.hexdigest()


def _published_fingerprint(published: Path | None) -> str | None:
    manifest = published / bundle_dir(1) / MANIFEST if published else None
    if manifest is None or not manifest.is_file():
        return None
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint"))
    except (ValueError, AttributeError):
        return None


def index_site(binary: Path, site_dir: Path, plans: int, *, published: Path | None = None,
               since: float | None = None, run: Callable[[list[str]], None] | None = None) -> SearchIndex:
    """Index site_dir in parts; with published and since (a dirty build), reuse the unchanged parts."""
    run = run or _run
    counts = part_counts(plans)
    count = sum(counts)
    current = fingerprint(binary, counts)
    reusable = since is not None and _published_fingerprint(published) == current
    result = SearchIndex()
    by_part: dict[int, list[str]] = {part: [] for part in range(1, count + 1)}
    changed: set[int] = set()
    for unit, files in units(site_dir).items():
        part = unit_part(unit, counts)
        by_part[part].append(unit)
        if not reusable or any(f.stat().st_mtime >= since for f in files):  # type: ignore[operator]
            changed.add(part)
    for part, names in by_part.items():
        target = bundle_dir(part)
        shutil.rmtree(site_dir / target, ignore_errors=True)
        if not names:
            continue
        result.bundles.append(target + "/")
        if part not in changed and published is not None and (published / target).is_dir():
            shutil.copytree(published / target, site_dir / target)
            result.reused.append(part)
            continue
        command = [str(binary), "--site", str(site_dir), *OPTIONS, "--output-subdir", target, "--quiet"]
        if count > 1:
            command += ["--glob", _glob(names)]
        run(command)
        result.indexed.append(part)
    manifest = {"fingerprint": current, "bundles": [b for b in result.bundles if b != bundle_dir(1) + "/"]}
    (site_dir / bundle_dir(1)).mkdir(exist_ok=True)
    (site_dir / bundle_dir(1) / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    return result


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"Pagefind thất bại:\n{done.stdout}{done.stderr}")
