"""The official PDFs (issue 4), checked from the PDFs themselves: real WeasyPrint, read back with
pdfplumber, pdftotext and pdffonts. Every build writes under tmp_path_factory (xdist-safe)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from site_builder import paths
from site_builder import typeface as typefaces
from site_builder.check.assemble import load_project
from site_builder.model.lost import Lost
from site_builder.model.project import PlanDoc, Project
from site_builder.pdf import fonts
from site_builder.pdf import render as pdf
from site_builder.present.view import plan_view

from .pdf_checklist import CHECKLIST, Line, Measured

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://kiemdinh.example.vn/ke-hoach/"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
A4 = (595.3, 841.9)
TOP_MARGIN_PT = 22 / 25.4 * 72

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@dataclass
class Built:
    root: Path
    project: Project
    out: Path
    cache: Path
    build: pdf.PdfBuild

    def pdf_of(self, doc: PlanDoc) -> Path:
        return self.build.paths[doc.rel]


def copy_inputs(target: Path) -> Path:
    for name in ("plans", "catalogue"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("pdf")
    root = copy_inputs(base / "repo")
    project = load_project(root)
    cache = base / "cache"
    build = pdf.build_pdfs(project, base / "out", SITE_URL, jobs=2, cache_dir=cache)
    return Built(root, project, base / "out", cache, build)


def doc_ids() -> list[str]:
    return sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())


@pytest.fixture(params=doc_ids())
def doc(request: pytest.FixtureRequest, built: Built) -> PlanDoc:
    return next(d for d in built.project.plans if d.school.slug == request.param)


def text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def flat(value: str) -> str:
    return " ".join(value.split())


def raw(path: Path) -> str:
    """pdftotext -raw: content-stream order, i.e. reading order (cell by cell in tables)."""
    return text(path, "-raw")


def pages_text(path: Path) -> list[str]:
    """Each page's text in reading order (pdftotext -raw), whitespace collapsed."""
    return [flat(page) for page in raw(path).split("\f")[:-1]]


# --------------------------------------------------------------------------- layout


def test_every_plan_has_its_pdf_where_the_web_page_links(built: Built) -> None:
    assert set(built.build.paths) == {d.rel for d in built.project.plans}
    for doc in built.project.plans:
        expected = built.out / paths.plan_page(doc.school.slug, doc.year).url / f"{doc.school.slug}-{doc.year}.pdf"
        assert built.build.paths[doc.rel] == expected
        assert expected.read_bytes().startswith(b"%PDF-")


def test_page_one_is_a4_portrait_and_table_pages_are_landscape(built: Built, doc: PlanDoc) -> None:
    ids = [f"Tiêu chí {row.criterion.id}." for g in plan_view(doc).groups for row in g.rows]
    with pdfplumber.open(built.pdf_of(doc)) as document:
        first = document.pages[0]
        assert first.width == pytest.approx(A4[0], abs=1) and first.height == pytest.approx(A4[1], abs=1)
        table_pages = [p for p in document.pages if any(i in (p.extract_text() or "") for i in ids)]
        assert table_pages
        for page in table_pages:
            assert page.width == pytest.approx(A4[1], abs=1) and page.height == pytest.approx(A4[0], abs=1)


def test_table_header_repeats_on_every_landscape_page(built: Built, doc: PlanDoc) -> None:
    headings = ["TT"] + [flat(h) for _, h in plan_view(doc).headings]
    with pdfplumber.open(built.pdf_of(doc)) as document:
        landscape = [p for p in document.pages if p.width > p.height]
        assert landscape
        for page in landscape:
            first_row = page.extract_tables()[0][0]
            assert [flat(c or "") for c in first_row] == headings, page.page_number


