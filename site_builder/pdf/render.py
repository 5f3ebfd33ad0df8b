"""The official PDF of every plan, laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I, Mẫu 1.4.

Flow: PlanDoc -> present.plan_view (every text the reader sees, shared with the web page)
-> pdf/templates/plan.html.j2 + plan.css (layout only) -> WeasyPrint in worker processes
-> .cache/pdf/<key>.pdf -> <out>/truong/<slug>/<year>/<slug>-<year>.pdf.

Reproducible: fixed metadata dates (the plan's date, else the file's last git commit, else
SOURCE_DATE_EPOCH, else a fixed epoch) and a fixed PDF identifier, so two builds are
byte-identical. Fast: the cache key hashes everything that goes into a PDF, so an unchanged
rebuild renders nothing; the rest render in parallel (ProcessPoolExecutor).

Tagged PDF (issue 4, tried with WeasyPrint 70.0; `site-builder pdf --tagged [--variant pdf/ua-1]`,
RenderOptions): pdf_tags=True renders all three plans with the same page count, files about 45 %
larger (th-quang-trung 95 -> 139 KB), pdfinfo reports "Tagged: yes", pdftotext -raw gives exactly
the same text, and two builds are still byte-identical. pdf_variant="pdf/ua-1" also renders and
adds XMP metadata with pdfuaid:part=1 (+0.6 KB). On by default since issue 18 (a screen reader reads
the table's header cells, headings and lists; /Lang vi-VN from <html lang>, /Title from <title>;
`site-builder pdf --no-tagged` turns it off). No PDF/UA validator has checked the output: veraPDF is
Java and neither on PyPI nor in Debian; the layout tables of the header/foot are tagged as tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import paths
from ..errors import BuildError
from ..model.project import PlanDoc, Project
from ..present.sanitize import visible_controls
from ..present.view import PlanView, plan_view
from . import fonts
from .cache import PdfCache, default_cache_dir, digest, files_digest
from .paginate import TableLayout, Window, paginate
from .table import table_entries

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # site_builder/
PDF_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# Everything whose change can change a PDF's bytes: every file of these packages (code, templates,
# data beside them) and these modules, found by walking them, so a new or moved file is never left
# out of the cache key.
OUTPUT_PACKAGES = ("model", "present", "pdf")
OUTPUT_MODULES = ("paths.py", "config.py")
FIXED_EPOCH = dt.datetime(2020, 3, 5, tzinfo=dt.UTC)  # Nghị định 30/2020/NĐ-CP was signed on 05/3/2020
VN_TZ = dt.timezone(dt.timedelta(hours=7))
SHORT_SHA = 12
TAG_RE = re.compile(r"<[^>]+>")
OL_START_RE = re.compile(r'<ol start="(\d+)">')
# Headings at the very end of a narrative part: printed with the table that follows (on its page).
LAST_HEADING_RE = re.compile(
    r"<h([2-6])\b[^>]*>(?:(?!</?(?:h[2-6]|p|ul|ol|li|table|div|blockquote)\b).)*</h\1>\s*$", re.DOTALL)
# Relative column widths per field (TT has its own fixed share).
COLUMN_WEIGHTS: dict[str, float] = {
    "criterion": 3.4, "self_assessment": 1.5, "target": 1.6, "current_state": 4.0, "expected_result": 4.0,
    "actions": 8.0, "lead": 2.2, "lead_partners": 2.6, "timeline": 2.0, "budget": 1.9, "support": 2.4,
    "notes": 1.8, "status": 1.6, "problem": 4.5, "objective": 3.5, "indicators": 3.0, "resources": 2.4,
    "evidence": 3.0,
}
TT_WIDTH = 4.0  # percent
# The 2026 form's tables (keys of catalogue/forms/tt-2026.yml): relative widths; a key not listed gets 10.
FORM_COLUMN_WEIGHTS: dict[str, float] = {
    "tt": 3.5, "standard": 12, "related_criteria": 16, "current_state": 24, "limitation": 22, "cause": 22,
    "improvement_content": 11, "improvement_objective": 10, "activities": 16, "result_indicators": 15,
    "timeline": 8, "responsible": 10, "resources": 9, "expected_evidence": 12, "implementation_level": 7,
    "review_time": 13, "monitored_content": 20, "result": 32, "adjustment": 22, "reviewer": 13,
}
MIN_COLUMN_CHARS = 25  # a column is never narrower than for cells of this length


@dataclass(frozen=True)
class RenderOptions:
    """WeasyPrint options that change the bytes (part of the cache key)."""

    tagged: bool = True
    variant: str | None = None

    def weasyprint_kwargs(self, identifier: bytes) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"pdf_identifier": identifier, "uncompressed_pdf": False}
        if self.tagged:
            kwargs["pdf_tags"] = True
        if self.variant:
            kwargs["pdf_variant"] = self.variant
        return kwargs


@dataclass(frozen=True)
class PdfJob:
    rel: str
    source: DocumentSource | FixedHtml
    cache_path: Path
    kwargs: dict[str, Any]
    data_uris: tuple[str, ...] = ()  # the only data: URIs WeasyPrint may load (the QR code)
    font_files: tuple[Path, ...] = ()  # the only files outside the PDF templates it may load


@dataclass
class PdfBuild:
    """What a build did: where each PDF is, which were rendered and which came from the cache."""

    paths: dict[str, Path] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()
    typeface: str = ""  # the family the PDFs are set in (typeface.Typeface.describe)

    @property
    def render_count(self) -> int:
        return len(self.rendered)


# --------------------------------------------------------------------------- names and links


def pdf_target(doc: PlanDoc) -> str:
    """Path of the PDF under the site root (from the one paths module)."""
    return paths.plan_pdf(doc.school.slug, doc.year, example=doc.example)


def permalink(doc: PlanDoc, site_url: str) -> str:
    return paths.absolute(site_url, paths.plan_page(doc.school.slug, doc.year, example=doc.example).url)


def short_sha(doc: PlanDoc) -> str:
    return doc.source_sha256[:SHORT_SHA]


def qr_data_uri(url: str) -> str:
    """A QR code of the permalink, as an SVG data URI (black on white, quiet zone kept)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


