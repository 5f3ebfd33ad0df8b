"""The last look at the built site before it is published: nothing in it may run script in a reader's browser.

Every HTML (and SVG) file of the staged site is parsed with a real HTML5 parser (selectolax/Lexbor, the
WHATWG algorithm browsers use) and refused when it holds:
- an event-handler attribute (any attribute named on…);
- a javascript:, vbscript: or data: URL in a URL attribute (href, src, action, …);
- a <script> that is not one of the site's own files (web.security.KNOWN_SCRIPTS) or the theme's JSON
  configuration; elements that embed other documents or change the base URL (iframe, object, base, …);
- a link to another site (http(s)://, //host, /\\host) without rel="noopener noreferrer";
- no Content-Security-Policy meta tag (web.security.CSP) ahead of its first script.
Any finding fails the build with the file and the element, so the previous site stays online.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import BuildError
from ..parallel import fork_map
from ..web.security import CSP, DATA_SCRIPT_TYPES, known_script

SCANNED_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "longdesc",
    "srcset", "imagesrcset", "ping", "manifest", "codebase", "lowsrc", "dynsrc", "icon", "profile", "archive",
    "classid",
})
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})
WEB_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss"})
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
                                "template"})
SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
URL_NOISE_RE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
SHOWN_PROBLEMS = 20
MIN_FILES_PER_WORKER = 300  # files a forked worker must have to be worth its start-up


@dataclass(frozen=True)
class Problem:
    """One thing in one built file that could run script or leak the reader to another site."""

    page: str  # path under the site directory
    what: str  # Vietnamese
    element: str

    def __str__(self) -> str:
        return f"{self.page}: {self.what}: {self.element}"


def browser_url(value: str) -> str:
    """The URL as a browser reads an attribute: C0 controls and spaces trimmed, tabs and line breaks
    dropped, backslashes read as slashes (so /\\host is //host)."""
    return URL_NOISE_RE.sub("", value.strip("\x00- ")).replace("\\", "/")


def url_scheme(url: str) -> str | None:
    match = SCHEME_RE.match(url)
    return match.group(1).lower() if match else None


def is_other_site(url: str) -> bool:
    """http(s)://…, //host and /\\host lead to another site; relative paths and #anchors do not."""
    return url_scheme(url) in WEB_SCHEMES or url.startswith("//")


def _describe(node: LexborNode) -> str:
    attributes = " ".join(f'{name}="{value}"' if value is not None else name
                          for name, value in node.attributes.items())
    text = f"<{node.tag}{' ' if attributes else ''}{attributes}>"
    return text if len(text) <= 160 else text[:157] + "…"


def _url_values(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def _script_path(page: str, src: str, base_path: str) -> str | None:
    """The site path a script src points to, or None when it leaves the site."""
    url = browser_url(src)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path = parts.path
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        path = path[len(base_path):]
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(path)
    return None if normal.startswith("..") else normal


def _element_problems(page: str, node: LexborNode, base_path: str) -> Iterable[str]:
    tag = node.tag
    for name, value in node.attributes.items():
        if name.startswith("on"):
            yield f"thuộc tính xử lý sự kiện {name}"
        elif name == "srcdoc":
            yield "thuộc tính srcdoc (một trang nhúng)"
        elif name in URL_ATTRIBUTES and value is not None:
            for url in _url_values(name, value):
                scheme = url_scheme(browser_url(url))
                if scheme in DANGEROUS_SCHEMES:
                    yield f"địa chỉ {scheme}: trong thuộc tính {name}"
    if tag in FORBIDDEN_ELEMENTS:
        yield f"thẻ <{tag}> (nhúng trang khác hoặc đổi địa chỉ gốc)"
    elif tag == "meta" and (node.attributes.get("http-equiv") or "").strip().lower() == "refresh":
        yield "thẻ meta refresh (chuyển trang tự động)"
    elif tag == "script":
        yield from _script_problems(page, node, base_path)
    elif tag in ("a", "area"):
        href = node.attributes.get("href")
        if href is not None and is_other_site(browser_url(href)):
            rel = set((node.attributes.get("rel") or "").lower().split())
            if not {"noopener", "noreferrer"} <= rel:
                yield 'liên kết ra trang khác thiếu rel="noopener noreferrer"'


def _script_problems(page: str, node: LexborNode, base_path: str) -> Iterable[str]:
    src = node.attributes.get("src")
    if src is None:
        kind = (node.attributes.get("type") or "").strip().lower()
        if kind not in DATA_SCRIPT_TYPES or node.attributes.get("id") != "__config":
            yield "thẻ <script> nội tuyến"
        return
    target = _script_path(page, src, base_path)
    if target is None or not known_script(target):
        yield "thẻ <script> không thuộc danh sách tệp của trang"


def _is_csp(node: LexborNode) -> bool:
    return node.tag == "meta" and \
        (node.attributes.get("http-equiv") or "").strip().lower() == "content-security-policy"


def _csp_problem(tree: LexborHTMLParser) -> str | None:
    """The policy must be in the head, before the first script, with exactly the site's content."""
    nodes = tree.css("script, meta")
    first = next((index for index, node in enumerate(nodes) if _is_csp(node)), None)
    if first is None:
        return "thiếu Content-Security-Policy"
    if any(node.tag == "script" for node in nodes[:first]):
        return "thẻ <script> đứng trước Content-Security-Policy"
    policy = nodes[first]
    if policy.attributes.get("content") != CSP:
        return "Content-Security-Policy khác chính sách của trang"
    if policy.parent is None or policy.parent.tag != "head":
        return "Content-Security-Policy không nằm trong <head>"
    return None


def audit_page(page: str, text: str, base_path: str = "/") -> list[Problem]:
    """Every problem in one file; page is its path under the site directory."""
    tree = LexborHTMLParser(text)
    problems = [Problem(page, what, _describe(node))
                for node in tree.css("*") for what in _element_problems(page, node, base_path)]
    if page.endswith((".html", ".htm", ".xhtml")) and tree.css_first("html") is not None:
        missing = _csp_problem(tree)
        if missing:
            problems.append(Problem(page, missing, "<head>"))
    return problems


def audit_site(site_dir: Path, site_url: str, since: float | None = None) -> list[Problem]:
    """Every scanned file of the site; since (a time.time()): only files modified at or after it (a site
    copied from an audited one keeps its files' times, so the build's new files alone are read)."""
    base_path = urlsplit(site_url).path or "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    files = [path for path in sorted(site_dir.rglob("*")) if path.suffix.lower() in SCANNED_SUFFIXES
             and path.is_file() and (since is None or path.stat().st_mtime >= since)]

    def audit_file(path: Path) -> list[Problem]:
        rel = path.relative_to(site_dir).as_posix()
        return audit_page(rel, path.read_text(encoding="utf-8", errors="replace"), base_path)

    return [problem for found in fork_map(audit_file, files, min_per_worker=MIN_FILES_PER_WORKER)
            for problem in found]


def require_safe_site(site_dir: Path, site_url: str, since: float | None = None) -> None:
    """Audit the staged site (since: see audit_site); a BuildError listing what was found when anything was."""
    problems = audit_site(site_dir, site_url, since)
    if problems:
        shown = "\n".join(f"  - {problem}" for problem in problems[:SHOWN_PROBLEMS])
        more = f"\n  … và {len(problems) - SHOWN_PROBLEMS} vấn đề khác" if len(problems) > SHOWN_PROBLEMS else ""
        raise BuildError(
            f"Kiểm tra an toàn trước khi xuất bản: {len(problems)} chỗ trong trang đã tạo có thể chạy mã lệnh "
            f"trên máy người đọc hoặc dẫn sang trang khác không an toàn:\n{shown}{more}\n"
            "Trang đang công khai được giữ nguyên. Nếu chỗ đó đến từ docs/, sửa tệp trong docs/ "
            '(liên kết ra ngoài: thêm {: rel="noopener noreferrer" }); nếu từ kế hoạch, báo cho người bảo trì.'
        )
