"""The one place that maps what is published to its source path, output path and URL.

Like MkDocs' File: a generated page has a source path under the build's docs/ (``src``),
an output file under site/ (``dest``) and a URL relative to the site root (``url``,
directory URLs, no diacritics). Every output (pages, PDFs, QR codes, open data, feeds,
sitemaps) asks this module, so a URL cannot be spelled two ways.

Links between pages are written the way both site generators resolve alike (see ``source_link``):
- to a page or another file under docs/: a Markdown link to its source file, relative to the linking
  page's source file. MkDocs checks it in strict mode and rewrites it; Zensical does the same.
- to a file the generator never sees (a plan's PDF, written after it): ``file_link``. Every generated
  page is the index of its own folder (``truong/a/2024-2025/index.md`` -> ``truong/a/2024-2025/``), so
  its source folder and its output folder are the same path, and a relative link means one thing
  whether it is resolved against the source (Zensical) or left for the browser (MkDocs).
- site-wide assets (CSS, the search script) are listed in the generator's config (``extra_css``,
  ``extra_javascript``): the generator writes their URL on every page, whatever its depth.
Takes slugs and ids (plain strings); gives SitePath objects and URL strings. Imports nothing
of the package.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from slugify import slugify

SCHOOLS = "truong"
YEARS = "nam-hoc"
CRITERIA = "tieu-chi"
HOME = "index.md"
ABOUT = "gioi-thieu/index.md"
SEARCH = "tim-kiem/index.md"
LEGAL = "van-ban/index.md"
GUIDES = "huong-dan"
EXAMPLES = "vi-du"  # example plans, published inside the guides, never among the schools
SCHEMA_DIR = "schema"
ASSETS_DIR = "assets"
STYLESHEET = f"{ASSETS_DIR}/kh.css"
PAGEFIND_CSS = "pagefind/pagefind-ui.css"
PAGEFIND_JS = "pagefind/pagefind-ui.js"
SORT_JS = f"{ASSETS_DIR}/kh-sort.js"  # sortable tables (web/static/kh-sort.js)
SEARCH_JS = f"{ASSETS_DIR}/kh-search.js"  # starts Pagefind UI, loads PAGEFIND_CSS/JS (no inline script)
PLAN_SCHEMA = f"{SCHEMA_DIR}/plan.schema.json"
SCHOOL_SCHEMA = f"{SCHEMA_DIR}/school.schema.json"
SITEMAP = "sitemap.xml"
DASHBOARD = "cong-khai/index.md"  # the district office's disclosure dashboard
HISTORY = "lich-su"  # a plan's history page, under the plan's own URL
SCHOOL_DISCLOSURE = "cong-khai"  # a school's disclosure page, under the school's URL
OPEN_DATA = "du-lieu"
OPEN_DATA_INDEX = f"{OPEN_DATA}/index.md"
OPEN_DATA_FILES = {  # name in the data package -> file under du-lieu/
    "plans": "plans.json",
    "entries": "entries.csv",
    "schools": "schools.csv",
    "disclosure": "cong-khai.csv",
    "plan-schema": "plan.schema.json",
    "school-schema": "school.schema.json",
}
DATAPACKAGE = f"{OPEN_DATA}/datapackage.json"
FEED = f"{OPEN_DATA}/ke-hoach.atom"


@dataclass(frozen=True)
class SitePath:
    """One page: its Markdown source under docs/, its HTML file under site/, its URL."""

    src: str

    @property
    def url(self) -> str:
        """'truong/a/index.md' -> 'truong/a/', 'x/y.md' -> 'x/y/', 'index.md' -> ''."""
        stem = self.src.removesuffix(".md")
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    @property
    def dest(self) -> str:
        return self.url + "index.html"

    @property
    def folder(self) -> str:
        """The folder of the source file ('' at the docs root)."""
        return posixpath.dirname(self.src)

    @property
    def is_folder_index(self) -> bool:
        """True when the source folder and the output folder are one path (every generated page)."""
        return self.src == "index.md" or self.src.endswith("/index.md")


def page(src: str) -> SitePath:
    return SitePath(src)


def home() -> SitePath:
    return SitePath(HOME)


def about_page() -> SitePath:
    return SitePath(ABOUT)


def search_page() -> SitePath:
    return SitePath(SEARCH)


def legal_page() -> SitePath:
    return SitePath(LEGAL)


def schools_index() -> SitePath:
    return SitePath(f"{SCHOOLS}/index.md")


def years_index() -> SitePath:
    return SitePath(f"{YEARS}/index.md")


def criteria_index() -> SitePath:
    return SitePath(f"{CRITERIA}/index.md")


def school_page(slug: str) -> SitePath:
    return SitePath(f"{SCHOOLS}/{slug}/index.md")


def plan_page(slug: str, year: str, *, example: bool = False) -> SitePath:
    if example:
        return SitePath(f"{GUIDES}/{EXAMPLES}/{slug}-{year}/index.md")
    return SitePath(f"{SCHOOLS}/{slug}/{year}/index.md")


def plan_history_page(slug: str, year: str) -> SitePath:
    """Every change of one plan: truong/<school>/<year>/lich-su/."""
    return SitePath(f"{SCHOOLS}/{slug}/{year}/{HISTORY}/index.md")


def change_anchor(sha: str) -> str:
    """The anchor of one change (one commit) on a plan's history page."""
    return f"thay-doi-{sha[:12]}"


