"""The Word export: the official layout (Nghị định 30/2020) from the shared PlanView, and the round trip."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from site_builder.authoring.importplan import import_plan
from site_builder.check.assemble import load_project
from site_builder.docx.render import export_plan
from tests.authoring.importers.compare import ROOT, entry_diffs, plan_diffs

CLI = [sys.executable, "-m", "site_builder"]
PLANS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "plans").glob("*/*.md"))


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in ("plans", "catalogue"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def test_layout_of_the_exported_document(tmp_path: Path) -> None:
    path = export_plan(ROOT, ROOT / "plans/th-quang-trung/2024-2025.md", tmp_path / "th.docx")
    document = docx.Document(str(path))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(13)
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert document.sections[1].page_width > document.sections[1].page_height
    header, table, foot = document.tables[0], document.tables[2], document.tables[-1]
    assert _texts(header.cell(0, 0)) == ["UBND QUẬN NGÔ QUYỀN", "TRƯỜNG TIỂU HỌC QUANG TRUNG"]
    assert _texts(header.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text == "Số: 32/KHCTCL-THQT"
    assert header.cell(1, 1).text == "Vạn Mỹ, ngày 10 tháng 10 năm 2024"
    kind = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    assert kind.runs[0].bold and kind.runs[0].font.size == Pt(14)
    title = next(p for p in document.paragraphs if p.text == "Cải tiến chất lượng năm học 2024- 2025")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(14)
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Tiêu chí", "Kế hoạch cải tiến chất lượng/Nội dung công việc", "Thời gian thực hiện",
        "Người phụ trách", "Điều kiện thực hiện (nhân lực, vật lực...)"]
    assert "w:tblHeader" in table.rows[0]._tr.xml  # repeated on every page
    assert table.rows[1].cells[0].text.startswith("Tiêu chuẩn 1. ")
    assert _texts(foot.cell(0, 0))[:4] == ["Nơi nhận:", "- Thành viên HĐ (t/hiện);", "- CB, GV, NV (t/hiện);",
                                           "- Lưu VT."]
    assert "Mã kiểm tra SHA-256" in document.sections[0].footer.paragraphs[0].text
    assert "PAGE" in document.sections[0].header.paragraphs[0]._p.xml
    assert document.sections[0].different_first_page_header_footer  # no page number on page 1


def test_signer_block(tmp_path: Path) -> None:
    path = export_plan(ROOT, ROOT / "plans/mn-chua-ro-ten-a/2024-2025.md", tmp_path / "a.docx")
    foot = docx.Document(str(path)).tables[-1]
    assert _texts(foot.cell(0, 1)) == ["HIỆU TRƯỞNG", "Trần Thị Thu Hà"]
    assert all(r.bold for p in foot.cell(0, 1).paragraphs for r in p.runs if r.text)


@pytest.mark.parametrize("rel", PLANS)
def test_round_trip_export_then_import_is_equal(real_project, tmp_path: Path, rel: str) -> None:
    """Export each plan to Word, import the Word file, compare the data. Criterion titles are compared as the
    official layout shows them (the school's wording only where it differs from the catalogue's)."""
    example = next(d for d in real_project.plans if d.rel == rel)
    root = _repo(tmp_path)
    path = export_plan(root, root / rel, tmp_path / "export.docx")
    import_plan(root, path, example.school.slug, force=True)
    project = load_project(root)
    assert not project.errors, [f.text for f in project.errors]
    imported = next(d for d in project.plans if d.rel == rel)
    assert entry_diffs(example.plan, imported.plan, example.framework) == []
    assert plan_diffs(example.plan, imported.plan) == []
    # A heading lost in the source is printed as the default heading (with a note): that is what comes back.
    assert [(c.field, c.heading) for c in imported.plan.table.columns] == \
        [(c.field, c.heading) for c in example.plan.table.columns]


def test_cli_export(tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach.docx"
    run = subprocess.run([*CLI, "--root", str(ROOT), "export", "plans/mn-20-10-quan-1/2021-2022.md", "--docx",
                          "-o", str(target)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert f"Đã xuất bản Word: {target}" in run.stdout
    assert docx.Document(str(target)).tables


def test_cli_export_of_a_broken_plan_names_the_error(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    plan = root / "plans/th-quang-trung/2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("criterion: \"1.2\"", "criterion: \"9.9\""),
                    encoding="utf-8")
    run = subprocess.run([*CLI, "--root", str(root), "export", str(plan), "--docx", "-o", str(tmp_path / "x.docx")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "chưa qua kiểm tra" in run.stderr and "9.9" in run.stderr


def test_a_plan_in_the_2026_form(tmp_path: Path) -> None:
    """The 2026 form (present.form_view): every section of the form in order, its tables on landscape pages
    with the heading and column-number rows repeated, and the example banner."""
    path = export_plan(ROOT, ROOT / "examples/th-mau/2026-2027.md", tmp_path / "mau.docx")
    document = docx.Document(str(path))
    project = load_project(ROOT)
    example = next(d for d in project.examples if d.rel == "examples/th-mau/2026-2027.md")
    from site_builder.present.view import plan_view

    form = plan_view(example, project.catalogue.documents).form
    assert form is not None
    texts = [p.text for p in document.paragraphs]
    headings = [s.heading for s in form.sections]
    assert [t for t in texts if t in headings] == headings
    assert any(t.startswith("VÍ DỤ – KẾ HOẠCH MINH HỌA") for t in texts)
    tables = [s for s in form.sections if s.is_table]
    word_tables = document.tables[1:1 + len(tables)]
    for section, table in zip(tables, word_tables, strict=True):
        assert [c.text for c in table.rows[0].cells] == [c.heading for c in section.columns]
        assert "w:tblHeader" in table.rows[0]._tr.xml
    assert WD_ORIENT.LANDSCAPE in [s.orientation for s in document.sections]
