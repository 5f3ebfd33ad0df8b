"""From the raw cells of a table row to one entry of the plan (plain data, in the model's key order).

Each value is read with normalize.py; what was read is reported as an Event on the entry's field,
and a value that could not be read keeps the school's wording for a person to check.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.catalogue import Framework
from ...model.plan import Result, Status
from .normalize import (
    fold,
    parse_budget,
    parse_self_assessment,
    parse_status,
    parse_target,
    parse_timeline,
    single_month,
    squash,
)
from .table import Event, RawEntry

BULLET_RE = re.compile(r"^\s*[-–•●▪◦·]\s*(?!\d)")
SCHOOL_WORDING = "Nhà trường ghi:"
ENTRY_ORDER = (
    "criterion", "criterion_title", "self_assessment", "target", "current_state", "expected_result",
    "actions_intro", "actions", "lead", "partners", "timeline", "budget", "support", "notes", "status",
    "problem", "objective", "indicators", "resources", "evidence", "source_note",
)


def split_actions(lines: list[str]) -> tuple[str | None, list[str]]:
    """(lead-in sentence, items): "* Kế hoạch …:" or a first line ending in “:” before the items is the
    lead-in; a leading "-", "–" or "•" is the list mark and is dropped; "+" sub-items keep their "+"."""
    if not lines:
        return None, []
    intro = None
    first = lines[0]
    starts_list = BULLET_RE.match(first) or first.lstrip().startswith("+")
    if first.lstrip().startswith("*") or (len(lines) > 1 and first.rstrip().endswith(":") and not starts_list):
        intro, lines = first, lines[1:]
    return intro, [BULLET_RE.sub("", line, count=1) for line in lines]


def _criterion_by_title(title: str | None, framework: Framework) -> str | None:
    """The criterion whose official title is (or ends with) the school's wording."""
    if not title:
        return None
    key = squash(title)
    if len(key) < 8:
        return None
    found = [c.id for c in framework.criteria.values()
             if squash(c.title) == key or squash(c.title).endswith(key)]
    return found[0] if len(found) == 1 else None


