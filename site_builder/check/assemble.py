"""Assembly: sources + catalogue -> the validated, typed Project with every finding.

load_project(root) is the one call of the pipeline's first half: read plans/ and
catalogue/ (source), check them (schema, rules, ownership), keep the plans that
passed as PlanDocs with their git history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diagnostics import Finding, Severity
from ..model.catalogue import Catalogue
from ..model.plan import Plan
from ..model.project import PlanDoc, Project, SchoolDoc
from ..source.catalogue import load_catalogue
from ..source.history import read_history
from ..source.reader import EXAMPLES_DIR, PlanSource, SchoolSource, Sources, read_sources
from . import forms, glyphs, rules
from .ownership import owner_findings
from .schema import schema_findings


def validate_sources(sources: Sources, catalogue: Catalogue, root: Path, examples: Sources | None = None,
                     today: dt.date | None = None) -> Project:
    """Check the schools' plans and, apart from them, the guide's example plans (never among the schools)."""
    project = Project(root=root, catalogue=catalogue, findings=list(sources.findings), files=sources.files)
    project.schools = _validate_schools(sources, project, "plans")
    history = read_history(root) if sources.plans or (examples and examples.plans) else {}
    project.plans = _validate_plans(sources, project.schools, project, history, today)
    if examples is not None:
        project.findings.extend(examples.findings)
        project.files += examples.files
        example_schools = _validate_schools(examples, project, EXAMPLES_DIR)
        project.examples = _validate_plans(examples, example_schools, project, history, today, example=True)
    project.findings.extend(owner_findings(root, {*sources.schools, *(p.school_slug for p in sources.plans)}))
    project.findings.sort(key=Finding.sort_key)
    return project


def _validate_schools(sources: Sources, project: Project, folder: str) -> dict[str, SchoolDoc]:
    schools: dict[str, SchoolDoc] = {}
    for slug, school_source in sources.schools.items():
        if school_source.data is None and not any(f.path == school_source.rel for f in project.findings):
            project.findings.append(Finding(school_source.rel, 1, 1, Severity.error, "empty-file",
                                            "Tệp school.yml trống.", "Điền thông tin trường theo mẫu."))
            continue
        if school_source.data is None:
            continue
        school, findings = rules.school_findings(school_source, project.catalogue)
        glyphs.check_school(school_source, findings)
        project.findings.extend(findings)
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


def _validate_plans(sources: Sources, schools: dict[str, SchoolDoc], project: Project, history: dict,
                    today: dt.date | None, *, example: bool = False) -> list[PlanDoc]:
    docs = []
    for plan_source in sources.plans:
        doc = _validate_plan(plan_source, sources.schools.get(plan_source.school_slug), schools, project, today)
        if doc is not None:
            doc.history = history.get(doc.rel)
            doc.example = example
            docs.append(doc)
    return docs


def _validate_plan(plan: PlanSource, school: SchoolSource | None, schools: dict[str, SchoolDoc], project: Project,
                   today: dt.date | None) -> PlanDoc | None:
    findings = project.findings
    if plan.data is None:
        return None
    if not isinstance(plan.data, dict):
        findings.append(Finding(plan.rel, 2, 1, Severity.error, "front-matter-not-mapping",
                                "Phần thông tin đầu tệp phải gồm các dòng “tên: giá trị”.",
                                "Xem tệp mẫu trong hướng dẫn."))
        return None
    model, schema_errors = schema_findings(Plan, plan.data, plan.rel, plan.source)
    findings.extend(schema_errors)
    framework = rules.framework_for(plan, school, project.catalogue, findings)
    form = forms.form_for(plan, project.catalogue, findings)
    school_doc = schools.get(plan.school_slug)
    before = len(project.errors)
    rules.check_year(plan, findings)
    rules.check_entries(plan, framework, findings, repeats_allowed=forms.is_sectioned(form))
    rules.check_counts(plan, framework, findings)
    rules.check_references(plan, project.catalogue, findings)
    rules.check_document(plan, findings)
    rules.check_body(plan, findings)
    glyphs.check_plan(plan, findings)
    level = school_doc.school.level.value if school_doc else None
    forms.check_form(forms.FormContext(plan, model if isinstance(model, Plan) else None, framework, form, level,
                                       project.catalogue, today), findings)
    if not isinstance(model, Plan) or framework is None or school_doc is None or schema_errors:
        return None
    if len(project.errors) > before:
        return None
    return PlanDoc(school_doc, plan.rel, model, framework, plan.body, plan.text, plan.path, form=form)


def load_project(root: Path, only: list[Path] | None = None, today: dt.date | None = None) -> Project:
    """load -> validate -> typed model, in one call (plans/ and the guide's examples/)."""
    catalogue = load_catalogue(root)
    examples = read_sources(root, only, EXAMPLES_DIR)
    return validate_sources(read_sources(root, only), catalogue, root, examples, today)
