"""The same docs built by MkDocs and by Zensical: same pages, same links (zero broken: test_links.py),
and a broken link refused by either generator."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment

from site_builder import paths
from site_builder.config import site_url
from site_builder.errors import BuildError
from site_builder.publish.build import build_site
from site_builder.publish.linkcheck import Report, check_site, compare
from site_builder.web import pages
from tests.conftest import ROOT, BuiltSite

BASE_PATH = urlsplit(site_url(ROOT)).path


def test_both_generators_give_the_same_pages_and_the_same_links(built_site: BuiltSite,
                                                                zensical_site: BuiltSite) -> None:
    mkdocs = check_site(built_site.site_dir, BASE_PATH)
    zensical = check_site(zensical_site.site_dir, BASE_PATH)
    assert mkdocs.counts()["content"] == zensical.counts()["content"] > 500
    comparison = compare(mkdocs, zensical)
    assert comparison.only_a == [] and comparison.only_b == []
    assert comparison.differing == {}
    assert len(mkdocs.pages) > 100


def test_zensical_gets_a_config_it_accepts(zensical_site: BuiltSite) -> None:
    config = (zensical_site.build_dir / "zensical.yml").read_text(encoding="utf-8")
    for line in ("docs_dir: docs", "site_dir: site", "variant: classic", "enabled: false"):
        assert line in config
    assert not (zensical_site.build_dir / "site").exists(), "the output was moved to the site folder"
    search = zensical_site.site_dir / "search.json"
    assert not search.exists() or json.loads(search.read_text(encoding="utf-8"))["items"] == []
    assert (zensical_site.site_dir / "pagefind" / "pagefind-ui.js").exists()
    sitemap = (zensical_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "truong/th-quang-trung/2024-2025/</loc>" in sitemap


def test_mkdocs_writes_its_sitemap(built_site: BuiltSite) -> None:
    assert "truong/th-quang-trung/2024-2025/</loc>" in (built_site.site_dir / "sitemap.xml").read_text("utf-8")


def _patch_template(monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str) -> None:
    """Render the pages with one template changed (a deliberate mistake), leaving the package alone."""
    original = pages._environment

    def patched() -> Environment:
        env = original()
        source = env.loader.get_source(env, name)[0]
        assert old in source
        env.loader = ChoiceLoader([DictLoader({name: source.replace(old, new, 1)}), env.loader])
        return env

    monkeypatch.setattr(pages, "_environment", patched)


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_broken_link_written_in_a_template_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                             generator: str) -> None:
    """A link typed by hand (not through the link helper) is caught by the generator's strict mode."""
    _patch_template(monkeypatch, "year.md.j2", '{{ a("Năm học", paths.years_index()) }}',
                    "[Năm học](../khong-co/index.md)")
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False, generator=generator)
    message = str(error.value)
    name = {"mkdocs": "MkDocs", "zensical": "Zensical"}[generator]
    assert message.startswith(f"Bước “{name}” thất bại: {generator} build --strict thất bại: ")
    assert "được giữ nguyên" in message
    assert "liên kết hỏng" in message.splitlines()[0]
    if generator == "mkdocs":
        assert "- trang nam-hoc/2024-2025/index.md liên kết tới nam-hoc/khong-co/index.md, nhưng không có trang" \
            in message
    else:
        assert "- nam-hoc/2024-2025/index.md:" in message and "liên kết tới trang không tồn tại" in message


def test_a_link_to_a_page_that_is_not_generated_fails_before_the_generator(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    _patch_template(monkeypatch, "year.md.j2", "paths.years_index()", 'paths.year_page("2099-2100")')
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False)
    message = str(error.value)
    assert "liên kết trỏ tới trang không tồn tại" in message
    assert "- trang nam-hoc/2024-2025/index.md (/nam-hoc/2024-2025/) liên kết tới nam-hoc/2099-2100/index.md" in message
    assert not (tmp_path / "build" / "mkdocs.yml").exists(), "stopped before the generator ran"


# The pages issue 13 added (dashboard, each plan's history, each school's Công khai page, open data):
# their links are Markdown links too, so both generators resolve them to the same existing pages and files.
TRANSPARENCY_PAGES = {
    "dashboard": paths.dashboard_page().url,
    "history": paths.plan_history_page("th-quang-trung", "2024-2025").url,
    "school disclosure": paths.school_disclosure_page("th-quang-trung").url,
    "open data": paths.open_data_page().url,
}


def _content_targets(report: Report, url: str) -> list[str]:
    return [link.resolved for link in report.links if link.page == url + "index.html" and link.in_content]


@pytest.mark.parametrize("kind", TRANSPARENCY_PAGES)
def test_transparency_pages_link_the_same_existing_pages_in_both_generators(
        built_site: BuiltSite, zensical_site: BuiltSite, kind: str) -> None:
    url = TRANSPARENCY_PAGES[kind]
    mkdocs = check_site(built_site.site_dir, BASE_PATH)
    zensical = check_site(zensical_site.site_dir, BASE_PATH)
    targets = _content_targets(mkdocs, url)
    assert len(targets) >= 2, (kind, targets)
    assert targets == _content_targets(zensical, url)
    for site in (built_site, zensical_site):
        for target in targets:
            file = target.split("#")[0]
            assert (site.site_dir / (file + "index.html" if file.endswith("/") or not file else file)).is_file(), \
                (kind, target)
    assert "" in targets, "the breadcrumb's Trang chủ leads to the site root, not above it"


