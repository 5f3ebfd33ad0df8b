"""Check's limits protect the build: a plan at every limit at once passes check and builds.

The plan (tests/fixtures/hostile/at_limits.py) nests lists, quotes, HTML and emphasis as deep
as check allows, has the longest word, field and list, the most "[" in a paragraph and the
most table rows. The real build (MkDocs, WeasyPrint, Pagefind) must finish, and what the
school wrote must be in the page and in the PDF, read back with pdftotext.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_builder.check.assemble import load_project
from site_builder.diagnostics import Severity
from site_builder.pdf import render
from site_builder.publish.build import build_site
from tests.conftest import copy_repo
from tests.fixtures.hostile import at_limits

PLAN = Path("plans") / "th-quang-trung" / "2024-2025.md"
PAGE = Path("truong") / "th-quang-trung" / "2024-2025" / "index.html"


@pytest.fixture(scope="module")
def at_limit_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("at-limits") / "repo")
    plan = root / PLAN
    plan.write_text(at_limits.apply(plan.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def test_the_plan_at_every_limit_passes_check(at_limit_root: Path) -> None:
    project = load_project(at_limit_root)
    assert [f for f in project.findings if f.severity is Severity.error] == []
    assert PLAN.as_posix() in {doc.rel for doc in project.plans}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_plan_at_every_limit_builds_its_page_and_pdf(at_limit_root: Path, tmp_path: Path) -> None:
    last_row = (at_limit_root / PLAN).read_text(encoding="utf-8").rstrip().rsplit("| ", 1)[1].rstrip(" |")
    assert last_row.startswith("dòng 4")
    result = build_site(at_limit_root, tmp_path / "build", tmp_path / "site", pdf=True)
    page = (result.site_dir / PAGE).read_text(encoding="utf-8")
    assert "Phụ lục: nội dung ở giới hạn kiểm tra" in page
    assert "<strong><em>" in page and last_row in page
    pdf = next(path for rel, path in result.pdfs.items() if rel == PLAN.as_posix())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())  # the deepest items wrap in a narrow column
    assert "cấp 5" in words and "sâu" in words and "trích dẫn lồng nhau" in words and last_row in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_text_of_the_plan_at_every_limit_runs_off_the_pdf_page(at_limit_root: Path, tmp_path: Path) -> None:
    """The longest word check allows (in body text, a table cell, a heading) wraps inside the page."""
    import pdfplumber

    project = load_project(at_limit_root)
    built = render.build_pdfs(project, tmp_path / "out", "https://example.vn/", jobs=1, cache_dir=None)
    pdf = built.paths[PLAN.as_posix()]
    with pdfplumber.open(pdf) as document:
        outside = [(page.page_number, c["text"]) for page in document.pages for c in page.chars
                   if c["x0"] < 0 or c["x1"] > page.width or c["top"] < 0 or c["bottom"] > page.height]
        text = "".join(c["text"] for page in document.pages for c in page.chars)
    assert outside == []
    assert at_limits.LONGEST_WORD in text
