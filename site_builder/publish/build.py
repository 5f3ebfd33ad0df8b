"""Build orchestration: plans/ + catalogue/ + docs/ -> build/docs (Markdown) -> site/ (HTML, PDF, search index).

The steps are plain files and subprocesses, not MkDocs plugins:
1. validate the project (a plan with errors stops the build);
2. copy docs/ into <build>/docs and generate the pages there (web.py);
3. write the JSON Schema and the field reference;
4. write the generator's config (the project's mkdocs.yml with docs_dir, site_dir, nav, the theme override
   and the Content-Security-Policy filled in) and run the generator in strict mode: MkDocs by default
   (<build>/mkdocs.yml; a large site on one MkDocs process a core, each rendering its share), or Zensical
   (<build>/zensical.yml; generators.py);
5. render the PDFs next to the plan pages (pdf package; a broken PDF install fails the build);
6. index the site with Pagefind;
7. audit every built page (audit.py: no script of anyone else's, no javascript: link, a CSP on each);
8. publish: swap the staged site in for site/ (stage.py).
Steps 4-7 write into a staged folder beside site/, under a lock; site/ changes only at step 8, in one
rename, and a failure anywhere leaves it as it was, with a message that names the stage (and the plan
when one is to blame).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import posixpath
import shutil
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ruamel.yaml import YAML

from .. import paths
from ..cards.render import CardBuild, draw_cards, place_cards
from ..check.assemble import load_project
from ..config import repo_url as configured_repo_url
from ..config import site_generator as configured_generator
from ..config import site_url as configured_site_url
from ..errors import BuildError
from ..model.project import Project
from ..opendata.writers import write_open_data
from ..parallel import fork_call
from ..pdf.render import PdfBuild, build_pdfs
from ..present.sanitize import load_markdown_memo, save_markdown_memo
from ..present.transparency import Transparency, build_transparency
from ..runtime import fewer_collections
from ..web.fieldref import write_field_reference
from ..web.pages import check_links, render_pages
from ..web.reuse import PageMemo
from ..web.security import CSP, STATIC_DIR, THEME_DIR
from .audit import require_safe_site
from .generators import (
    GENERATOR_NAMES,
    check_generator,
    ensure_sitemap,
    mkdocs_shards,
    run_generator,
    write_config,
)
from .incremental import KEPT_SITE, Sync, fingerprint, remember, reuse_previous, sync_tree
from .progress import Progress
from .search import SearchIndex, index_site
from .stage import LOCK_WAIT_SECONDS, Staging, exclusive

SHALLOW_WARNING = ("cảnh báo: bản sao git chỉ có một phần lịch sử (shallow clone); ngày đăng và lịch sử thay đổi "
                   "sẽ không chính xác. Chạy “git fetch --unshallow”.")
ERROR_LOG = "build-error.log"  # in the build directory: the traceback behind a failed stage
MARKDOWN_MEMO = "markdown-memo.json"  # in the build directory: the schools' Markdown as HTML (present.sanitize)
PAGES_MEMO = "pages-memo.json"  # in the build directory: the key of each plan's pages in build/docs (web.reuse)
BASE_NAV: list[dict[str, str]] = [
    {"Trang chủ": paths.home().src},
    {"Trường": paths.schools_index().src},
    {"Năm học": paths.years_index().src},
    {"Tiêu chí": paths.criteria_index().src},
    {"Công khai": paths.dashboard_page().src},
    {"Dữ liệu mở": paths.open_data_page().src},
    {"Văn bản pháp lý": paths.legal_page().src},
    {"Giới thiệu": paths.about_page().src},
    {"Tìm kiếm": paths.search_page().src},
]


@dataclass
class BuildReport:
    """What a build did, returned to the caller (no module globals): pages, PDFs, logs, time."""

    site_dir: Path
    docs_dir: Path
    pages: int
    pdf: PdfBuild | None = None
    cards: CardBuild | None = None
    mkdocs_log: str = ""  # the generator's log (MkDocs or Zensical)
    seconds: float = 0.0
    dirty: bool = False  # MkDocs rendered only the changed pages into a copy of the published site
    docs_written: int = 0  # generated files whose bytes changed (the others kept their modification time)
    docs_reused: int = 0  # plans' pages taken from the last build without rendering (web.reuse)
    search: SearchIndex | None = None  # the Pagefind parts indexed and reused
    generator: str = "mkdocs"
    shards: int = 1  # MkDocs processes that built the site together (generators.run_mkdocs_shards)

    @property
    def pdfs(self) -> dict[str, Path]:
        return dict(self.pdf.paths) if self.pdf else {}


def build_site(
    root: Path,
    build_dir: Path | None = None,
    site_dir: Path | None = None,
    *,
    pdf: bool = True,
    search: bool = True,
    site_url: str | None = None,
    progress: Progress | None = None,
    lock_timeout: float = LOCK_WAIT_SECONDS,
    generator: str | None = None,
) -> BuildReport:
    """Build the whole site into a staged folder and publish it as site_dir; a BuildError leaves site_dir as it was."""
    started = time.monotonic()
    generator = check_generator(generator or configured_generator())
    progress = progress or Progress(quiet=True)
    root = root.resolve()
    build_dir = (build_dir or root / "build").resolve()
    site_dir = (site_dir or root / "site").resolve()
    url = site_url or configured_site_url(root)
    staging = Staging(site_dir)
    staging.preflight()
    with fewer_collections(), exclusive(staging.lock, timeout=lock_timeout, on_wait=progress.note), \
            exclusive(Staging(build_dir).lock, timeout=lock_timeout, on_wait=progress.note):
        staging.clear_leftovers()
        try:
            report, current = _build_staged(root, build_dir, staging, url, pdf=pdf, search=search,
                                            progress=progress, generator=generator)
            with _stage(progress, "Xuất bản", build_dir, site_dir):
                shutil.rmtree(build_dir / KEPT_SITE, ignore_errors=True)  # kept below only if this publish moves it
                warning = staging.publish(keep=build_dir / KEPT_SITE if report.dirty else None)
                remember(build_dir, current, kept=report.dirty, published=site_dir)
            if warning:
                progress.note(warning)
        except BaseException:
            staging.discard()
            raise
    progress.close()
    report.site_dir = site_dir
    if report.pdf:
        report.pdf.paths = {rel: site_dir / path.relative_to(staging.new) for rel, path in report.pdf.paths.items()}
    report.seconds = time.monotonic() - started
    return report


def _build_staged(root: Path, build_dir: Path, staging: Staging, url: str, *, pdf: bool, search: bool,
                  progress: Progress, generator: str) -> tuple[BuildReport, str]:
    """Steps 1-7, writing the site into the staged folder; also the fingerprint of what was built."""
    site_dir, out = staging.site_dir, staging.new
    with _stage(progress, "Kiểm tra kế hoạch", build_dir, site_dir):
        project = load_project(root)
    if project.errors:
        raise BuildError(f"{len(project.errors)} lỗi trong kế hoạch; chạy `site-builder check` để xem chi tiết.")
    if project.history.shallow:
        progress.note(SHALLOW_WARNING)
    # the link cards are drawn into their cache on a forked process while the pages are generated and the
    # generator runs: it uses the core this process leaves idle in its sequential steps
    cards = fork_call(partial(draw_cards, project, cores=1))
    with _stage(progress, "Tạo các trang", build_dir, site_dir, total=len(project.plans)):
        docs_dir, sync = generate_docs(project, root, build_dir, url)
        config = write_site_config(generator, root, build_dir, docs_dir, out, url)
        current = fingerprint(config, THEME_DIR, docs_dir, guide_pages(docs_dir), generator)
        release_memory()  # the generated pages are written: give their memory back before MkDocs and Pagefind run
    report = BuildReport(out, docs_dir, pages=sum(1 for _ in docs_dir.rglob("*.md")), docs_written=len(sync.written),
                         docs_reused=sync.reused, generator=generator)
    name = GENERATOR_NAMES[generator]
    with _stage(progress, name, build_dir, site_dir, label=f"{name}: {report.pages} trang"):
        report.dirty = generator == "mkdocs" and reuse_previous(site_dir, out, build_dir, current, sync)
        since = time.time()
        report.shards = 1 if report.dirty else mkdocs_shards(report.pages)
        report.mkdocs_log = run_generator(generator, config, out, dirty=report.dirty, shards=report.shards)
        ensure_sitemap(out, url)
        copy_sitemap_beside_feed(out)
    with _stage(progress, "Ảnh xem trước liên kết", build_dir, site_dir):
        report.cards = place_cards(cards.result(), out)
    if pdf:
        with _stage(progress, "Bản PDF", build_dir, site_dir, total=len(project.plans) + len(project.examples)):
            report.pdf = build_pdfs(project, out, url, on_done=lambda _rel: progress.advance())
    if search:
        with _stage(progress, "Chỉ mục tìm kiếm (Pagefind)", build_dir, site_dir):
            report.search = index_site(pagefind_binary(root), out, len(project.plans) + len(project.examples),
                                       published=site_dir if report.dirty else None,
                                       since=since if report.dirty else None)
    with _stage(progress, "Kiểm tra an toàn", build_dir, site_dir):
        require_safe_site(out, url, since=since if report.dirty else None)
    return report, current


@contextlib.contextmanager
def _stage(progress: Progress, name: str, build_dir: Path, site_dir: Path, *, total: int = 0,
           label: str | None = None) -> Iterator[None]:
    """One step of the build: shown in the progress; any failure in it becomes a BuildError that names it.

    An unexpected exception (a bug, a crash in a library) keeps its traceback in <build>/build-error.log
    for developers; the user sees one Vietnamese message, never a traceback."""
    progress.stage(label or name, total=total)
    kept = f"Trang đang công khai ({site_dir}) được giữ nguyên."
    try:
        yield
    except BuildError as err:
        raise BuildError(f"Bước “{name}” thất bại: {err}\n{kept}") from err
    except Exception as err:
        log = _keep_traceback(build_dir)
        raise BuildError(f"Bước “{name}” thất bại: {type(err).__name__}: {err}\n{kept}{log}") from err


def release_memory() -> None:
    """Collect garbage and return freed heap pages to the system (glibc malloc_trim): at 1,000 plans the
    process keeps ~200 MB of written pages otherwise, on top of MkDocs' and Pagefind's own peaks."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _keep_traceback(build_dir: Path) -> str:
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        (build_dir / ERROR_LOG).write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        return ""
    return f"\nChi tiết cho người bảo trì: {build_dir / ERROR_LOG}."


