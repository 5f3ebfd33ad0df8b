"""The MkDocs wrapper: which process renders which file, and which pages every --dirty build reads."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from site_builder.publish.build import BASE_NAV
from site_builder.publish.mkdocs_dirty import nav_sources, parse_shard, shard_of


@given(st.lists(st.text(min_size=1), min_size=1, max_size=50), st.integers(min_value=1, max_value=8))
def test_each_file_belongs_to_exactly_one_shard_the_same_every_time(paths: list[str], count: int) -> None:
    for path in paths:
        assert 0 <= shard_of(path, count) < count
        assert shard_of(path, count) == shard_of(path, count)


def test_pages_spread_evenly_over_shards() -> None:
    pages = [f"truong/th-{i:04d}/2024-2025/index.md" for i in range(2000)]
    counts = Counter(shard_of(page, 2) for page in pages)
    assert set(counts) == {0, 1}
    assert abs(counts[0] - counts[1]) < 150  # 2,000 pages: within a few percent of half each


def test_shard_setting_is_read_strictly() -> None:
    assert parse_shard("0/2") == (0, 2)
    assert parse_shard("1/2") == (1, 2)
    assert [parse_shard(v) for v in ("2/2", "", "1", "a/b", "-1/2", "0/0", "1/2/3")] == [None] * 7


def test_every_page_of_the_navigation_is_named() -> None:
    nav = [*BASE_NAV, {"Hướng dẫn": ["huong-dan/index.md", "huong-dan/ban-pdf.md", {"Mẫu": "huong-dan/mau/x.md"}]}]
    names = nav_sources(nav)
    assert {"index.md", "huong-dan/index.md", "huong-dan/ban-pdf.md", "huong-dan/mau/x.md"} <= names
    assert len(names) == len(BASE_NAV) + 3
    assert nav_sources(None) == set()
