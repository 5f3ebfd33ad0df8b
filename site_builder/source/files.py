"""Reading files that came from a pull request without trusting them.

Every file under plans/ and catalogue/ is read here: a symbolic link is never followed (it
could point at /dev/zero or outside the repository), only regular files are opened, and at
most limit + 1 bytes are read, so a file too large is refused without being loaded.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

KIB = 1024
PLAN_MAX_BYTES = 512 * KIB  # the largest real plan is 50 KB
SCHOOL_MAX_BYTES = 64 * KIB  # a school.yml is under 1 KB
CATALOGUE_MAX_BYTES = 4 * 1024 * KIB
CODEOWNERS_MAX_BYTES = 1024 * KIB


class Kind(StrEnum):
    """What a directory entry is, without following a symbolic link."""

    file = "file"
    directory = "directory"
    symlink = "symlink"
    other = "other"  # a FIFO, socket or device
    missing = "missing"


def kind(path: Path) -> Kind:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return Kind.missing
    if stat.S_ISLNK(mode):
        return Kind.symlink
    if stat.S_ISDIR(mode):
        return Kind.directory
    if stat.S_ISREG(mode):
        return Kind.file
    return Kind.other


@dataclass(frozen=True)
class Refusal:
    """Why a path was not read: a rule code and the Vietnamese message and fix."""

    code: str
    message: str
    fix: str


def size_label(limit: int) -> str:
    """512 * 1024 -> '512 KB', 4 MiB -> '4 MB'."""
    return f"{limit // (1024 * KIB)} MB" if limit >= 1024 * KIB else f"{limit // KIB} KB"


def refusal(found: Kind, what: str = "tệp") -> Refusal:
    """The finding for an entry that is not a regular file (or, for a school folder, a directory)."""
    if found is Kind.symlink:
        return Refusal("symlink",
                       f"Đây là liên kết tượng trưng (symlink), không phải {what} thật; liên kết không được đọc "
                       "vì có thể trỏ ra ngoài kho.",
                       f"Xóa liên kết và đặt {what} thật vào đúng chỗ.")
    if found is Kind.directory:
        return Refusal("not-a-file", f"Đây là một thư mục, không phải {what}.",
                       "Đổi tên thư mục (kế hoạch là một tệp như 2024-2025.md) hoặc xóa nó.")
    return Refusal("not-a-file", f"Đây không phải {what} thông thường (có thể là thiết bị hoặc ống dẫn).",
                   f"Xóa nó và đặt {what} văn bản thật vào đúng chỗ.")


def too_large(limit: int) -> Refusal:
    return Refusal("file-too-large", f"Tệp lớn hơn {size_label(limit)}, giới hạn cho loại tệp này, nên không được đọc.",
                   "Kế hoạch thật chỉ vài chục KB; xem lại có dán nhầm nội dung (ảnh, dữ liệu, bảng rất dài) không.")


def read_bounded(path: Path, limit: int) -> bytes | Refusal:
    """The bytes of a regular file of at most limit bytes; a Refusal for anything else.

    The file is opened without following a final symbolic link and without blocking (a FIFO
    named like a plan must not hang the check); only limit + 1 bytes are ever read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return refusal(Kind.symlink)
        if err.errno == errno.EISDIR:
            return refusal(Kind.directory)
        return Refusal("unreadable", f"Không mở được tệp ({os.strerror(err.errno or 0)}).",
                       "Kiểm tra quyền đọc của tệp.")
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            return refusal(Kind.directory if stat.S_ISDIR(mode) else Kind.other)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * KIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return too_large(limit) if len(data) > limit else data
