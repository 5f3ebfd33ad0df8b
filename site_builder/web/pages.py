"""The public website's pages, generated as Markdown files with raw HTML blocks.

Nothing here depends on MkDocs' plugin API: pages are plain files written into
a build directory, which any MkDocs-compatible generator (MkDocs, Zensical) renders.
Everything a reader sees of a plan comes from present.PlanView; this module only
lays it out. Plain strings are escaped by Jinja2 (autoescape), HTML from PlanView
is already sanitized (present.sanitize) or escaped (present.text_html).

Links between pages are Markdown links to the target's source file (`a(text, target)` in the
templates, paths.source_link), so the generator checks and rewrites them. They sit in "Markdown
islands": elements marked markdown="span" whose ancestors are all marked markdown="1" (md_in_html).
Everything else stays raw HTML, which the generator passes through untouched. Every plain value a
template prints is escaped for HTML and, with numeric character references, for Markdown
(`md_text`), so a school's text means the same inside an island and outside one, and cannot
become a link, emphasis or an attribute list.

Metadata is where user text meets other parsers, so it gets its own rules:
- the front matter is written by a YAML dumper (meta_title) and every generated page's front
  matter is parsed back as MkDocs parses it (front_matter): a page whose metadata MkDocs
  would silently drop, and then render as Markdown, stops the build;
- MkDocs-material puts page.meta.title into <title> and the header as HTML, unescaped: the
  title is HTML-escaped once, before it is dumped;
- Pagefind's UI inserts filter values as HTML: they are written so that they are indexed HTML-escaped
  (pagefind_filter);
- control characters and bidi overrides show as U+FFFD (present.sanitize.visible_controls).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from slugify import slugify

from .. import paths
from ..errors import BuildError
from ..model.catalogue import CONFIDENCE_LABELS, Catalogue, Confidence, Framework, Verification
from ..model.plan import SchoolLevel
from ..model.project import PlanDoc, Project, SchoolDoc
from ..parallel import fork_map
from ..present.formats import date_text, date_vi, number_text
from ..present.sanitize import plain_line, visible_controls
from ..present.transparency import Transparency, build_transparency
from ..present.view import PlanView, Row, plan_view, text_html
from .opengraph import page_og, plan_og
from .reuse import REUSABLE, PageMemo, page_key, project_digest
from .transparency import STATE_RANK, page_maps, plan_context, progress_blocks, school_context

LEVEL_ORDER = [SchoolLevel.preschool, SchoolLevel.primary, SchoolLevel.lower_secondary,
               SchoolLevel.upper_secondary, SchoolLevel.multi_level]
LEVEL_NAMES = {
    SchoolLevel.preschool: "Trường mầm non",
    SchoolLevel.primary: "Trường tiểu học",
    SchoolLevel.lower_secondary: "Trường trung học cơ sở",
    SchoolLevel.upper_secondary: "Trường trung học phổ thông",
    SchoolLevel.multi_level: "Trường phổ thông nhiều cấp học",
}
VERIFICATION_SHORT = {
    Confidence.confirmed: "Đã kiểm chứng",
    Confidence.secondary: "Nguồn thứ cấp, chưa kiểm chứng",
    Confidence.unverified: "Chưa kiểm chứng",
}
LATEST_ON_HOME = 10


@dataclass
class Page:
    """One generated Markdown file: its path under docs/, its text, and the docs files it links to."""

    path: str
    text: str
    links: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return paths.page(self.path).url


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


MARKDOWN_ACTIVE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}!"})


def md_text(value: object) -> Markup:
    """A plain value escaped for HTML and for Markdown: numeric references for the characters that
    Markdown or attr_list would read (emphasis, links, code, `{ attr=... }`). Browsers show them as typed."""
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).translate(MARKDOWN_ACTIVE))


def _finalize(value: object) -> object:
    """Jinja2's finalize: every printed plain value goes through md_text (Markup passes as it is)."""
    if value is None or isinstance(value, Markup | int | float):
        return value
    return md_text(value)


def criterion_page(framework_id: str, criterion_id: str) -> paths.SitePath:
    return paths.criterion_page(framework_id, criterion_id)


