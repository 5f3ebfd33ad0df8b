"""What WeasyPrint may load while it renders a plan: only what the build itself put in the HTML.

WeasyPrint's default fetcher follows any URL in the document (http(s), ftp, file: anywhere on the
machine). A plan's text is sanitized before it reaches the PDF, but whatever slips through must not
make the build fetch from the network or read files outside what the PDF needs. LocalFetcher serves:
- the data: URIs the renderer made itself (the QR code), compared whole;
- local files under the given folders (the package's PDF templates) or named exactly (the font files
  fontconfig chose), by path, without urllib (a file: URL with a host would become an FTP request);
and refuses everything else, which WeasyPrint reports as a resource it could not load.
Imported only inside the PDF workers (it imports WeasyPrint).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to load."""


class LocalFetcher(URLFetcher):
    """A WeasyPrint URL fetcher limited to the build's own data URIs and files."""

    def __init__(self, data_uris: Iterable[str] = (), files: Iterable[Path] = (), folders: Iterable[Path] = ()):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)
        self.data_uris = frozenset(data_uris)
        self.files = frozenset(Path(f).resolve() for f in files)
        self.folders = tuple(Path(f).resolve() for f in folders)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url in self.data_uris:
            return super().fetch(url, headers)
        path = self.local_path(url)
        if path is None:
            raise RefusedURL(f"bản PDF không tải tài nguyên ngoài kho: {url[:200]}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    def local_path(self, url: str) -> Path | None:
        """The allowed local file a file: URL names, or None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        allowed = path in self.files or any(path.is_relative_to(folder) for folder in self.folders)
        return path if allowed and path.is_file() else None
