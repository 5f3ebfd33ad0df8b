"""The lost marker: one type for “lost in the source”, its union with each value, its printed wording read back."""

from __future__ import annotations

import pytest

from site_builder.model.lost import Lost, lost_from_text, marks_lost
from site_builder.model.plan import Document, Entry
from site_builder.present.lost import lost_text


def test_a_marker_is_accepted_wherever_a_value_is() -> None:
    entry = Entry.model_validate({"criterion": "1.1", "lead": {"lost": True}, "timeline": {"lost": True},
                                  "actions": ["a", {"lost": True, "fragment": "b"}]})
    assert isinstance(entry.lead, Lost) and isinstance(entry.timeline, Lost) and entry.actions[1].fragment == "b"
    document = Document.model_validate({"title": "x", "date": 2023, "number": {"lost": True, "fragment": "…/KH"}})
    assert document.date == "2023" and document.issued_on is None and isinstance(document.number, Lost)
    assert Document.model_validate({"title": "x", "date": "2023-09"}).date == "2023-09"


@pytest.mark.parametrize("value", [{"lost": True}, {"fragment": "x"}, Lost(lost=True)])
def test_shape_decides_the_branch(value: object) -> None:
    assert marks_lost(value)
    assert not marks_lost({"text": "x"}) and not marks_lost("lost")


@pytest.mark.parametrize("marker", [Lost(lost=True), Lost(lost=True, fragment="…/KH-TrMN 7/5"),
                                    Lost(lost=True, fragment="trật tự, an toàn trường học")])
def test_the_printed_wording_reads_back_as_the_marker(marker: Lost) -> None:
    found = lost_from_text(lost_text(marker))
    assert found == ({"lost": True, "fragment": marker.fragment} if marker.fragment else {"lost": True})
    assert lost_from_text(lost_text(marker, "số ký hiệu")) is not None


def test_other_texts_are_not_markers() -> None:
    for text in ("BGH", "[ghi chú]", "Năm học 2024 [dự kiến]", "", None, 12):
        assert lost_from_text(text) is None
    assert lost_from_text("a [m ất một phần trong bản gốc]") == {"lost": True, "fragment": "a"}  # PDF text