def plan_page(doc: PlanDoc) -> paths.SitePath:
    return paths.plan_page(doc.school.slug, doc.year, example=doc.example)


def plan_template(view: PlanView) -> str:
    """The 2026 form has its own page template; the 2018 table keeps plan.md.j2."""
    return "plan-2026.md.j2" if view.form else "plan.md.j2"


@dataclass
class RuleView:
    """One rule of the catalogue (disclosure or form) with its article and mark, for the legal page."""

    id: str
    text: str
    article: str | None
    verification: Verification


def rules_by_document(catalogue: Catalogue) -> dict[str, list[RuleView]]:
    rules: dict[str, list[RuleView]] = defaultdict(list)
    for rule in catalogue.disclosure:
        rules[rule.document].append(RuleView(rule.id, rule.text, rule.article, rule.verification))
    for form in catalogue.forms.values():
        for form_rule in form.rules:
            rules[form_rule.document].append(
                RuleView(form_rule.id, form_rule.text, form_rule.article, form_rule.verification))
    return dict(rules)


def level_slug(level: SchoolLevel) -> str:
    return slugify(level.value)


def verification_mark(verification: Verification | None) -> Markup:
    """A visible mark for catalogue data that is not confirmed against the official text."""
    if verification is None or verification.status is Confidence.confirmed:
        return Markup("")
    label = VERIFICATION_SHORT[verification.status]
    title = CONFIDENCE_LABELS[verification.status]
    note = f" {verification.note}" if verification.note else ""
    return Markup('<span class="kh-badge kh-badge--unverified" title="{}">{}</span>').format(
        md_text(title + "." + note), md_text(label))


@dataclass
class SchoolInfo:
    doc: SchoolDoc
    plans: list[PlanDoc]

    @property
    def page(self) -> paths.SitePath:
        return paths.school_page(self.doc.slug)

    @property
    def accreditation(self) -> str | None:
        """The most recent level the school reported in a plan's self-assessment, if any."""
        for plan in self.plans:
            sa = plan.plan.self_assessment
            if sa and sa.level:
                return f"Mức {sa.level} (theo kế hoạch năm học {plan.year})"
        return None

    @property
    def place(self) -> str:
        school = self.doc.school
        return ", ".join(x for x in (school.address, school.commune, school.district, school.province) if x)


@dataclass
class CriterionUse:
    """One school's row about one criterion in one plan."""

    doc: PlanDoc
    view: PlanView
    row: Row


@dataclass
class Site:
    project: Project
    site_url: str
    views: dict[str, PlanView] = field(default_factory=dict)
    schools: dict[str, SchoolInfo] = field(default_factory=dict)
    uses: dict[tuple[str, str], list[CriterionUse]] = field(default_factory=dict)

    @classmethod
    def from_project(cls, project: Project, site_url: str) -> Site:
        site = cls(project, site_url)
        for doc in project.plans:  # here, not on workers: a view unpickles (pydantic) about as slowly as it is made
            site.views[doc.rel] = plan_view(doc, project.catalogue.documents)
        for slug, school in sorted(project.schools.items(), key=lambda kv: kv[1].display_name):
            site.schools[slug] = SchoolInfo(school, project.plans_of(slug))
        uses: dict[tuple[str, str], list[CriterionUse]] = defaultdict(list)
        for doc in sorted(project.plans, key=lambda d: (d.year, d.school.display_name), reverse=True):
            view = site.views[doc.rel]
            for group in view.groups:
                for row in group.rows:
                    uses[(doc.framework.id, row.criterion.id)].append(CriterionUse(doc, view, row))
        site.uses = dict(uses)
        return site

    @property
    def latest_plans(self) -> list[PlanDoc]:
        def key(doc: PlanDoc) -> tuple[str, str]:
            date = doc.plan.document.date  # a date, a partial date ("2023-09"), lost, or None
            known = date.isoformat() if isinstance(date, dt.date) else date if isinstance(date, str) else ""
            return (doc.year, known)

        return sorted(self.project.plans, key=key, reverse=True)

    @property
    def years(self) -> list[str]:
        return sorted({d.year for d in self.project.plans}, reverse=True)

    def schools_by_level(self) -> list[tuple[SchoolLevel, list[SchoolInfo]]]:
        grouped: dict[SchoolLevel, list[SchoolInfo]] = defaultdict(list)
        for info in self.schools.values():
            grouped[info.doc.school.level].append(info)
        return [(level, grouped[level]) for level in LEVEL_ORDER if grouped.get(level)]

    def frameworks_used(self) -> list[Framework]:
        return list(self.project.catalogue.frameworks.values())


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder.web", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "md.j2", "html.j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["date_vi"] = date_vi
    env.globals["number_text"] = number_text
    env.globals["date_text"] = date_text
    env.filters["text_html"] = lambda value: Markup(text_html(value))
    env.filters["safe_html"] = Markup  # only for HTML that present.py sanitized or escaped
    env.filters["meta_title"] = meta_title
    env.filters["pagefind_filter"] = pagefind_filter
    env.tests["http_url"] = is_http_url
    env.globals["verification_mark"] = verification_mark
    env.globals["LEVEL_NAMES"] = LEVEL_NAMES
    env.globals["level_slug"] = level_slug
    env.globals["row_anchor"] = paths.row_anchor
    env.globals["criterion_page"] = criterion_page
    env.globals["plan_page"] = plan_page
    env.globals["paths"] = paths
    return env


