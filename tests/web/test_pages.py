"""Generated pages' metadata: dumped by a YAML dumper, parsed back as MkDocs parses it, escaped once for HTML."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from site_builder.errors import BuildError
from site_builder.model.project import Project
from site_builder.present.sanitize import plain_line
from site_builder.web.pages import Page, front_matter, is_http_url, meta_title, pagefind_filter, render_pages

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
