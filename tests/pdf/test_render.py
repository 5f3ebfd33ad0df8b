"""The PDF's HTML: control characters and bidi overrides from any field show as U+FFFD, never act."""

from __future__ import annotations

import copy

from site_builder.model.project import Project
from site_builder.pdf.render import render_html
from site_builder.present.view import plan_view


def test_controls_in_fields_never_reach_the_pdf(real_project: Project) -> None:
    doc = copy.copy(real_project.plans[0])
    doc.school = copy.copy(doc.school)
    doc.school.school = doc.school.school.model_copy(update={"name": "Trường \u202eoạh gnauQ\a\x92"})
    html = render_html(plan_view(doc, real_project.catalogue.documents), "https://example.invalid/", "")
    assert "Trường \ufffdoạh gnauQ\ufffd\ufffd" in html
    assert not any(char in html for char in "\u202e\a\x92")
