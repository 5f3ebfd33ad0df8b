"""The last look before publishing: a real HTML5 parser finds anything that could run or leak."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import BuildError
from site_builder.publish.audit import audit_page, audit_site, browser_url, is_other_site, require_safe_site
from site_builder.web.security import CSP

PAGE = "truong/x/index.html"
HEAD = f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ' \
       f'content="{CSP}"><title>T</title>' \
       '<script src="../../assets/kh-theme-base.js" data-scope="../.."></script></head><body>'
TAIL = '<script id="__config" type="application/json">{"base": "../.."}</script>' \
       '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>'


def problems(body: str, page: str = PAGE) -> list[str]:
    return [p.what for p in audit_page(page, HEAD + body + TAIL, "/ke-hoach/")]


def test_a_clean_page_passes() -> None:
    body = ('<p><a href="../">về</a> <a href="https://example.org/" rel="noopener noreferrer nofollow">ngoài</a>'
            ' <a href="mailto:a@b.vn">thư</a> <a href="#x">neo</a></p><script src="../../pagefind/pagefind-ui.js">'
            '</script><script src="/ke-hoach/assets/kh-search.js"></script><img src="../../assets/a.png" alt="">')
    assert problems(body) == []


@pytest.mark.parametrize(("body", "expected"), [
    ('<img src=x onerror=alert(1)>', "thuộc tính xử lý sự kiện onerror"),
    ("<img/src=x/onerror=alert(1)>", None),  # one attribute src="x/onerror=alert(1)": inert, as in a browser
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "địa chỉ javascript: trong thuộc tính"),
    ('<a href=" java\tscript:alert(1)">x</a>', "địa chỉ javascript: trong thuộc tính href"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "địa chỉ javascript: trong thuộc tính href"),
    ('<a href="data:text/html,x">x</a>', "địa chỉ data: trong thuộc tính href"),
    ('<img src="data:,">', "địa chỉ data: trong thuộc tính src"),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', "địa chỉ javascript: trong thuộc tính"),
    ('<p onclick="alert(1)">x</p>', "thuộc tính xử lý sự kiện onclick"),
    ('<details open ontoggle=alert(1)>', "thuộc tính xử lý sự kiện ontoggle"),
    ("<script>alert(1)</script>", "thẻ <script> nội tuyến"),
    ('<script type="module">alert(1)</script>', "thẻ <script> nội tuyến"),
    ('<script type="application/json">{}</script>', "thẻ <script> nội tuyến"),
    ('<script src="https://cdn.example/x.js"></script>', "không thuộc danh sách"),
    ('<script src="//cdn.example/x.js"></script>', "không thuộc danh sách"),
    ('<script src="/\\cdn.example/x.js"></script>', "không thuộc danh sách"),
    ('<script src="../../assets/other.js"></script>', "không thuộc danh sách"),
    ('<iframe src="https://a"></iframe>', "thẻ <iframe>"),
    ('<object data="x.swf"></object>', "thẻ <object>"),
    ('<base href="https://evil/">', "thẻ <base>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil">', "meta refresh"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "srcdoc"),
    ('<a href="https://evil.example/">x</a>', 'thiếu rel="noopener noreferrer"'),
    ('<a href="//evil.example/">x</a>', 'thiếu rel="noopener noreferrer"'),
    ('<a href="/\\evil.example/">x</a>', 'thiếu rel="noopener noreferrer"'),
    ('<a href="https://evil.example/" rel="noopener">x</a>', 'thiếu rel="noopener noreferrer"'),
])
def test_each_class_is_refused(body: str, expected: str | None) -> None:
    found = problems(body)
    if expected is None:
        assert found == []
    else:
        assert any(expected in what for what in found), found


def test_csp_must_come_first_and_match() -> None:
    without = HEAD.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "")
    assert [p.what for p in audit_page(PAGE, without + TAIL)] == ["thiếu Content-Security-Policy"]
    weaker = HEAD.replace("object-src 'none'", "object-src *")
    assert [p.what for p in audit_page(PAGE, weaker + TAIL)] == ["Content-Security-Policy khác chính sách của trang"]
    late = without.replace("</head>", "") + f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    assert [p.what for p in audit_page(PAGE, late + TAIL)] == ["thẻ <script> đứng trước Content-Security-Policy"]


def test_svg_files_are_scanned(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    (tmp_path / "index.html").write_text((HEAD + TAIL).replace("../../", ""), encoding="utf-8")
    found = audit_site(tmp_path, "https://example.invalid/")
    assert [(p.page, p.what) for p in found] == [("a.svg", "thuộc tính xử lý sự kiện onload")]
    with pytest.raises(BuildError) as raised:
        require_safe_site(tmp_path, "https://example.invalid/")
    assert "a.svg" in str(raised.value) and "giữ nguyên" in str(raised.value)


@pytest.mark.parametrize(("url", "other"), [
    ("https://a.vn", True), ("HTTP://a.vn", True), ("//a.vn", True), ("/\\a.vn", True), ("\\\\a.vn", True),
    (" \t//a.vn", True), ("../x/", False), ("/ke-hoach/x/", False), ("#a", False), ("mailto:a@b.vn", False),
])
def test_other_sites_as_a_browser_reads_them(url: str, other: bool) -> None:
    assert is_other_site(browser_url(url)) is other


@settings(max_examples=200, deadline=2000)
@given(st.text())
def test_any_text_in_a_page_is_audited_without_a_traceback(text: str) -> None:
    for problem in audit_page(PAGE, HEAD + text + TAIL):
        assert problem.page == PAGE and problem.what


def test_a_large_site_is_audited_on_forked_workers_with_every_problem_found_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import site_builder.publish.audit as audit

    clean = (HEAD + TAIL).replace("../../", "")
    for index in range(40):
        bad = f'<p onclick="x()">{index}</p>' if index % 7 == 3 else ""
        (tmp_path / f"p{index:02d}.html").write_text(clean.replace("<body>", "<body>" + bad), encoding="utf-8")
    one = [(p.page, p.what) for p in audit_site(tmp_path, "https://example.invalid/")]
    monkeypatch.setattr(audit, "MIN_FILES_PER_WORKER", 1)
    many = [(p.page, p.what) for p in audit_site(tmp_path, "https://example.invalid/")]
    assert many == one == [(f"p{i:02d}.html", "thuộc tính xử lý sự kiện onclick") for i in range(40) if i % 7 == 3]
