"""A site indexed in parts (publish/search.py, forced here with one plan per part): the search box merges
the bundles listed in pagefind/parts.json, so a school indexed outside the main bundle (here: every school;
the main bundle holds the home, criteria and other pages) is still found."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from site_builder.publish.search import PART_ENV, part_counts, unit_part
from tests.conftest import build_into, copy_repo
from tests.e2e.browser.conftest import serve

QUERIES = [("quang trung", "th-quang-trung"), ("nguyen cu trinh", "mn-20-10-quan-1"),
           ("chua ro ten", "mn-chua-ro-ten-a")]
PLANS = 4  # three plans and the guide's example, one plan per part


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("parts-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PART_ENV, "1")
        site = build_into(copy_repo(base / "repo"), base, pdf=False).site_dir
    with serve(site) as url:
        yield url, site


def test_the_parts_are_listed_and_schools_sit_outside_the_main_bundle(parts_site: tuple[str, Path]) -> None:
    _url, site = parts_site
    manifest = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert manifest["bundles"] and all((site / b / "pagefind-entry.json").is_file() for b in manifest["bundles"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PART_ENV, "1")
        parts = {unit_part(f"truong/{slug}", part_counts(PLANS)) for _q, slug in QUERIES}
    assert 1 not in parts and len(manifest["bundles"]) >= len(parts)  # every school outside the main bundle


@pytest.mark.parametrize(("query", "slug"), QUERIES)
def test_the_search_box_finds_a_school_in_any_part(page, parts_site: tuple[str, Path], query: str,
                                                   slug: str) -> None:
    """Among the first three pages found (a result's sub-results link to the same page): each part ranks its
    own pages (Pagefind scores per index), so a criterion page quoting the school's place can come first."""
    url, _site = parts_site
    page.goto(url + "tim-kiem/")
    page.fill(".pagefind-ui__search-input", query)
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=15_000)
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length >= 3")
    found = list(dict.fromkeys(urlparse(h).path for h in links.evaluate_all("els => els.map(e => e.href)")))
    assert any(path.startswith(f"/truong/{slug}/") for path in found[:3]), found
