"""The reader's view (issue 9): what the source lost is said, never stated as fact; transcription notes
are collapsed and in the reader's words; no model field name on a public page; the plan's own
self-assessment is on the page and in the PDF. Real MkDocs build, real WeasyPrint PDFs read back."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from site_builder.model.plan import COLUMN_FIELDS, Plan, School
from tests.conftest import BuiltSite, build_into, copy_repo
from tests.models import reachable_models

PUBLIC_EXCLUDED = ("huong-dan/", "schema/", "pagefind/", "assets/")  # the staff guide names fields on purpose
CHUA = "truong/mn-chua-ro-ten-a/2024-2025/"
QUANG = "truong/th-quang-trung/2024-2025/"


FIELD_NAMES = sorted({name for model in (reachable_models(Plan) | reachable_models(School)).values()
                      for name in model.model_fields} | set(COLUMN_FIELDS))


def _strings(value: typing.Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every string a school or the catalogue wrote (what a page quotes, not what our templates say)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields if name not in skip
                for s in _strings(getattr(value, name), skip)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item, skip)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item, skip)]
    return []


def _visible_text(page: str, quoted: list[str]) -> str:
    """The text of a page our templates wrote: no scripts, no school narrative, no quoted school or catalogue text."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    page = re.sub(r'<div class="kh-narrative">.*?</div>', " ", page, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for value in sorted(quoted, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def test_no_model_field_name_on_a_public_page(built_site: BuiltSite, real_project) -> None:  # type: ignore[no-untyped-def]
    notes = frozenset({"source_note", "note", "name_note", "notes"})  # transcription notes are scanned
    quoted = [s for doc in real_project.plans for s in _strings(doc.plan, notes)]
    quoted += [s for school in real_project.schools.values() for s in _strings(school.school, notes)]
    catalogue = real_project.catalogue
    quoted += [s for group in (catalogue.frameworks, catalogue.documents) for s in _strings(group)]
    quoted += [s for group in (catalogue.abbreviations, catalogue.disclosure) for s in _strings(group)]
    assert "legal_bases" in FIELD_NAMES and "source_note" in FIELD_NAMES and "lost" in FIELD_NAMES
    found: dict[str, list[str]] = {}
    pages = [p for p in sorted(built_site.site_dir.rglob("*.html"))
             if not p.relative_to(built_site.site_dir).as_posix().startswith(PUBLIC_EXCLUDED)]
    assert len(pages) > 100
    for path in pages:
        text = _visible_text(path.read_text(encoding="utf-8"), quoted)
        for name in FIELD_NAMES:
            if re.search(rf"(?<![\w/.-]){re.escape(name)}(?![\w-]|\.\w)", text):  # not a file name (entries.csv)
                found.setdefault(name, []).append(path.relative_to(built_site.site_dir).as_posix())
    assert found == {}


def test_a_field_name_in_a_transcription_note_would_be_caught(built_site: BuiltSite, real_project) -> None:  # type: ignore[no-untyped-def]
    page = (built_site.site_dir / QUANG / "index.html").read_text(encoding="utf-8")
    leaked = page.replace("Ghi chú về bản chép", "Ghi chú về legal_bases", 1)
    assert re.search(r"(?<![\w/.-])legal_bases(?![\w-])", _visible_text(leaked, []))


def test_transcription_notes_are_one_closed_block_at_the_end(built_site: BuiltSite) -> None:
    page = (built_site.site_dir / QUANG / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r"<details[^>]*>", page)
    assert "open" not in block and 'class="kh-transcription"' in block
    assert page.index("<details") > page.index('class="kh-signature"')
    table = page[page.index('class="kh-improvement"'):page.index('class="kh-signature"')]
    assert "bị ngắt trang" not in table, "no transcription note between the table rows"
    assert 'href="#tieu-chi-1-10"' in page[page.index("<details"):]