class EntryBuilder:
    """Builds one entry dict and the events the report shows about it."""

    def __init__(self, raw: RawEntry, framework: Framework | None) -> None:
        self.raw = raw
        self.framework = framework
        self.data: dict[str, Any] = {}
        self.events: list[Event] = list(raw.events)

    def lines(self, name: str) -> list[str]:
        return self.raw.lines.get(name, []) or self.raw.lines.get(f"extra:{name}", [])

    def text(self, name: str) -> str | None:
        found = self.lines(name)
        return "\n".join(found) if found else None

    def note(self, field: str, kind: str, message: str) -> None:
        self.events.append(Event(field, kind, message))

    def build(self) -> dict[str, Any]:
        self._criterion()
        self._self_assessment()
        self._target()
        for name in ("current_state", "expected_result"):
            self._set(name, self.text(name))
        intro, actions = split_actions(self.lines("actions"))
        self._set("actions_intro", intro)
        self._set("actions", actions)
        self._people()
        self._timeline()
        self._budget()
        self._set("support", self.text("support"))
        self._notes_and_status()
        self._framework_2026()
        return {key: self.data[key] for key in ENTRY_ORDER if key in self.data}

    def _set(self, name: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            self.data[name] = value

    # ------------------------------------------------------------------ criterion

    def _criterion(self) -> None:
        found = self.raw.criterion
        title = found.title
        if title and SCHOOL_WORDING in title:
            title = title.split(SCHOOL_WORDING, 1)[1].strip() or None
        standard = re.match(r"^tieu\s*chuan\s*\d+\s*[:.]?\s*", fold(title or ""))
        if title and standard:  # "/ tiêu chuẩn 5" cut from its number by a line or page break
            title = title[standard.end():] or None
        criterion = found.id
        if self.framework is not None and (criterion is None or criterion not in self.framework.criteria):
            by_title = _criterion_by_title(title, self.framework)
            if by_title:
                self.note("criterion", "human", f"“{found.written}” không phải mã tiêu chí của bộ "
                          f"{self.framework.id}; theo tên tiêu chí (“{title}”) đây là tiêu chí {by_title}")
                criterion = by_title
            else:
                self.note("criterion", "human", f"“{found.written}”: không có tiêu chí "
                          f"{criterion or '(không rõ số)'} trong bộ {self.framework.id}; hãy ghi đúng mã tiêu chí")
        self.data["criterion"] = criterion or found.written
        self._set("criterion_title", title)
        rest = self.raw.lines.get("criterion_rest")
        if rest:
            self.raw.stray.extend(rest)
            self.note("notes", "human", f"ô tiêu chí còn chữ sau phần tự đánh giá (“{' '.join(rest)[:60]}”), "
                      "đã ghi vào Ghi chú; kiểm tra lại")

    def _self_assessment(self) -> None:
        text = self.raw.criterion.self_assessment or self.text("self_assessment")
        if not text:
            return
        value = parse_self_assessment(text)
        self.data["self_assessment"] = value
        if "result" not in value and "level" not in value:
            self.note("self_assessment", "human", f"không hiểu kết quả tự đánh giá “{text}”; giữ nguyên câu chữ")
        elif squash(text) in ("cd", "k dat"):
            self.note("self_assessment", "normalized", f"tự đánh giá “{text}” → {Result.not_met.value}")

    def _target(self) -> None:
        text = self.text("target")
        if text:
            value = parse_target(text)
            if "text" in value and "target" not in self.raw.lines and value["text"] == _canonical_target(value):
                del value["text"]  # our own export's "Mức cần đạt: Mức 2" line
            self.data["target"] = value
            if "level" not in value and "kind" not in value:
                self.note("target", "human", f"không đọc được mức cần đạt trong “{text}”; giữ nguyên câu chữ")
            elif "target" in self.raw.lines:
                words = [str(value["kind"])] if "kind" in value else []
                words += [f"mức {value['level']}"] if "level" in value else []
                self.note("target", "normalized", f"“{text}” → {', '.join(words)}")
        elif self.raw.level is not None:
            self.data["target"] = {"level": self.raw.level}
            self.note("target", "normalized", f"mức cần đạt {self.raw.level} lấy từ dòng nhóm “Mức {self.raw.level}” "
                      "của bảng")

    # ------------------------------------------------------------------ people, time, money

    def _people(self) -> None:
        self._set("lead", self.text("lead_partners") or self.text("lead"))
        self._set("partners", self.text("partners"))

    def _timeline(self) -> None:
        text = self.text("timeline")
        start, end = self.text("timeline_start"), self.text("timeline_end")
        if text:
            value, problem = parse_timeline(" ".join(text.split("\n")) if "\n" in text else text)
            value["text"] = text
            if problem:
                self.note("timeline", "human", f"thời gian “{text}”: {problem}; chỉ giữ câu chữ")
            elif "start" in value:
                months = value["start"] + (f" … {value['end']}" if "end" in value else "")
                self.note("timeline", "normalized", f"“{text}” → {months} (giữ nguyên câu chữ)")
            self.data["timeline"] = {k: value[k] for k in ("start", "end", "text") if k in value}
        elif start or end:
            value = {"start": single_month(start or ""), "end": single_month(end or ""),
                     "text": " – ".join(x for x in (start, end) if x)}
            self.data["timeline"] = {k: v for k, v in value.items() if v}

    def _budget(self) -> None:
        text = self.text("budget")
        if not text:
            return
        value, problem = parse_budget(text)
        self.data["budget"] = value
        if problem:
            self.note("budget", "human", f"kinh phí “{text}”: {problem}")
        elif "amount" in value:
            self.note("budget", "normalized", f"kinh phí “{text}” → {value['amount']} đồng")
        elif "start" in parse_timeline(text)[0]:
            self.note("budget", "human", f"ô “Dự kiến kinh phí” ghi “{text}”, giống thời gian hơn số tiền "
                      "(có thể lệch cột); giữ nguyên, hãy kiểm tra")

    # ------------------------------------------------------------------ notes, status, 2026 fields

    def _notes_and_status(self) -> None:
        notes = self.lines("notes") + self.raw.stray
        self._set("notes", "\n".join(notes) if notes else None)
        status_text = self.text("status")
        status = parse_status(status_text) if status_text else None
        if status_text and status is None:
            self.note("status", "human", f"tình trạng “{status_text}” không phải chưa thực hiện / đang thực hiện / "
                      "đã hoàn thành; đã ghi vào Ghi chú")
            self.data["notes"] = "\n".join(x for x in (self.data.get("notes"), status_text) if x)
        if status is None and self.lines("notes"):
            status = parse_status(self.text("notes") or "")
            if status is not None:
                self.note("status", "normalized", f"ghi chú “{self.text('notes')}” → tình trạng: {status.value}")
        if status is not None:
            self.data["status"] = Status(status).value

    def _framework_2026(self) -> None:
        problem = self.text("problem")
        if problem:
            self.data["problem"] = {"current_state": problem}
        self._set("objective", self.text("objective"))
        self._set("indicators", split_actions(self.lines("indicators"))[1])
        self._set("resources", self.text("resources"))
        self._set("evidence", split_actions(self.lines("evidence"))[1])


def _canonical_target(value: dict[str, Any]) -> str:
    words = [str(value["kind"]).capitalize()] if "kind" in value else []
    if "level" in value:
        words.append(f"Mức {value['level']}")
    return " ".join(words)


def build_entry(raw: RawEntry, framework: Framework | None) -> tuple[dict[str, Any], list[Event]]:
    builder = EntryBuilder(raw, framework)
    return builder.build(), builder.events
