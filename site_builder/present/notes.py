"""What the reader sees besides the document itself: the plan's own self-assessment block and the
transcription notes (where the copy was damaged, what was joined or lost), in the reader's words.

The transcription notes are for the curious reader, not part of the plan: the templates put them in
one collapsed block. Each note says where it belongs (“Tiêu chí 1.8”, “Số ký hiệu”), never a field name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import paths
from ..model.lost import Lost
from ..model.plan import Entry, SelfAssessmentStatus
from ..model.project import PlanDoc
from .labels import EXTRA_FIELD_LABELS
from .sanitize import text_html

if TYPE_CHECKING:
    from .view import Row

DOCUMENT_PLACES = {
    "governing_body": "Cơ quan chủ quản", "number": "Số ký hiệu", "place": "Địa danh", "date": "Ngày ký",
    "title": "Trích yếu",
}
ENTRY_PLACES = {
    **EXTRA_FIELD_LABELS, "criterion_title": "Tên tiêu chí", "actions": "Công việc, giải pháp",
    "actions_intro": "Câu dẫn", "lead": "Người phụ trách",
}


@dataclass
class NoteView:
    """One transcription note: where it belongs, its HTML, and the anchor of its row when it is about one."""

    label: str
    html: str
    anchor: str = ""


@dataclass
class SelfAssessmentView:
    """The plan's own statement of where the school stood (report, level reached, counts per level)."""

    report: str = ""
    level: str = ""
    counts: list[str] = field(default_factory=list)
    text: str = ""


def self_assessment_view(status: SelfAssessmentStatus | None) -> SelfAssessmentView | None:
    if status is None:
        return None
    view = SelfAssessmentView(
        report=status.report or "",
        level=f"Mức {status.level}" if status.level else "",
        counts=[f"Mức {c.level}: {c.met}/{c.total} tiêu chí đạt" for c in status.counts],
        text=status.text or "",
    )
    return view if (view.report or view.level or view.counts or view.text) else None


def _lost_notes(place: str, marker: object) -> list[str]:
    return [f"{place}: {marker.note}"] if isinstance(marker, Lost) and marker.note else []


def _entry_notes(entry: Entry) -> list[str]:
    notes = [entry.source_note] if entry.source_note else []
    for name, place in ENTRY_PLACES.items():
        value = getattr(entry, name, None)
        items = value if isinstance(value, list) else [value]
        for item in items:
            notes += _lost_notes(place, item)
    return notes


def _document_notes(doc: PlanDoc) -> list[NoteView]:
    plan = doc.plan
    notes = [NoteView("Về văn bản gốc", text_html(plan.source_note))] if plan.source_note else []
    lost: list[str] = []
    for name, place in DOCUMENT_PLACES.items():
        lost += _lost_notes(place, getattr(plan.document, name))
    lost += _lost_notes("Phần chữ ký", plan.signer)
    lost += _lost_notes("Nơi nhận", plan.recipients)
    table = plan.table
    lost += _lost_notes("Bảng cải tiến", table)
    if not isinstance(table, Lost):
        for column in table.columns:
            lost += _lost_notes(f"Tiêu đề cột “{column.heading}”", column.label)
        if table.note:
            notes.append(NoteView("Bảng cải tiến", text_html(table.note)))
    notes += [NoteView(text.split(":", 1)[0], text_html(text.split(":", 1)[1].strip())) for text in lost]
    return notes


def transcription_notes(doc: PlanDoc, rows: list[Row]) -> list[NoteView]:
    """Every transcription note of the plan, the document's first, then row by row."""
    notes = _document_notes(doc)
    for row in rows:
        texts = _entry_notes(row.entry)
        if texts:
            body = "<br>".join(text_html(t) for t in texts)
            notes.append(NoteView(f"Tiêu chí {row.criterion.id}", body, paths.row_anchor(row.criterion.id)))
    return notes