HTTP_URL_RE = re.compile(r"https?://[^\s/\\]+", re.ASCII)


def is_http_url(value: object) -> bool:
    """A link to another site that may be an href: http(s) with a host, nothing else (no javascript:, no //host)."""
    return isinstance(value, str) and HTTP_URL_RE.match(value) is not None


def meta_title(value: object) -> Markup:
    """The front matter's title value: one line of plain text, HTML-escaped once (the theme inserts
    page.meta.title as HTML), written as a double-quoted YAML scalar by the YAML dumper."""
    return Markup(dump_quoted(html.escape(plain_line(str(value)))).strip())


def dump_quoted(data: object) -> str:
    """YAML with every scalar double-quoted, on one line: libyaml's emitter (the same bytes as PyYAML's
    pure-Python one for any text, tests/web/test_pages.py; ten times faster, which counts over thousands of pages)."""
    return yaml.dump(data, Dumper=yaml.CSafeDumper, default_style='"', allow_unicode=True, width=2**30,
                     sort_keys=True)


PAGEFIND_FILTER_DECODES = 2  # Pagefind 1.6 decodes a filter's text twice: "&amp;amp;lt;" is indexed as "&lt;"


def pagefind_filter(value: object) -> Markup:
    """A data-pagefind-filter value that Pagefind's UI shows as the plain text it is.

    The UI inserts filter values as HTML, and Pagefind decodes the element's text twice before indexing
    it: escaped three times here, the value is indexed HTML-escaped once, and shown as text. (Should a
    later Pagefind decode once, the label would show "&lt;" literally, never markup; the browser test
    of hostile filters says which.)"""
    text = plain_line(str(value))
    for _ in range(PAGEFIND_FILTER_DECODES + 1):
        text = html.escape(text)
    return Markup(text)


# How MkDocs finds a page's YAML front matter (mkdocs.utils.meta.YAML_RE); when the YAML in it does not
# load, MkDocs silently keeps the whole text, front matter included, as Markdown.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
FRONT_MATTER_KEYS = {"title", "hide", "og"}
OG_KEYS = {"title", "description", "url", "image", "published_time", "modified_time"}


