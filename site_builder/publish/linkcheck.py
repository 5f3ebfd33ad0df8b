"""A link check of a built site: every href and src of every HTML page, resolved the way a browser does.

Reads site/ only (whichever generator wrote it) with the standard library's HTML parser:
- a relative reference is resolved against the page's own URL (a directory URL means its index.html);
- an absolute path must lie under the site's base path (from site_url) and is resolved inside site/;
- a fragment must name an id (or an <a name>) in the target page;
- external URLs (with a scheme or host), mailto:, tel: and data: are counted, not fetched.
`compare` lists what differs between two builds of the same docs (pages, links per page), for the
pull-request job that builds the site with a second generator.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that load or link to another resource; srcset and the like are not used by the site.
LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
CONTENT_CLASS = "md-content"  # the theme's main column: the part of a page the site's own pages write


@dataclass(frozen=True)
class Link:
    """One reference on one page: where it is, what it says, where it leads (site-relative file, or None)."""

    page: str
    tag: str
    attr: str
    ref: str
    target: str | None
    fragment: str
    in_content: bool

    @property
    def resolved(self) -> str:
        """The target as a site-relative URL path plus fragment, for comparing two builds."""
        if self.target is None:
            return self.ref
        url = self.target.removesuffix("index.html")
        return url + (f"#{self.fragment}" if self.fragment else "")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str, bool]] = []
        self.ids: set[str] = set()
        self._stack: list[tuple[str, bool]] = []  # open elements that may hold content: (tag, is content root)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        in_content = any(root for _, root in self._stack)
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and value is not None and value.strip():
                self.refs.append((tag, name, value.strip(), in_content))
        if tag not in VOID_ELEMENTS:
            classes = (values.get("class") or "").split()
            self._stack.append((tag, CONTENT_CLASS in classes))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _resolve(page: str, ref: str, base_path: str) -> tuple[str | None, str] | None:
    """(site-relative target file, fragment); None for an external reference; target None if outside the site."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None, parts.fragment
        target = path.removeprefix(base_path)
    else:
        target = posixpath.join(posixpath.dirname(page), path)
    trailing = target.endswith("/") or posixpath.basename(target) in ("", ".", "..")
    target = posixpath.normpath(target)
    if target.startswith(".."):
        return None, parts.fragment
    target = "" if target == "." else target
    if trailing or target == "":
        target = posixpath.join(target, "index.html")
    return target, parts.fragment


@dataclass
class Report:
    """Every page and every reference of one built site, with the broken ones and why."""

    site: Path
    pages: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    external: list[Link] = field(default_factory=list)
    broken: list[tuple[Link, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"pages": len(self.pages), "links": len(self.links) + len(self.external),
                "internal": len(self.links), "content": sum(link.in_content for link in self.links),
                "external": len(self.external), "broken": len(self.broken)}

    def content_links(self, page: str) -> Counter[str]:
        """The resolved links of a page's main column, as a multiset (the part the site's own pages write)."""
        return Counter(link.resolved for link in self.links if link.page == page and link.in_content)


def check_site(site: Path, base_path: str = "/") -> Report:
    """Resolve every href and src of every page of `site` (base_path: the path part of site_url)."""
    site = site.resolve()
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    report = Report(site)
    report.pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    parsed = {page: _parse(site / page) for page in report.pages}
    for page, parser in parsed.items():
        for tag, attr, ref, in_content in parser.refs:
            if ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                report.external.append(Link(page, tag, attr, ref, None, "", in_content))
                continue
            resolved = _resolve(page, ref, base_path)
            if resolved is None:
                report.external.append(Link(page, tag, attr, ref, None, "", in_content))
                continue
            target, fragment = resolved
            link = Link(page, tag, attr, ref, target, fragment, in_content)
            report.links.append(link)
            problem = _problem(site, parsed, target, fragment)
            if problem:
                report.broken.append((link, problem))
    return report


def _problem(site: Path, parsed: dict[str, _PageParser], target: str | None, fragment: str) -> str:
    """Why a reference is broken, in Vietnamese (it goes into the CI summary); '' if it is not."""
    if target is None:
        return "trỏ ra ngoài trang web"
    if not (site / target).is_file():
        return f"không có tệp {target}"
    if fragment and target.endswith(".html"):
        if target not in parsed:
            parsed[target] = _parse(site / target)
        if unquote(fragment) not in parsed[target].ids:
            return f"{target} không có mục #{fragment}"
    return ""


@dataclass
class Comparison:
    """What differs between two builds of the same docs: pages only in one, pages whose content links differ."""

    only_a: list[str]
    only_b: list[str]
    differing: dict[str, tuple[list[str], list[str]]]

    @property
    def same(self) -> bool:
        return not (self.only_a or self.only_b or self.differing)


def compare(a: Report, b: Report) -> Comparison:
    pages_a, pages_b = set(a.pages), set(b.pages)
    differing: dict[str, tuple[list[str], list[str]]] = {}
    for page in sorted(pages_a & pages_b):
        links_a, links_b = a.content_links(page), b.content_links(page)
        if links_a != links_b:
            differing[page] = (sorted((links_a - links_b).elements()), sorted((links_b - links_a).elements()))
    return Comparison(sorted(pages_a - pages_b), sorted(pages_b - pages_a), differing)


def format_report(report: Report, name: str, limit: int = 50) -> str:
    """A Markdown section (Vietnamese) with the counts and the broken references of one build."""
    c = report.counts()
    lines = [f"### {name}", "",
             f"{c['pages']} trang, {c['links']} liên kết và tệp nhúng ({c['internal']} trong trang web, "
             f"{c['content']} trong nội dung trang, {c['external']} ra ngoài), **{c['broken']} hỏng**.", ""]
    for link, problem in report.broken[:limit]:
        lines.append(f"- `{link.page}`: `{link.ref}` ({problem})")
    if len(report.broken) > limit:
        lines.append(f"- … và {len(report.broken) - limit} liên kết hỏng khác")
    return "\n".join(lines) + "\n"


def format_comparison(comparison: Comparison, name_a: str, name_b: str, limit: int = 30) -> str:
    """A Markdown section (Vietnamese) listing what differs between two builds."""
    if comparison.same:
        return f"### {name_a} và {name_b}\n\nCùng danh sách trang; mọi trang có cùng các liên kết trong nội dung.\n"
    lines = [f"### {name_a} và {name_b}: khác nhau", ""]
    for where, pages in ((name_a, comparison.only_a), (name_b, comparison.only_b)):
        label = f"Trang chỉ có ở {where}"
        if pages:
            lines.append(f"- {label} ({len(pages)}): " + ", ".join(f"`{p}`" for p in pages[:limit]))
    for page, (only_a, only_b) in list(comparison.differing.items())[:limit]:
        lines.append(f"- `{page}`: chỉ {name_a} có {', '.join(f'`{x}`' for x in only_a) or 'không'}; "
                     f"chỉ {name_b} có {', '.join(f'`{x}`' for x in only_b) or 'không'}")
    if len(comparison.differing) > limit:
        lines.append(f"- … và {len(comparison.differing) - limit} trang khác")
    return "\n".join(lines) + "\n"
