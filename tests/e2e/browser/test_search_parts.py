"""A site indexed in parts (publish/search.py, forced here with one plan per part): the search box merges
the bundles listed in pagefind/parts.json, so a school indexed outside the main bundle is still found first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from site_builder.publish.search import PART_ENV, part_of
from tests.conftest import build_into, copy_repo
from tests.e2e.browser.conftest import serve

QUERIES = [("quang trung", "th-quang-trung"), ("nguyen cu trinh", "mn-20-10-quan-1"),
           ("chua ro ten", "mn-chua-ro-ten-a")]
PARTS = 4  # three plans and the guide's example, one plan per part


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
    assert {part_of(f"truong/{slug}", PARTS) for _q, slug in QUERIES} - {1}  # not all in the main bundle


@pytest.mark.parametrize(("query", "slug"), QUERIES)
def test_the_search_box_finds_a_school_in_any_part_first(page, parts_site: tuple[str, Path], query: str,
                                                          slug: str) -> None:
    url, _site = parts_site
    page.goto(url + "tim-kiem/")
    page.fill(".pagefind-ui__search-input", query)
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=15_000)
    first = urlparse(links.first.get_attribute("href") or "").path
    assert first.startswith(f"/truong/{slug}/"), first
