"""Hostile fields and Markdown, built for real and opened in Chromium: nothing runs, everything shows as text.

The school's name and district are set after loading (past `check`, which may refuse them): the output
side must be safe whatever the fields hold. The plan body carries attr_list, javascript: and
escaped-markup payloads. Proof: the built site passes the audit and a grep, and Chromium, listening for
dialogs and CSP violations, sees none on the hostile pages, in the search results or the filters.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.check import assemble
from site_builder.model.project import Project
from site_builder.publish.audit import audit_site
from tests.conftest import BuiltSite, build_into, copy_repo
from tests.e2e.browser.conftest import open_tab, serve

SLUG = "th-quang-trung"
NAME = 'Trường Tiểu học\a ![](data:,){: onerror=alert("name") } "Quang" & Trung\x92 <b>X</b>'
SHOWN_NAME = 'Trường Tiểu học\ufffd ![](data:,){: onerror=alert("name") } "Quang" & Trung\ufffd <b>X</b>'
DISTRICT = 'quận <img src=x onerror=alert("district")>'
BODY = """

## Thử dữ liệu xấu

![](data:,){: onerror=alert("body-img") }

[bấm](javascript:alert("body-js")) và [sang trang khác](//evil.example/x) và [nữa](/\\evil.example/y)

*x*{: onclick=alert("body-click") }

Từ khóa timkiemdoc &lt;img src=x onerror=alert("excerpt")&gt; ở đây.
"""
PAGES = ("", "truong/", f"truong/{SLUG}/", f"truong/{SLUG}/2024-2025/", "nam-hoc/2024-2025/",
         "tieu-chi/tt17-2018/1-1/", "tim-kiem/")
LIVE_MARKUP = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=|href\s*=\s*[\"']?\s*(javascript|data):", re.IGNORECASE)
WATCH = """
window.__dialogs = [];
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _hostile_load(root: Path, only: list[Path] | None = None) -> Project:
    """The real loader, then the hostile school fields written straight into the model (no check)."""
    project = assemble.load_project(root, only)
    school = project.schools[SLUG]
    school.school = school.school.model_copy(update={"name": NAME, "district": DISTRICT})
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_repo(tmp_path_factory.mktemp("hostile-output") / "repo")
    plan = root / "plans" / SLUG / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8") + BODY, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("site_builder.publish.build.load_project", _hostile_load)
        return build_into(root, root.parent, pdf=False)


@pytest.fixture(scope="module")
def hostile_url(hostile_site: BuiltSite) -> Iterator[str]:
    with serve(hostile_site.site_dir) as url:
        yield url


@pytest.fixture(params=[False, True], ids=["with-csp", "without-csp"])
def watched(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A tab that records dialogs and CSP violations; once with the site's CSP and once with it bypassed,
    so the proof that nothing runs does not rest on the CSP alone."""
    with open_tab(browser, bypass_csp=request.param) as tab:
        tab.add_init_script(WATCH)
        tab.dialogs = []  # type: ignore[attr-defined]
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        yield tab


@pytest.fixture
def csp_tab(browser) -> Iterator[object]:
    with open_tab(browser) as tab:
        tab.add_init_script(WATCH)
        yield tab


def test_the_hostile_text_reached_the_pages(hostile_site: BuiltSite) -> None:
    plan = (hostile_site.site_dir / "truong" / SLUG / "2024-2025" / "index.html").read_text(encoding="utf-8")
    school = (hostile_site.site_dir / "truong" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "timkiemdoc &lt;img src=x" in plan and "quận &lt;img src=x" in school, "the payloads are shown, as text"
    assert "\a" not in plan and "\x92" not in plan, "control characters never reach the page"


def test_no_live_markup_anywhere_in_the_site(hostile_site: BuiltSite) -> None:
    assert audit_site(hostile_site.site_dir, "https://example.invalid/ke-hoach-cai-tien/") == []
    for path in hostile_site.site_dir.rglob("*.html"):
        # <meta> tags carry the hostile name as escaped attribute text (og:title); the grep would read "onerror="
        # inside that text as an attribute, so they are left to the parser-based audit above, which sees real ones.
        text = re.sub(r"<meta\s[^>]*>", "", path.read_text(encoding="utf-8"))
        assert not LIVE_MARKUP.search(text), (path, LIVE_MARKUP.search(text))


def test_titles_show_the_name_once_escaped(csp_tab, hostile_url: str) -> None:
    csp_tab.goto(hostile_url + f"truong/{SLUG}/2024-2025/")
    assert csp_tab.title().startswith(f"Kế hoạch cải tiến chất lượng năm học 2024-2025 – {SHOWN_NAME} - ")
    header = csp_tab.locator(".md-header__topic[data-md-component='header-topic'] .md-ellipsis").inner_text()
    assert header.strip().startswith("Kế hoạch cải tiến chất lượng năm học 2024-2025 – Trường Tiểu học")
    assert '"Quang" & Trung' in header and "<b>X</b>" in header
    csp_tab.goto(hostile_url + f"truong/{SLUG}/")
    assert csp_tab.title() == f"{SHOWN_NAME} - Kế hoạch cải tiến chất lượng giáo dục"


def test_hostile_pages_run_nothing(watched, hostile_url: str) -> None:
    for url in PAGES:
        watched.goto(hostile_url + url)
        watched.wait_for_load_state("load")
        watched.mouse.click(5, 5)
        assert watched.evaluate("window.__csp") == [], url
    for link in watched.locator("a").all():
        assert not (link.get_attribute("href") or "").strip().lower().startswith(("javascript:", "data:"))
    assert watched.dialogs == []


def _shown_filter_labels(page, panel, timeout: float = 15.0) -> list[str]:
    """The filter labels as a reader sees them, every filter block opened. Pagefind's UI draws the panel again
    when the filters' data arrives (closing the blocks a click opened), so the blocks are set open, not toggled,
    until the labels show."""
    deadline = time.monotonic() + timeout
    while True:
        panel.locator("details.pagefind-ui__filter-block").evaluate_all("blocks => blocks.forEach(b => b.open = true)")
        labels = [label.inner_text() for label in panel.locator(".pagefind-ui__filter-label").all()]
        if (labels and all(labels)) or time.monotonic() > deadline:
            return labels
        page.wait_for_timeout(200)


def test_search_filters_show_hostile_values_as_text(watched, hostile_url: str) -> None:
    watched.goto(hostile_url + "tim-kiem/")
    watched.fill(".pagefind-ui__search-input", "timkiemdoc")
    excerpt = watched.locator(".pagefind-ui__result-excerpt", has_text="timkiemdoc").first
    excerpt.wait_for(timeout=15_000)
    assert '<img src=x onerror=alert("excerpt")>' in excerpt.inner_text()
    watched.fill(".pagefind-ui__search-input", "quang trung")
    watched.locator(".pagefind-ui__result-excerpt", has_text="Quang").first.wait_for(timeout=15_000)
    excerpts = " ".join(e.inner_text() for e in watched.locator(".pagefind-ui__result-excerpt").all())
    assert "&amp;" not in excerpts and "&lt;" not in excerpts, "filter values are not searched text: no entities"
    panel = watched.locator(".pagefind-ui__filter-panel")
    labels = _shown_filter_labels(watched, panel)
    assert any(label.startswith(DISTRICT) for label in labels), labels
    assert any(label.startswith(SHOWN_NAME) for label in labels), labels
    assert panel.locator("img, b").count() == 0, "no markup from a filter value became an element"
    district = panel.locator(".pagefind-ui__filter-label", has_text="quận <img").first
    district.click()  # filtering by the hostile value still finds the plan
    watched.wait_for_timeout(500)
    assert watched.locator(".pagefind-ui__result").count() >= 1
    assert watched.dialogs == [] and watched.evaluate("window.__csp") == []


def test_csp_blocks_an_injected_inline_handler(csp_tab, hostile_site: BuiltSite, tmp_path: Path) -> None:
    page = hostile_site.site_dir / "truong" / SLUG / "2024-2025" / "index.html"
    injected = tmp_path / "site"
    injected.mkdir()
    text = page.read_text(encoding="utf-8")
    payload = ('<img src="nope.png" onerror="window.__ran = 1"><script>window.__ran2 = 1</script>'
               '<a id="js" href="javascript:window.__ran3=1">x</a>')
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + payload, text, count=1)
    (injected / "index.html").write_text(text, encoding="utf-8")
    with serve(injected) as url:
        csp_tab.goto(url)
        csp_tab.wait_for_load_state("load")
        csp_tab.click("#js")
        csp_tab.wait_for_timeout(300)
        ran = csp_tab.evaluate("[window.__ran, window.__ran2, window.__ran3]")
        violations = csp_tab.evaluate("window.__csp")
    assert ran == [None, None, None]
    assert sum(v.startswith("script-src") for v in violations) >= 3, violations
