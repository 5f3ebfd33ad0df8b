"""The Word reader: what it reads (merged cells, lists, tracked changes, text boxes) and what it refuses."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from site_builder.authoring.importers import read_document
from site_builder.authoring.importers.document import Para, Table
from site_builder.authoring.importers.docx import DocxReader
from site_builder.authoring.importers.safety import Limits
from site_builder.errors import DocumentImportError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(tmp_path: Path, build=None, name: str = "a.docx") -> Path:
    document = docx.Document()
    if build:
        build(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def test_paragraphs_tables_and_merged_cells(tmp_path: Path) -> None:
    def build(document):
        document.add_paragraph("KẾ HOẠCH").runs[0].bold = True
        document.add_paragraph("Dòng đầu", style="List Bullet")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Tiêu chuẩn 1"
        table.cell(1, 0).text = "BGH"
        table.cell(1, 0).merge(table.cell(2, 0))
        table.cell(1, 1).text = "ô\u00a0có dấu cách không ngắt, “ngoặc kép”"

    source = DocxReader(_docx(tmp_path, build)).read()
    heading, bullet, table = source.blocks
    assert isinstance(heading, Para) and heading.bold and heading.text == "KẾ HOẠCH"
    assert isinstance(bullet, Para) and bullet.list_kind == "bullet"
    assert isinstance(table, Table) and table.width == 3
    assert [c.span for c in table.rows[0].cells] == [3]
    assert table.rows[2].cells[0].continues_above and not table.rows[2].cells[0].text
    assert table.rows[1].cells[1].text == "ô\u00a0có dấu cách không ngắt, “ngoặc kép”"


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path: Path) -> None:
    def build(document):
        paragraph = document.add_paragraph("Giữ ")
        paragraph._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>thêm</w:t></w:r></w:ins>'))
        deleted = f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>xóa</w:delText></w:r></w:del>'
        paragraph._p.append(parse_xml(deleted))

    [para] = DocxReader(_docx(tmp_path, build)).read().blocks
    assert para.text == "Giữ thêm"


def test_text_is_nfc(tmp_path: Path) -> None:
    decomposed = "Tie\u0302\u0301u chi\u0301"
    [para] = DocxReader(_docx(tmp_path, lambda d: d.add_paragraph(decomposed))).read().blocks
    assert para.text == "Tiếu chí"


def _rewrite(path: Path, name: str, data: bytes) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, data if info.filename == name else source.read(info))
    path.write_bytes(buffer.getvalue())
    return path


def test_external_entities_are_refused_before_parsing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    path = _docx(tmp_path, lambda d: d.add_paragraph("x"))
    evil = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            f'<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>').encode()
    _rewrite(path, "word/document.xml", evil)
    with pytest.raises(DocumentImportError, match="DOCTYPE"):
        read_document(path)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = _docx(tmp_path, lambda d: d.add_paragraph("x"))
    lol = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    _rewrite(path, "word/document.xml", f'<?xml version="1.0"?>{lol}<w:document {W}/>'.encode())
    with pytest.raises(DocumentImportError, match="DOCTYPE"):
        read_document(path)


def test_zip_bombs_and_oversized_archives_are_refused(tmp_path: Path) -> None:
    path = _docx(tmp_path, lambda d: d.add_paragraph("x"))
    bomb = _rewrite(path, "word/document.xml", b" " * (3 * 1024 * 1024))  # 3 MB of spaces squeezes to a few KB
    with pytest.raises(DocumentImportError, match="tỷ lệ bất thường"):
        DocxReader(bomb, Limits(ratio=100)).read()
    with pytest.raises(DocumentImportError, match="khi giải nén"):
        DocxReader(bomb, Limits(unzipped_bytes=1024 * 1024)).read()
    with pytest.raises(DocumentImportError, match="thành phần"):
        DocxReader(bomb, Limits(zip_entries=3)).read()
    with pytest.raises(DocumentImportError, match="vượt giới hạn"):
        DocxReader(bomb, Limits(file_bytes=1000)).read()


def test_a_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(DocumentImportError, match="không phải tài liệu Word"):
        read_document(path)


def test_only_known_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "a.odt"
    path.write_bytes(b"x")
    with pytest.raises(DocumentImportError, match=r"\.docx, \.pdf"):
        read_document(path)
