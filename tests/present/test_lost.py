"""Where the source lost something, the reader reads so: never a zero, a blank or “không ghi”."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.model.lost import Lost
from site_builder.model.project import Project
from site_builder.present.formats import date_text, issue_date_vi, number_text, place_date_vi
from site_builder.present.lost import lost_html, lost_text
from site_builder.present.view import plan_view

LOST = Lost(lost=True)


def test_lost_wording_with_and_without_a_fragment() -> None:
    assert lost_text(LOST) == "[mất trong bản gốc]"
    assert lost_text(LOST, "số ký hiệu") == "[số ký hiệu mất trong bản gốc]"
    partly = Lost(lost=True, fragment="…/KH-TrMN 7/5")
    assert lost_text(partly) == "…/KH-TrMN 7/5 [mất một phần trong bản gốc]"
    assert lost_html(Lost(lost=True, fragment="<b>")) == \
        '&lt;b&gt; <span class="kh-lost">[mất một phần trong bản gốc]</span>'


def test_partial_and_lost_dates() -> None:
    assert issue_date_vi("2023-09") == "tháng 09 năm 2023"
    assert issue_date_vi("2023") == "năm 2023"
    assert place_date_vi("Vạn Mỹ", "2023-09") == "Vạn Mỹ, tháng 09 năm 2023"
    assert place_date_vi(None, "2023") == "Năm 2023"
    assert place_date_vi(LOST, LOST) == "[địa danh, ngày tháng mất trong bản gốc]"
    assert place_date_vi("Vạn Mỹ", Lost(lost=True, fragment="tháng 9 năm 2023")) == \
        "Vạn Mỹ, tháng 9 năm 2023 [mất một phần trong bản gốc]"
    assert place_date_vi("Vạn Mỹ", None) == "Vạn Mỹ, ngày … tháng … năm …"  # a draft keeps its blanks
    assert date_text(dt.date(2024, 10, 10)) == "ngày 10 tháng 10 năm 2024"
    assert date_text(None) == "Chưa có ngày ký" and number_text(None) == "Chưa có số ký hiệu"
    assert number_text(LOST) == "[số ký hiệu mất trong bản gốc]"


@pytest.fixture
def views(real_project: Project) -> dict[str, object]:
    return {d.school.slug: plan_view(d, real_project.catalogue.documents) for d in real_project.plans}


def test_the_example_plans_say_what_was_lost(views) -> None:  # type: ignore[no-untyped-def]
    quan, chua, quang = views["mn-20-10-quan-1"], views["mn-chua-ro-ten-a"], views["th-quang-trung"]
    assert quan.number_line == "Số: [mất trong bản gốc]" and quan.number_text == "[số ký hiệu mất trong bản gốc]"
    assert quan.place_date == "[địa danh, ngày tháng mất trong bản gốc]"
    assert quan.signer_note == "Phần chữ ký mất trong bản gốc." and quan.signer_lines == []
    assert quang.signer_note == "Phần chữ ký mất trong bản gốc."
    assert chua.signer_note == "" and chua.signer_name == "Trần Thị Thu Hà"
    assert chua.headings_note.startswith("Tiêu đề các cột mất trong bản gốc")
    assert "“tiêu chí cần đạt (so với”" in chua.headings_note
    rows = {r.criterion.id: r for g in quang.groups for r in g.rows}
    assert all("[mất trong bản gốc]" in c.html for c in rows["1.9"].cells[1:])
    assert "trật tự, an toàn trường học" in rows["1.10"].cells[0].html
    assert "[mất một phần trong bản gốc]" in rows["1.10"].cells[0].html
    assert quang.summary["entries_text"] == "27 tiêu chí (3 tiêu chí có chỗ mất trong bản gốc)"


def test_summaries_with_unknown_inputs_say_so(views) -> None:  # type: ignore[no-untyped-def]
    for view in views.values():
        for key in ("entries_text", "status_text", "budget_text", "date"):
            assert "không ghi" not in str(view.summary[key]).lower(), (key, view.summary[key])
    assert views["mn-chua-ro-ten-a"].summary["status_text"] == "Chưa có thông tin về tình trạng thực hiện"
    assert views["mn-20-10-quan-1"].summary["status_text"] == \
        "4 đã hoàn thành · 0 đang thực hiện · 0 chưa thực hiện · 21 chưa có thông tin"


def test_a_lost_table_is_neither_empty_nor_zero(real_project: Project) -> None:
    doc = next(d for d in real_project.plans if d.school.slug == "mn-chua-ro-ten-a")
    plan = doc.plan.model_copy(update={"table": Lost(lost=True, note="Các trang 3–5 không có trong bản quét."),
                                       "entries": []})
    view = plan_view(type(doc)(doc.school, doc.rel, plan, doc.framework, doc.body, doc.source_text, doc.path))
    assert view.table_lost == "[Bảng cải tiến mất trong bản gốc]"
    assert view.headings == [] and view.groups == []
    assert view.summary["entries_text"] == view.summary["status_text"] == view.summary["budget_text"] == \
        "Không rõ: bảng cải tiến mất trong bản gốc"
    assert any(n.label == "Bảng cải tiến" and "3–5" in n.html for n in view.transcription_notes)


def test_self_assessment_block_is_in_the_view(views) -> None:  # type: ignore[no-untyped-def]
    sa = views["mn-chua-ro-ten-a"].self_assessment
    assert sa.level == "Mức 1" and sa.report.startswith("Báo cáo tự đánh giá năm 2023")
    assert views["th-quang-trung"].self_assessment is None
