"""The PDF renderer's URL fetcher: the build's own data URIs and files, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.pdf.fetch import LocalFetcher, RefusedURL

QR = "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E"


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    allowed = tmp_path / "templates"
    allowed.mkdir()
    (allowed / "plan.css").write_text("p { color: black }", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (allowed / "link.css").symlink_to(outside)
    font = tmp_path / "fonts" / "serif.ttf"
    font.parent.mkdir()
    font.write_bytes(b"\0\1\0\0")
    return allowed, outside, font


def test_serves_its_own_data_uri_and_files(tree: tuple[Path, Path, Path]) -> None:
    allowed, _outside, font = tree
    fetcher = LocalFetcher([QR], [font], [allowed])
    assert fetcher(QR).read().startswith(b"<svg")
    assert fetcher((allowed / "plan.css").as_uri()).read() == b"p { color: black }"
    response = fetcher(font.as_uri())
    assert response.read() == b"\0\1\0\0"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png",
    "https://example.org/x.css",
    "ftp://example.org/x",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "file://example.org/etc/passwd",
    "file://localhost/etc/passwd",
])
def test_refuses_everything_else(tree: tuple[Path, Path, Path], url: str) -> None:
    allowed, _outside, font = tree
    with pytest.raises(RefusedURL):
        LocalFetcher([QR], [font], [allowed])(url)


def test_refuses_files_outside_by_any_path(tree: tuple[Path, Path, Path]) -> None:
    allowed, outside, font = tree
    fetcher = LocalFetcher([QR], [font], [allowed])
    for url in (outside.as_uri(), allowed.as_uri() + "/../secret.txt", (allowed / "link.css").as_uri(),
                (allowed / "missing.css").as_uri(), allowed.as_uri()):
        with pytest.raises(RefusedURL):
            fetcher(url)
