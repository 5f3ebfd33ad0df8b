"""The link check of a built site: every href and src resolved like a browser, broken ones named."""

from __future__ import annotations

from pathlib import Path

from site_builder.publish.linkcheck import check_site, compare, format_comparison, format_report

PAGES = {
    "index.html": '<a href="truong/">Trường</a><a href="truong/a/#muc">A</a><link rel="stylesheet" href="assets/x.css">'
                  '<a href="https://example.org/">ngoài</a><a href="mailto:a@b.c">thư</a>',
    "truong/index.html": '<div class="md-content"><a href="../">Trang chủ</a><a href="a/">A</a>'
                         '<a href="../nam-hoc/">hỏng</a><a href="a/#khong-co">mục hỏng</a></div>'
                         '<a href="../../../ra-ngoai/">ra ngoài</a><script src="/base/assets/x.js"></script>',
    "truong/a/index.html": '<h2 id="muc">Mục</h2><a href="a-2024.pdf">PDF</a><img src="../../assets/x.png">',
}


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    for name in ("x.css", "x.js", "x.png"):
        (root / "assets" / name).write_text("", encoding="utf-8")
    return root


def test_every_reference_is_resolved_and_the_broken_ones_named(tmp_path: Path) -> None:
    report = check_site(_site(tmp_path / "site", PAGES), "/base/")
    assert report.pages == ["index.html", "truong/a/index.html", "truong/index.html"]
    broken = {(link.page, link.ref): problem for link, problem in report.broken}
    assert broken == {
        ("truong/index.html", "../nam-hoc/"): "không có tệp nam-hoc/index.html",
        ("truong/index.html", "a/#khong-co"): "truong/a/index.html không có mục #khong-co",
        ("truong/index.html", "../../../ra-ngoai/"): "trỏ ra ngoài trang web",
        ("truong/a/index.html", "a-2024.pdf"): "không có tệp truong/a/a-2024.pdf",
    }
    counts = report.counts()
    assert counts == {"pages": 3, "links": 13, "internal": 11, "content": 4, "external": 2, "broken": 4}
    text = format_report(report, "site")
    assert "**4 hỏng**" in text and "`truong/index.html`: `../nam-hoc/` (không có tệp nam-hoc/index.html)" in text


def test_comparison_lists_pages_and_links_that_differ(tmp_path: Path) -> None:
    a = check_site(_site(tmp_path / "a", PAGES), "/base/")
    same = check_site(_site(tmp_path / "same", PAGES), "/base/")
    assert compare(a, same).same
    assert "Cùng danh sách trang" in format_comparison(compare(a, same), "mkdocs", "zensical")
    other = dict(PAGES)
    other["truong/index.html"] = other["truong/index.html"].replace('href="a/"', 'href="../"')
    del other["truong/a/index.html"]
    b = check_site(_site(tmp_path / "b", other), "/base/")
    comparison = compare(a, b)
    assert comparison.only_a == ["truong/a/index.html"] and comparison.only_b == []
    assert comparison.differing == {"truong/index.html": (["truong/a/"], [""])}
    text = format_comparison(comparison, "mkdocs", "zensical")
    assert "Trang chỉ có ở mkdocs (1): `truong/a/index.html`" in text
