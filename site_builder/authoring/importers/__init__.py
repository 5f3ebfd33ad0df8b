"""Importers: a school's Word (.docx) or PDF plan -> a plan file (front matter + Markdown body).

Like Pelican's readers, one reader per file suffix (READERS) turns the file into a SourceDocument
(document.py: paragraphs and tables in order); the rest does not know which format it came from:
table.py finds and reads the improvement table, layout.py the header, căn cứ, Nơi nhận and signer,
markdown.py the narrative, entries.py and normalize.py the typed values, assemble.py puts it together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...errors import DocumentImportError
from .document import SourceDocument


def read_docx(path: Path) -> SourceDocument:
    from .docx import DocxReader

    return DocxReader(path).read()


def read_pdf(path: Path) -> SourceDocument:
    from .pdf import PdfReader

    return PdfReader(path).read()


READERS: dict[str, Callable[[Path], SourceDocument]] = {".docx": read_docx, ".pdf": read_pdf}


def read_document(path: Path) -> SourceDocument:
    """The reader for path's suffix, or a Vietnamese error naming the formats that can be read."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        hint = " Với tệp .doc (Word 97–2003), hãy mở bằng Word hoặc LibreOffice và lưu thành .docx." \
            if suffix in (".doc", ".rtf", ".odt") else ""
        raise DocumentImportError(
            f"Không nhập được tệp “{path.name}”: chỉ đọc được {', '.join(sorted(READERS))}.{hint}"
        )
    return reader(path)
