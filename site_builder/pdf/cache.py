"""A content-addressed cache of rendered PDFs: .cache/pdf/<hash>.pdf.

The key is a SHA-256 of everything that goes into a plan's PDF (see pdf.cache_key), so an
unchanged rebuild renders nothing and a changed plan re-renders only itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

CACHE_ENV = "SITE_BUILDER_PDF_CACHE"


def default_cache_dir(root: Path) -> Path:
    """SITE_BUILDER_PDF_CACHE from the environment, else <root>/.cache/pdf."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else root / ".cache" / "pdf"


def digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over named parts; names and lengths are hashed too, so parts cannot run together."""
    sha = hashlib.sha256()
    for name, data in parts:
        sha.update(f"{name}\0{len(data)}\0".encode())
        sha.update(data)
    return sha.hexdigest()


def files_digest(paths: Iterable[Path], base: Path) -> bytes:
    """The bytes of several files, each named by its path relative to base, as one digest."""
    parts = [(p.relative_to(base).as_posix() if p.is_relative_to(base) else str(p), p.read_bytes())
             for p in sorted(paths)]
    return digest(parts).encode()


class PdfCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def copy_to(self, key: str, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path(key), target)

    def prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
