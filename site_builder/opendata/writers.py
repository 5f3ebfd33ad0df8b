"""The open-data files under /du-lieu/ and the Frictionless data package that describes them.

Each table is declared once (its columns with a Table Schema type and a Vietnamese title) and both the
CSV and datapackage.json are written from that declaration, so they cannot drift apart. Every file
name and URL comes from paths.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..model.lost import Lost
from ..model.plan import Budget, Entry, Target, Timeline, plan_json_schema, school_json_schema
from ..model.project import PlanDoc, Project
from ..present.lost import lost_text, value_text
from ..present.progress import current_status
from ..present.transparency import Transparency
from .feed import write_feed
from .tables import Cell, write_csv

PACKAGE_NAME = "ke-hoach-cai-tien-chat-luong"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, date, boolean
    title: str
    description: str = ""

    def field(self) -> dict[str, str]:
        field = {"name": self.name, "type": self.type, "title": self.title}
        if self.description:
            field["description"] = self.description
        return field


@dataclass(frozen=True)
class Table:
    name: str  # the data package resource name (paths.OPEN_DATA_FILES key)
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[Project, Transparency, str], list[list[Cell]]]


def _plan_dates(doc: PlanDoc, transparency: Transparency) -> tuple[dt.date | None, dt.date | None]:
    disc = transparency.plan(doc)
    return (disc.first_published, disc.last_updated) if disc else (None, None)


# --------------------------------------------------------------------------- entries.csv

ENTRY_COLUMNS = [
    Column("school_id", "string", "Mã trường", "Tên thư mục của trường trong plans/"),
    Column("school_name", "string", "Tên trường"),
    Column("school_year", "string", "Năm học"),
    Column("framework", "string", "Bộ tiêu chuẩn", "Mã trong catalogue/frameworks"),
    Column("standard", "string", "Tiêu chuẩn"),
    Column("criterion", "string", "Tiêu chí"),
    Column("criterion_title", "string", "Tên tiêu chí (chính thức)"),
    Column("self_assessment", "string", "Kết quả tự đánh giá"),
    Column("target_level", "integer", "Mức cần đạt"),
    Column("status", "string", "Tình trạng hiện tại",
           "Tình trạng nhà trường ghi, nếu không có thì theo lần rà soát gần nhất; để trống nếu chưa ghi"),
    Column("last_review_date", "date", "Ngày rà soát gần nhất"),
    Column("reviews", "integer", "Số lần rà soát"),
    Column("timeline_start", "string", "Tháng bắt đầu", "NĂM-THÁNG"),
    Column("timeline_end", "string", "Tháng hoàn thành", "NĂM-THÁNG"),
    Column("timeline_text", "string", "Thời gian (nguyên văn)"),
    Column("budget_amount", "integer", "Kinh phí dự kiến (đồng)"),
    Column("budget_text", "string", "Kinh phí (nguyên văn)"),
    Column("lead", "string", "Chủ trì / người phụ trách"),
    Column("partners", "string", "Phối hợp"),
    Column("expected_result", "string", "Kết quả cần đạt"),
    Column("actions", "string", "Công việc / giải pháp", "Mỗi ý một dòng"),
    Column("plan_archived", "boolean", "Kế hoạch đã lưu trữ"),
    Column("plan_first_published", "date", "Ngày kế hoạch được đăng lần đầu"),
    Column("plan_last_updated", "date", "Ngày kế hoạch được cập nhật lần cuối"),
    Column("plan_url", "string", "Địa chỉ trang kế hoạch"),
]


def _entry_rows(project: Project, transparency: Transparency, site_url: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for doc in sorted(project.plans, key=lambda d: (d.school.slug, d.year)):
        first, last = _plan_dates(doc, transparency)
        url = paths.absolute(site_url, paths.plan_page(doc.school.slug, doc.year).url)
        for group in doc.groups():
            for entry, criterion in group.entries:
                status = current_status(entry)
                reviews = sorted(entry.reviews, key=lambda r: r.date)
                rows.append([
                    doc.school.slug, doc.school.display_name, doc.year, doc.framework.id, group.standard.id,
                    criterion.id, criterion.title, *_entry_cells(entry, status), reviews[-1].date if reviews else None,
                    len(reviews), *_timeline_cells(entry.timeline), *_budget_cells(entry.budget),
                    _text(entry.lead), _text(entry.partners), _text(entry.expected_result), _actions(entry),
                    doc.plan.archived, first, last, url,
                ])
    return rows


def _text(value: Any) -> str | None:
    """A text cell; a value lost in the source reads “[mất trong bản gốc]” (never an empty cell)."""
    return value_text(value) or None


def _entry_cells(entry: Entry, status: Any) -> list[Cell]:
    sa, target = entry.self_assessment, entry.target
    assessed = _text(sa) if isinstance(sa, Lost) else (sa.text or (sa.result.value if sa.result else None)) if sa \
        else None
    level = target.level if isinstance(target, Target) else None
    shown = status.value if status else (lost_text(entry.status) if isinstance(entry.status, Lost) else None)
    return [assessed, level, shown]


def _timeline_cells(timeline: Timeline | Lost | None) -> list[Cell]:
    if isinstance(timeline, Timeline):
        return [timeline.start, timeline.end, timeline.text]
    return [None, None, _text(timeline)]


def _budget_cells(budget: Budget | Lost | None) -> list[Cell]:
    if isinstance(budget, Budget):
        return [budget.amount, budget.text]
    return [None, _text(budget)]


def _actions(entry: Entry) -> str | None:
    if isinstance(entry.actions, Lost):
        return _text(entry.actions)
    items = [_text(entry.actions_intro)] if entry.actions_intro else []
    return "\n".join(x for x in [*items, *(_text(a) for a in entry.actions)] if x) or None


# --------------------------------------------------------------------------- schools.csv

SCHOOL_COLUMNS = [
    Column("school_id", "string", "Mã trường"),
    Column("name", "string", "Tên trường"),
    Column("level", "string", "Cấp học"),
    Column("governing_body", "string", "Cơ quan chủ quản"),
    Column("commune", "string", "Xã / phường"),
    Column("district", "string", "Quận / huyện"),
    Column("province", "string", "Tỉnh / thành phố"),
    Column("website", "string", "Trang thông tin điện tử"),
    Column("framework", "string", "Bộ tiêu chuẩn"),
    Column("plans", "integer", "Số kế hoạch trên trang"),
    Column("latest_year", "string", "Năm học của kế hoạch gần nhất"),
    Column("accreditation_level", "integer", "Mức kiểm định (theo kế hoạch gần nhất có ghi)"),
    Column("url", "string", "Địa chỉ trang của trường"),
]


def _school_rows(project: Project, transparency: Transparency, site_url: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for slug, doc in sorted(project.schools.items()):
        plans = project.plans_of(slug)
        level = next((p.plan.self_assessment.level for p in plans
                      if p.plan.self_assessment and p.plan.self_assessment.level), None)
        school = doc.school
        rows.append([slug, doc.display_name, school.level.value, school.governing_body, school.commune,
                     school.district, school.province, school.website, school.framework, len(plans),
                     plans[0].year if plans else None, level,
                     paths.absolute(site_url, paths.school_page(slug).url)])
    return rows


# --------------------------------------------------------------------------- cong-khai.csv

DISCLOSURE_COLUMNS = [
    Column("school_id", "string", "Mã trường"),
    Column("school_name", "string", "Tên trường"),
    Column("school_year", "string", "Năm học hiện tại"),
    Column("plan_state", "string", "Tình trạng đăng kế hoạch năm học hiện tại",
           "on-time | late | published | undated | pending | overdue | missing"),
    Column("plan_state_label", "string", "Tình trạng (lời)"),
    Column("first_published", "date", "Ngày đăng kế hoạch năm học hiện tại"),
    Column("deadline", "date", "Hạn đăng"),
    Column("latest_plan_year", "string", "Năm học của kế hoạch gần nhất"),
    Column("late_updates", "integer", "Số lần cập nhật muộn"),
    Column("reviews_due", "integer", "Số mốc rà soát cần làm"),
    Column("retention_online", "integer", "Số kế hoạch trong thời hạn lưu giữ còn công khai"),
    Column("retention_total", "integer", "Số kế hoạch trong thời hạn lưu giữ"),
    Column("entries_done", "integer", "Số tiêu chí đã hoàn thành (kế hoạch gần nhất)"),
    Column("entries_total", "integer", "Số tiêu chí (kế hoạch gần nhất)"),
    Column("done_percent", "integer", "Tỉ lệ hoàn thành (%)"),
    Column("as_of", "date", "Số liệu tính đến ngày"),
]


def _disclosure_rows(project: Project, transparency: Transparency, site_url: str) -> list[list[Cell]]:
    district = transparency.district
    rows: list[list[Cell]] = []
    for school in district.schools:
        current = school.current
        rows.append([
            school.school.slug, school.school.display_name, current.year, current.state, current.state_label,
            current.plan.first_published if current.plan else None, current.deadline,
            school.latest.doc.year if school.latest else None, len(school.late_updates), len(school.reviews_due),
            school.retention_online, len(school.retention), school.tally.done, school.tally.total,
            school.tally.done_percent, district.today,
        ])
    return rows


TABLES = [
    Table("entries", "Các tiêu chí cần cải tiến", "Mỗi dòng một tiêu chí của một kế hoạch.", ENTRY_COLUMNS,
          _entry_rows),
    Table("schools", "Các trường", "Mỗi dòng một trường.", SCHOOL_COLUMNS, _school_rows),
    Table("disclosure", "Tình hình công khai", "Số liệu của trang Công khai, mỗi dòng một trường.",
          DISCLOSURE_COLUMNS, _disclosure_rows),
]


# --------------------------------------------------------------------------- plans.json


def _plan_record(doc: PlanDoc, transparency: Transparency, site_url: str) -> dict[str, Any]:
    disc = transparency.plan(doc)
    first, last = _plan_dates(doc, transparency)
    slug, year = doc.school.slug, doc.year
    return {
        "school": slug,
        "school_year": year,
        "framework": doc.framework.id,
        "url": paths.absolute(site_url, paths.plan_page(slug, year).url),
        "pdf": paths.absolute(site_url, paths.plan_pdf(slug, year)),
        "history": paths.absolute(site_url, paths.plan_history_page(slug, year).url),
        "first_published": first.isoformat() if first else None,
        "last_updated": last.isoformat() if last else None,
        "publication": {"state": disc.state, "deadline": disc.deadline.isoformat() if disc.deadline else None}
        if disc else None,
        "progress": {status or "unknown": n for status, n in
                     ((s.value if s else None, c) for s, c in _tally(doc).items())},
        "data": doc.plan.model_dump(mode="json"),
        "body": doc.body,
        "source_sha256": doc.source_sha256,
    }


def _tally(doc: PlanDoc) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for entry in doc.plan.entries:
        status = current_status(entry)
        counts[status] = counts.get(status, 0) + 1
    return counts


def plans_document(project: Project, transparency: Transparency, site_url: str) -> dict[str, Any]:
    """plans.json: schools once, plans referring to them by id; each plan's front matter as `data`
    (valid against plan.schema.json), its narrative as `body`."""
    schools = [{"id": slug, **doc.school.model_dump(mode="json"),
                "url": paths.absolute(site_url, paths.school_page(slug).url)}
               for slug, doc in sorted(project.schools.items())]
    plans = [_plan_record(doc, transparency, site_url)
             for doc in sorted(project.plans, key=lambda d: (d.school.slug, d.year))]
    return {"generated": transparency.district.today.isoformat(), "site": site_url, "schools": schools,
            "plans": plans}


# --------------------------------------------------------------------------- the package


def _file(name: str) -> str:
    return paths.OPEN_DATA_FILES[name]


def datapackage(site_url: str, generated: dt.date) -> dict[str, Any]:
    resources: list[dict[str, Any]] = [
        {"name": table.name, "title": table.title, "description": table.description, "path": _file(table.name),
         "type": "table", "scheme": "file", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "dialect": {"csv": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}},
         "schema": {"fields": [c.field() for c in table.columns]}}
        for table in TABLES
    ]
    resources += [
        {"name": "plans", "title": "Mọi kế hoạch (JSON)", "path": _file("plans"), "type": "json", "scheme": "file",
         "format": "json", "mediatype": "application/json", "encoding": "utf-8"},
        {"name": "plan-schema", "title": "Lược đồ JSON của kế hoạch", "path": _file("plan-schema"), "type": "json",
         "scheme": "file", "format": "json", "mediatype": "application/schema+json", "encoding": "utf-8"},
        {"name": "school-schema", "title": "Lược đồ JSON của thông tin trường", "path": _file("school-schema"),
         "type": "json", "scheme": "file", "format": "json", "mediatype": "application/schema+json",
         "encoding": "utf-8"},
    ]
    return {
        "name": PACKAGE_NAME,
        "title": "Kế hoạch cải tiến chất lượng giáo dục của các trường",
        "description": "Các kế hoạch cải tiến chất lượng được công khai trên trang, ở dạng dữ liệu: kế hoạch, "
                       "tiêu chí, trường và tình hình công khai theo Thông tư 09/2024/TT-BGDĐT.",
        "homepage": paths.absolute(site_url, paths.open_data_page().url),
        "created": f"{generated.isoformat()}T00:00:00+07:00",
        "resources": resources,
    }


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # no indent: json's C encoder only runs without one (with it, the pure-Python encoder took seconds at scale)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_open_data(project: Project, transparency: Transparency, docs_dir: Path, site_url: str,
                    site_name: str) -> list[Path]:
    """Write every open-data file into <docs>/du-lieu/; returns the files written."""
    folder = docs_dir / paths.OPEN_DATA
    written = []
    for table in TABLES:
        target = folder / _file(table.name)
        write_csv(target, [c.name for c in table.columns], table.rows(project, transparency, site_url))
        written.append(target)
    for name, data in (("plans", plans_document(project, transparency, site_url)),
                       ("plan-schema", plan_json_schema()), ("school-schema", school_json_schema())):
        _write_json(folder / _file(name), data)
        written.append(folder / _file(name))
    _write_json(docs_dir / paths.DATAPACKAGE, datapackage(site_url, transparency.district.today))
    written.append(docs_dir / paths.DATAPACKAGE)
    written.append(write_feed(project, transparency, docs_dir / paths.FEED, site_url, site_name))
    return written
