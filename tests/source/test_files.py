"""Reading untrusted files: never through a symbolic link, only regular files, never more than the limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.source.files import Kind, Refusal, kind, read_bounded, size_label


def test_a_regular_file_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 101)
    refused = read_bounded(path, 100)
    assert isinstance(refused, Refusal) and refused.code == "file-too-large"
    assert "100 KB" not in refused.message and size_label(512 * 1024) == "512 KB"


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_symbolic_link_is_never_followed(tmp_path: Path, target: str) -> None:
    link = tmp_path / "2024-2025.md"
    link.symlink_to(target)
    assert kind(link) is Kind.symlink
    refused = read_bounded(link, 1024)
    assert isinstance(refused, Refusal) and refused.code == "symlink"


def test_directories_and_fifos_are_not_files(tmp_path: Path) -> None:
    folder = tmp_path / "2025-2026.md"
    folder.mkdir()
    fifo = tmp_path / "2026-2027.md"
    os.mkfifo(fifo)
    assert (kind(folder), kind(fifo), kind(tmp_path / "missing")) == (Kind.directory, Kind.other, Kind.missing)
    for path in (folder, fifo):  # the FIFO has no writer: opening it must not block
        refused = read_bounded(path, 1024)
        assert isinstance(refused, Refusal) and refused.code == "not-a-file"
