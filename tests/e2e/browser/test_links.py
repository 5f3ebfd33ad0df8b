"""Every internal link and asset reference in site/ points at a file that exists."""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.config import site_url
from tests.conftest import ROOT, BuiltSite


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.refs.append(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


BASE_PATH = urlsplit(site_url(ROOT)).path  # absolute links (404.html) carry the deployment's base path


def target_of(page: Path, ref: str, site: Path) -> tuple[Path, str] | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:")):
        return None
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(BASE_PATH), f"{page}: absolute link outside the site: {ref}"
        resolved = site / path.removeprefix(BASE_PATH)
    else:
        resolved = page.parent / path
    resolved = resolved.resolve()
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, parts.fragment


def test_no_broken_internal_links(built_site: BuiltSite) -> None:
    site = built_site.site_dir.resolve()
    pdf_expected = importlib.util.find_spec("site_builder.pdf") is not None
    broken: list[str] = []
    checked = 0
    cache: dict[Path, Links] = {}
    for page in sorted(site.rglob("*.html")):
        for ref in parse(page).refs:
            found = target_of(page, ref, site)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.exists():
                if target.suffix == ".pdf" and not pdf_expected:
                    continue
                broken.append(f"{page.relative_to(site)} -> {ref}")
            elif fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parse(target)).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {ref} (no #{fragment})")
    assert checked > 500
    assert broken == []
