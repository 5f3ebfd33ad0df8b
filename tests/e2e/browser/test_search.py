"""Search in headless Chromium: a query naming a school's name or place ranks that school's pages first,
and the indexed text never runs two blocks' words together."""

from __future__ import annotations

import functools
import http.server
import itertools
import re
import threading
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from site_builder.check.assemble import load_project
from tests.conftest import ROOT, build_into
from tests.e2e.walkthrough import run_walkthrough

PROJECT = load_project(ROOT)
# One query per school's name and per part of its place, typed without accents as parents type them.
RANKING = [
    ("quang trung", "th-quang-trung"), ("truong tieu hoc quang trung", "th-quang-trung"),
    ("van my", "th-quang-trung"), ("ngo quyen", "th-quang-trung"),
    ("mam non 20/10", "mn-20-10-quan-1"), ("nguyen cu trinh", "mn-20-10-quan-1"),
    ("chua ro ten", "mn-chua-ro-ten-a"),
]
SEARCH_JS = """async ([q, n]) => {
    const pf = await import("../pagefind/pagefind.js");
    await pf.options(window.KH_PAGEFIND_OPTIONS);  // the ranking the search box uses
    const search = await pf.search(q);
    const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
    return data.map(d => ({url: d.url, content: d.content, excerpt: d.excerpt}));
}"""


def _search(page, base_url: str, query: str, count: int = 8) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    page.goto(base_url + "tim-kiem/")
    return page.evaluate(SEARCH_JS, [query, count])


def _school_urls(slug: str, project=PROJECT) -> set[str]:  # type: ignore[no-untyped-def]
    return {f"/truong/{slug}/"} | {f"/truong/{slug}/{doc.year}/" for doc in project.plans_of(slug)}


@pytest.mark.parametrize(("query", "slug"), RANKING)
def test_a_query_naming_a_school_ranks_its_pages_first(page, base_url: str, query: str, slug: str) -> None:
    wanted = _school_urls(slug)
    found = [hit["url"] for hit in _search(page, base_url, query)]
    assert set(found[: len(wanted)]) == wanted, found


def _words(text: str) -> set[str]:
    """Words, without the full stop Pagefind puts after a heading or a block."""
    return {w.rstrip(".") for w in re.split(r"\s+", text) if w.rstrip(".")}


@pytest.mark.parametrize("slug", sorted(PROJECT.schools))
def test_indexed_text_keeps_blocks_apart(page, base_url: str, slug: str) -> None:
    """Every word Pagefind indexed for a school's pages is a word the reader sees (or a hidden index word):
    no “PHỦĐịa”, no “Cấp họctiểu”."""
    name = PROJECT.schools[slug].display_name
    hits = {hit["url"]: hit for hit in _search(page, base_url, name, 30)}
    for url in sorted(_school_urls(slug)):
        assert url in hits, (url, sorted(hits))
        page.goto(base_url + url.lstrip("/"))
        seen = page.evaluate("""() => {
            const body = document.querySelector('[data-pagefind-body]');
            const hidden = [...body.querySelectorAll('[hidden]')].map(e => e.textContent).join(' ');
            const ignored = [...body.querySelectorAll('[data-pagefind-ignore]')].map(e => e.textContent).join(' ');
            return body.innerText + ' ' + hidden + ' ' + ignored;
        }""")
        joined = _words(hits[url]["content"]) - _words(seen)
        assert joined == set(), (url, sorted(joined)[:10])


# --------------------------------------------------------------------------- the new school of the guide


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site of the repository after the new-school guide (a kindergarten on Điện Biên Phủ street)."""
    base = tmp_path_factory.mktemp("guide-site")
    walk = run_walkthrough(base / "repo")
    site = build_into(walk.root, base, pdf=False).site_dir
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


NEW_SCHOOL = {"/truong/mn-hoa-sen/", "/truong/mn-hoa-sen/2023-2024/"}


@pytest.mark.parametrize("query", ["dien bien phu", "điện biên phủ", "hoa sen", "hang bai", "mam non hoa sen"])
def test_the_new_school_is_found_first(page, guide_site: str, query: str) -> None:
    found = [hit["url"] for hit in _search(page, guide_site, query)]
    assert set(found[:2]) == NEW_SCHOOL, found


def test_the_search_box_shows_the_new_school_first(page, guide_site: str) -> None:
    """The symptom of issue 9, through the search box itself: “dien bien phu” used to show the school's
    plan only as the 6th result, after “Xem thêm kết quả”."""
    page.goto(guide_site + "tim-kiem/")
    page.fill(".pagefind-ui__search-input", "dien bien phu")
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=10_000)
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-title').length >= 2")
    paths = [urlparse(h).path for h in links.evaluate_all("els => els.map(e => e.href)")]
    hrefs = list(dict.fromkeys(paths))  # a result and its sub-results (headings of the page) share a path
    assert set(hrefs[:2]) == NEW_SCHOOL, hrefs
    excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert "Điện Biên Phủ" in excerpt or "Hoa Sen" in excerpt, excerpt
    assert not any(a.islower() and b.isupper() for a, b in itertools.pairwise(excerpt)), excerpt  # no “PHỦĐịa”