# --------------------------------------------------------------------------- dates


def _fallback_epoch() -> dt.datetime:
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(env), tz=dt.UTC) if env.isdigit() else FIXED_EPOCH


def document_dates(doc: PlanDoc) -> tuple[dt.datetime, dt.datetime]:
    """(created, modified) for the PDF metadata: never the wall clock."""
    committed = doc.last_commit
    date = doc.plan.document.date
    created = dt.datetime(date.year, date.month, date.day, tzinfo=VN_TZ) if isinstance(date, dt.date) else None
    created = created or committed or _fallback_epoch()
    return created, committed or created


def w3c(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


# --------------------------------------------------------------------------- HTML


def css_string(text: str) -> str:
    """A CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def column_widths(view: PlanView) -> list[float]:
    """Percent widths of the declared columns (TT excluded): a field's base weight blended with
    how much text the plan puts in it (square root of the mean cell length), so empty columns
    stay narrow and the actions column gets the room."""
    rows = [row for group in view.groups for row in group.rows]
    weights = []
    for index, (name, _) in enumerate(view.headings):
        lengths = [len(TAG_RE.sub("", row.cells[index].html)) for row in rows]
        content = math.sqrt(max(sum(lengths) / max(len(lengths), 1), MIN_COLUMN_CHARS))
        weights.append(COLUMN_WEIGHTS.get(name, 2.0) + content)
    total = sum(weights)
    return [round((100 - TT_WIDTH) * w / total, 2) for w in weights]


def trailing_headings(fragment: str) -> tuple[str, str]:
    """(rest, headings): the headings that end an HTML fragment, split off."""
    rest, headings = fragment.rstrip(), ""
    while match := LAST_HEADING_RE.search(rest):
        headings = match.group(0).strip() + ("\n" + headings if headings else "")
        rest = rest[:match.start()].rstrip()
    return rest, headings


def pdf_body(view: PlanView) -> list[dict[str, str]]:
    """The body parts, with the headings that end a narrative part moved to the table after it, so a
    heading never ends a page whose next page starts the (landscape) table."""
    parts = [{"kind": part.kind, "html": part.html, "lead": ""} for part in view.body]
    for before, after in pairwise(parts):
        if before["kind"] == "html" and after["kind"] == "table":
            before["html"], after["lead"] = trailing_headings(before["html"])
    return [part for part in parts if part["kind"] != "html" or part["html"].strip()]


def metadata(view: PlanView, typeface: fonts.Typeface | None = None) -> dict[str, str]:
    doc = view.doc
    framework = doc.framework
    face = typeface.describe() if typeface else "không rõ"
    return {
        "generator": f"site-builder; phông chữ: {face}",
        "title": ("Ví dụ – " if view.example else "") + view.title,
        "author": doc.school.display_name,
        "subject": f"Kế hoạch cải tiến chất lượng giáo dục năm học {doc.year}",
        "keywords": ", ".join([
            "kế hoạch cải tiến chất lượng", "kiểm định chất lượng giáo dục", doc.school.display_name,
            f"năm học {doc.year}", framework.document,
        ]),
    }


def ol_start(fragment: str) -> str:
    """WeasyPrint ignores <ol start>: restart its list-item counter so "4. …" stays 4 (text unchanged)."""
    return OL_START_RE.sub(lambda m: f'{m.group(0)[:-1]} style="counter-reset: list-item {int(m[1]) - 1}">', fragment)


@cache
def jinja_env() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder.pdf", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ol_start"] = ol_start
    return env


def form_widths(view: PlanView) -> dict[str, list[float]]:
    """Percent widths of each table of the 2026 form, by section number."""
    widths: dict[str, list[float]] = {}
    for section in view.form.sections if view.form else []:
        weights = [FORM_COLUMN_WEIGHTS.get(c.key, 10.0) for c in section.columns]
        widths[section.number] = [round(100 * w / sum(weights), 2) for w in weights] if weights else []
    return widths


def render_form_html(view: PlanView, site_url: str, font_css: str, typeface: fonts.Typeface | None = None) -> str:
    """A plan in the 2026 form: its own template (plan-2026.html.j2) on the shared header and foot."""
    doc = view.doc
    link = permalink(doc, site_url)
    created, modified = document_dates(doc)
    footer = f"Bản điện tử: {link} · Mã kiểm tra SHA-256: {short_sha(doc)}"
    css = "\n".join((PDF_TEMPLATE_DIR / name).read_text(encoding="utf-8") for name in ("plan.css", "plan-2026.css"))
    return jinja_env().get_template("plan-2026.html.j2").render(
        view=view, meta=metadata(view, typeface), created=w3c(created), modified=w3c(modified), font_css=font_css,
        css=css, footer_css=css_string(footer), permalink=link, sha=short_sha(doc), qr=qr_data_uri(link),
        widths=form_widths(view),
    )


def render_html(view: PlanView, site_url: str, font_css: str, layout: TableLayout | None = None,
                typeface: fonts.Typeface | None = None, window: Window | None = None) -> str:
    """The plan as one self-contained HTML document for WeasyPrint (the table cut as layout says);
    with a window, only those rows of the table (what pdf.paginate measures)."""
    if view.form is not None:
        return visible_controls(render_form_html(view, site_url, font_css, typeface))
    doc = view.doc
    layout = layout or TableLayout()
    link = permalink(doc, site_url)
    created, modified = document_dates(doc)
    footer = f"Bản điện tử: {link} · Mã kiểm tra SHA-256: {short_sha(doc)}"
    html = jinja_env().get_template("plan.html.j2").render(
        view=view,
        meta=metadata(view, typeface),
        created=w3c(created),
        modified=w3c(modified),
        font_css=font_css,
        css=(PDF_TEMPLATE_DIR / "plan.css").read_text(encoding="utf-8"),
        footer_css=css_string(footer),
        permalink=link,
        sha=short_sha(doc),
        sha_full=doc.source_sha256,
        qr=qr_data_uri(link),
        widths=column_widths(view),
        body=pdf_body(view),
        entries=table_entries(view, layout, window),
        window=window,
        first_row=min((row.number for group in view.groups for row in group.rows), default=0),
        ncols=len(view.headings) + 1,
    )
    return visible_controls(html)  # no control character or bidi override acts in the PDF (check refuses them)


@dataclass(frozen=True)
class DocumentSource:
    """Everything a worker needs to write one plan's HTML again with another table layout."""

    view: PlanView
    site_url: str
    typeface: fonts.Typeface

    def html(self, layout: TableLayout | None = None, window: Window | None = None) -> str:
        html = render_html(self.view, self.site_url, fonts.font_face_css(self.typeface), layout, self.typeface,
                           window)
        return fonts.isolate_uncovered(html, self.typeface)

    @property
    def row_numbers(self) -> list[int]:
        """Rows the paginator measures: the 2018 table's; the 2026 form's tables break by CSS alone."""
        if self.view.form is not None:
            return []
        return [row.number for group in self.view.groups for row in group.rows]


@dataclass(frozen=True)
class FixedHtml:
    """A document given as finished HTML (no table to paginate)."""

    text: str
    row_numbers: tuple[int, ...] = ()

    def html(self, layout: TableLayout | None = None, window: Window | None = None) -> str:
        return self.text


# --------------------------------------------------------------------------- cache key


def output_sources() -> list[Path]:
    """Every file that renders a PDF: the output packages walked in full, plus the shared modules."""
    files = [PACKAGE_ROOT / name for name in OUTPUT_MODULES]
    for package in OUTPUT_PACKAGES:
        files.extend(p for p in (PACKAGE_ROOT / package).rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    return sorted(files)


def _module_sources() -> bytes:
    return files_digest(output_sources(), PACKAGE_ROOT)


def environment_fingerprint(project: Project, typeface: fonts.Typeface, options: RenderOptions) -> bytes:
    """What every PDF shares: catalogue, templates, fonts, code, WeasyPrint version, options."""
    return digest([
        ("catalogue", files_digest(project.catalogue.files, project.root)),
        ("fonts", fonts.fonts_fingerprint(typeface).encode()),
        ("code", _module_sources()),
        ("weasyprint", require_weasyprint().encode()),
        ("options", repr(options).encode()),
    ]).encode()


def _school_text(project: Project, doc: PlanDoc) -> bytes:
    path = project.root / doc.school.rel
    return path.read_bytes() if path.is_file() else doc.school.rel.encode()


def cache_key(project: Project, doc: PlanDoc, html: str, site_url: str, shared: bytes) -> str:
    """SHA-256 of the plan source, school.yml, site URL, the final HTML and the shared fingerprint."""
    return digest([
        ("plan", doc.source_text.encode()),
        ("school", _school_text(project, doc)),
        ("site_url", site_url.encode()),
        ("html", html.encode()),
        ("shared", shared),
    ])


# --------------------------------------------------------------------------- rendering


def _init_worker() -> None:
    """Import WeasyPrint once per worker process."""
    import weasyprint  # noqa: F401


def laid_out(job: PdfJob) -> tuple[Any, TableLayout]:
    """The WeasyPrint document of a plan, its table paginated by measuring (pdf.paginate).

    WeasyPrint loads only the job's own data URIs, its font files and the PDF templates (fetch.LocalFetcher):
    nothing from the network, nothing else from the disk, in every measuring pass too."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from .fetch import LocalFetcher

    fetcher = LocalFetcher(job.data_uris, job.font_files, (PDF_TEMPLATE_DIR,))

    def render(layout: TableLayout, window: Window | None) -> Any:
        html = job.source.html(layout, window)
        document = HTML(string=html, base_url=str(PDF_TEMPLATE_DIR), url_fetcher=fetcher)
        return document.render(font_config=FontConfiguration(), **job.kwargs)

    return paginate(render, list(job.source.row_numbers))


def render_job(job: PdfJob) -> str:
    """Render one PDF into the cache (written to a temporary name, then renamed)."""
    job.cache_path.parent.mkdir(parents=True, exist_ok=True)
    partial = job.cache_path.with_suffix(f".{os.getpid()}.part")
    document, _layout = laid_out(job)
    document.write_pdf(partial, **job.kwargs)
    partial.replace(job.cache_path)
    return job.rel


def render_failure(rel: str, err: BaseException) -> BuildError:
    """A PDF that could not be rendered, named by its plan."""
    return BuildError(f"Không tạo được bản PDF của kế hoạch này: {type(err).__name__}: {err}", path=rel)


def _run_jobs(jobs: list[PdfJob], workers: int, on_done: Callable[[str], None]) -> list[str]:
    if not jobs:
        return []
    done: list[str] = []
    if workers <= 1 or len(jobs) == 1:
        for job in jobs:
            try:
                done.append(render_job(job))
            except Exception as err:
                raise render_failure(job.rel, err) from err
            on_done(job.rel)
        return done
    context = get_context("fork") if os.name == "posix" else None
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                             initializer=_init_worker) as pool:
        futures = {pool.submit(render_job, job): job.rel for job in jobs}
        for future in as_completed(futures):
            try:
                done.append(future.result())
            except Exception as err:
                for other in futures:
                    other.cancel()
                raise render_failure(futures[future], err) from err
            on_done(futures[future])
    return done


def require_weasyprint() -> str:
    """WeasyPrint's version; a missing or broken install is a BuildError that says what to install."""
    try:
        import weasyprint
    except (ImportError, OSError) as err:
        raise BuildError(
            f"Không tạo được bản PDF: WeasyPrint chưa được cài hoặc thiếu thư viện hệ thống ({err}). "
            "Chạy `make deps` (cài gói Python weasyprint và các gói hệ thống libpango-1.0-0, "
            "libpangoft2-1.0-0, fonts-liberation2), rồi tạo lại trang."
        ) from None
    return str(weasyprint.__version__)


@dataclass
class _Plan:
    keys: dict[str, str] = field(default_factory=dict)
    jobs: list[PdfJob] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _plan_jobs(project: Project, docs: Iterable[PlanDoc], site_url: str, store: PdfCache,
               options: RenderOptions, typeface: fonts.Typeface) -> _Plan:
    """The cache key of every plan, a render job for each key not in the cache, glyph warnings.
    The key covers the HTML before pagination: the pages are a deterministic function of it."""
    shared = environment_fingerprint(project, typeface, options)
    plan = _Plan()
    for doc in docs:
        source = DocumentSource(plan_view(doc, project.catalogue.documents), site_url, typeface)
        html = source.html()
        missing = fonts.uncovered(html.partition("<body>")[2], typeface)
        if missing:
            plan.warnings.append(fonts.uncovered_warning(doc.rel, missing, typeface.family))
        key = cache_key(project, doc, html, site_url, shared)
        plan.keys[doc.rel] = key
        if not store.has(key):
            identifier = hashlib.sha256(f"{doc.rel}\0{html}".encode()).hexdigest()[:32].encode()  # content, not code
            plan.jobs.append(PdfJob(doc.rel, source, store.path(key), options.weasyprint_kwargs(identifier),
                                    data_uris=(qr_data_uri(permalink(doc, site_url)),),
                                    font_files=tuple(face.path for face in typeface.faces)))
    return plan


def build_pdfs(project: Project, out_dir: Path, site_url: str, *, jobs: int | None = None,
               cache_dir: Path | None = None, options: RenderOptions | None = None,
               on_done: Callable[[str], None] | None = None) -> PdfBuild:
    """Write every plan's PDF under out_dir, rendering only what the cache does not hold.

    on_done(rel) is called once per plan (rendered or cached), for progress reporting.
    """
    started = time.perf_counter()
    require_weasyprint()
    on_done = on_done or (lambda _rel: None)
    typeface = fonts.warn_missing_fonts()
    store = PdfCache(cache_dir or default_cache_dir(project.root))
    store.prepare()
    docs = sorted([*project.plans, *project.examples], key=lambda d: d.rel)
    plan = _plan_jobs(project, docs, site_url, store, options or RenderOptions(), typeface)
    for warning in plan.warnings:
        print(warning, file=sys.stderr)
    for rel in sorted(set(plan.keys) - {job.rel for job in plan.jobs}):
        on_done(rel)
    rendered = _run_jobs(plan.jobs, jobs or os.cpu_count() or 1, on_done)
    build = PdfBuild(warnings=typeface.warnings + tuple(plan.warnings), rendered=sorted(rendered),
                     typeface=typeface.describe())
    for doc in docs:
        target = out_dir / pdf_target(doc)
        store.copy_to(plan.keys[doc.rel], target)
        build.paths[doc.rel] = target
        if doc.rel not in rendered:
            build.cached.append(doc.rel)
    build.seconds = time.perf_counter() - started
    return build
