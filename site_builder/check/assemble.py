"""Assembly: sources + catalogue -> the validated, typed Project with every finding.

load_project(root) is the one call of the pipeline's first half: read plans/ and
catalogue/ (source), check them (schema, rules, ownership), keep the plans that
passed as PlanDocs with their git history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import today as configured_today
from ..diagnostics import Finding, Severity
from ..model.catalogue import Catalogue
from ..model.plan import Plan
from ..model.project import PlanDoc, Project, SchoolDoc
from ..parallel import fork_map
from ..source.catalogue import load_catalogue
from ..source.history import read_repo_history
from ..source.reader import EXAMPLES_DIR, PlanSource, SchoolSource, Sources, plan_from_text, read_sources
from . import compliance, forms, glyphs, rules
from .limits import INVISIBLE_CODES, plan_limits, school_limits
from .ownership import owner_findings
from .personal import personal_findings
from .schema import schema_findings


def validate_sources(sources: Sources, catalogue: Catalogue, root: Path, examples: Sources | None = None,
                     today: dt.date | None = None, *, whole_repository: bool = True,
                     min_per_worker: int | None = None) -> Project:
    """Check the schools' plans and, apart from them, the guide's example plans (never among the schools).
    today (default config.today()) is the date deadlines are judged against; whole_repository: the sources
    are all of plans/ (not a chosen few), so a published plan file that is missing means deleted.
    Plans are checked on every core when there are at least min_per_worker (default 50) a core."""
    per_worker = min_per_worker or MIN_PLANS_PER_WORKER
    project = Project(root=root, catalogue=catalogue, findings=list(sources.findings), files=sources.files,
                      today=today or configured_today())
    project.schools = _validate_schools(sources, project, "plans")
    project.history = read_repo_history(root)
    history = project.history.files
    project.plans = _validate_plans(sources, project.schools, project, history, project.today,
                                    min_per_worker=per_worker)
    if examples is not None:
        project.findings.extend(examples.findings)
        project.files += examples.files
        example_schools = _validate_schools(examples, project, EXAMPLES_DIR)
        project.examples = _validate_plans(examples, example_schools, project, history, today, example=True,
                                           min_per_worker=per_worker)
    project.findings.extend(compliance.shallow_findings(project.history))
    if whole_repository:
        project.findings.extend(compliance.retention_findings(root, project.history, catalogue, project.today))
    project.findings.extend(owner_findings(root, {*sources.schools, *(p.school_slug for p in sources.plans)}))
    project.findings.sort(key=Finding.sort_key)
    return project


def _validate_schools(sources: Sources, project: Project, folder: str) -> dict[str, SchoolDoc]:
    schools: dict[str, SchoolDoc] = {}
    for slug, school_source in sources.schools.items():
        limits = school_limits(school_source)
        project.findings.extend(limits)
        project.findings.extend(personal_findings(school_source.rel, school_source.text, school_source.data,
                                                  school_source.source))
        if school_source.data is None and not any(f.path == school_source.rel for f in project.findings):
            project.findings.append(Finding(school_source.rel, 1, 1, Severity.error, "empty-file",
                                            "Tệp school.yml trống.", "Điền thông tin trường theo mẫu."))
            continue
        if school_source.data is None:
            continue
        school, findings = rules.school_findings(school_source, project.catalogue)
        project.findings.extend(findings)
        project.findings.extend(_glyph_findings(glyphs.check_school, school_source, limits))
        if school is not None:
            schools[slug] = SchoolDoc(slug, school_source.rel, school)
    missing = {p.school_slug for p in sources.plans} - set(sources.schools)
    for slug in sorted(missing):
        project.findings.append(
            Finding(f"{folder}/{slug}", 1, 1, Severity.error, "school-file-missing",
                    f"Thư mục trường “{slug}” không có tệp school.yml.",
                    f"Tạo tệp {folder}/{slug}/school.yml với tên trường, cấp học, cơ quan chủ quản và bộ tiêu chuẩn.")
        )
    return schools


MIN_PLANS_PER_WORKER = 50  # below this a forked worker costs more than it saves


@dataclass(frozen=True)
class _PlanContext:
    """What checking one plan needs besides the plan (inherited by forked workers, never pickled)."""

    school_sources: dict[str, SchoolSource]
    schools: dict[str, SchoolDoc]
    catalogue: Catalogue
    today: dt.date | None  # deadlines of the form (None for the guide's examples)
    review_today: dt.date
    example: bool


@dataclass(frozen=True)
class _DocParts:
    """A PlanDoc as a worker returns it: the school, framework and form by key, relinked by the parent to
    its own objects (a pickled copy of each per plan would cost time and break their identity)."""

    school: str
    rel: str
    plan: Plan
    framework: str
    form: str | None
    body: str
    source_text: str
    path: Path


def _validate_plans(sources: Sources, schools: dict[str, SchoolDoc], project: Project, history: dict,
                    today: dt.date | None, *, example: bool = False,
                    min_per_worker: int = MIN_PLANS_PER_WORKER) -> list[PlanDoc]:
    context = _PlanContext(sources.schools, schools, project.catalogue, today, project.today, example)
    docs = []
    for findings, doc in _check_all(sources.plans, context, min_per_worker):
        project.findings.extend(findings)
        if doc is not None:
            doc.history = history.get(doc.rel)
            doc.example = example
            docs.append(doc)
    return docs


def _check_all(plans: list[PlanSource], context: _PlanContext,
               min_per_worker: int) -> list[tuple[list[Finding], PlanDoc | None]]:
    """Every plan checked, on processes forked from this one when there are many (the same result)."""
    checked = fork_map(lambda plan: _unlinked(_check_one(plan, context), context), plans,
                       min_per_worker=min_per_worker)
    return [(found, _relink(parts, context)) for found, parts in checked]


def _unlinked(checked: tuple[list[Finding], PlanDoc | None],
              context: _PlanContext) -> tuple[list[Finding], _DocParts | None]:
    return checked[0], _unlink(checked[1], context)


def _unlink(doc: PlanDoc | None, context: _PlanContext) -> _DocParts | None:
    if doc is None:
        return None
    frameworks, forms = context.catalogue.frameworks.items(), context.catalogue.forms.items()
    return _DocParts(doc.school.slug, doc.rel, doc.plan, next(k for k, v in frameworks if v is doc.framework),
                     next((k for k, v in forms if v is doc.form), None), doc.body, doc.source_text, doc.path)


def _relink(parts: _DocParts | None, context: _PlanContext) -> PlanDoc | None:
    if parts is None:
        return None
    catalogue = context.catalogue
    return PlanDoc(context.schools[parts.school], parts.rel, parts.plan, catalogue.frameworks[parts.framework],
                   parts.body, parts.source_text, parts.path, form=catalogue.forms[parts.form] if parts.form else None)


def _check_one(plan: PlanSource, context: _PlanContext) -> tuple[list[Finding], PlanDoc | None]:
    """One plan: parsed (when the reader left that to this step), checked, and its review findings."""
    findings: list[Finding] = []
    if plan.deferred:
        plan = plan_from_text(plan.text, plan.school_slug, plan.path, plan.rel, findings)
    doc = _validate_plan(plan, context.school_sources.get(plan.school_slug), context.schools, context.catalogue,
                         context.today, findings)
    if doc is not None and not context.example:
        findings.extend(compliance.review_findings(plan, doc.plan, context.catalogue, context.review_today))
    return findings, doc


def _glyph_findings(check: Callable[[Any, list[Finding]], None], source: PlanSource | SchoolSource,
                    limits: list[Finding]) -> list[Finding]:
    """Characters the PDF cannot print, except on lines where check already refuses an invisible character."""
    found: list[Finding] = []
    check(source, found)
    refused = {f.line for f in limits if f.code in INVISIBLE_CODES}
    return [f for f in found if f.line not in refused]


def _validate_plan(plan: PlanSource, school: SchoolSource | None, schools: dict[str, SchoolDoc],
                   catalogue: Catalogue, today: dt.date | None, findings: list[Finding]) -> PlanDoc | None:
    start = len(findings)  # this plan's findings are findings[start:] (counting all errors each time was O(N²))
    limits = plan_limits(plan)
    findings.extend(limits)
    findings.extend(personal_findings(plan.rel, plan.text, plan.data, plan.source, plan.body_line - 2))
    if plan.data is None:
        return None
    if not isinstance(plan.data, dict):
        findings.append(Finding(plan.rel, 2, 1, Severity.error, "front-matter-not-mapping",
                                "Phần thông tin đầu tệp phải gồm các dòng “tên: giá trị”.",
                                "Xem tệp mẫu trong hướng dẫn."))
        return None
    rules.criteria_as_written(plan)
    model, schema_errors = schema_findings(Plan, plan.data, plan.rel, plan.source)
    findings.extend(schema_errors)
    framework = rules.framework_for(plan, school, catalogue, findings)
    form = forms.form_for(plan, catalogue, findings)
    school_doc = schools.get(plan.school_slug)
    rules.check_year(plan, findings)
    rules.check_entries(plan, framework, findings, catalogue.frameworks.values(),
                        repeats_allowed=forms.is_sectioned(form))
    rules.check_counts(plan, framework, findings)
    rules.check_references(plan, catalogue, findings)
    rules.check_document(plan, findings)
    rules.check_body(plan, findings)
    findings.extend(_glyph_findings(glyphs.check_plan, plan, limits))
    level = school_doc.school.level.value if school_doc else None
    forms.check_form(forms.FormContext(plan, model if isinstance(model, Plan) else None, framework, form, level,
                                       catalogue, today), findings)
    if not isinstance(model, Plan) or framework is None or school_doc is None or schema_errors:
        return None
    if any(f.severity is Severity.error for f in findings[start:]):
        return None
    return PlanDoc(school_doc, plan.rel, model, framework, plan.body, plan.text, plan.path, form=form)


def load_project(root: Path, only: list[Path] | None = None, today: dt.date | None = None, *,
                 min_per_worker: int | None = None) -> Project:
    """load -> validate -> typed model, in one call (plans/ and the guide's examples/); plans are parsed and
    checked on every core when there are many (min_per_worker, default 50 a core)."""
    catalogue = load_catalogue(root)
    examples = read_sources(root, only, EXAMPLES_DIR, parse=False)
    return validate_sources(read_sources(root, only, parse=False), catalogue, root, examples, today,
                            whole_repository=not only, min_per_worker=min_per_worker)
