"""Pagefind in parts: which unit goes in which part, and which parts a rebuild indexes again (Pagefind
itself replaced by a recorder; the real runs are in tests/e2e/test_incremental_build.py and the browser)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from site_builder.publish.search import MANIFEST, PART_ENV, index_site, part_counts, unit_part

OLD = 1_600_000_000


def test_part_counts_follow_the_plans() -> None:
    assert part_counts(1) == (1, 0) and part_counts(500) == (1, 0)  # a district's first years: one bundle
    assert part_counts(501) == (1, 3) and part_counts(1000) == (1, 4)  # then schools in parts of ~250 plans
    assert part_counts(5000) == (2, 16) and part_counts(20000) == (8, 16)  # at most 16 schools' parts


def test_families_and_the_home_page() -> None:
    counts = part_counts(5000)
    assert unit_part("index.html", counts) == 1
    assert all(1 <= unit_part(f"tieu-chi/tt17/{i}/index.html", counts) <= 2 for i in range(50))
    schools = {unit_part(f"truong/th-{i}", counts) for i in range(300)}
    assert schools == set(range(3, 19))
    assert unit_part("truong/th-7", counts) == unit_part("truong/th-7", counts)


def _site(root: Path, schools: int) -> Path:
    site = root / "site"
    for rel in ["index.html", "tieu-chi/a/index.html", "nam-hoc/2024-2025/index.html", "404.html",
                *(f"truong/s{i}/2024-2025/index.html" for i in range(schools))]:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("<html></html>", encoding="utf-8")
        os.utime(site / rel, (OLD, OLD))
    return site


class Recorder:
    def __init__(self) -> None:
        self.globs: dict[str, str] = {}

    def __call__(self, command: list[str]) -> None:
        site = Path(command[command.index("--site") + 1])
        bundle = command[command.index("--output-subdir") + 1]
        (site / bundle).mkdir(parents=True)
        (site / bundle / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        self.globs[bundle] = command[command.index("--glob") + 1] if "--glob" in command else ""


def test_one_bundle_below_the_threshold(tmp_path: Path) -> None:
    runs = Recorder()
    result = index_site(Path("pagefind"), _site(tmp_path, 3), 3, run=runs)
    assert result.bundles == ["pagefind/"] and runs.globs == {"pagefind": ""}
    manifest = json.loads((tmp_path / "site" / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["bundles"] == []


def test_parts_then_only_the_changed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PART_ENV, "2")
    site = _site(tmp_path / "new", 12)
    first = Recorder()
    result = index_site(Path("pagefind"), site, 12, run=first)
    assert result.indexed == list(range(1, 8)) and len(result.bundles) == 7  # 1 other part, 6 school parts
    assert "404.html" not in "".join(first.globs.values())
    assert first.globs["pagefind"] == "{index.html,nam-hoc/2024-2025/index.html,tieu-chi/a/index.html}"
    assert all("truong/s" in first.globs[b.rstrip("/")] for b in result.bundles[1:])
    published = tmp_path / "published"
    site.rename(published)
    again = _site(tmp_path / "new", 12)
    since = OLD + 10
    (again / "truong/s4/2024-2025/index.html").touch()  # written again by MkDocs after the copy
    second = Recorder()
    result = index_site(Path("pagefind"), again, 12, published=published, since=since, run=second)
    assert result.indexed == [unit_part("truong/s4", part_counts(12))]
    assert sorted(result.reused + result.indexed) == list(range(1, 8))
    assert (again / "pagefind-2" / "pagefind-entry.json").is_file()
