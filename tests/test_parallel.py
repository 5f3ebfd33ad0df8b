"""fork_map: the results of a plain loop, in order, whether the work is shared between forked processes or not;
fork_call: one call's result, from a forked process while the caller goes on, or from the caller itself."""

from __future__ import annotations

import os

import pytest

from site_builder.parallel import fork_call, fork_map, worker_count


def test_forked_workers_give_the_loop_s_results_in_order() -> None:
    offset = 7  # a closure: inherited by the forked workers, not pickled
    items = list(range(101))
    results = fork_map(lambda x: (x * x + offset, os.getpid()), items, min_per_worker=1, workers=2)
    assert [value for value, _pid in results] == [x * x + offset for x in items]
    pids = {pid for _value, pid in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2  # run in forked processes (a quick one may take both)


def test_few_items_run_here() -> None:
    results = fork_map(lambda x: os.getpid(), list(range(10)), min_per_worker=50, workers=2)
    assert set(results) == {os.getpid()}
    assert worker_count(99, 50, 2) == 1 and worker_count(100, 50, 2) == 2 and worker_count(10**6, 1, 3) == 3


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def fails(x: int) -> int:
        if x == 33:
            raise ValueError("item 33")
        return x

    with pytest.raises(ValueError, match="item 33"):
        fork_map(fails, list(range(60)), min_per_worker=1, workers=2)


def test_site_builder_workers_limits_the_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert worker_count(10**6, 1, 2) == 1
    assert set(fork_map(lambda x: os.getpid(), list(range(500)), min_per_worker=1, workers=2)) == {os.getpid()}
    for ignored in ("", "0", "abc", "-2"):
        monkeypatch.setenv("SITE_BUILDER_WORKERS", ignored)
        assert worker_count(10**6, 1, 2) == 2


def test_a_worker_that_dies_leaves_the_work_to_this_process() -> None:
    """A worker killed (out of memory, a signal) does not lose the work: it is done here, in order."""
    parent = os.getpid()

    def dies_in_a_worker(x: int) -> int:
        if x == 42 and os.getpid() != parent:
            os._exit(9)
        return x * 2

    assert fork_map(dies_in_a_worker, list(range(100)), min_per_worker=1, workers=2) == [x * 2 for x in range(100)]


def test_a_forked_call_runs_beside_the_caller_and_gives_its_result() -> None:
    shared = {"plans": list(range(1000))}  # inherited by the forked process, not pickled
    background = fork_call(lambda: (sum(shared["plans"]), os.getpid()))
    here = sum(range(10))  # the caller goes on meanwhile
    total, pid = background.result()
    assert (total, here) == (499500, 45)
    assert pid != os.getpid()


def test_a_forked_call_s_error_reaches_the_caller() -> None:
    def fails() -> int:
        raise ValueError("cards")

    with pytest.raises(ValueError, match="cards"):
        fork_call(fails).result()


def test_a_call_runs_here_with_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert fork_call(os.getpid).result() == os.getpid()


def test_a_forked_call_whose_process_dies_is_done_here() -> None:
    parent = os.getpid()

    def dies_when_forked() -> int:
        if os.getpid() != parent:
            os._exit(9)
        return os.getpid()

    assert fork_call(dies_when_forked).result() == parent