def school_disclosure_page(slug: str) -> SitePath:
    """A school's disclosure compliance page: truong/<school>/cong-khai/."""
    return SitePath(f"{SCHOOLS}/{slug}/{SCHOOL_DISCLOSURE}/index.md")


def dashboard_page() -> SitePath:
    return SitePath(DASHBOARD)


def open_data_page() -> SitePath:
    return SitePath(OPEN_DATA_INDEX)


def open_data_file(name: str) -> str:
    """Site-relative path (and URL) of an open-data file by its data-package name, e.g. 'entries'."""
    return f"{OPEN_DATA}/{OPEN_DATA_FILES[name]}"


def commit_url(repo_url: str | None, sha: str) -> str | None:
    """The web page of a commit (GitHub's /commit/<sha> shape), or None without a repository URL."""
    return f"{repo_url.rstrip('/')}/commit/{sha}" if repo_url else None


def year_page(year: str) -> SitePath:
    return SitePath(f"{YEARS}/{year}/index.md")


def framework_page(framework_id: str) -> SitePath:
    return SitePath(f"{CRITERIA}/{framework_id}/index.md")


def criterion_slug(criterion_id: str) -> str:
    return slugify(criterion_id.replace(".", "-"))


def criterion_page(framework_id: str, criterion_id: str) -> SitePath:
    return SitePath(f"{CRITERIA}/{framework_id}/{criterion_slug(criterion_id)}/index.md")


def row_anchor(criterion_id: str) -> str:
    """The anchor of a criterion's row on a plan page."""
    return f"tieu-chi-{criterion_slug(criterion_id)}"


def pdf_filename(slug: str, year: str) -> str:
    return f"{slug}-{year}.pdf"


def plan_pdf(slug: str, year: str, *, example: bool = False) -> str:
    """Site-relative path (and URL) of a plan's PDF, next to its page."""
    return plan_page(slug, year, example=example).url + pdf_filename(slug, year)


def source_link(from_page: SitePath, target: SitePath | str, anchor: str = "") -> str:
    """A Markdown link target from one source file to another under docs/ ('../../nam-hoc/2024-2025/index.md').

    `target` is a page or a docs-relative file path. Both generators check that the file exists (and
    the anchor, for a page) and rewrite the link to the target's URL.
    """
    src = target.src if isinstance(target, SitePath) else target
    rel = posixpath.relpath(src, from_page.folder or ".")
    return rel + (f"#{anchor}" if anchor else "")


def file_link(from_page: SitePath, site_path: str) -> str:
    """A relative link from a generated page to a file the generator does not see (a PDF next to the page).

    Valid for both generators because the page is the index of its folder: resolved against the source
    folder or the output folder, the link names the same file.
    """
    if not from_page.is_folder_index:
        raise ValueError(f"{from_page.src} is not the index of its folder; a file link from it is ambiguous")
    return posixpath.relpath(site_path, from_page.folder or ".")


def absolute(site_url: str, url: str) -> str:
    """A site URL path made absolute under the public base URL (permalinks, QR codes, feeds)."""
    return site_url.rstrip("/") + "/" + url


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site paths ('' is the home page), so the site works under any base URL."""
    anchor = ""
    if "#" in to_url:
        to_url, anchor = to_url.split("#", 1)
        anchor = "#" + anchor
    start = from_url.rstrip("/") or "."
    target = to_url or "."
    rel = posixpath.relpath(target, start)
    if to_url.endswith("/") or to_url == "":
        rel = rel.rstrip("/") + "/"
    return rel + anchor


CARD_FILENAME = "the-chia-se.png"  # the link-preview image (og:image) beside a page


def plan_card(slug: str, year: str, *, example: bool = False) -> str:
    """Site-relative path (and URL) of a plan's link-preview card, next to its page."""
    return plan_page(slug, year, example=example).url + CARD_FILENAME


def school_card(slug: str) -> str:
    return school_page(slug).url + CARD_FILENAME


def home_card() -> str:
    return CARD_FILENAME
