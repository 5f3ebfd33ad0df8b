"""Nothing half-published: every way a build can break leaves the previous site byte-identical.

Each test starts from a repository with a complete published site (HTML, PDFs, search index), breaks a
build the way the hostile-input review did (kill -9, a PDF-stage failure, a strict-mode failure, a page
the audit refuses, two builds at once, a read-only site/), and compares site/ file by file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.errors import BuildError
from site_builder.publish.audit import audit_site
from site_builder.publish.build import build_site
from site_builder.publish.stage import Staging, exclusive
from tests.conftest import copy_repo

PLAN = Path("plans") / "th-quang-trung" / "2024-2025.md"
SITE_URL = "https://example.invalid/ke-hoach-cai-tien/"


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under directory and its SHA-256 (directories included, so an emptied one shows)."""
    found: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """chattr +i: not even root may change the folder (a read-only site/ or cache, as root runs CI)."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def cli(root: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "site_builder", "--root", str(root), "build", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose site/ is built and published, PDFs included (its PDF cache too)."""
    root = copy_repo(tmp_path_factory.mktemp("published") / "repo")
    build_site(root)
    return root


@pytest.fixture
def repo(published: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(published, root, symlinks=True)
    return root


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.new", ".site.old")))


def change_plan(root: Path) -> None:
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("place: Vạn Mỹ", "place: Lạch Tray"), encoding="utf-8")


def test_a_successful_build_replaces_the_site_whole(repo: Path) -> None:
    change_plan(repo)
    build_site(repo)
    page = (repo / "site" / "truong" / "th-quang-trung" / "2024-2025" / "index.html").read_text(encoding="utf-8")
    assert "Lạch Tray, ngày 10 tháng 10 năm 2024" in page
    assert (repo / "site" / "pagefind" / "pagefind-ui.js").exists()
    assert (repo / "site" / "truong" / "th-quang-trung" / "2024-2025" / "th-quang-trung-2024-2025.pdf").exists()
    assert leftovers(repo) == []
    assert audit_site(repo / "site", SITE_URL) == []


def test_kill_9_mid_build_leaves_the_site_identical(repo: Path) -> None:
    before = snapshot(repo / "site")
    change_plan(repo)
    shutil.rmtree(repo / ".cache")  # every PDF renders again: the build is long enough to be killed in it
    staged = Staging(repo / "site").new
    build = cli(repo, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        if staged.is_dir() and sum(1 for _ in staged.rglob("*.html")) > 20:  # MkDocs has written pages
            break
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert snapshot(repo / "site") == before
    rebuilt = cli(repo)  # the next build clears what the killed one left and publishes
    _out, err = rebuilt.communicate(timeout=600)
    assert rebuilt.returncode == 0, err
    assert leftovers(repo) == []
    assert "Lạch Tray" in (repo / "site" / "truong" / "th-quang-trung" / "2024-2025" / "index.html").read_text(
        encoding="utf-8")


def test_a_pdf_failure_keeps_the_site_and_names_the_plan(repo: Path) -> None:
    before = snapshot(repo / "site")
    change_plan(repo)  # its PDF must render again, into a cache that cannot be written
    with immutable(repo / ".cache" / "pdf"), pytest.raises(BuildError) as raised:
        build_site(repo)
    message = str(raised.value)
    assert "Bản PDF" in message and str(PLAN) in message, message
    assert "được giữ nguyên" in message
    assert snapshot(repo / "site") == before
    assert leftovers(repo) == []


def test_a_strict_mode_failure_keeps_the_site_and_names_the_page(repo: Path) -> None:
    before = snapshot(repo / "site")
    guide = repo / "docs" / "huong-dan" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[trang không có](khong-co-trang-nay.md)\n",
                     encoding="utf-8")
    build = cli(repo)
    _out, err = build.communicate(timeout=600)
    assert build.returncode == 1
    assert "MkDocs" in err and "huong-dan/index.md" in err and "khong-co-trang-nay.md" in err, err
    assert "Traceback" not in err
    assert snapshot(repo / "site") == before
    assert leftovers(repo) == []


def test_a_page_the_audit_refuses_is_not_published(repo: Path) -> None:
    before = snapshot(repo / "site")
    guide = repo / "docs" / "huong-dan" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + '\n<p onclick="alert(1)">bấm</p>\n\n'
                     "[trang ngoài](https://example.org/)\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(repo, pdf=False)
    message = str(raised.value)
    assert "Kiểm tra an toàn" in message and "huong-dan/index.html" in message, message
    assert "onclick" in message and "noopener noreferrer" in message
    assert snapshot(repo / "site") == before


def test_two_builds_at_once_run_one_after_the_other(repo: Path) -> None:
    change_plan(repo)
    shutil.rmtree(repo / ".cache")
    lock = Staging(repo / "site").lock
    first = cli(repo)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        time.sleep(0.05)
    second = cli(repo)
    results = [build.communicate(timeout=900) for build in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert "Đang chờ một lần tạo trang khác" in results[1][1]
    assert leftovers(repo) == []
    assert audit_site(repo / "site", SITE_URL) == []
    sources = [*(repo / "plans").glob("*/*.md"), *(repo / "examples").glob("*/*.md")]
    assert len(list((repo / "site").rglob("*.pdf"))) == len(sources) >= 3


def test_a_build_that_cannot_wait_stops_with_a_message(repo: Path) -> None:
    before = snapshot(repo / "site")
    with exclusive(Staging(repo / "site").lock), pytest.raises(BuildError) as raised:
        build_site(repo, pdf=False, lock_timeout=0)
    assert "Một lần tạo trang khác" in str(raised.value) and f"tiến trình {os.getpid()}" in str(raised.value)
    assert snapshot(repo / "site") == before


def test_a_read_only_site_is_refused_without_a_traceback(repo: Path) -> None:
    before = snapshot(repo / "site")
    with immutable(repo / "site"):
        build = cli(repo)
        _out, err = build.communicate(timeout=600)
    assert build.returncode == 1
    assert "chỉ đọc" in err and "được giữ nguyên" in err, err
    assert "Traceback" not in err
    assert snapshot(repo / "site") == before
    assert leftovers(repo) == []
