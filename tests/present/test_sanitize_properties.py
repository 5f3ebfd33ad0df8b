"""Property tests of the Markdown renderer on bodies check accepts: no error, and no deeper than check allows.

check estimates the nesting of a body from its source in one linear pass (list and quote
markers, emphasis runs, HTML tags); here the real renderer's output is measured against that
estimate, so a way of nesting that check does not see would show up as a failing example.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from site_builder.check.limits import MAX_BODY_NESTING, plan_limits
from site_builder.present.sanitize import markdown_html
from site_builder.source.reader import plan_from_text
from tests.fixtures.hostile.strategies import hostile_markdown, one_input_budget

BODY_LIMITS = {"nesting-too-deep", "too-many-brackets", "table-too-long"}
# Lists give two elements a level (ul, li) plus a paragraph; emphasis and HTML add theirs on top.
DEPTH_BOUND = 4 * MAX_BODY_NESTING + 4


class _Depth(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "col", "wbr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth -= 1


def html_depth(html: str) -> int:
    parser = _Depth()
    parser.feed(html)
    return parser.deepest


def accepted(body: str) -> bool:
    text = f"---\nschool_year: 2024-2025\n---\n{body}"
    plan = plan_from_text(text, "th-a", Path("x.md"), "x.md", [])
    return not any(f.code in BODY_LIMITS for f in plan_limits(plan))


@settings(deadline=None)
@given(hostile_markdown())
@example("\n".join("    " * level + "- mục" for level in range(MAX_BODY_NESTING)))
@example("> " * (MAX_BODY_NESTING - 1) + "- " + "*" * MAX_BODY_NESTING + "x" + "*" * MAX_BODY_NESTING)
@example("<ul><li>" * (MAX_BODY_NESTING // 2) + "".join(f"*a{i} " for i in range(MAX_BODY_NESTING)))
@example("<b><i><u><s><em><strong></b>x" * 50)  # out-of-order end tags: the HTML parser reopens i, u, s, em, strong
def test_an_accepted_body_renders_no_deeper_than_check_allows(body: str) -> None:
    with one_input_budget():
        assume(accepted(body))
        assert html_depth(markdown_html(body)) <= DEPTH_BOUND


MARKDOWN_TOKENS = ["# ", "## ", "- ", "1. ", "* ", "|", "---", "**", "_", "`", "[a](http://x)", "\n", "\n\n",
                   "  ", "> ", "<b>", "&amp;", "a", "đảm bảo", ":", "| a | b |\n|---|---|\n| 1 | 2 |\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_TOKENS) | st.text(max_size=5), max_size=40))
def test_the_reused_converter_converts_each_text_as_a_fresh_one_would(parts: list[str]) -> None:
    """markdown_html keeps one Markdown converter and resets it: the HTML is a fresh converter's, whatever
    the texts converted before (a table, a list, a reference left open)."""
    import markdown

    from site_builder.present.sanitize import markdown_html, sanitize

    text = "".join(parts)
    fresh = sanitize(markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html"))
    assert markdown_html(text) == fresh
    markdown_html("[ref]: http://example.org\n\n| a |\n|---|\n| 1 |\n\n1. x\n2. y\n")
    assert markdown_html(text) == fresh


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(MARKDOWN_TOKENS) | st.text(max_size=5), max_size=20), min_size=1,
                max_size=6), st.integers(min_value=0, max_value=2))
def test_remembered_conversions_are_fresh_ones_within_a_build_and_across_builds(texts: list[list[str]],
                                                                               demote: int) -> None:
    """The memo gives what converting again gives: in one build, and in the next from its file."""
    import tempfile

    from site_builder.present.sanitize import _markdown_html, load_markdown_memo, markdown_html, save_markdown_memo

    bodies = ["".join(parts) for parts in texts]
    fresh = [_markdown_html(body, demote) for body in bodies]
    with tempfile.TemporaryDirectory() as folder:
        memo = Path(folder) / "memo.json"
        load_markdown_memo(memo)
        assert [markdown_html(body, demote) for body in bodies] == fresh
        assert [markdown_html(body, demote) for body in bodies] == fresh
        save_markdown_memo(memo)
        assert load_markdown_memo(memo) == len(set(bodies))
        assert [markdown_html(body, demote) for body in bodies] == fresh
