"""Nothing half-published: the site is built into a fresh folder beside site/ and swapped in at the end.

For a site directory `<parent>/site` a build uses, in <parent>:
- `.site.lock`: held (flock) for the whole build, so a second build waits for the first, or stops with a
  message after a timeout; the kernel releases it when the holder dies, even by kill -9;
- `.site.new`: the staged site, every stage writes there (and `.site.new.mkdocs-<i>`, the folders of the
  other MkDocs processes of a shared build); left over by a killed build, they are removed by the next one;
- the swap: `.site.new` and `site` exchange names in one rename (renameat2 RENAME_EXCHANGE), so a
  reader of site/ sees the old tree or the new one, never a mix and never nothing; the old tree is then
  deleted. Where the exchange is not supported, two renames with the old tree parked as `.site.old`.
Until the swap, site/ is not touched: a failure at any stage (or a kill) leaves it byte-identical.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

LOCK_WAIT_SECONDS = 600.0
LOCK_POLL_SECONDS = 0.5
AT_FDCWD = -100
RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Staging:
    """The folders and lock of one site directory."""

    site_dir: Path

    def _sibling(self, suffix: str) -> Path:
        return self.site_dir.with_name(f".{self.site_dir.name}.{suffix}")

    @property
    def new(self) -> Path:
        return self._sibling("new")

    @property
    def old(self) -> Path:
        return self._sibling("old")

    @property
    def lock(self) -> Path:
        return self._sibling("lock")

    def preflight(self) -> None:
        """Refuse, before any work, a site directory that cannot be replaced."""
        parent = self.site_dir.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise BuildError(f"Không tạo được thư mục {parent}: {err.strerror}.") from None
        if not os.access(parent, os.W_OK | os.X_OK):
            raise BuildError(f"Không ghi được vào thư mục {parent} (chỉ đọc?), nơi tạo bản mới của trang. "
                             "Cấp quyền ghi rồi chạy lại.")
        if self.site_dir.is_symlink() or (self.site_dir.exists() and not self.site_dir.is_dir()):
            raise BuildError(f"{self.site_dir} không phải một thư mục thật; xóa hoặc đổi tên nó rồi chạy lại.")
        if self.site_dir.exists() and not os.access(self.site_dir, os.W_OK):
            raise BuildError(f"Thư mục {self.site_dir} đang ở chế độ chỉ đọc nên không thay được bằng bản mới. "
                             "Trang hiện có được giữ nguyên. Bỏ chế độ chỉ đọc (ví dụ `chmod -R u+w`, "
                             "`chattr -i`) rồi chạy lại.")

    def clear_leftovers(self) -> None:
        """Remove what a killed or failed build left beside site/ (called with the lock held): the staged and
        old trees, and the folders of MkDocs processes that shared a build (generators.shard_dir)."""
        for leftover in (self.new, self.old, *self.site_dir.parent.glob(f"{self.new.name}.mkdocs-*")):
            remove_tree(leftover)

    def discard(self) -> None:
        """Drop the staged site after a failure; never raises (the build's own error matters more)."""
        with contextlib.suppress(OSError):
            remove_tree(self.new)

    def publish(self, keep: Path | None = None) -> str | None:
        """Swap the staged site in, then delete the previous one, or move it to `keep` (replacing what is there)
        when given and possible; a warning when it could not be deleted (the new site is published all the same;
        the next build removes the old copy or says why not)."""
        if not self.site_dir.exists():
            self.new.rename(self.site_dir)
            return None
        if exchange(self.new, self.site_dir):
            previous = self.new
        else:
            self.site_dir.rename(self.old)
            try:
                self.new.rename(self.site_dir)
            except OSError:
                self.old.rename(self.site_dir)
                raise
            previous = self.old
        if keep is not None and _moved(previous, keep):
            return None
        try:
            remove_tree(previous)
        except BuildError as err:
            return f"Đã xuất bản bản mới, nhưng chưa xóa được bản cũ: {err.message}"
        return None


def _moved(folder: Path, target: Path) -> bool:
    """folder renamed to target (an older target removed first); False where that fails (another file system)."""
    try:
        remove_tree(target)
        folder.rename(target)
    except (OSError, BuildError):
        return False
    return True


def remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        try:
            shutil.rmtree(path)
        except OSError as err:
            raise BuildError(f"Không xóa được thư mục tạm {path}: {err.strerror}. Xóa nó bằng tay rồi chạy lại.") \
                from None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths' names atomically (Linux renameat2); False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _holder(handle: int) -> str:
    os.lseek(handle, 0, os.SEEK_SET)
    text = os.read(handle, 64).decode("ascii", "replace").strip()
    return f" (tiến trình {text})" if text.isdigit() else ""


@contextlib.contextmanager
def exclusive(lock: Path, *, timeout: float = LOCK_WAIT_SECONDS,
              on_wait: Callable[[str], None] = lambda _text: None) -> Iterator[None]:
    """Hold the build lock of a site; wait for another build up to timeout seconds, then a BuildError."""
    try:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise BuildError(f"Không tạo được tệp khóa {lock}: {err.strerror}.") from None
    try:
        _acquire(handle, lock, timeout, on_wait)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(handle)  # releases the lock


def _acquire(handle: int, lock: Path, timeout: float, on_wait: Callable[[str], None]) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(handle)
        if time.monotonic() >= deadline:
            raise BuildError(f"Một lần tạo trang khác{holder} đang chạy trên cùng thư mục (khóa {lock}). "
                             "Chờ nó xong rồi chạy lại; trang hiện có được giữ nguyên.")
        if not told:
            on_wait(f"Đang chờ một lần tạo trang khác{holder} chạy xong (khóa {lock})…")
            told = True
        time.sleep(LOCK_POLL_SECONDS)
