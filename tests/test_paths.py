"""The one paths module: source path, output path and URL of every published thing, and the links both
site generators resolve alike."""

from __future__ import annotations

import posixpath

import pytest

from site_builder import paths


def test_urls_have_the_published_shape() -> None:
    assert paths.home().url == ""
    assert paths.schools_index().url == "truong/"
    assert paths.plan_page("th-a", "2024-2025").url == "truong/th-a/2024-2025/"
    assert paths.plan_page("th-a", "2024-2025").dest == "truong/th-a/2024-2025/index.html"
    assert paths.year_page("2024-2025").url == "nam-hoc/2024-2025/"
    assert paths.legal_page().url == "van-ban/"
    assert paths.criterion_page("tt17-2018", "3.6").url == "tieu-chi/tt17-2018/3-6/"
    assert paths.plan_pdf("th-a", "2024-2025") == "truong/th-a/2024-2025/th-a-2024-2025.pdf"


GENERATED = [
    paths.home(), paths.about_page(), paths.search_page(), paths.legal_page(), paths.schools_index(),
    paths.years_index(), paths.criteria_index(), paths.school_page("th-a"), paths.plan_page("th-a", "2024-2025"),
    paths.year_page("2024-2025"), paths.framework_page("tt17-2018"), paths.criterion_page("tt17-2018", "1.1"),
]


@pytest.mark.parametrize("page", GENERATED, ids=lambda p: p.src)
def test_every_generated_page_is_the_index_of_its_folder(page: paths.SitePath) -> None:
    """Source folder == output folder, so a relative link means one thing to both generators."""
    assert page.is_folder_index
    assert page.folder + "/" == page.url or (page.folder == "" and page.url == "")


def _resolve(from_src: str, link: str) -> str:
    path, _, anchor = link.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path)) + (f"#{anchor}" if anchor else "")


@pytest.mark.parametrize("source", GENERATED, ids=lambda p: p.src)
@pytest.mark.parametrize("target", GENERATED, ids=lambda p: p.src)
def test_source_links_lead_to_the_target_source_file(source: paths.SitePath, target: paths.SitePath) -> None:
    link = paths.source_link(source, target, "muc")
    assert link.endswith(".md#muc")
    assert _resolve(source.src, link) == target.src + "#muc"


def test_source_links_by_example() -> None:
    plan = paths.plan_page("th-a", "2024-2025")
    assert paths.source_link(plan, paths.home()) == "../../../index.md"
    assert paths.source_link(plan, paths.school_page("th-a")) == "../index.md"
    assert paths.source_link(plan, paths.legal_page(), "tt17-2018") == "../../../van-ban/index.md#tt17-2018"
    assert paths.source_link(paths.about_page(), paths.PLAN_SCHEMA) == "../schema/plan.schema.json"
    assert paths.source_link(paths.home(), paths.years_index()) == "nam-hoc/index.md"


def test_file_link_is_the_same_from_the_source_and_from_the_output() -> None:
    plan = paths.plan_page("th-a", "2024-2025")
    pdf = paths.plan_pdf("th-a", "2024-2025")
    link = paths.file_link(plan, pdf)
    assert link == "th-a-2024-2025.pdf"
    assert posixpath.normpath(posixpath.join(plan.folder, link)) == pdf  # against the source (Zensical)
    assert posixpath.normpath(posixpath.join(plan.url, link)) == pdf  # against the output URL (browser)


def test_file_link_refuses_a_page_that_is_not_a_folder_index() -> None:
    with pytest.raises(ValueError, match="not the index of its folder"):
        paths.file_link(paths.page("huong-dan/sua-ke-hoach.md"), "x.pdf")


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
    assert page.src == "truong/th-a/2024-2025/index.md"
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
