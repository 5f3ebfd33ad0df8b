"""Build orchestration: plans/ + catalogue/ + docs/ -> build/docs (Markdown) -> site/ (HTML, PDF, search index).

The steps are plain files and subprocesses, not MkDocs plugins:
1. validate the project (a plan with errors stops the build);
2. copy docs/ into <build>/docs and generate the pages there (web.py);
3. write the JSON Schema and the field reference;
4. write the generator's config (the project's mkdocs.yml with docs_dir, site_dir and nav filled in)
   and run the generator in strict mode: MkDocs by default, or Zensical (generators.py);
5. render the PDFs next to the plan pages (pdf package; a broken PDF install fails the build);
6. index the site with Pagefind.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..check.assemble import load_project
from ..config import site_generator as configured_generator
from ..config import site_url as configured_site_url
from ..errors import BuildError
from ..model.project import Project
from ..pdf.render import PdfBuild, build_pdfs
from ..web.fieldref import write_field_reference
from ..web.pages import check_links, render_pages, write_pages
from .generators import check_generator, ensure_sitemap, run_generator, write_config
from .progress import Progress

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
BASE_NAV: list[dict[str, str]] = [
    {"Trang chủ": paths.home().src},
    {"Trường": paths.schools_index().src},
    {"Năm học": paths.years_index().src},
    {"Tiêu chí": paths.criteria_index().src},
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
    mkdocs_log: str = ""  # the generator's log (MkDocs or Zensical)
    generator: str = "mkdocs"
    seconds: float = 0.0

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
    generator: str | None = None,
) -> BuildReport:
    started = time.monotonic()
    generator = check_generator(generator or configured_generator())
    progress = progress or Progress(quiet=True)
    root = root.resolve()
    build_dir = (build_dir or root / "build").resolve()
    site_dir = (site_dir or root / "site").resolve()
    url = site_url or configured_site_url(root)
    progress.stage("Kiểm tra kế hoạch")
    project = load_project(root)
    if project.errors:
        raise BuildError(f"{len(project.errors)} lỗi trong kế hoạch; chạy `site-builder check` để xem chi tiết.")
    progress.stage("Tạo các trang", total=len(project.plans))
    docs_dir = prepare_docs(project, root, build_dir, url)
    config = write_config(generator, root, build_dir, docs_dir, site_dir, url, [*BASE_NAV, *guide_nav(docs_dir)])
    report = BuildReport(site_dir, docs_dir, pages=sum(1 for _ in docs_dir.rglob("*.md")), generator=generator)
    progress.stage(f"{generator}: {report.pages} trang")
    report.mkdocs_log = run_generator(generator, config, site_dir)
    ensure_sitemap(site_dir, url)
    if pdf:
        progress.stage("Bản PDF", total=len(project.plans))
        report.pdf = build_pdfs(project, site_dir, url, on_done=lambda _rel: progress.advance())
    if search:
        progress.stage("Chỉ mục tìm kiếm (Pagefind)")
        run_pagefind(root, site_dir)
    progress.close()
    report.seconds = time.monotonic() - started
    return report


def prepare_docs(project: Project, root: Path, build_dir: Path, url: str) -> Path:
    """Fill <build>/docs: hand-written docs, generated pages, static assets, schema, field reference."""
    docs_dir = build_dir / "docs"
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    source_docs = root / "docs"
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    pages = render_pages(project, url)
    write_pages(pages, docs_dir)
    shutil.copytree(STATIC_DIR, docs_dir / paths.ASSETS_DIR, dirs_exist_ok=True)
    write_field_reference(docs_dir)  # the field reference page and the JSON Schemas
    check_links(pages, docs_dir)
    return docs_dir


def guide_nav(docs_dir: Path) -> list[dict[str, object]]:
    """The guides section, when docs/huong-dan exists: index first, then the other pages by name."""
    folder = docs_dir / paths.GUIDES
    if not folder.is_dir():
        return []
    pages = sorted(folder.rglob("*.md"), key=lambda p: (p.name != "index.md", str(p)))
    entries = [p.relative_to(docs_dir).as_posix() for p in pages]
    return [{"Hướng dẫn": entries}] if entries else []


def pagefind_binary(root: Path) -> Path:
    for base in (root, Path(__file__).resolve().parent.parent):
        candidate = base / "node_modules" / ".bin" / "pagefind"
        if candidate.exists():
            return candidate
    found = shutil.which("pagefind")
    if found:
        return Path(found)
    raise BuildError("Không tìm thấy Pagefind (node_modules/.bin/pagefind); chạy `make deps`.")


def run_pagefind(root: Path, site_dir: Path) -> None:
    command = [str(pagefind_binary(root)), "--site", str(site_dir), "--force-language", "vi"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"Pagefind thất bại:\n{done.stdout}{done.stderr}")
