"""`site-builder import`: each example plan, built as its school's own Word file, imports back field by field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest

from site_builder.authoring.importplan import import_plan, report
from site_builder.check.assemble import load_project
from site_builder.errors import DocumentImportError
from site_builder.source.reader import split_front_matter
from tests.authoring.importers.compare import entry_diffs, plan_diffs, repo_with_school
from tests.authoring.importers.plan_docx import LAYOUTS, build_docx

CLI = [sys.executable, "-m", "site_builder"]
SCHOOLS = sorted(LAYOUTS)


def _example(real_project, slug: str):
    return next(d for d in real_project.plans if d.school.slug == slug)


def _expected(doc):  # type: ignore[no-untyped-def]
    """What a school's Word file in its layout can give back: a layout without the header (the source lost
    it, hence the lost markers) gives no number, place or date."""
    plan = doc.plan
    if LAYOUTS[doc.school.slug].header:
        return plan
    document = plan.document.model_copy(update={"number": None, "place": None, "date": None})
    return plan.model_copy(update={"document": document})


def _imported(root: Path, slug: str):
    project = load_project(root)
    assert not project.errors, [f.text for f in project.errors]
    return next(d for d in project.plans if d.school.slug == slug)


@pytest.mark.parametrize("slug", SCHOOLS)
def test_each_layout_imports_field_by_field(real_project, tmp_path: Path, slug: str) -> None:
    example = _example(real_project, slug)
    root = repo_with_school(tmp_path, slug)
    source = build_docx(example, tmp_path / f"{slug}.docx")
    result = import_plan(root, source, slug)
    assert result.plan_path == root / "plans" / slug / f"{example.year}.md"
    imported = _imported(root, slug)
    assert entry_diffs(example.plan, imported.plan) == []
    assert plan_diffs(_expected(example), imported.plan) == []
    assert [c.field for c in imported.plan.table.columns] == [c.field for c in example.plan.table.columns]
    for mine, theirs in zip(imported.plan.table.columns, example.plan.table.columns, strict=True):
        assert mine.label == theirs.label or theirs.heading_lost  # a heading lost in the source: the layout's own
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_the_fixtures_have_the_damage_of_real_documents(real_project, tmp_path: Path) -> None:
    """The Word files really hold merged cells, a table split in two and a row continued on a second row."""
    for slug in SCHOOLS:
        path = build_docx(_example(real_project, slug), tmp_path / f"{slug}.docx")
        body = docx.Document(str(path)).element.body
        xml = body.xml
        assert "w:gridSpan" in xml or slug == "th-quang-trung", slug  # rows spanning the table
        assert "w:vMerge" in xml, slug  # cells merged down
        assert xml.count("w:tblHeader") >= 2, slug  # the heading row repeated on the second table
    th = build_docx(_example(real_project, "th-quang-trung"), tmp_path / "th.docx")
    texts = [cell.text for table in docx.Document(str(th)).tables for row in table.rows for cell in row.cells]
    assert "Tự đánh giá: Đạt" in texts  # 1.3's row carried on at the top of the second table
    assert any(t.startswith("Tiêu chí 14/ tiêu chuẩn 1") for t in texts)


def test_report_of_a_real_layout(real_project, tmp_path: Path) -> None:
    slug = "th-quang-trung"
    root = repo_with_school(tmp_path, slug)
    source = build_docx(_example(real_project, slug), tmp_path / f"{slug}.docx")
    result = import_plan(root, source, slug)
    text = report(result, root)
    lines = result.plan_path.read_text(encoding="utf-8").split("\n")
    fourteen = next(x for x in result.lines if "Tiêu chí 14/ tiêu chuẩn 1" in x.message)
    line = int(fourteen.position.rsplit(":", 1)[1])
    assert lines[line - 1].strip() == "- criterion: '1.4'"  # the report points at the entry in the file
    assert fourteen.kind == "human"
    assert "ĐÃ ĐỌC" in text and "ĐÃ CHUẨN HÓA" in text and "CẦN NGƯỜI KIỂM TRA" in text
    assert "tự đánh giá “CĐ” → Chưa đạt (6 chỗ: tiêu chí 1.5, 2.2, 3.1, 3.2, 3.3, 3.4)" in text
    assert "Nhà trường chưa đề xuất đánh giá ngoài" in text
    # The source lost th-quang-trung's signature block (the Word file says so): the one warning left.
    assert "KẾT QUẢ KIỂM TRA (site-builder check): 0 lỗi, 1 cảnh báo" in text and "[lost-signer]" in text


def test_a_level_group_row_gives_the_target_and_mục_is_read_as_mức(real_project, tmp_path: Path) -> None:
    slug = "mn-20-10-quan-1"
    root = repo_with_school(tmp_path, slug)
    result = import_plan(root, build_docx(_example(real_project, slug), tmp_path / "a.docx"), slug)
    text = report(result, root)
    assert "dòng nhóm “MỤC 2” được hiểu là Mức 2" in text
    assert "ghi chú “Đã hoàn thành” → tình trạng: đã hoàn thành (4 chỗ: tiêu chí 3.4, 3.6, 4.1, 5.2)" in text
    assert "gộp dọc" in text


def test_refuses_to_overwrite_without_force(real_project, tmp_path: Path) -> None:
    slug = "mn-chua-ro-ten-a"
    root = repo_with_school(tmp_path, slug)
    source = build_docx(_example(real_project, slug), tmp_path / "a.docx")
    import_plan(root, source, slug)
    with pytest.raises(DocumentImportError, match="--force"):
        import_plan(root, source, slug)
    import_plan(root, source, slug, force=True)


def test_a_new_school_gets_its_school_yml(real_project, tmp_path: Path) -> None:
    root = repo_with_school(tmp_path, "th-quang-trung")
    source = build_docx(_example(real_project, "th-quang-trung"), tmp_path / "a.docx")
    result = import_plan(root, source, "truong-moi")
    assert result.school_path == root / "plans" / "truong-moi" / "school.yml"
    school = result.school_path.read_text(encoding="utf-8")
    assert "name: Trường Tiểu học Quang Trung" in school  # the casing found in the body text
    assert "level: tiểu học" in school and "framework: tt17-2018" in school
    assert "governing_body: UBND QUẬN NGÔ QUYỀN" in school
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_no_improvement_table_gives_a_clear_report(tmp_path: Path) -> None:
    root = repo_with_school(tmp_path, "th-quang-trung")
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải tiến chất lượng giáo dục năm học 2025-2026")
    document.add_paragraph("I. Mục đích")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Khối", "Số lớp"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "06"
    source = tmp_path / "khong-co-bang.docx"
    document.save(str(source))
    run = subprocess.run([*CLI, "--root", str(root), "import", str(source), "--school", "th-quang-trung"],
                         capture_output=True, text=True)
    assert "Traceback" not in run.stderr
    assert "không nhận ra bảng cải tiến" in run.stdout
    assert "| Khối | Số lớp |" in (root / "plans" / "th-quang-trung" / "2025-2026.md").read_text(encoding="utf-8")


def test_cli_import_prints_the_report(real_project, tmp_path: Path) -> None:
    slug = "mn-chua-ro-ten-a"
    root = repo_with_school(tmp_path, slug)
    source = build_docx(_example(real_project, slug), tmp_path / "ke-hoach.docx")
    run = subprocess.run([*CLI, "--root", str(root), "import", str(source), "--school", slug],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"Đã nhập “ke-hoach.docx” (Word) vào plans/{slug}/2024-2025.md." in run.stdout
    assert "“Tiêu chí 2. 2” đọc là tiêu chí 2.2" in run.stdout
    assert "“Giữ vững Mức 2” → giữ vững, mức 2" in run.stdout
    assert f"plans/{slug}/2024-2025.md:" in run.stdout


@pytest.mark.parametrize("name,content,message", [
    ("ke-hoach.doc", b"\xd0\xcf\x11\xe0", "lưu thành .docx"),
    ("ke-hoach.docx", b"not a zip", "không phải tài liệu Word dạng .docx"),
    ("ke-hoach.pdf", b"%PDF-1.4 broken", "Không đọc được tệp PDF"),
])
def test_bad_files_are_clear_errors_not_tracebacks(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    root = repo_with_school(tmp_path, "th-quang-trung")
    source = tmp_path / name
    source.write_bytes(content)
    run = subprocess.run([*CLI, "--root", str(root), "import", str(source), "--school", "th-quang-trung"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert message in run.stderr


def test_the_written_plan_keeps_body_markers_and_legal_bases(real_project, tmp_path: Path) -> None:
    slug = "mn-20-10-quan-1"
    root = repo_with_school(tmp_path, slug)
    result = import_plan(root, build_docx(_example(real_project, slug), tmp_path / "a.docx"), slug)
    text = result.plan_path.read_text(encoding="utf-8")
    split = split_front_matter(text, "x", [])
    assert split is not None
    body = split[1]
    assert body.count("<!-- legal-bases -->") == 1 and body.count("<!-- improvement-table -->") == 1
    assert body.index("<!-- legal-bases -->") < body.index("<!-- improvement-table -->")
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in body