def prepare_docs(project: Project, root: Path, build_dir: Path, url: str,
                 transparency: Transparency | None = None) -> Path:
    """Fill <build>/docs: hand-written docs, generated pages, static assets, schema, field reference, open data."""
    return generate_docs(project, root, build_dir, url, transparency)[0]


def generate_docs(project: Project, root: Path, build_dir: Path, url: str,
                  transparency: Transparency | None = None) -> tuple[Path, Sync]:
    """prepare_docs, written into a fresh folder and synced into <build>/docs: unchanged files keep their
    modification time (what MkDocs --dirty compares), changed ones are rewritten, stale ones removed."""
    fresh = build_dir / ".docs.new"
    if fresh.exists():
        shutil.rmtree(fresh)
    docs_dir = build_dir / "docs"
    load_markdown_memo(build_dir / MARKDOWN_MEMO)
    memo = PageMemo.load(build_dir / PAGES_MEMO, docs_dir)
    _write_docs(project, root, fresh, url, transparency, memo)
    save_markdown_memo(build_dir / MARKDOWN_MEMO)
    (build_dir / PAGES_MEMO).unlink(missing_ok=True)  # docs/ and the memo must never disagree, even if killed here
    sync = sync_tree(fresh, docs_dir)
    sync.reused = memo.reused
    memo.save()
    shutil.rmtree(fresh)
    return docs_dir, sync