def test_every_font_is_embedded_and_the_text_is_the_document_typeface(built: Built, doc: PlanDoc) -> None:
    lines = subprocess.run(["pdffonts", str(built.pdf_of(doc))], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    for line in lines:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        assert emb and emb.group(1) == "yes", line
    family = fonts.find_typeface().family.replace(" ", "-")
    assert {family, f"{family}-Bold", f"{family}-Italic"} <= names
    others = {n for n in names if not n.startswith(family)}
    # Only characters the typeface lacks (warned about) may use another font.
    assert not others or fonts.uncovered(doc.source_text, fonts.find_typeface()), others
    assert built.build.typeface == fonts.find_typeface().describe()


def test_characters_the_font_lacks_are_warned_about_and_kept(built: Built) -> None:
    doc = next(d for d in built.project.plans if d.school.slug == "mn-20-10-quan-1")
    assert fonts.uncovered(doc.source_text, fonts.find_typeface()) == ["达", "标"]
    warning = next(w for w in built.build.warnings if doc.rel in w)
    assert "CẢNH BÁO" in warning and "WARNING" in warning and "U+8FBE" in warning
    assert "chưa达标" in flat(text(built.pdf_of(doc)))


def test_header_texts_in_order(built: Built, doc: PlanDoc) -> None:
    view = plan_view(doc)
    first_page = flat(text(built.pdf_of(doc), "-raw", "-f", "1", "-l", "1"))
    wanted = [view.governing_body, view.school_name, view.number_line, QUOC_HIEU, TIEU_NGU,
              view.place_date, view.kind, view.title]
    position = -1
    for item in (flat(w) for w in wanted if w):
        found = first_page.find(item, position + 1)
        assert found > position, f"{item!r} missing or out of order in {first_page[:400]!r}"
        position = found


def test_every_criterion_in_order_and_nfc(built: Built, doc: PlanDoc) -> None:
    extracted = raw(built.pdf_of(doc))
    assert unicodedata.is_normalized("NFC", extracted)
    assert unicodedata.is_normalized("NFC", text(built.pdf_of(doc)))
    whole = flat(extracted)
    position = -1
    for entry in doc.plan.entries:
        criterion = doc.criterion(entry)
        label = f"Tiêu chí {criterion.id}. {flat(criterion.title)}"
        found = whole.find(unicodedata.normalize("NFC", label), position + 1)
        assert found > position, f"{label!r} missing or out of order"
        position = found


def test_no_row_is_cut_through_its_criterion(built: Built, doc: PlanDoc) -> None:
    pages = pages_text(built.pdf_of(doc))
    for entry in doc.plan.entries:
        criterion = doc.criterion(entry)
        label = f"Tiêu chí {criterion.id}. {flat(criterion.title)}"
        assert any(label in page for page in pages), f"{label!r} is split across pages"


def test_legal_bases_and_recipients_kept_verbatim(built: Built, doc: PlanDoc) -> None:
    whole = flat(raw(built.pdf_of(doc)))
    for basis in doc.plan.legal_bases:
        assert flat(basis.text) in whole
    for recipient in doc.plan.recipients:
        assert f"- {flat(recipient)}" in whole


def test_extras_are_shown_under_their_row(built: Built) -> None:
    doc = next(d for d in built.project.plans if d.school.slug == "mn-20-10-quan-1")
    assert "Mức cần đạt: Mức 2" in flat(text(built.pdf_of(doc)))


def test_ordered_list_keeps_the_schools_numbering(built: Built) -> None:
    doc = next(d for d in built.project.plans if d.school.slug == "mn-20-10-quan-1")
    assert "4. Kết quả thực hiện cải tiến chất lượng" in flat(text(built.pdf_of(doc)))


def test_page_numbers_in_top_margin_not_on_page_one(built: Built, doc: PlanDoc) -> None:
    with pdfplumber.open(built.pdf_of(doc)) as document:
        def top_words(index: int) -> list[str]:
            page = document.pages[index]
            return [w["text"] for w in page.extract_words() if w["bottom"] < TOP_MARGIN_PT]

        assert top_words(0) == []
        assert top_words(1) == ["2"]
        assert top_words(len(document.pages) - 1) == [str(len(document.pages))]


def test_footer_with_permalink_and_sha_on_every_page(built: Built, doc: PlanDoc) -> None:
    link = SITE_URL + paths.plan_page(doc.school.slug, doc.year).url
    sha = doc.source_sha256[:12]
    pages = pages_text(built.pdf_of(doc))
    for number, page in enumerate(pages, start=1):
        assert link in page, f"page {number}"
        assert sha in page, f"page {number}"
    assert "Mã kiểm tra (SHA-256 của tệp nguồn)" in pages[-1]


def test_qr_code_encodes_the_permalink(built: Built, doc: PlanDoc) -> None:
    html = pdf.render_html(plan_view(doc), SITE_URL, "")
    assert pdf.qr_data_uri(SITE_URL + paths.plan_page(doc.school.slug, doc.year).url) in html


def test_metadata(built: Built, doc: PlanDoc) -> None:
    with pdfplumber.open(built.pdf_of(doc)) as document:
        info = document.metadata
        catalog = document.doc.catalog
        lang = catalog["Lang"]
    assert info["Title"] == doc.plan.document.title
    assert info["Author"] == doc.school.display_name
    assert info["Subject"] == f"Kế hoạch cải tiến chất lượng giáo dục năm học {doc.year}"
    assert doc.school.display_name in info["Keywords"]
    assert (lang.decode() if isinstance(lang, bytes) else lang) == "vi-VN"
    if isinstance(doc.plan.document.date, dt.date):  # a full date; a lost or partial one is not a creation date
        assert info["CreationDate"].startswith("D:" + doc.plan.document.date.strftime("%Y%m%d"))
    assert info["Creator"] == f"site-builder; phông chữ: {fonts.find_typeface().describe()}"


# --------------------------------------------------------------------------- reproducible and fast


def test_rebuild_from_scratch_is_byte_identical(built: Built, tmp_path: Path) -> None:
    again = pdf.build_pdfs(built.project, tmp_path / "out", SITE_URL, jobs=1, cache_dir=tmp_path / "cache")
    assert again.render_count == len(built.project.plans)
    for rel, path in again.paths.items():
        assert path.read_bytes() == built.build.paths[rel].read_bytes(), rel


def test_unchanged_rebuild_renders_nothing_and_a_changed_plan_renders_once(
    built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.mktemp("pdf-cache")
    root = copy_inputs(base / "repo")
    cache = base / "cache"
    first = pdf.build_pdfs(load_project(root), base / "out", SITE_URL, jobs=2, cache_dir=cache)
    assert first.render_count == 3
    second = pdf.build_pdfs(load_project(root), base / "out", SITE_URL, jobs=2, cache_dir=cache)
    assert second.render_count == 0 and len(second.cached) == 3
    plan = root / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nMột dòng mới.\n", encoding="utf-8")
    third = pdf.build_pdfs(load_project(root), base / "out", SITE_URL, jobs=2, cache_dir=cache)
    assert third.rendered == ["plans/th-quang-trung/2024-2025.md"]
    assert "Một dòng mới." in text(third.paths["plans/th-quang-trung/2024-2025.md"])


def test_site_url_is_part_of_the_cache_key(built: Built, tmp_path: Path) -> None:
    other = pdf.build_pdfs(built.project, tmp_path / "out", "https://other.example/", jobs=1,
                           cache_dir=built.cache)
    assert other.render_count == len(built.project.plans)


def test_build_report_lists_each_pdf_where_paths_puts_it(built: Built, tmp_path: Path) -> None:
    seen: list[str] = []
    report = pdf.build_pdfs(built.project, tmp_path, SITE_URL, cache_dir=built.cache, on_done=seen.append)
    assert report.render_count == 0 and sorted(seen) == sorted(d.rel for d in built.project.plans)
    for doc in built.project.plans:
        assert report.paths[doc.rel] == tmp_path / paths.plan_pdf(doc.school.slug, doc.year)
        assert report.paths[doc.rel].is_file()


def test_cache_key_covers_every_file_of_the_pdf_packages() -> None:
    sources = {p.relative_to(pdf.PACKAGE_ROOT).as_posix() for p in pdf.output_sources()}
    assert {"pdf/render.py", "pdf/fonts.py", "pdf/templates/plan.html.j2", "pdf/templates/plan.css",
            "present/view.py", "present/sanitize.py", "present/formats.py", "model/plan.py", "paths.py"} <= sources


# --------------------------------------------------------------------------- fonts


def test_a_complete_typeface_is_found_by_fontconfig() -> None:
    found = fonts.find_typeface()
    assert found.ok, found.warnings
    assert len(found.faces) == 4 and found.family in typefaces.FAMILIES


def test_missing_font_warns_in_vietnamese_and_english(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(typefaces, "fc_match", lambda family, style: ("DejaVu Serif", style, Path("/nonexistent")))
    typefaces.find_typeface.cache_clear()
    try:
        check = fonts.warn_missing_fonts()
    finally:
        typefaces.find_typeface.cache_clear()
    assert check.family == "Liberation Serif" and not check.ok and len(check.warnings) == 4
    err = capsys.readouterr().err
    assert "CẢNH BÁO" in err and "WARNING" in err and "DejaVu Serif" in err


# --------------------------------------------------------------------------- the Phụ lục I checklist (issue 10)


@pytest.fixture(scope="module")
def measured(built: Built) -> dict[str, Measured]:
    return {doc.school.slug: Measured.read(built.pdf_of(doc), plan_view(doc, built.project.catalogue.documents))
            for doc in built.project.plans}


@pytest.mark.parametrize("line", CHECKLIST, ids=[line.key for line in CHECKLIST])
def test_checklist(measured: dict[str, Measured], doc: PlanDoc, line: Line) -> None:
    """Each line of tests/e2e/pdf_checklist.py (with its article of Phụ lục I) holds on each example PDF."""
    assert line.check(measured[doc.school.slug]) == [], f"{line.article}: {line.rule}"


def test_checklist_catches_what_issue_10_found(measured: dict[str, Measured], tmp_path: Path) -> None:
    """The checklist can fail: the same plan rendered with the old rules (4 pt list items, a 30 mm rule
    under the trích yếu, 11 pt table text) is caught by the matching lines."""
    doc_measured = measured["mn-chua-ro-ten-a"]
    view = doc_measured.view
    css = (pdf.PDF_TEMPLATE_DIR / "plan.css").read_text(encoding="utf-8")
    old = css + (".narrative li { margin-bottom: 4pt; } .rule-title { width: 30mm; } "
                 ".improvement table { font-size: 11pt; }")
    html = pdf.render_html(view, SITE_URL, fonts.font_face_css(fonts.find_typeface()), None,
                           fonts.find_typeface()).replace(css, old)
    from weasyprint import HTML

    target = tmp_path / "old.pdf"
    HTML(string=html, base_url=str(pdf.PDF_TEMPLATE_DIR)).write_pdf(target)
    again = Measured.read(target, view)
    failing = {line.key for line in CHECKLIST if line.check(again)}
    assert {"paragraph-spacing", "title", "table-size"} <= failing


def test_continued_rows_repeat_tt_and_criterion(built: Built) -> None:
    """th-quang-trung has rows longer than a page's room: they continue with TT, criterion and "(tiếp)"."""
    doc = next(d for d in built.project.plans if d.school.slug == "th-quang-trung")
    pages = pages_text(built.pdf_of(doc))
    continued = [p for p in pages if "(tiếp)" in p]
    assert len(continued) >= 3
    for page in continued:
        assert re.search(r"Tiêu chí \d+\.\d+\. .+ \(tiếp\)", page)


def test_unknown_school_name_prints_a_dotted_blank(built: Built) -> None:
    doc = next(d for d in built.project.plans if d.school.slug == "mn-chua-ro-ten-a")
    first = flat(text(built.pdf_of(doc), "-f", "1", "-l", "1"))
    assert "TRƯỜNG MẦM NON" in first and "…………" in first
    assert "CHƯA RÕ" not in first.upper()


def test_signature_block_with_blanks_when_the_source_has_no_signer(built: Built) -> None:
    doc = next(d for d in built.project.plans if d.school.slug == "th-quang-trung")
    assert isinstance(doc.plan.signer, Lost)  # the extraction lost the signature block (issue 9)
    last = pages_text(built.pdf_of(doc))[-1]
    assert "Nơi nhận:" in last and last.count("…………") >= 2
    assert "Phần chữ ký mất trong bản gốc." in last
