"""Cutting a table cell's HTML where a page ends, so a long row can continue on the next page as a row
of its own (pdf.paginate decides where; this module only cuts).

Positions are counted in "countable" characters: not whitespace, not format characters (soft hyphen,
zero-width joiners). WeasyPrint's line boxes hold the same characters (it only collapses whitespace),
so a count taken from a rendered page cuts the source HTML at the same place.

The fragments are the sanitized cell HTML of present.view, cut between characters: tags are closed at
the end of the first part and reopened at the start of the second, attributes re-escaped. A list item
or paragraph cut in the middle is reopened with class="cont" (no list marker, no indent).
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

VOID_TAGS = frozenset({"br", "hr", "img", "col", "wbr"})
BLOCK_TAGS = frozenset({"li", "p", "dd", "dt", "blockquote", "div"})
CONTINUED_CLASS = "cont"


def countable(char: str) -> bool:
    """A character that takes a place on a line: not a space, not an invisible format character."""
    return not char.isspace() and unicodedata.category(char) != "Cf"


def count(text: str) -> int:
    return sum(1 for char in text if countable(char))


@dataclass
class _Token:
    kind: str  # "start" | "end" | "data"
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[_Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(_Token("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(_Token("start", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.tokens.append(_Token("end", tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append(_Token("data", text=data))


def tokenize(fragment: str) -> list[_Token]:
    parser = _Tokenizer()
    parser.feed(fragment)
    parser.close()
    return parser.tokens


def _start(token: _Token, continued: bool = False) -> str:
    attrs = dict(token.attrs)
    if continued:
        attrs["class"] = f"{attrs['class']} {CONTINUED_CLASS}" if attrs.get("class") else CONTINUED_CLASS
    rendered = "".join(f' {k}="{html.escape(v or "", quote=True)}"' if v is not None else f" {k}"
                       for k, v in attrs.items())
    return f"<{token.tag}{rendered}>"


def _emit(token: _Token) -> str:
    if token.kind == "start":
        return _start(token)
    if token.kind == "end":
        return f"</{token.tag}>"
    return html.escape(token.text, quote=False)


def _cut_text(text: str, needed: int) -> int:
    """Index in text just after its needed-th countable character."""
    seen = 0
    for index, char in enumerate(text):
        if countable(char):
            seen += 1
            if seen == needed:
                return index + 1
    return len(text)


def split_html(fragment: str, keep: int) -> tuple[str, str]:
    """(head, tail): head holds the first `keep` countable characters of fragment, tail the rest, each a
    well-formed fragment. The tail is "" when nothing countable is left; keep <= 0 gives ("", fragment)."""
    if keep <= 0:
        return "", fragment
    tokens = tokenize(fragment)
    head: list[str] = []
    stack: list[_Token] = []
    seen = 0
    index = 0
    tail_text = ""
    while index < len(tokens) and seen < keep:
        token = tokens[index]
        index += 1
        if token.kind == "data":
            found = count(token.text)
            if seen + found > keep:
                cut = _cut_text(token.text, keep - seen)
                head.append(html.escape(token.text[:cut], quote=False))
                tail_text = token.text[cut:].lstrip()
                seen = keep
                break
            seen += found
            head.append(_emit(token))
        else:
            head.append(_emit(token))
            _track(stack, token)
    mid_text = bool(tail_text)
    if not mid_text:  # the cut fell between tokens: closing tags and line breaks stay with the head
        while index < len(tokens) and _trailing(tokens[index]):
            token = tokens[index]
            head.append(_emit(token))
            _track(stack, token)
            index += 1
    rest = tokens[index:]
    if not tail_text and not any(t.kind == "data" and count(t.text) for t in rest):
        return "".join(head) + _close(stack), ""
    innermost_block = max((i for i, t in enumerate(stack) if t.tag in BLOCK_TAGS), default=-1) if mid_text else -1
    reopened = "".join(_start(t, continued=(i == innermost_block)) for i, t in enumerate(stack))
    tail = reopened + html.escape(tail_text, quote=False) + "".join(_emit(t) for t in rest)
    return "".join(head) + _close(stack), tail


def _trailing(token: _Token) -> bool:
    """Tokens that end what the head holds: closing tags, line breaks, whitespace."""
    return token.kind == "end" or (token.kind == "start" and token.tag in VOID_TAGS) or (
        token.kind == "data" and count(token.text) == 0)


def _track(stack: list[_Token], token: _Token) -> None:
    if token.kind == "start" and token.tag not in VOID_TAGS:
        stack.append(token)
    elif token.kind == "end":
        for position in range(len(stack) - 1, -1, -1):
            if stack[position].tag == token.tag:
                del stack[position:]
                break


def _close(stack: list[_Token]) -> str:
    return "".join(f"</{t.tag}>" for t in reversed(stack))


def split_at(fragment: str, offsets: list[int]) -> list[str]:
    """The fragment cut at each cumulative countable-character offset (ascending): len(offsets) + 1 parts."""
    parts: list[str] = []
    rest = fragment
    done = 0
    for offset in offsets:
        head, rest = split_html(rest, offset - done)
        parts.append(head)
        done = max(offset, done)
    parts.append(rest)
    return parts
