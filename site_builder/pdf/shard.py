"""`site-builder pdf --shard i/n`: a stable 1/n of the plans, so n machines render the PDFs together.

A plan belongs to shard (SHA-256 of its path, e.g. "plans/th-quang-trung/2024-2025.md") mod n, plus one:
the same plan always falls in the same shard (on any machine, in any run, whatever other plans exist),
the n shards never overlap and together cover every plan. Adding a plan moves no other plan.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..errors import SiteBuilderError

SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
LOOSE_RE = re.compile(r"(\d+)\D+(\d+)")
MAX_SHARDS = 256


class ShardError(SiteBuilderError):
    """A --shard value that is not i/n with 1 ≤ i ≤ n."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, rel: str) -> bool:
        return shard_of(rel, self.count) == self.index


def shard_of(rel: str, count: int) -> int:
    """The 1-based shard of a plan path among count shards."""
    digest = hashlib.sha256(rel.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def _nearest(text: str) -> str:
    loose = LOOSE_RE.search(text)
    if not loose:
        return "1/2"
    index, count = int(loose.group(1)), int(loose.group(2))
    count = min(max(count, 1), MAX_SHARDS)
    return f"{min(max(index, 1), count)}/{count}"


def parse_shard(text: str) -> Shard:
    """"i/n" with 1 ≤ i ≤ n ≤ MAX_SHARDS; otherwise a ShardError in Vietnamese naming the nearest valid form."""
    match = SHARD_RE.match(text)
    if match:
        index, count = int(match.group(1)), int(match.group(2))
        if 1 <= index <= count <= MAX_SHARDS:
            return Shard(index, count)
    if match and not 1 <= int(match.group(2)) <= MAX_SHARDS:
        why = f"số phần n phải từ 1 đến {MAX_SHARDS}"
    elif match:
        why = f"phần thứ i phải từ 1 đến {match.group(2)}"
    else:
        why = "phải có dạng i/n (phần thứ i trong n phần), hai số nguyên dương cách nhau bởi “/”"
    raise ShardError(f"Giá trị --shard “{text}” không hợp lệ: {why}. Có phải “{_nearest(text)}”? "
                     "Ví dụ: --shard 1/3, --shard 2/3, --shard 3/3 chia các bản PDF cho ba máy.")
