"""The transparency pages: each plan's history, each school's Công khai page, the district dashboard,
the open-data index; and what the plan and school pages show of dates, progress and accreditation.

Everything comes from present.transparency.Transparency (computed once per build); charts are drawn
here as static SVG (web.charts).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import paths
from ..model.catalogue import Framework
from ..model.project import PlanDoc
from ..present.progress import Tally, accreditation_series, plan_progress
from ..present.transparency import Transparency
from .charts import accreditation_chart, progress_chart

STATE_RANK = {"overdue": 0, "late": 1, "missing": 2, "undated": 3, "pending": 4, "published": 5, "on-time": 6}


@dataclass
class ProgressRow:
    label: str
    tally: Tally


@dataclass
class ProgressBlock:
    framework: Framework
    rows: list[ProgressRow]
    chart: Markup
    plans: int


def standard_label(standard_id: str, title: str) -> str:
    return f"Tiêu chuẩn {standard_id}. {title}"


def plan_context(doc: PlanDoc, transparency: Transparency) -> dict[str, object]:
    """What the plan page shows besides the PlanView: publication dates, history link, progress by standard."""
    rows = [ProgressRow(standard_label(r.standard.id, r.standard.title), r.tally) for r in plan_progress(doc)]
    chart = progress_chart([(r.label, r.tally) for r in rows], "Tiến độ thực hiện theo tiêu chuẩn",
                           f"tien-do-{doc.slug}")
    return {
        "disc": transparency.plan(doc),
        "history_page": paths.plan_history_page(doc.school.slug, doc.year),
        "progress_rows": rows,
        "progress_chart": chart,
    }


def school_context(slug: str, plans: list[PlanDoc]) -> dict[str, object]:
    points = accreditation_series(plans)
    levels = sorted({level for point in points for level in point.counts}) or [1, 2, 3]
    framework_levels = plans[0].framework.levels if plans else [1, 2, 3]
    return {
        "disclosure_page": paths.school_disclosure_page(slug),
        "accreditation": points,
        "accreditation_levels": levels,
        "accreditation_chart": accreditation_chart(points, framework_levels, "Mức kiểm định và số tiêu chí đạt "
                                                   "theo mức, qua các năm học", f"kiem-dinh-{slug}"),
    }


def progress_blocks(transparency: Transparency) -> list[ProgressBlock]:
    blocks: dict[str, ProgressBlock] = {}
    for row in transparency.district.progress:
        framework = row.framework
        block = blocks.setdefault(framework.id, ProgressBlock(framework, [], Markup(""), 0))
        block.rows.append(ProgressRow(standard_label(row.standard.id, row.standard.title), row.tally))
        block.plans = max(block.plans, row.plans)
    for block in blocks.values():
        title = f"Tiến độ theo tiêu chuẩn: {block.framework.name}"
        block.chart = progress_chart([(r.label, r.tally) for r in block.rows], title, f"tien-do-{block.framework.id}")
    return list(blocks.values())


def page_maps(docs: list[PlanDoc], slugs: list[str]) -> dict[str, dict[str, paths.SitePath]]:
    """The pages the dashboard and the Công khai pages link to, by plan (rel) and by school (slug)."""
    return {
        "plan_pages": {d.rel: paths.plan_page(d.school.slug, d.year) for d in docs},
        "history_pages": {d.rel: paths.plan_history_page(d.school.slug, d.year) for d in docs},
        "disclosure_pages": {slug: paths.school_disclosure_page(slug) for slug in slugs},
    }
