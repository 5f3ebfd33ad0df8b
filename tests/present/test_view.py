"""The one view of a plan that the web page and the PDF both render."""

from __future__ import annotations

import pytest

from site_builder.model.project import Project
from site_builder.present.sanitize import markdown_html, sanitize, text_html
from site_builder.present.view import plan_view


@pytest.fixture
def project(real_project: Project) -> Project:
    return real_project


def test_view_holds_every_row_and_a_cell_per_declared_column(project: Project) -> None:
    for doc in project.plans:
        view = plan_view(doc, project.catalogue.documents)
        rows = [r for g in view.groups for r in g.rows]
        assert [r.number for r in rows] == list(range(1, len(doc.plan.entries) + 1))
        declared = [field for field, _ in view.headings if field]
        assert all([c.field for c in r.cells] == declared for r in rows)
        assert view.page_title.endswith(doc.school.display_name) and view.year == doc.year


def test_legal_bases_link_only_to_documents_the_catalogue_has(project: Project) -> None:
    doc = next(d for d in project.plans if any(b.ref for b in d.plan.legal_bases))
    with_catalogue = plan_view(doc, project.catalogue.documents)
    without = plan_view(doc, ())
    assert any(b.ref for b in with_catalogue.legal_bases)
    assert all(b.ref is None for b in without.legal_bases)
    assert [b.text for b in with_catalogue.legal_bases] == [b.text for b in doc.plan.legal_bases]


def test_sanitize_removes_script_handlers_and_javascript_links() -> None:
    dirty = '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a><img src=x onerror=y>'
    clean = sanitize(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript:" not in clean and "<img" not in clean
    assert "<p>a</p>" in clean


def test_markdown_and_text_are_escaped() -> None:
    assert text_html('<b>"x"</b>\ny') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>y"
    assert markdown_html("## Mục\n\n- một", demote=1).startswith("<h3>Mục</h3>")


def test_signature_block_always_with_blanks_for_what_the_source_lacks(project: Project) -> None:
    from site_builder.present.formats import BLANK

    views = {d.school.slug: plan_view(d) for d in project.plans}
    unsigned = views["th-quang-trung"].signature
    assert unsigned.lines == [BLANK] and unsigned.name == BLANK
    assert unsigned.missing == ["chức vụ người ký", "họ và tên người ký"]
    signed = views["mn-chua-ro-ten-a"].signature
    assert signed.lines == ["HIỆU TRƯỞNG"] and signed.name == "Trần Thị Thu Hà" and signed.missing == []


def test_header_never_prints_a_placeholder(project: Project) -> None:
    from site_builder.present.formats import BLANK

    views = {d.school.slug: plan_view(d) for d in project.plans}
    assert views["mn-chua-ro-ten-a"].school_name_groups == ["TRƯỜNG MẦM NON", BLANK]
    assert views["th-quang-trung"].school_name_groups == ["TRƯỜNG TIỂU HỌC", "QUANG TRUNG"]
    assert "CHƯA RÕ" not in views["mn-chua-ro-ten-a"].school_name
