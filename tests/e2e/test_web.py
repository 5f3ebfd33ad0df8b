"""The generated website, built from the real plans: pages, content, URL shapes, safety of school-written HTML."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder import paths
from site_builder.check.assemble import load_project
from site_builder.present.view import plan_view
from tests.conftest import ROOT, BuiltSite, build_into, copy_repo

PROJECT = load_project(ROOT)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class Collector(HTMLParser):
    """Tags and attributes of a page, plus the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "title":
            self.title += data


def parse(text: str) -> Collector:
    parser = Collector()
    parser.feed(text)
    return parser


def test_there_are_plans_to_show() -> None:
    assert len(PROJECT.plans) >= 3
    assert not PROJECT.errors


def test_main_pages_exist_in_vietnamese(built_site: BuiltSite) -> None:
    for url in ("", "truong/", "nam-hoc/", "tieu-chi/", "van-ban/", "gioi-thieu/", "tim-kiem/"):
        page = read(built_site.site_dir, url)
        assert '<html lang="vi"' in page, url
    home = read(built_site.site_dir, "")
    assert "09/2024/TT-BGDĐT" in home
    assert paths.SEARCH_JS in home, "the search script is on every page (extra_javascript)"
    assert not (built_site.site_dir / "search" / "search_index.json").exists(), "lunr search must be off"
    assert (built_site.site_dir / "pagefind" / "pagefind.js").exists()
    for doc in PROJECT.plans:
        assert paths.plan_page(doc.school.slug, doc.year).url in home or doc.school.slug in home


@pytest.mark.parametrize("doc", PROJECT.plans, ids=lambda d: d.rel)
def test_plan_page_shows_the_document(built_site: BuiltSite, doc) -> None:
    assert paths.plan_page(doc.school.slug, doc.year).url == f"truong/{doc.school.slug}/{doc.year}/"
    page = read(built_site.site_dir, paths.plan_page(doc.school.slug, doc.year).url)
    text = html.unescape(page)  # printed values are escaped for Markdown too: "[" is written "&#91;"
    view = plan_view(doc)
    for part in (view.governing_body, view.school_name, view.number_line, view.place_date, view.kind, view.title):
        assert (part and str(part) in text) or part == "", part
    for group in view.groups:
        assert f"Tiêu chuẩn {group.standard.id}. {group.standard.title}" in page
        for row in group.rows:
            assert f"Tiêu chí {row.criterion.id}</strong>. {row.criterion.title}" in page
            assert f'id="tieu-chi-{row.criterion.id.replace(".", "-")}"' in page
    assert f"<dd>{view.summary['entries_text']}</dd>" in page
    assert f'href="{doc.school.slug}-{doc.year}.pdf"' in page
    for recipient in view.recipients:
        assert recipient in page
    for basis in view.legal_bases:
        assert basis.text in page
    if doc.plan.source_note:  # transcription notes: one collapsed block at the end, closed by default
        [details] = re.findall(r"<details [^>]*>", page)  # attributes as Markdown (md_in_html) writes them
        assert all(attr in details for attr in ('class="kh-transcription"', 'id="ghi-chu-ban-chep"',
                                                 "data-pagefind-ignore"))
        assert "Ghi chú về bản chép" in page
    assert 'data-pagefind-filter="Năm học">' + doc.year in page
    assert 'data-pagefind-filter="Cấp học">' + doc.school.school.level.value in page


def test_dates_are_written_the_vietnamese_way(built_site: BuiltSite) -> None:
    page = read(built_site.site_dir, "truong/th-quang-trung/2024-2025/")
    assert "Vạn Mỹ, ngày 10 tháng 10 năm 2024" in page
    assert "2024-10-10" not in page


def test_school_pages(built_site: BuiltSite) -> None:
    for slug, school in PROJECT.schools.items():
        page = read(built_site.site_dir, f"truong/{slug}/")
        assert school.display_name in page
        for doc in PROJECT.plans_of(slug):
            assert f'href="{doc.year}/"' in page
    assert "Mức 1 (theo kế hoạch năm học 2024-2025)" in read(built_site.site_dir, "truong/mn-chua-ro-ten-a/")


def test_year_and_criterion_pages(built_site: BuiltSite) -> None:
    for doc in PROJECT.plans:
        assert doc.school.display_name in read(built_site.site_dir, f"nam-hoc/{doc.year}/")
    page = read(built_site.site_dir, "tieu-chi/tt17-2018/3-6/")
    assert "Tiêu chí 3.6. Thư viện" in page
    assert "Trường Tiểu học Quang Trung – năm học 2024-2025" in page
    assert "Mức 1, Mức 2, Mức 3" in page
    for framework in PROJECT.catalogue.frameworks.values():
        for criterion in framework.criteria.values():
            url = f"tieu-chi/{framework.id}/{criterion.id.replace('.', '-')}/"
            assert (built_site.site_dir / url / "index.html").exists(), url


def test_unverified_catalogue_data_is_marked(built_site: BuiltSite) -> None:
    legal = read(built_site.site_dir, "van-ban/")
    assert "chưa kiểm chứng" in legal.lower()
    # tt17-2018 is a secondary source; its criterion 1.5 is unverified.
    assert "Nguồn thứ cấp, chưa kiểm chứng" in read(built_site.site_dir, "tieu-chi/tt17-2018/1-1/")
    assert "Chưa kiểm chứng" in read(built_site.site_dir, "tieu-chi/tt17-2018/1-5/")


def test_urls_have_no_diacritics_and_text_is_nfc(built_site: BuiltSite) -> None:
    for path in built_site.site_dir.rglob("*"):
        rel = path.relative_to(built_site.site_dir).as_posix()
        assert rel.isascii(), rel
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", text), rel


