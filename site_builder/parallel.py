"""fork_map: one function over many items, on processes forked from this one.

Takes a function and a sequence (both inherited by the forked workers, never pickled: closures and large
shared structures such as the validated project cost nothing to pass) and gives back the results in the
items' order (each result pickled back once), in chunks of consecutive items taken by whichever worker is
free, several a worker, so that a worker sends back a chunk at a time and slow and fast chunks even out.
Below min_per_worker items a core, on one core, with SITE_BUILDER_WORKERS=1 or where processes cannot be
forked, everything runs here, in order: the same results. If a worker dies (out of memory, killed), the work is
done again here rather than lost.

Used by the stages whose work is many independent pure steps: checking plans, parsing past versions, rendering
pages, auditing files. Not for what unpickles about as slowly as it is computed (a plan's view: its pydantic models).

fork_call: one function on one forked process, in the background, while this process goes on (the link cards,
drawn from the loaded project while the pages are generated and the site generator runs).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what the forked workers read


WORKERS_ENV = "SITE_BUILDER_WORKERS"  # at most this many processes (1: everything in the build's own process)


def worker_count(items: int, min_per_worker: int, workers: int | None = None) -> int:
    """How many processes share the items: the cores (or `workers`), at most SITE_BUILDER_WORKERS, at least
    min_per_worker items each; 1 where processes cannot be forked."""
    if "fork" not in get_all_start_methods():
        return 1
    limit = workers or os.cpu_count() or 1
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit() and int(configured) >= 1:
        limit = min(limit, int(configured))
    return max(1, min(limit, items // max(1, min_per_worker)))


CHUNKS_PER_WORKER = 8  # results come back in this many pieces a worker: no process holds a whole share twice


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], *, min_per_worker: int,
             workers: int | None = None) -> list[Result]:
    """[function(item) for item in items], on up to `workers` (default: every core) forked processes."""
    global _WORK
    count = worker_count(len(items), min_per_worker, workers)
    if count == 1:
        return [function(item) for item in items]
    size = -(-len(items) // (count * CHUNKS_PER_WORKER))
    _WORK = (function, items)
    gc.freeze()  # see _frozen
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork")) as pool:
            chunks = pool.map(_chunk, range(0, len(items), size), [size] * len(range(0, len(items), size)))
            return [result for chunk in chunks for result in chunk]
    except BrokenProcessPool:  # a worker died (out of memory, killed): do the work here, as with one core
        return [function(item) for item in items]
    finally:
        _WORK = None
        gc.unfreeze()


def _chunk(start: int, size: int) -> list[Any]:
    assert _WORK is not None, "fork_map's work is inherited by fork"
    function, items = _WORK
    return [function(item) for item in items[start:start + size]]


_CALL: Callable[[], Any] | None = None  # what fork_call's process reads


class Background(Generic[Result]):
    """A call running on a forked process (or already done here); result() waits for it."""

    def __init__(self, function: Callable[[], Result], future: Future[Result] | None = None) -> None:
        self._function, self._future = function, future
        self._value: Result | None = None if future is not None else function()

    def result(self) -> Result:
        if self._future is None:
            return self._value  # type: ignore[return-value]
        try:
            return self._future.result()
        except BrokenProcessPool:  # the process died (out of memory, killed): do the work here
            return self._function()


def fork_call(function: Callable[[], Result]) -> Background[Result]:
    """function() on a process forked now (it sees everything this process holds; only the result is pickled),
    while this process goes on. Done here at once where processes cannot be forked or SITE_BUILDER_WORKERS=1."""
    global _CALL
    if worker_count(2, 1) < 2:
        return Background(function)
    _CALL = function
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
    try:
        future = pool.submit(_call)  # the process is forked here, inheriting _CALL
    finally:
        _CALL = None
    pool.shutdown(wait=False)
    return Background(function, future)


def _call() -> Any:
    assert _CALL is not None, "fork_call's function is inherited by fork"
    return _CALL()
