"""The one paths module: source path, output path and URL of every published thing."""

from __future__ import annotations

import pytest

from site_builder import paths


@pytest.mark.parametrize(("src", "url", "dest"), [
    ("index.md", "", "index.html"),
    ("truong/index.md", "truong/", "truong/index.html"),
    ("truong/th-a/2024-2025.md", "truong/th-a/2024-2025/", "truong/th-a/2024-2025/index.html"),
    ("van-ban.md", "van-ban/", "van-ban/index.html"),
])
def test_source_maps_to_url_and_output(src: str, url: str, dest: str) -> None:
    page = paths.page(src)
    assert (page.url, page.dest) == (url, dest)


def test_plan_page_pdf_and_permalink_agree() -> None:
    page = paths.plan_page("th-a", "2024-2025")
    assert page.src == "truong/th-a/2024-2025.md"
    assert paths.plan_pdf("th-a", "2024-2025") == "truong/th-a/2024-2025/th-a-2024-2025.pdf"
    assert paths.absolute("https://x.example/kh/", page.url) == "https://x.example/kh/truong/th-a/2024-2025/"
    assert paths.absolute("https://x.example/kh", page.url) == "https://x.example/kh/truong/th-a/2024-2025/"


def test_criterion_pages_have_ascii_slugs() -> None:
    assert paths.criterion_page("tt17-2018", "1.10").url == "tieu-chi/tt17-2018/1-10/"
    assert paths.row_anchor("1.10") == "tieu-chi-1-10"


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("", "truong/", "truong/"),
    ("truong/th-a/2024-2025/", "", "../../../"),
    ("truong/th-a/2024-2025/", "truong/th-a/", "../"),
    ("tieu-chi/x/1-1/", "truong/th-a/2024-2025/#tieu-chi-1-1", "../../../truong/th-a/2024-2025/#tieu-chi-1-1"),
    ("truong/", "pagefind/pagefind-ui.js", "../pagefind/pagefind-ui.js"),
])
def test_relative_links_work_under_any_base(start: str, target: str, expected: str) -> None:
    assert paths.relative(start, target) == expected