def front_matter(page: Page) -> dict[str, object]:
    """The page's metadata as MkDocs will read it; a BuildError naming the page when it would not be.

    Every generated page has front matter with a non-empty one-line title and nothing but title and hide.
    """
    def fail(problem: str) -> BuildError:
        return BuildError(f"Trang tạo ra có phần thông tin (front matter) không hợp lệ: {problem}. "
                          "Đây là lỗi của chương trình tạo trang, không phải của kế hoạch.", path=page.path)

    match = FRONT_MATTER_RE.match(page.text)
    if not match:
        raise fail("không có phần thông tin mở đầu bằng ---")
    try:
        data = yaml.load(match.group(1), Loader=yaml.CSafeLoader)  # MkDocs' SafeLoader, at libyaml's speed
    except yaml.YAMLError as err:
        raise fail(f"YAML không đọc được ({err.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise fail("không phải một bảng khóa: giá trị")
    unexpected = sorted(str(key) for key in data if key not in FRONT_MATTER_KEYS)
    if unexpected:
        raise fail("có khóa không dự kiến: " + ", ".join(unexpected))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip() or plain_line(title) != title:
        raise fail("thiếu tiêu đề, hoặc tiêu đề không phải một dòng văn bản thuần")
    og = data.get("og")
    if og is not None and not _plain_og(og):
        raise fail("khóa og phải là bảng " + ", ".join(sorted(OG_KEYS)) + " với giá trị là một dòng văn bản thuần")
    return data


class PageLinks:
    """The link helpers of one page, bound to its source path; remembers every docs file it links to."""

    def __init__(self, page: paths.SitePath) -> None:
        self.page = page
        self.targets: list[str] = []

    def link(self, target: paths.SitePath | str | None, anchor: str = "") -> Markup:
        """The Markdown link target of a page (SitePath), a docs file (docs-relative path) or, for None,
        an anchor of this page."""
        if target is None:
            return Markup("#" + quote(anchor))
        self.targets.append(target.src if isinstance(target, paths.SitePath) else target)
        return Markup(quote(paths.source_link(self.page, target, anchor), safe="/#"))

    def a(self, text: object, target: paths.SitePath | str | None, anchor: str = "", classes: str = "") -> Markup:
        """A Markdown link `[text](../target/index.md#anchor){ .class }`, for a markdown="span" element."""
        attrs = "{: " + " ".join("." + c for c in classes.split()) + " }" if classes else ""
        return Markup("[{}]({}){}").format(md_text(text), self.link(target, anchor), Markup(attrs))

    def file(self, site_path: str) -> Markup:
        """A raw-HTML link to a file the generator does not see (a PDF next to the page)."""
        return Markup(quote(paths.file_link(self.page, site_path), safe="/#"))


def _plain_og(og: object) -> bool:
    """The link-preview metadata: exactly the OG keys, each one line of plain text."""
    return (isinstance(og, dict) and set(og) == OG_KEYS
            and all(isinstance(v, str) and plain_line(v) == v for v in og.values()))


def with_og(text: str, og: dict[str, str]) -> str:
    """The page with its link-preview metadata added to the front matter, written by the YAML dumper."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return text
    dumped = dump_quoted({"og": og})
    end = match.end(1)
    return text[:end] + dumped + text[end:]


def _title_of(text: str) -> str:
    match = FRONT_MATTER_RE.match(text)
    data = yaml.load(match.group(1), Loader=yaml.CSafeLoader) if match else None
    return str(data.get("title", "")) if isinstance(data, dict) else ""


PageJob = tuple[paths.SitePath, str, "dict[str, str] | None", "str | None", dict[str, object]]
MIN_PAGES_PER_WORKER = 200  # below this a forked worker costs more than it saves
# The slowest pages to render go first (a criterion's page lists every school's row: ~24 ms, a plan ~7 ms,
# most others ~1 ms), so the workers end together instead of one rendering the criteria alone at the end.
RENDER_FIRST = {"criterion.md.j2": 0, "dashboard.md.j2": 0, "plan.md.j2": 1, "plan-2026.md.j2": 1}


class Renderer:
    """Renders each page template with link helpers bound to the page's own source path.

    Deferred (defer=True): page() returns an empty Page and finish() renders them all, on several
    processes forked from this one when there are many (the views and the project are shared, not copied)."""

    def __init__(self, site: Site, *, defer: bool = False, memo: PageMemo | None = None) -> None:
        self.site = site
        self.env = _environment()
        self.pending: list[tuple[Page, PageJob, str | None]] | None = [] if defer else None
        self.memo = memo
        self._base: str | None = None  # project_digest, for key()

    def key(self, template: str, src: str, doc: PlanDoc, transparency: Transparency) -> str | None:
        """A plan's page's reuse key (web.reuse.page_key); None without a memo. The project's part is computed once."""
        if self.memo is None:
            return None
        if self._base is None:
            self._base = project_digest(self.site.project, self.site.site_url, transparency.repo_url)
        return page_key(self._base, template, src, doc, self.site.project.plans_of(doc.school.slug))

    def page(self, page: paths.SitePath, template: str, *, og: dict[str, str] | None = None,
             og_image: str | None = None, key: str | None = None, **context: object) -> Page:
        """key (web.reuse.page_key, reusable templates only): the page is taken from the last build when its
        key is the same (finish, with a memo and a docs_dir)."""
        if self.pending is None:
            return self.render(page, template, og, og_image, context)
        placeholder = Page(page.src, "")
        self.pending.append((placeholder, (page, template, og, og_image, context), key))
        return placeholder

    def finish(self, workers: int, min_per_worker: int = MIN_PAGES_PER_WORKER, docs_dir: Path | None = None) -> None:
        """Render every deferred page into its placeholder (the same text whatever the number of workers).
        docs_dir: each page is written there as it is rendered and its placeholder keeps no text (a worker
        then sends back only the page's links, and no process holds every page at once)."""
        pending = self._reused(self.pending or [], docs_dir)
        self.pending = None

        def render(job: PageJob) -> Page:
            page = self.render(*job)
            if docs_dir is not None:
                write_pages([page], docs_dir)
                page.text = ""
            return page

        order = sorted(range(len(pending)), key=lambda i: RENDER_FIRST.get(pending[i][1][1], len(RENDER_FIRST)))
        results = fork_map(render, [pending[i][1] for i in order], min_per_worker=min_per_worker, workers=workers)
        for i, result in zip(order, results, strict=True):
            placeholder, _job, key = pending[i]
            placeholder.text, placeholder.links = result.text, result.links
            if self.memo is not None and key is not None:
                self.memo.record(placeholder.path, key, result.links)

    def _reused(self, pending: list[tuple[Page, PageJob, str | None]],
                docs_dir: Path | None) -> list[tuple[Page, PageJob, str | None]]:
        """The pending pages to render: those the memo cannot give from the last build (their links filled)."""
        if self.memo is None or docs_dir is None:
            return pending
        left = []
        for placeholder, job, key in pending:
            links = self.memo.reuse(placeholder.path, key, docs_dir) if key is not None else None
            if links is None:
                left.append((placeholder, job, key))
            else:
                placeholder.links = links
        return left

    def render(self, page: paths.SitePath, template: str, og: dict[str, str] | None, og_image: str | None,
               context: dict[str, object]) -> Page:
        links = PageLinks(page)
        site = {} if template in REUSABLE else {"site": self.site}  # a reusable page reads only its own context
        text = nfc(block_spaces(_compact(self.env.get_template(template).render(
            **site, a=links.a, link=links.link, file_link=links.file, **context))))
        if og is None:
            og = page_og(self.site.site_url, page.url, _title_of(text), og_image)
        text = with_og(text, {key: nfc(value) for key, value in og.items()})
        result = Page(page.src, add_folded_words(visible_controls(text)), links.targets)
        front_matter(result)
        return result


def _compact(text: str) -> str:
    """Drop blank lines inside raw HTML blocks so Markdown keeps each block whole."""
    head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    lines = [line for line in body.split("\n") if line.strip()]
    return head + sep + "\n".join(lines) + "\n"


BLOCK_END = re.compile(
    r"(</(?:p|li|dt|dd|td|th|tr|h[1-6]|div|section|article|ul|ol|dl|table|thead|tbody|caption|nav|summary"
    r"|details)>|</span>(?=<(?:span|h[1-6]|p|nav|div)\b)|<br>)(?=[^\n])"
)


def block_spaces(text: str) -> str:
    """A line break after each block's end, so the search index never runs two blocks' words together
    (“PHỦĐịa chỉ”): Pagefind joins adjacent elements' text as written, browsers lay blocks out apart."""
    return BLOCK_END.sub(lambda m: m.group(1) + "\n", text)


WORD = re.compile(r"\w+")  # linear: "\w*[đĐ]\w*" retried from every letter of a long word (quadratic)
TAG = re.compile(r"<[^<>]*>")


WEIGHTED = re.compile(r'<(\w+)[^>]*\bdata-pagefind-weight="([\d.]+)"[^>]*>(.*?)</\1>', re.DOTALL)


def _d_words(html_text: str) -> set[str]:
    plain = TAG.sub(" ", html_text)
    return {w.replace("đ", "d").replace("Đ", "D") for w in WORD.findall(plain) if "đ" in w or "Đ" in w}


def add_folded_words(text: str) -> str:
    """Let "dam bao" find "đảm bảo": Pagefind folds accents but keeps đ, so index each đ-word once more with d.

    The words go in hidden blocks at the end of the indexed part of the page; readers never see them.
    Words of a weighted element (a school's name, its place: “Điện Biên Phủ”) keep their weight, so
    “dien bien phu” ranks the school as high as “điện biên phủ” does; the rest get a low weight.
    """
    marker = "data-pagefind-body"
    if marker not in text:
        return text
    indexed = text[text.index(marker):]
    weighted: dict[str, set[str]] = defaultdict(set)
    for _tag, weight, inner in WEIGHTED.findall(indexed):
        weighted[weight] |= _d_words(inner)
    rest = _d_words(indexed) - set().union(*weighted.values())
    blocks = [(weight, words) for weight, words in sorted(weighted.items()) if words]
    blocks += [("0.1", rest)] if rest else []
    if not blocks:
        return text
    html_blocks = "".join(f'<div class="kh-fold" hidden aria-hidden="true" data-pagefind-weight="{weight}">'
                          f'{" ".join(sorted(words))}</div>\n' for weight, words in blocks)
    end = text.rstrip().rfind("</div>")
    return text[:end] + html_blocks + text[end:]


def render_pages(project: Project, site_url: str, transparency: Transparency | None = None, *,
                 workers: int | None = None, min_per_worker: int = MIN_PAGES_PER_WORKER,
                 docs_dir: Path | None = None, memo: PageMemo | None = None) -> list[Page]:
    """Every generated page; transparency (dates, history, compliance) is computed here when not given.
    workers: processes that render the pages (default: every core), when there are enough pages.
    docs_dir: write each page there as it is rendered; the pages returned then carry their links, not their text.
    memo (with docs_dir): plans' pages whose inputs did not change are taken from the last build (web.reuse)."""
    transparency = transparency or build_transparency(project, None)
    site = Site.from_project(project, site_url)
    r = Renderer(site, defer=True, memo=memo)
    pages = _all_pages(r, project, transparency)
    r.finish(workers or os.cpu_count() or 1, min_per_worker, docs_dir)
    return pages


def _all_pages(r: Renderer, project: Project, transparency: Transparency) -> list[Page]:
    site = r.site
    catalogue = project.catalogue
    pages = [
        r.page(paths.home(), "home.md.j2", disclosure=catalogue.disclosure, documents=catalogue.documents),
        r.page(paths.about_page(), "about.md.j2", disclosure=catalogue.disclosure, documents=catalogue.documents),
        r.page(paths.search_page(), "search.md.j2"),
        r.page(paths.legal_page(), "legal.md.j2", documents=sorted(catalogue.documents.values(), key=_doc_key),
               rules=rules_by_document(catalogue)),
        r.page(paths.schools_index(), "schools.md.j2"),
        r.page(paths.years_index(), "years.md.j2"),
        r.page(paths.criteria_index(), "frameworks.md.j2"),
    ]
    for info in site.schools.values():
        pages.append(r.page(info.page, "school.md.j2", info=info, og_image=paths.school_card(info.doc.slug),
                            **school_context(info.doc.slug, info.plans)))
    for doc in project.plans:
        view = site.views[doc.rel]
        template = plan_template(view)
        pages.append(r.page(plan_page(doc), template, view=view, og=plan_og(site.site_url, view),
                            key=r.key(template, plan_page(doc).src, doc, transparency),
                            info=site.schools[doc.school.slug],
                            pdf=paths.plan_pdf(doc.school.slug, doc.year),
                            year_page=paths.year_page(doc.year),
                            framework_page=paths.framework_page(doc.framework.id),
                            **plan_context(doc, transparency)))
    pages.extend(transparency_pages(r, transparency))
    pages.extend(_example_pages(r, project))
    for year in site.years:
        plans = sorted((d for d in project.plans if d.year == year), key=lambda d: d.school.display_name)
        pages.append(r.page(paths.year_page(year), "year.md.j2", year=year, plans=plans))
    for framework in catalogue.frameworks.values():
        pages.append(r.page(paths.framework_page(framework.id), "framework.md.j2", framework=framework))
        for standard in framework.standards:
            for criterion in standard.criteria:
                uses = site.uses.get((framework.id, criterion.id), [])
                pages.append(r.page(criterion_page(framework.id, criterion.id), "criterion.md.j2",
                                    framework=framework, standard=standard, criterion=criterion, uses=uses))
    return pages


def transparency_pages(r: Renderer, transparency: Transparency) -> list[Page]:
    """Each plan's history page, each school's Công khai page, the dashboard and the open-data index."""
    site, district = r.site, transparency.district
    pages_of = page_maps(site.project.plans, list(site.schools))
    pages = []
    for doc in site.project.plans:
        changes = transparency.changes.get(doc.rel, [])
        history_page = paths.plan_history_page(doc.school.slug, doc.year)
        pages.append(r.page(history_page, "history.md.j2",
                            key=r.key("history.md.j2", history_page.src, doc, transparency), view=site.views[doc.rel],
                            disc=transparency.plan(doc), changes=changes,
                            has_links=any(c.url for c in changes), shallow=district.shallow,
                            plan_page_path=plan_page(doc), school_page=paths.school_page(doc.school.slug)))
    for school in district.schools:
        pages.append(r.page(paths.school_disclosure_page(school.school.slug), "school_disclosure.md.j2",
                            school=school, district=district, school_page=paths.school_page(school.school.slug),
                            **pages_of))
    pages.append(r.page(paths.dashboard_page(), "dashboard.md.j2", district=district, state_rank=STATE_RANK,
                        progress_blocks=progress_blocks(transparency), **pages_of))
    pages.append(r.page(paths.open_data_page(), "opendata.md.j2", today=district.today,
                        plans=len(site.project.plans), schools=len(site.project.schools),
                        entries=sum(len(d.plan.entries) for d in site.project.plans)))
    return pages


def _example_pages(r: Renderer, project: Project) -> list[Page]:
    """The guide's example plans (examples/): pages under the guides, outside every list of schools."""
    pages = []
    for doc in project.examples:
        view = plan_view(doc, project.catalogue.documents)
        pages.append(r.page(plan_page(doc), "plan-2026.md.j2", view=view, og=plan_og(r.site.site_url, view),
                            info=None, pdf=paths.plan_pdf(doc.school.slug, doc.year, example=True),
                            year_page=None, framework_page=paths.framework_page(doc.framework.id)))
    return pages


def _doc_key(document: object) -> tuple[str, str]:
    date = getattr(document, "date", None)
    return (date.isoformat() if date else "0000", getattr(document, "id", ""))


def write_pages(pages: list[Page], docs_dir: Path) -> None:
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")


def check_links(pages: list[Page], docs_dir: Path) -> None:
    """Every docs file a generated page links to exists: else a BuildError naming the page and the target.

    Run on the finished docs/ tree (generated pages, hand-written docs, assets, schemas), before the
    generator, which checks the same links again (and any a template writes by hand).
    """
    missing = [(page, target) for page in pages for target in dict.fromkeys(page.links)
               if not (docs_dir / target).is_file()]
    if missing:
        lines = [f"- trang {page.path} (/{page.url}) liên kết tới {target}" for page, target in missing[:20]]
        more = f"\n… và {len(missing) - 20} liên kết khác." if len(missing) > 20 else ""
        raise BuildError(f"{len(missing)} liên kết trỏ tới trang không tồn tại:\n" + "\n".join(lines) + more
                         + "\nSửa mẫu trang trong site_builder/web/templates/ hoặc site_builder/paths.py.")