def test_lost_header_and_signer_are_said_on_the_page(built_site: BuiltSite) -> None:
    quan = html.unescape((built_site.site_dir / "truong/mn-20-10-quan-1/2021-2022/index.html").read_text("utf-8"))
    assert "Số: [mất trong bản gốc]" in quan and "[địa danh, ngày tháng mất trong bản gốc]" in quan
    assert "<dd>[số ký hiệu mất trong bản gốc]</dd>" in quan and "<dd>[ngày ký mất trong bản gốc]</dd>" in quan
    assert "Phần chữ ký mất trong bản gốc." in quan
    for page in (quan, (built_site.site_dir / QUANG / "index.html").read_text(encoding="utf-8")):
        ours = page[:page.index("<details")]  # the transcriber's own notes follow, in the closed block
        assert "không ghi" not in ours.lower() and "Văn bản gốc không có phần chữ ký" not in ours


def test_self_assessment_block_on_the_plan_page(built_site: BuiltSite) -> None:
    page = (built_site.site_dir / CHUA / "index.html").read_text(encoding="utf-8")
    block = page[page.index('class="kh-self-assessment"'):]
    block = block[:block.index("</section>")]
    for text in ("Kết quả tự đánh giá khi lập kế hoạch", "Báo cáo tự đánh giá năm 2023 -2024 của Trường",
                 "<dd>Mức 1</dd>", "Giữ vững kiểm định chất lượng giáo dục đạt ở mức độ 1."):
        assert text in block, text


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", done.stdout)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_says_what_was_lost_and_shows_the_self_assessment(built_site: BuiltSite) -> None:
    chua = _pdf_text(built_site.pdfs["plans/mn-chua-ro-ten-a/2024-2025.md"])
    assert "Số: [mất trong bản gốc]" in chua and "[địa danh, ngày tháng mất trong bản gốc]" in chua
    assert "Tiêu đề các cột mất trong bản gốc" in chua
    assert "Kết quả tự đánh giá khi lập kế hoạch" in chua and "Mức đạt được: Mức 1" in chua
    quang = _pdf_text(built_site.pdfs["plans/th-quang-trung/2024-2025.md"])
    assert "Phần chữ ký mất trong bản gốc." in quang
    assert "môn học và hoạt [mất một phần trong bản gốc]" in quang


# --------------------------------------------------------------------------- a plan whose whole table was lost


@pytest.fixture(scope="module")
def lost_table_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_repo(tmp_path_factory.mktemp("lost-table") / "repo")
    plan = root / "plans" / "mn-chua-ro-ten-a" / "2024-2025.md"
    text = plan.read_text(encoding="utf-8")
    start, end = text.index("table:\n"), text.index("\nsource_note:") + 1
    lost = 'table: {lost: true, note: "Bản quét thiếu các trang của bảng cải tiến."}\nentries: []\n'
    plan.write_text(text[:start] + lost + text[end:], encoding="utf-8")
    return build_into(root, root.parent, pdf=True)


def test_a_lost_table_is_said_not_shown_empty_on_the_page(lost_table_site: BuiltSite) -> None:
    page = html.unescape((lost_table_site.site_dir / CHUA / "index.html").read_text(encoding="utf-8"))
    assert "[Bảng cải tiến mất trong bản gốc]" in page
    assert page.count("<dd>Không rõ: bảng cải tiến mất trong bản gốc</dd>") == 3
    assert 'class="kh-table"' not in page and 'class="kh-per-standard"' not in page
    assert "0 tiêu chí" not in page and "0 đã hoàn thành" not in page
    assert "Bản quét thiếu các trang của bảng cải tiến." in page[page.index("<details"):]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_lost_table_has_no_invented_headings_in_the_pdf(lost_table_site: BuiltSite) -> None:
    text = _pdf_text(lost_table_site.pdfs["plans/mn-chua-ro-ten-a/2024-2025.md"])
    assert "[Bảng cải tiến mất trong bản gốc]" in text
    text = text[:text.index("Kết quả tự đánh giá khi lập kế hoạch")]  # the document, without our block after it
    for heading in COLUMN_FIELDS.values():
        assert heading not in text, heading
