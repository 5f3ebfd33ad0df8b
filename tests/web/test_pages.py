"""Generated pages: links are Markdown links the generator resolves; school text stays text in them."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from site_builder import paths
from site_builder.errors import BuildError
from site_builder.web.pages import Page, PageLinks, check_links, md_text, render_pages

HOSTILE = "Trường *Sao* _Mai_ [bấm](javascript:alert(1)) `mã` \\ {: onclick=\"alert(2)\" } <b>x</b> & ![i](x.png)"


def _render(text: str) -> str:
    """The Markdown the generators run on our pages (md_in_html, attr_list), without a generator."""
    return markdown.markdown(text, extensions=["md_in_html", "attr_list"])


def test_md_text_escapes_html_and_markdown() -> None:
    escaped = md_text(HOSTILE)
    for char in "*_[]`\\{}<>!":
        assert char not in escaped.replace("&#", "").replace(";", ""), char
    assert md_text(md_text("a*b")) == md_text("a*b"), "Markup passes unchanged"


def test_hostile_text_in_a_markdown_island_stays_text() -> None:
    links = PageLinks(paths.plan_page("th-a", "2024-2025"))
    link = links.a(HOSTILE, paths.school_page("th-a"))
    island = f'<div markdown="1">\n<p markdown="span">{link} – {md_text(HOSTILE)}</p>\n</div>'
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
    assert links - sources == {paths.PLAN_SCHEMA}  # written by the field reference
    assert len(links) > 50
