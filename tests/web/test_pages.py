"""Generated pages: metadata dumped by a YAML dumper, parsed back as MkDocs parses it, escaped once for HTML;
links are Markdown links the generator resolves, and school text stays text in them."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from site_builder import paths
from site_builder.errors import BuildError
from site_builder.model.project import Project
from site_builder.present.sanitize import plain_line
from site_builder.web.pages import (
    Page,
    PageLinks,
    check_links,
    front_matter,
    is_http_url,
    md_text,
    meta_title,
    pagefind_filter,
    render_pages,
)
from tests.conftest import ROOT

HOSTILE = [
    'Trường "Quang" & Trung',
    "Trường\a ![](data:,){: onerror=alert(1) }\x92",
    "[x](javascript:alert(1)) *x*{: onclick=alert(1) }",
    "a\n---\ntitle: b\n---\n<script>alert(1)</script>",
    "&amp; &lt;b&gt; \\ \\\" ' : # { } [ ] | > * ! % @ `",
    "\u202eRLO\u2028LS\x85NEL\ufeffBOM",
    "",
]


def page_with_title(title: str) -> Page:
    return Page("truong/x/index.md", f"---\ntitle: {meta_title(title)}\n---\n<div>x</div>\n")


@pytest.mark.parametrize("title", HOSTILE)
def test_title_round_trips_through_mkdocs(title: str) -> None:
    page = page_with_title(title)
    body, meta = get_data(page.text)
    assert meta == {"title": html.escape(plain_line(title))}
    assert body == "<div>x</div>\n", "the front matter never leaks into the Markdown"
    if plain_line(title):
        assert front_matter(page) == meta


@settings(max_examples=300, deadline=2000)
@given(st.text())
def test_any_title_gives_front_matter_mkdocs_reads(title: str) -> None:
    page = page_with_title(title)
    body, meta = get_data(page.text)
    assert body == "<div>x</div>\n"
    assert meta["title"] == html.escape(plain_line(title))
    assert html.unescape(meta["title"]) == plain_line(title), "escaped exactly once"


@pytest.mark.parametrize(("text", "problem"), [
    ("<div>no front matter</div>\n", "không có phần thông tin"),
    ('---\ntitle: "a\x07"\n---\nx\n', "YAML không đọc được"),
    ("---\n- a\n---\nx\n", "không phải một bảng"),
    ("---\ntitle: a\nscript: b\n---\nx\n", "khóa không dự kiến: script"),
    ("---\nhide: [toc]\n---\nx\n", "thiếu tiêu đề"),
    ('---\ntitle: "a\\nb"\n---\nx\n', "thiếu tiêu đề"),
])
def test_broken_front_matter_stops_the_build_naming_the_page(text: str, problem: str) -> None:
    with pytest.raises(BuildError) as raised:
        front_matter(Page("truong/x/2024-2025.md", text))
    assert str(raised.value).startswith("truong/x/2024-2025.md:") and problem in str(raised.value)


def test_every_generated_page_has_front_matter_mkdocs_reads(real_project: Project) -> None:
    pages = render_pages(real_project, "https://example.invalid/")
    for page in pages:
        _body, meta = get_data(page.text)
        assert meta == front_matter(page), page.path


@pytest.mark.parametrize("value", ['quận <img src=x onerror=alert(1)>', "A & B", "a &amp; b", '"x"'])
def test_filter_values_survive_pagefinds_two_decodings_as_text(value: str) -> None:
    indexed = html.unescape(html.unescape(str(pagefind_filter(value))))  # Pagefind decodes the HTML text twice
    assert html.unescape(indexed) == value, "the UI inserts the indexed value as HTML: it shows the text"
    assert "<" not in indexed and ">" not in indexed


@settings(max_examples=300, deadline=2000)
@given(st.text())
def test_any_filter_value_is_indexed_escaped_once(value: str) -> None:
    indexed = html.unescape(html.unescape(str(pagefind_filter(value))))
    assert "<" not in indexed and ">" not in indexed
    assert html.unescape(indexed) == plain_line(value)


@pytest.mark.parametrize(("url", "ok"), [
    ("https://thquangtrung.edu.vn", True), ("http://a.vn/x", True), ("javascript:alert(1)", False),
    ("//evil.example", False), ("/\\evil.example", False), ("https:/\\evil", False), (None, False),
    ("data:text/html,x", False), (" https://a.vn", False),
])
def test_only_http_links_become_hrefs(url: str | None, ok: bool) -> None:
    assert is_http_url(url) is ok


MARKDOWN_HOSTILE = ("Trường *Sao* _Mai_ [bấm](javascript:alert(1)) `mã` \\ {: onclick=\"alert(2)\" } "
                    "<b>x</b> & ![i](x.png)")


def _render(text: str) -> str:
    """The Markdown the generators run on our pages (md_in_html, attr_list), without a generator."""
    return markdown.markdown(text, extensions=["md_in_html", "attr_list"])


def test_md_text_escapes_html_and_markdown() -> None:
    escaped = md_text(MARKDOWN_HOSTILE)
    for char in "*_[]`\\{}<>!":
        assert char not in escaped.replace("&#", "").replace(";", ""), char
    assert md_text(md_text("a*b")) == md_text("a*b"), "Markup passes unchanged"


def test_hostile_text_in_a_markdown_island_stays_text() -> None:
    links = PageLinks(paths.plan_page("th-a", "2024-2025"))
    link = links.a(MARKDOWN_HOSTILE, paths.school_page("th-a"))
    island = f'<div markdown="1">\n<p markdown="span">{link} – {md_text(MARKDOWN_HOSTILE)}</p>\n</div>'
    html = _render(island)
    assert "<em>" not in html and "<code>" not in html and "<img" not in html and "<b>" not in html
    assert 'onclick="' not in html, "no attribute from the text"
    assert html.count("<a ") == 1
    assert 'href="../index.md"' in html
    assert html.count("javascript:alert(1)") == 2, "the text is shown, as text"


def test_link_helper_writes_a_markdown_link_with_classes() -> None:
    links = PageLinks(paths.plan_page("th-a", "2024-2025"))
    assert links.a("Năm học", paths.year_page("2024-2025"), classes="md-button") == (
        "[Năm học](../../../nam-hoc/2024-2025/index.md){: .md-button }")
    assert links.a("Mục", None, "tieu-chuan-1") == "[Mục](#tieu-chuan-1)"
    assert links.file(paths.plan_pdf("th-a", "2024-2025")) == "th-a-2024-2025.pdf"
    assert links.targets == ["nam-hoc/2024-2025/index.md"]


def test_a_link_to_a_missing_page_names_the_page(tmp_path: Path) -> None:
    (tmp_path / "truong").mkdir()
    (tmp_path / "truong" / "index.md").write_text("x", encoding="utf-8")
    pages = [Page("truong/index.md", "", ["truong/index.md"]),
             Page("nam-hoc/2024-2025/index.md", "", ["truong/index.md", "truong/khong-co/index.md"])]
    with pytest.raises(BuildError) as error:
        check_links(pages, tmp_path)
    message = str(error.value)
    assert "1 liên kết trỏ tới trang không tồn tại" in message
    assert "trang nam-hoc/2024-2025/index.md (/nam-hoc/2024-2025/) liên kết tới truong/khong-co/index.md" in message


def test_every_page_of_the_real_plans_links_only_to_pages_it_generates(real_project) -> None:
    pages = render_pages(real_project, "https://example.invalid/")
    sources = {page.path for page in pages}
    assert all(paths.page(p).is_folder_index for p in sources)
    links = {target for page in pages for target in page.links}
    others = links - sources
    assert paths.PLAN_SCHEMA in others  # written by the field reference
    open_data = {paths.open_data_file(name) for name in paths.OPEN_DATA_FILES} | {paths.DATAPACKAGE, paths.FEED}
    assert open_data <= others, "the open-data page links every open-data file (written by opendata.writers)"
    hand_written = others - {paths.PLAN_SCHEMA} - open_data
    assert all((ROOT / "docs" / target).is_file() for target in hand_written), hand_written
    assert len(links) > 50


def _og_page(og: str) -> Page:
    from site_builder.web.pages import Page
    return Page("x.md", f'---\ntitle: "T"\n{og}---\nbody\n')


def test_front_matter_accepts_link_preview_metadata() -> None:
    from site_builder.web.opengraph import og_values
    from site_builder.web.pages import front_matter, with_og
    og = og_values("https://example.org/", "a/", 'Tên "x" <b>', "Câu.", "a/card.png")
    page = _og_page("")
    page.text = with_og(page.text, og)
    assert front_matter(page)["og"] == og


def test_front_matter_rejects_odd_link_preview_metadata() -> None:
    import pytest

    from site_builder.errors import BuildError
    from site_builder.web.pages import front_matter
    with pytest.raises(BuildError):
        front_matter(_og_page('og: {title: "x"}\n'))
    with pytest.raises(BuildError):
        front_matter(_og_page('og: {title: "a\\nb", description: "", url: "", image: "", published_time: "", '
                              'modified_time: ""}\n'))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_quoted_dump_is_pyyaml_s_own_for_any_text(value: str) -> None:
    """dump_quoted uses libyaml's emitter for speed; it writes the bytes PyYAML's own emitter writes."""
    import yaml

    from site_builder.web.pages import dump_quoted

    for data in (value, {"og": {"title": value, "url": "https://example.org/a/"}}):
        assert dump_quoted(data) == yaml.safe_dump(data, default_style='"', allow_unicode=True, width=float("inf"),
                                                   sort_keys=True)


def test_pages_rendered_on_two_forked_workers_are_the_pages_rendered_on_one(real_project, tmp_path: Path) -> None:
    """A large site renders its pages on every core (forked workers); the pages are the same, in the same
    order, and so are the files the workers write themselves (no process holds every page)."""
    one = render_pages(real_project, "https://example.invalid/", workers=1)
    two = render_pages(real_project, "https://example.invalid/", workers=2, min_per_worker=1)
    assert [(p.path, p.text, p.links) for p in two] == [(p.path, p.text, p.links) for p in one]
    assert len(one) > 50 and all(p.text for p in one)
    written = render_pages(real_project, "https://example.invalid/", workers=2, min_per_worker=1, docs_dir=tmp_path)
    assert [(p.path, p.links) for p in written] == [(p.path, p.links) for p in one]
    assert all(p.text == "" for p in written)
    assert {p.path: (tmp_path / p.path).read_text(encoding="utf-8") for p in one} == {p.path: p.text for p in one}
    assert sum(1 for f in tmp_path.rglob("*") if f.is_file()) == len(one)