def _write_docs(project: Project, root: Path, docs_dir: Path, url: str, transparency: Transparency | None,
                memo: PageMemo | None = None) -> None:
    transparency = transparency or build_transparency(project, configured_repo_url(root))
    source_docs = root / "docs"
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    pages = render_pages(project, url, transparency, docs_dir=docs_dir, memo=memo)  # written as they are rendered
    shutil.copytree(STATIC_DIR, docs_dir / paths.ASSETS_DIR, dirs_exist_ok=True)
    write_field_reference(docs_dir)  # the field reference page and the JSON Schemas
    write_open_data(project, transparency, docs_dir, url, site_name(root))
    check_links(pages, docs_dir)


def copy_sitemap_beside_feed(site_dir: Path) -> None:
    """Material's theme fetches sitemap.xml beside every <link rel="alternate"> it finds (for its language
    switcher); the feed link is one, so a copy of the sitemap sits beside the feed instead of a 404."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        shutil.copy2(sitemap, site_dir / posixpath.dirname(paths.FEED) / "sitemap.xml")


def site_name(root: Path) -> str:
    source = root / "mkdocs.yml"
    config = YAML(typ="rt").load(source.read_text(encoding="utf-8")) if source.exists() else {}
    return str((config or {}).get("site_name") or "Kế hoạch cải tiến chất lượng giáo dục")


def guide_pages(docs_dir: Path) -> list[Path]:
    """The guide pages in the navigation (their titles are in every page's menu): index first, then by name."""
    folder = docs_dir / paths.GUIDES
    if not folder.is_dir():
        return []
    return sorted(folder.rglob("*.md"), key=lambda p: (p.name != "index.md", str(p)))


def guide_nav(docs_dir: Path) -> list[dict[str, object]]:
    """The guides section, when docs/huong-dan exists: index first, then the other pages by name."""
    entries = [p.relative_to(docs_dir).as_posix() for p in guide_pages(docs_dir)]
    return [{"Hướng dẫn": entries}] if entries else []


def write_site_config(generator: str, root: Path, build_dir: Path, docs_dir: Path, site_dir: Path, url: str) -> Path:
    """The generator's config in build_dir: the project's settings plus paths, nav, the theme override
    (CSP, no inline scripts) and the policy itself (generators.write_config adds what each generator needs)."""
    extra = {"csp": CSP, "feed": paths.FEED,  # the Atom feed linked from every page (theme/main.html)
             "feed_title": f"{site_name(root)}: kế hoạch mới và cập nhật"}
    return write_config(generator, root, build_dir, docs_dir, site_dir, url, [*BASE_NAV, *guide_nav(docs_dir)],
                        custom_dir=THEME_DIR, extra=extra)


def pagefind_binary(root: Path) -> Path:
    for base in (root, Path(__file__).resolve().parent.parent):
        candidate = base / "node_modules" / ".bin" / "pagefind"
        if candidate.exists():
            return candidate
    found = shutil.which("pagefind")
    if found:
        return Path(found)
    raise BuildError("Không tìm thấy Pagefind (node_modules/.bin/pagefind); chạy `make deps`.")
