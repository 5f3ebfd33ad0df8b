"""Limits checked before a file is parsed: an uploaded Word or PDF file is untrusted input.

A .docx is a zip of XML parts. Before python-docx (lxml) sees it, the archive is checked:
size on disk, number of entries, declared uncompressed size in total and per part, and
compression ratio (zip bombs); every XML part is read (bounded by its declared size, which
zipfile enforces while decompressing) and refused if it declares a DOCTYPE or an entity, which
Word never writes (billion laughs, external entities). python-docx's own parser also has
resolve_entities=False and lxml's default no_network=True; this check does not rely on them.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ...errors import DocumentImportError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 30 * MB  # on disk, .docx or .pdf
    zip_entries: int = 2000
    unzipped_bytes: int = 150 * MB  # all parts together
    xml_part_bytes: int = 40 * MB  # one XML part
    ratio: int = 200  # uncompressed / compressed, for parts over 1 MB
    pdf_pages: int = 150


LIMITS = Limits()
FORBIDDEN_XML = (b"<!doctype", b"<!entity")


def check_file_size(path: Path, limits: Limits = LIMITS) -> None:
    if not path.is_file():
        raise DocumentImportError(f"Không tìm thấy tệp “{path}”. Kiểm tra lại đường dẫn.")
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise DocumentImportError(
            f"Tệp “{path.name}” nặng {size / MB:.1f} MB, vượt giới hạn {limits.file_bytes // MB} MB. "
            "Hãy xóa ảnh lớn trong văn bản (hoặc nén ảnh) rồi lưu lại."
        )


def _not_docx(path: Path) -> DocumentImportError:
    return DocumentImportError(
        f"Tệp “{path.name}” không phải tài liệu Word dạng .docx (có thể là .doc cũ, tệp bị hỏng hoặc đặt sai đuôi). "
        "Hãy mở bằng Word hoặc LibreOffice và chọn Lưu thành (Save As) → “Word Document (.docx)”."
    )


def _xml_text(raw: bytes) -> bytes:
    """The bytes to search for a DOCTYPE, lower-cased; UTF-16 parts are decoded first."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace").encode("utf-8").lower()
    return raw.lower()


def check_docx_archive(path: Path, limits: Limits = LIMITS) -> None:
    """Raise DocumentImportError unless path is a zip within every limit and free of DTDs."""
    check_file_size(path, limits)
    if not zipfile.is_zipfile(path):
        raise _not_docx(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_entries(path, infos, limits)
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise _not_docx(path)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    _check_xml_part(path, archive, info, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise _not_docx(path) from None


def _check_entries(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.zip_entries:
        raise DocumentImportError(
            f"Tệp “{path.name}” chứa {len(infos)} thành phần, vượt giới hạn {limits.zip_entries}: "
            "không phải một văn bản Word thông thường, không nhập."
        )
    total = sum(i.file_size for i in infos)
    if total > limits.unzipped_bytes:
        raise DocumentImportError(
            f"Tệp “{path.name}” khi giải nén nặng {total / MB:.0f} MB, vượt giới hạn {limits.unzipped_bytes // MB} MB "
            "(có thể là tệp nén độc hại). Không nhập."
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentImportError(
                f"Tệp “{path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu trong Word rồi lưu lại."
            )
        big = info.file_size > MB
        if big and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise DocumentImportError(
                f"Thành phần “{info.filename}” của tệp “{path.name}” nén với tỷ lệ bất thường "
                f"({info.file_size // max(info.compress_size, 1)}:1), dấu hiệu tệp nén độc hại. Không nhập."
            )


def _check_xml_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size > limits.xml_part_bytes:
        raise DocumentImportError(
            f"Thành phần “{info.filename}” của tệp “{path.name}” quá lớn ({info.file_size / MB:.0f} MB). Không nhập."
        )
    with archive.open(info) as part:
        raw = part.read(limits.xml_part_bytes + 1)
    text = _xml_text(raw)
    if any(marker in text for marker in FORBIDDEN_XML):
        raise DocumentImportError(
            f"Thành phần “{info.filename}” của tệp “{path.name}” khai báo DOCTYPE/ENTITY (Word không bao giờ ghi "
            "như vậy; có thể là tệp độc hại). Không nhập."
        )
