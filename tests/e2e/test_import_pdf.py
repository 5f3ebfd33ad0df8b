"""Importing text PDFs: WeasyPrint's own PDF of each example plan, read back with the PDF importer, gives the
same entries. Real WeasyPrint, real pdfplumber; every file under tmp_path_factory (xdist-safe)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.authoring.importers.pdf import PdfReader
from site_builder.authoring.importers.safety import Limits
from site_builder.authoring.importplan import import_plan, report
from site_builder.check.assemble import load_project
from site_builder.errors import DocumentImportError
from site_builder.pdf import render as pdf
from tests.authoring.importers.compare import ROOT, entry_diffs, plan_diffs

SITE_URL = "https://kiemdinh.example.vn/ke-hoach/"
SLUGS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())
# What a PDF cannot give back, each checked exactly (so the test fails if it grows or disappears):
KNOWN_LOSSES = {
    # two Han characters drawn with a fallback font whose glyphs pdfminer cannot map (pdftotext can: the
    # report names them, checked below)
    "mn-20-10-quan-1": {("5.3", "expected_result"): lambda s: s.replace("达标", " ")},
    # a line break inside a cell that falls exactly where the text would wrap anyway: a PDF cannot tell
    # the two apart, so the lines are joined with a space
    "mn-chua-ro-ten-a": {("5.4", "expected_result"): lambda s: s.replace("\n", " ")},
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("import-pdf")
    root = base / "repo"
    for name in ("plans", "catalogue"):
        shutil.copytree(ROOT / name, root / name)
    project = load_project(root)
    build = pdf.build_pdfs(project, base / "out", SITE_URL, jobs=2, cache_dir=base / "cache")
    return {rel.split("/")[1]: path for rel, path in build.paths.items()}


def _repo(tmp_path: Path, slug: str) -> Path:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    shutil.copytree(ROOT / "plans" / slug, root / "plans" / slug)
    return root


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_of_each_plan_imports_to_the_same_entries(real_project, pdfs, tmp_path: Path, slug: str) -> None:
    example = next(d for d in real_project.plans if d.school.slug == slug)
    root = _repo(tmp_path, slug)
    result = import_plan(root, pdfs[slug], slug, force=True)
    project = load_project(root)
    assert not project.errors, [f.text for f in project.errors]
    imported = project.plans[0].plan
    diffs = entry_diffs(example.plan, imported, example.framework)
    expected = []
    for (criterion, field), change in KNOWN_LOSSES.get(slug, {}).items():
        written = getattr(next(e for e in example.plan.entries if e.criterion == criterion), field)
        expected.append(f"{criterion}.{field}: {written!r} != {change(written)!r}")
    assert diffs == expected
    if slug == "mn-20-10-quan-1":
        assert "标 (U+6807), 达 (U+8FBE)" in report(result, root)  # the loss is reported
    assert plan_diffs(example.plan, imported) == []
    # A heading lost in the source is printed as the default heading (with a note): that is what comes back.
    assert [(c.field, c.heading) for c in imported.table.columns] == \
        [(c.field, c.heading) for c in example.plan.table.columns]


def test_page_furniture_is_left_out_and_said(pdfs) -> None:
    source = PdfReader(pdfs["th-quang-trung"]).read()
    assert any("số trang" in s for s in source.skipped)
    assert any("Bản điện tử" in s for s in source.skipped)
    texts = [getattr(b, "text", "") for b in source.blocks]
    assert not any("· Mã kiểm tra SHA-256" in t for t in texts)  # the running footer line of every page
    assert not any(t.strip().isdigit() for t in texts)  # page numbers


def test_page_limit(pdfs) -> None:
    with pytest.raises(DocumentImportError, match="vượt giới hạn 2 trang"):
        PdfReader(pdfs["mn-chua-ro-ten-a"], Limits(pdf_pages=2)).read()


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "scan.pdf"
    HTML(string="<svg width='200' height='100'><rect width='200' height='100'/></svg>").write_pdf(path)
    with pytest.raises(DocumentImportError, match="không có chữ"):
        PdfReader(path).read()
