"""Property tests of the renderers: a plan that passes check, whatever its text, renders its pages and PDF HTML.

The fields of th-quang-trung are replaced by text full of Markdown, HTML, YAML and Jinja
syntax, quotes, long words and Vietnamese; the body by hostile Markdown. Whenever check lets
the plan through, every web page and the PDF's HTML must render, each example within 2 s.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from site_builder.pdf.render import render_html
from site_builder.present.view import plan_view
from site_builder.source.yamlsource import load_yaml
from site_builder.web.pages import add_folded_words, render_pages
from tests.fixtures.hostile.real import CATALOGUE, REAL_PLAN, check_text, plan_text
from tests.fixtures.hostile.strategies import MARKDOWN_TOKENS, hostile_markdown, one_input_budget

PRINTABLE = [t for t in MARKDOWN_TOKENS if t.isprintable() or t in ("\n", "\t")] + [
    "{{ x }}", "{% raw %}", '"', "'", "&#34;", "title: x", "---", "đảm bảo", "Đ" * 300]


def _text_paths(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, str):
        return [path]
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _text_paths(value, (*path, key))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in _text_paths(value, (*path, index))]
    return []


TEXT_PATHS = [p for p in _text_paths(REAL_PLAN.data) if p[-1] not in {"school_year", "framework", "criterion",
                                                                        "field", "ref", "date", "start", "end"}]


@st.composite
def changed_text_plan(draw: st.DrawFn) -> str:
    data = copy.deepcopy(REAL_PLAN.data)
    for path in draw(st.lists(st.sampled_from(TEXT_PATHS), min_size=1, max_size=5, unique=True)):
        parts = draw(st.lists(st.sampled_from(PRINTABLE), min_size=1, max_size=12))
        value = "".join(parts).strip() or "x"
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return plan_text(data, draw(st.one_of(st.just(REAL_PLAN.body), hostile_markdown(max_repeat=300))))


@settings(deadline=None)
@given(changed_text_plan())
def test_a_plan_that_passes_check_renders_every_page_and_its_pdf_html(text: str) -> None:
    with one_input_budget():
        project = check_text(text)
        assume(project.plans)
        framework = project.plans[0].framework  # the pages of the other frameworks do not depend on the plan
        project.catalogue = dataclasses.replace(project.catalogue, frameworks={framework.id: framework})
        pages = render_pages(project, "https://example.invalid/")
        page = next(p for p in pages if p.path.startswith("truong/th-quang-trung/2024-2025"))
        if page.text.startswith("---\n"):
            front = page.text.split("\n---\n", 1)[0].removeprefix("---\n")
            assert isinstance(load_yaml(front)[0], dict)  # the generated page's metadata still parses
        html = render_html(plan_view(project.plans[0], CATALOGUE.documents), "https://example.invalid/", "")
        assert "</html>" in html


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("ađĐ <>x\n"), max_size=200_000))
def test_folded_words_are_found_in_linear_time(text: str) -> None:
    with one_input_budget():
        page = f'<div data-pagefind-body>{text}</div>'
        folded = add_folded_words(page)
        words = {w for w in re.findall(r"\w+", re.sub(r"<[^<>]*>", " ", text)) if "đ" in w.lower()}
        for word in words:
            assert word.replace("đ", "d").replace("Đ", "D") in folded