def test_the_transparency_pages_link_where_they_should(built_site: BuiltSite) -> None:
    report = check_site(built_site.site_dir, BASE_PATH)
    dashboard = set(_content_targets(report, paths.dashboard_page().url))
    assert {paths.school_disclosure_page(slug).url for slug in ("th-quang-trung", "mn-20-10-quan-1")} <= dashboard
    assert {paths.open_data_file("disclosure"), paths.open_data_page().url} <= dashboard
    history = set(_content_targets(report, paths.plan_history_page("th-quang-trung", "2024-2025").url))
    assert {paths.plan_page("th-quang-trung", "2024-2025").url, paths.school_page("th-quang-trung").url} <= history
    opendata = set(_content_targets(report, paths.open_data_page().url))
    files = {paths.open_data_file(name) for name in paths.OPEN_DATA_FILES} | {paths.DATAPACKAGE, paths.FEED}
    assert files <= opendata
    plan = set(_content_targets(report, paths.plan_page("th-quang-trung", "2024-2025").url))
    assert paths.plan_history_page("th-quang-trung", "2024-2025").url in plan
    assert paths.plan_pdf("th-quang-trung", "2024-2025") in plan
    school = set(_content_targets(report, paths.school_page("th-quang-trung").url))
    assert paths.school_disclosure_page("th-quang-trung").url in school


def _absolute_urls(site_dir: Path) -> list[str]:
    """Every absolute URL of the sitemap and of the Atom feed (links and entry ids)."""
    sitemap = ElementTree.parse(site_dir / paths.SITEMAP).getroot()
    urls = [loc.text or "" for loc in sitemap.iter(f"{SITEMAP_NS}loc")]
    feed = ElementTree.parse(site_dir / paths.FEED).getroot()
    urls += [link.get("href", "") for link in feed.iter(f"{ATOM_NS}link")]
    urls += [entry_id.text or "" for entry_id in feed.iter(f"{ATOM_NS}id") if (entry_id.text or "").startswith("http")]
    return urls


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("fixture", ["built_site", "zensical_site"], ids=["mkdocs", "zensical"])
def test_sitemap_and_feed_carry_absolute_urls_that_exist(request: pytest.FixtureRequest, fixture: str) -> None:
    site: BuiltSite = request.getfixturevalue(fixture)
    base = site_url(ROOT)
    urls = _absolute_urls(site.site_dir)
    assert len(urls) > 100
    report = check_site(site.site_dir, BASE_PATH)
    ids = {page: _ids(site.site_dir / page) for page in report.pages}
    for url in urls:
        assert url.startswith(base), url
        path, _, fragment = url.removeprefix(base).partition("#")
        file = path + "index.html" if path.endswith("/") or not path else path
        assert (site.site_dir / file).is_file(), url
        assert not fragment or fragment in ids[file], url
    assert paths.absolute(base, paths.plan_history_page("th-quang-trung", "2024-2025").url) + "#" in " ".join(urls)


def test_sitemaps_and_feeds_of_both_generators_name_the_same_urls(built_site: BuiltSite,
                                                                  zensical_site: BuiltSite) -> None:
    assert sorted(set(_absolute_urls(built_site.site_dir))) == sorted(set(_absolute_urls(zensical_site.site_dir)))


def _ids(page: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("template", "old", "page"), [
    ("dashboard.md.j2", '{{ a("Trang chủ", paths.home()) }}', "cong-khai/index.md"),
    ("history.md.j2", '{{ a("Trường", paths.schools_index()) }}', "truong/th-quang-trung/2024-2025/lich-su/index.md"),
    ("opendata.md.j2", '{{ a("Trang chủ", paths.home()) }}', "du-lieu/index.md"),
])
def test_a_broken_link_in_a_transparency_template_fails_the_mkdocs_build(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, template: str, old: str, page: str) -> None:
    _patch_template(monkeypatch, template, old, "[Trang chủ](../khong-co/index.md)")
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False)
    message = str(error.value)
    assert message.startswith("Bước “MkDocs” thất bại: mkdocs build --strict thất bại: ")
    assert f"- trang {page} liên kết tới " in message and "khong-co/index.md, nhưng không có trang" in message
    assert not (tmp_path / "site").exists(), "nothing was published"


@pytest.mark.parametrize(("template", "old", "new", "page", "target"), [
    ("opendata.md.j2", "paths.FEED", '"du-lieu/khong-co.atom"', "du-lieu/index.md", "du-lieu/khong-co.atom"),
    ("dashboard.md.j2", 'paths.open_data_file("disclosure")', '"du-lieu/khong-co.csv"', "cong-khai/index.md",
     "du-lieu/khong-co.csv"),
    ("school_disclosure.md.j2", "school_page", 'paths.school_page("khong-co")',
     "truong/th-quang-trung/cong-khai/index.md", "truong/khong-co/index.md"),
])
def test_a_link_helper_link_to_a_missing_page_or_file_names_both(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, template: str, old: str, new: str, page: str,
        target: str) -> None:
    _patch_template(monkeypatch, template, old, new)
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False)
    message = str(error.value)
    assert "liên kết trỏ tới trang không tồn tại" in message
    assert f"- trang {page} (/{paths.page(page).url}) liên kết tới {target}" in message
