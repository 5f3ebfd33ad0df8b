"""Staging beside site/, the atomic swap and the build lock."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from site_builder.errors import BuildError
from site_builder.publish.stage import Staging, exchange, exclusive


def tree(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def test_sibling_names(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "site")
    assert (staging.new.name, staging.old.name, staging.lock.name) == (".site.new", ".site.old", ".site.lock")
    assert staging.new.parent == tmp_path


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = tree(tmp_path / "a", "A"), tree(tmp_path / "b", "B")
    assert exchange(a, b)
    assert (a / "index.html").read_text() == "B" and (b / "index.html").read_text() == "A"


def test_publish_swaps_in_and_removes_the_old_site(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "site")
    tree(staging.site_dir, "old")
    tree(staging.new, "new")
    staging.publish()
    assert (staging.site_dir / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_without_a_previous_site(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "out" / "site")
    tree(staging.new, "new")
    staging.publish()
    assert (staging.site_dir / "index.html").read_text() == "new" and not staging.new.exists()


def test_leftovers_of_a_killed_build_are_cleared(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "site")
    tree(staging.new / "truong", "half")
    tree(staging.old, "parked")
    shard = tree(tmp_path / ".site.new.mkdocs-1", "a second MkDocs process's pages")
    other = tree(tmp_path / ".site.lock.d", "not ours")
    staging.clear_leftovers()
    assert not staging.new.exists() and not staging.old.exists() and not shard.exists()
    assert other.exists()


def test_preflight_refuses_what_cannot_be_replaced(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(BuildError, match="không phải một thư mục thật"):
        Staging(tmp_path / "file").preflight()
    (tmp_path / "link").symlink_to(tree(tmp_path / "real", "x"))
    with pytest.raises(BuildError, match="không phải một thư mục thật"):
        Staging(tmp_path / "link").preflight()
    Staging(tmp_path / "new" / "site").preflight()  # a missing site folder (and parent) is fine
    assert (tmp_path / "new").is_dir()


def test_a_second_holder_waits_then_gets_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / ".site.lock"
    messages: list[str] = []
    released = threading.Event()

    def hold() -> None:
        with exclusive(lock):
            held.set()
            time.sleep(1.0)
        released.set()

    held = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    with exclusive(lock, timeout=30, on_wait=messages.append):
        assert released.is_set(), "the lock was handed over only after the first holder let go"
    holder.join()
    assert len(messages) == 1 and "Đang chờ một lần tạo trang khác" in messages[0]
    assert f"tiến trình {os.getpid()}" in messages[0]


def test_a_holder_that_cannot_wait_gets_a_clear_error(tmp_path: Path) -> None:
    lock = tmp_path / ".site.lock"
    with exclusive(lock), pytest.raises(BuildError, match=r"Một lần tạo trang khác .* đang chạy"), \
            exclusive(lock, timeout=0):
        pass
