"""Safe HTML from what schools write: Markdown and plain text in, sanitized HTML fragments out.

Every HTML string a renderer marks safe comes from here: Markdown through an nh3
allow-list (tables, lists, emphasis, http(s)/mailto links), plain text escaped.
Control characters and bidi overrides never reach a reader: `check` rejects them, and
(defence in depth) the outputs replace whatever got through with U+FFFD (visible_controls).

Markdown to HTML is a pure function of the text, the Markdown and nh3 versions and this module, and the
largest cost of a plan's view (Python-Markdown: ~4 ms a plan), so its results are remembered: within a
build, and between builds in a JSON file (load_markdown_memo / save_markdown_memo, kept in the build folder
by the build; its key is those versions and this file's bytes; a file that does not read as one is ignored).
The file is an input like any other: what it holds goes through the sanitizer again when it is used, so a
file changed by someone else can change no more than the text a school could have written.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import cache
from importlib.metadata import version
from pathlib import Path

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "ul", "ol", "li", "dl", "dt", "dd", "a",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "h2", "h3", "h4", "h5", "h6",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"},
    "ol": {"start"},  # keep the school's numbering ("4. Kết quả…" after a marker)
}

# C0 (except tab and line feed), DEL, C1, and the bidi embeddings, overrides, isolates and marks.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def visible_controls(text: str) -> str:
    """Every control character or bidi override replaced by U+FFFD, so none acts and none vanishes silently."""
    return CONTROL_RE.sub(REPLACEMENT, text)


def plain_line(text: str) -> str:
    """One line of plain text for metadata (page titles, search filters): every run of whitespace (line
    breaks, U+2028, U+0085 included) one space, every other control character or bidi override U+FFFD."""
    return visible_controls(" ".join(str(text).split()))


def sanitize(fragment: str) -> str:
    """Cut school-written HTML down to tables, lists, emphasis and http(s)/mailto links."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@cache
def _converter() -> markdown.Markdown:
    """One converter per process, reset before each text (building one per call was a tenth of the cost)."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


MemoKey = tuple[int, str]  # (demote, Markdown text)
_MEMO: dict[MemoKey, str] = {}  # every conversion done by this process, or read from the file and sanitized again
_SAVED: dict[MemoKey, str] = {}  # read from the memo file, not yet used
_USED: set[MemoKey] = set()  # those asked for since the memo file was loaded: what save_markdown_memo keeps


def markdown_html(text: str, demote: int = 0) -> str:
    """Markdown (as schools write it) to safe HTML. demote shifts headings down (## -> h3 when 1)."""
    key = (demote, text)
    _USED.add(key)
    found = _MEMO.get(key)
    if found is None:
        saved = _SAVED.pop(key, None)
        found = _MEMO[key] = sanitize(saved) if saved is not None else _markdown_html(text, demote)
    return found


@cache
def memo_version() -> str:
    """What a remembered conversion depends on besides its text: the libraries' versions and this module."""
    sha = hashlib.sha256(f"markdown {version('markdown')} nh3 {version('nh3')}\0".encode())
    sha.update(Path(__file__).read_bytes())
    return sha.hexdigest()


def load_markdown_memo(path: Path) -> int:
    """Start remembering from the conversions saved in path (none if it is missing, from other versions of
    the code, or not what save_markdown_memo writes); the number loaded."""
    _MEMO.clear()
    _SAVED.clear()
    _USED.clear()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if not isinstance(data, dict) or data.get("version") != memo_version() or not isinstance(data.get("items"), list):
        return 0
    for item in data["items"]:
        if (isinstance(item, list) and len(item) == 3 and isinstance(item[0], int)
                and isinstance(item[1], str) and isinstance(item[2], str)):
            _SAVED[(item[0], item[1])] = item[2]
    return len(_SAVED)


def save_markdown_memo(path: Path) -> int:
    """Save the conversions asked for since load_markdown_memo (so the file never grows past one build's);
    the number saved. Written to a temporary file and renamed: a build stopped halfway leaves the old file."""
    items = [[demote, text, _MEMO[(demote, text)]] for demote, text in sorted(_USED) if (demote, text) in _MEMO]
    partial = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(json.dumps({"version": memo_version(), "items": items}, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    return len(items)


def _markdown_html(text: str, demote: int) -> str:
    rendered = _converter().reset().convert(text)
    if demote:
        for level in range(6 - demote, 0, -1):
            rendered = rendered.replace(f"<h{level}", f"<h{level + demote}").replace(
                f"</h{level}>", f"</h{level + demote}>"
            )
    return sanitize(rendered)


def text_html(text: str | None) -> str:
    """Plain field text: escaped, with line breaks kept."""
    if not text:
        return ""
    return "<br>".join(html.escape(line) for line in text.split("\n"))
