"""The 2026 form's view (present.form_view): sections, columns and prescribed texts from the catalogue, the
school's content from the plan, mục VI and Entry.reviews as one data, the level with its rule and mark."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from site_builder.model.plan import Review, Status
from site_builder.model.project import PlanDoc, Project
from site_builder.present.view import plan_view


@pytest.fixture
def example(real_project: Project) -> PlanDoc:
    return real_project.examples[0]


def test_sections_titles_and_prescribed_text_come_from_the_form(real_project: Project, example: PlanDoc) -> None:
    form = real_project.catalogue.forms["tt-2026"]
    view = plan_view(example, real_project.catalogue.documents).form
    assert [s.heading for s in view.sections] == [s.heading for s in form.sections]
    iii = view.sections[2]
    assert [i.text for i in iii.items[1].items] == [i.text for i in form.section("III").items[1].items]
    assert all(not i.html for i in iii.items)  # prescribed: nothing from the school
    v = view.sections[4]
    assert [c.heading for c in v.columns] == [c.heading for c in form.section("V").columns]
    assert [c.number for c in v.columns] == list(range(1, 11))
    assert v.columns[-1].verification is not None  # column 10 carries its own (unverified) mark


def test_school_content_fills_sections_i_ii_iv_v_vii(real_project: Project, example: PlanDoc) -> None:
    view = plan_view(example, real_project.catalogue.documents).form
    i, ii, iv, v, vii = (view.sections[n] for n in (0, 1, 3, 4, 6))
    assert "Công lập" in i.items[1].html and "612 học sinh" in i.after_html
    assert "28/BC-THM" in ii.items[1].html and ii.items[3].html.count("<p>") == 3
    assert len(iv.rows) == 5 and iv.rows[0].cells[1].html.startswith("Tiêu chuẩn 2. Phát triển đội ngũ")
    assert "2.3. Nhân sự hỗ trợ giáo dục" in iv.rows[0].cells[2].html
    assert [r.cells[0].html for r in v.rows] == ["1", "2", "3", "4", "5"]
    assert "(Vấn đề 1, mục IV)" in v.rows[0].cells[1].html and v.rows[3].cells[-1].html == "Hoàn thành"
    assert "Hiệu trưởng chỉ đạo chung" in vii.items[0].html


def test_section_vi_and_entry_reviews_are_one_data(real_project: Project, example: PlanDoc) -> None:
    plan = example.plan
    assert [len(e.reviews) for e in plan.entries] == [1, 1, 1, 1, 1]
    assert plan.entries[3].reviews[0].status is Status.done and plan.entries[3].reviews[0].from_plan_review
    view = plan_view(example, real_project.catalogue.documents).form
    vi = view.sections[5]
    assert vi.rows[0].cells[0].rowspan == 5 and "ngày 20 tháng 01 năm 2027" in vi.rows[0].cells[0].html
    assert "(chưa rà soát)" in vi.rows[-1].cells[1].html  # the end-of-year review, planned
    doc = copy.deepcopy(example)
    doc.plan.entries[0].reviews.append(Review(date=dt.date(2027, 3, 10), status=Status.in_progress, text="Giữa kỳ"))
    rows = plan_view(doc, real_project.catalogue.documents).form.sections[5].rows
    assert "ngày 10 tháng 03 năm 2027" in rows[-1].cells[0].html and "Giữa kỳ" in rows[-1].cells[2].html


def test_level_is_shown_with_rule_citation_and_mark(real_project: Project, example: PlanDoc) -> None:
    level = plan_view(example, real_project.catalogue.documents).form.level
    assert level.text == "Đạt Mức 1" and level.declared == "Mức 1"
    assert level.citation.startswith("Điều 5 khoản 3") and level.citation.endswith("Thông tư 57/2026/TT-BGDĐT")
    assert level.verification.status.value == "secondary"
    rows = {r.criterion: r for r in level.rows}
    assert rows["2.3"].level_1 == "Chưa đạt" and rows["2.3"].level_2 == "—" and rows["1.3"].mandatory


def test_plans_without_the_form_keep_the_2018_view(real_project: Project) -> None:
    for doc in real_project.plans:
        view = plan_view(doc, real_project.catalogue.documents)
        assert view.form is None and not view.example