def test_mkdocs_config_has_no_plugins_and_vietnamese_theme(built_site: BuiltSite) -> None:
    config = (built_site.build_dir / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: []" in config
    assert "language: vi" in config


HOSTILE_SCHOOL = """\
name: Trường Tiểu học <script>alert("XSS-NAME")</script> Thử
short_name: THT
level: tiểu học
governing_body: UBND HUYỆN THỬ
district: huyện Thử
framework: tt17-2018
website: https://example.org
"""

HOSTILE_PLAN = """\
---
school_year: 2024-2025
document:
  number: 1/KH-THT
  place: Thử
  date: 2024-09-05
  title: "</title><script>alert('XSS-TITLE')</script> Cải tiến"
signer:
  position: HIỆU TRƯỞNG
  name: <img src=x onerror=alert('XSS-SIGNER')>
recipients:
  - <iframe src="https://evil.example/XSS-RECIPIENT"></iframe>
entries:
  - criterion: "1.1"
    actions:
      - <script>alert("XSS-ACTION")</script>
    lead: <a href="javascript:alert('XSS-LEAD')">BGH</a>
    budget: {amount: 10000000}
    notes: <b onmouseover="alert('XSS-NOTE')">ghi chú</b>
    source_note: Dòng này thử <script>alert("XSS-SOURCE")</script>
    support:
      lost: true
      fragment: "<script>alert('XSS-LOST')</script>"
      note: "<img src=x onerror=alert('XSS-NOTE2')>"
---
## I. MỤC ĐÍCH

<script>alert("XSS-BODY")</script>

<img src="x" onerror="alert('XSS-ONERROR')">

<iframe src="https://evil.example/XSS-IFRAME"></iframe>

<p onclick="alert('XSS-CLICK')">Đoạn văn <a href="javascript:alert('XSS-JS')">bấm</a>
và <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>
và <a href="https://example.org/ok">liên kết tốt</a>.</p>

<table><tr><td style="background:url(javascript:alert('XSS-STYLE'))">ô bảng</td></tr></table>

<!-- improvement-table -->
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_repo(tmp_path_factory.mktemp("hostile") / "repo")
    school = root / "plans" / "th-doc-hai"
    school.mkdir()
    (school / "school.yml").write_text(HOSTILE_SCHOOL, encoding="utf-8")
    (school / "2024-2025.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    markdown_school = root / "plans" / "th-markdown"
    markdown_school.mkdir()
    (markdown_school / "school.yml").write_text(HOSTILE_SCHOOL.replace(
        'name: Trường Tiểu học <script>alert("XSS-NAME")</script> Thử', f"name: '{MARKDOWN_NAME}'"), encoding="utf-8")
    (markdown_school / "2024-2025.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    project = load_project(root)
    assert not project.errors, [f.message for f in project.errors]
    return build_into(root, root.parent, pdf=False)


# Markdown and attr_list syntax in a school's name: it is shown inside links (Markdown islands), so it
# must stay text there, never emphasis, a second link or an attribute.
MARKDOWN_NAME = "Trường Tiểu học *Sao* _Mai_ [bấm](javascript:alert(1)) `x` {: onclick=\"alert(2)\" }"


def test_school_html_is_sanitized(hostile_site: BuiltSite) -> None:
    urls = ("truong/th-doc-hai/2024-2025/", "truong/th-doc-hai/", "tieu-chi/tt17-2018/1-1/", "", "nam-hoc/2024-2025/")
    pages = [read(hostile_site.site_dir, u) for u in urls]
    for page in pages:
        parsed = parse(page)
        assert not any("XSS" in script for script in parsed.scripts)
        raw_title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<" not in raw_title and ">" not in raw_title, raw_title  # markup in the name stays text
        for tag, attrs in parsed.tags:
            assert tag not in ("iframe", "object", "embed")
            assert not (tag == "img" and "XSS" in str(attrs))
            for name, value in attrs.items():
                assert not (name.startswith("on") and value and "XSS" in value), (tag, name)
                assert name != "style" or "XSS" not in (value or "")
                if name in ("href", "src"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:")), value
    plan = pages[0]
    assert parse(plan).title.startswith('Kế hoạch cải tiến chất lượng năm học 2024-2025 – '
                                        'Trường Tiểu học <script>alert("XSS-NAME")</script> Thử - '), \
        "the title shows the name as written, escaped once"
    assert 'href="https://example.org/ok"' in plan, "allowed links survive"
    assert "10.000.000 đồng" in plan
    assert "ngày 05 tháng 09 năm 2024" in plan
    assert "Ghi chú về bản chép" in plan
    assert re.search(r"&lt;script&gt;alert\((&#x27;|&#39;)XSS-LOST", plan), "a lost fragment is shown escaped"
    assert "&lt;script&gt;" in plan, "school text fields are shown escaped, not dropped"


def test_markdown_in_a_school_name_stays_text(hostile_site: BuiltSite) -> None:
    for url in ("truong/th-markdown/2024-2025/", "truong/th-markdown/", "truong/", "nam-hoc/2024-2025/",
                "tieu-chi/tt17-2018/1-1/"):
        page = read(hostile_site.site_dir, url)
        parsed = parse(page)
        for tag, attrs in parsed.tags:
            assert not any(name.startswith("on") for name in attrs), (url, tag, attrs)
            assert not (attrs.get("href") or "").startswith("javascript:"), (url, attrs)
        assert "<em>Sao</em>" not in page and "<code>x</code>" not in page, url
        text = unicodedata.normalize("NFC", page)
        assert "Trường Tiểu học &#42;Sao&#42; &#95;Mai&#95; &#91;bấm&#93;(javascript:alert(1))" in text, url
