"""The transparency pages in real builds: the repository's own plans with their real git dates, and a
repository whose th-quang-trung plan changed four times (history, Công khai, dashboard, open data)."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from frictionless import validate

from site_builder import paths
from site_builder.check.assemble import load_project
from site_builder.config import site_url
from site_builder.model.calendar import date_vi, vn_date
from tests.conftest import ROOT, BuiltSite, build_into

REPO_URL = "https://github.com/example/ke-hoach-cai-tien"
PROJECT = load_project(ROOT)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def git_dates(rel: str) -> tuple[dt.date, dt.date]:
    """First and last commit of a file on the first-parent line, asked of git directly."""
    stamps = subprocess.run(["git", "-C", str(ROOT), "log", "--first-parent", "--format=%ct", "--", rel],
                            capture_output=True, text=True, check=True).stdout.split()
    moments = [vn_date(dt.datetime.fromtimestamp(int(s), tz=dt.UTC)) for s in stamps]
    return moments[-1], moments[0]


@pytest.mark.parametrize("doc", PROJECT.plans, ids=lambda d: d.rel)
def test_example_plans_show_their_real_dates_from_git(built_site: BuiltSite, doc) -> None:
    first, last = git_dates(doc.rel)
    page = read(built_site.site_dir, paths.plan_page(doc.school.slug, doc.year).url)
    # Blocks end with a line break (web.pages.block_spaces), so the search index keeps their words apart.
    assert re.search(rf"<dt>Đăng trên trang này</dt>\s*<dd>{date_vi(first)}</dd>", page)
    assert re.search(rf"<dt>Cập nhật lần cuối</dt>\s*<dd>{date_vi(last)}", page)
    history = read(built_site.site_dir, paths.plan_history_page(doc.school.slug, doc.year).url)
    assert history.count('<li id="thay-doi-') == len(doc.history.commits)
    assert "Đăng lần đầu" in history


def test_every_page_links_the_feed(built_site: BuiltSite) -> None:
    pages = list(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', text)
        assert match, page
        href = match.group(1)
        if href.startswith("/"):  # 404.html links from the deployment's base path
            assert href == urlsplit(site_url(ROOT)).path + paths.FEED, page
        else:
            assert (page.parent / href).resolve() == (built_site.site_dir / paths.FEED).resolve(), page


def test_open_data_of_the_real_site_is_valid(built_site: BuiltSite) -> None:
    report = validate(str(built_site.site_dir / paths.DATAPACKAGE))
    assert report.valid, report.flatten(["type", "note"])
    assert (built_site.site_dir / paths.OPEN_DATA / "index.html").exists()
    assert (built_site.site_dir / paths.dashboard_page().dest).exists()


@pytest.fixture(scope="module")
def qt_site(qt_repo: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", REPO_URL)
        patch.setenv("SITE_TODAY", "2025-07-01")
        return build_into(qt_repo[0], tmp_path_factory.mktemp("qt-site"), pdf=False)


def test_history_page_lists_summarized_changes_linked_to_commits(qt_site: BuiltSite,
                                                                   qt_repo: tuple[Path, list[str]]) -> None:
    _, shas = qt_repo
    page = read(qt_site.site_dir, paths.plan_history_page("th-quang-trung", "2024-2025").url)
    for sha in shas:
        assert f'href="{REPO_URL}/commit/{sha}" rel="noopener noreferrer">phiên bản {sha[:7]}</a>' in page
    assert page.index(shas[-1]) < page.index(shas[0])  # newest first
    for summary in ("Tiêu chí 1.3: trạng thái chuyển sang Đang thực hiện",
                    "Tiêu chí 1.9: sửa người phụ trách: [mất trong bản gốc] → Hiệu trưởng",
                    "Tiêu chí 1.6: sửa kinh phí 10.000.000 → 15.000.000 đồng",
                    "Tiêu chí 3.5: trạng thái chuyển sang Đã hoàn thành"):
        assert f"<li>{summary}</li>" in html.unescape(page)  # "[" is written "&#91;" (escaped for Markdown)
    assert "Ngày 22 tháng 01 năm 2025" in page


def test_without_a_repository_url_the_short_sha_is_shown(built_site: BuiltSite) -> None:
    doc = PROJECT.plans[0]
    page = read(built_site.site_dir, paths.plan_history_page(doc.school.slug, doc.year).url)
    assert f"phiên bản <code>{doc.history.commits[0].sha[:7]}</code>" in page
    assert "/commit/" not in page


def test_dashboard_and_school_disclosure(qt_site: BuiltSite) -> None:
    dashboard = read(qt_site.site_dir, paths.dashboard_page().url)
    assert dashboard.count('<td data-label="Trường">') == 3  # one row per school
    assert 'class="kh-list-table kh-sortable kh-cards"' in dashboard and paths.SORT_JS.split("/")[-1] in dashboard
    assert dashboard.count('<svg class="kh-chart"') == 2  # one chart per framework in use
    assert "Quá hạn, chưa đăng" in dashboard  # mn-20-10-quan-1 has no 2024-2025 plan after 30/6/2025
    school = read(qt_site.site_dir, paths.school_disclosure_page("th-quang-trung").url)
    assert "Rà soát tiêu chí 1.5 ngày 20 tháng 05 năm 2025" in school
    assert "Đã đăng đúng hạn" in school
    assert "ngày 15 tháng 10 năm 2029" not in school and "Giữ đến" in school
    plan = read(qt_site.site_dir, paths.plan_page("th-quang-trung", "2024-2025").url)
    assert "Tiến độ theo tiêu chuẩn" in plan and '<svg class="kh-chart"' in plan
    assert "Lịch sử thay đổi (4 lần)" in plan


def test_school_page_charts_accreditation(built_site: BuiltSite) -> None:
    page = read(built_site.site_dir, paths.school_page("mn-chua-ro-ten-a").url)
    start = page.index('<svg class="kh-chart"')
    svg = page[start:page.index("</svg>", start)]
    assert "Mức 1" in svg and "2024-2025" in svg
