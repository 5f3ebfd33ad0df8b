"""Safe HTML from what schools write: Markdown and plain text in, sanitized HTML fragments out.

Every HTML string a renderer marks safe comes from here: Markdown through an nh3
allow-list (tables, lists, emphasis, http(s)/mailto links), plain text escaped.
Control characters and bidi overrides never reach a reader: `check` rejects them, and
(defence in depth) the outputs replace whatever got through with U+FFFD (visible_controls).
"""

from __future__ import annotations

import html
import re
from functools import cache

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


def markdown_html(text: str, demote: int = 0) -> str:
    """Markdown (as schools write it) to safe HTML. demote shifts headings down (## -> h3 when 1)."""
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
