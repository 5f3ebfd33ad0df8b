"""MkDocs' and Zensical's builds in Chromium: a plan page, a school page, the search page, the disclosure
dashboard and a plan's history page show the same links. Screenshots of each go to test-results/generators/
for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

SHOTS = ROOT / "test-results" / "generators"
PAGES = {"plan": "truong/th-quang-trung/2024-2025/", "school": "truong/th-quang-trung/", "search": "tim-kiem/",
         "dashboard": "cong-khai/", "history": "truong/th-quang-trung/2024-2025/lich-su/"}
VISIBLE_LINKS = """(base) => Array.from(document.querySelectorAll(".md-content a[href]"))
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => [a.innerText.trim(), a.href.replace(base, "/")])"""


def _visit(browser, base: str, url: str, name: str) -> list[list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.goto(base + url)
    if url == PAGES["search"]:
        tab.fill(".pagefind-ui__search-input", "thu vien")
        tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        tab.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=url != PAGES["plan"])
    links = tab.evaluate(VISIBLE_LINKS, base)
    context.close()
    return links


@pytest.mark.parametrize("kind", PAGES)
def test_both_generators_show_the_same_links(browser, base_url: str, zensical_url: str, kind: str) -> None:
    mkdocs = _visit(browser, base_url, PAGES[kind], f"{kind}-mkdocs")
    zensical = _visit(browser, zensical_url, PAGES[kind], f"{kind}-zensical")
    assert len(mkdocs) >= 3, mkdocs
    assert mkdocs == zensical
    assert Path(SHOTS / f"{kind}-zensical.png").stat().st_size > 10_000
