"""pdf --shard i/n: disjoint shards that cover every plan, the same in every run, and a Vietnamese error
naming the nearest valid form for anything else."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from site_builder.cli import main
from site_builder.pdf.shard import MAX_SHARDS, Shard, ShardError, parse_shard, shard_of

PLANS = [f"plans/truong-{i:04d}/{2020 + i % 6}-{2021 + i % 6}.md" for i in range(600)]


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_are_disjoint_and_cover_every_plan(count: int) -> None:
    shards = [Shard(i, count) for i in range(1, count + 1)]
    held = [{rel for rel in PLANS if shard.holds(rel)} for shard in shards]
    assert set().union(*held) == set(PLANS)
    assert sum(len(h) for h in held) == len(PLANS)
    assert all(len(h) > len(PLANS) / count / 2 for h in held)  # roughly even, none empty


def test_shard_is_stable_across_processes_and_other_plans() -> None:
    script = "from site_builder.pdf.shard import shard_of; print([shard_of(f'plans/t{i}/2024-2025.md', 3) " \
             "for i in range(50)])"
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {str([shard_of(f"plans/t{i}/2024-2025.md", 3) for i in range(50)]) + "\n"}
    assert shard_of("plans/th-quang-trung/2024-2025.md", 2) == shard_of("plans/th-quang-trung/2024-2025.md", 2)


@pytest.mark.parametrize(("text", "shard"), [("1/2", Shard(1, 2)), (" 3 / 3 ", Shard(3, 3)), ("1/1", Shard(1, 1))])
def test_valid_shards(text: str, shard: Shard) -> None:
    assert parse_shard(text) == shard


@pytest.mark.parametrize(("text", "nearest", "why"), [
    ("3/2", "2/2", "phần thứ i phải từ 1 đến 2"),
    ("0/2", "1/2", "phần thứ i phải từ 1 đến 2"),
    ("1/0", "1/1", "số phần n phải từ 1 đến"),
    (f"1/{MAX_SHARDS + 1}", f"1/{MAX_SHARDS}", "số phần n phải từ 1 đến"),
    ("1-3", "1/3", "phải có dạng i/n"),
    ("2 of 4", "2/4", "phải có dạng i/n"),
    ("một", "1/2", "phải có dạng i/n"),
    ("", "1/2", "phải có dạng i/n"),
])
def test_bad_shard_names_the_nearest_valid_form(text: str, nearest: str, why: str) -> None:
    with pytest.raises(ShardError) as caught:
        parse_shard(text)
    message = str(caught.value)
    assert f"“{text}”" in message and f"Có phải “{nearest}”?" in message and why in message
    assert parse_shard(nearest)  # the suggestion itself is valid


def test_cli_bad_shard_is_a_vietnamese_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--shard", "5/4"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: Giá trị --shard “5/4” không hợp lệ") and "“4/4”" in err
    assert "Traceback" not in err
