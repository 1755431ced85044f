"""The local engine: a pool of worker processes on this machine (``--workers N``).

Each map pickles its task once into a temporary file; a worker loads it and runs its ``setup``
the first time it gets a chunk of that map, then reuses both for every later chunk (the
glossary's automaton, the encoder and the prepared documents are built or read once per worker,
not once per document). The task's arrays go into a file of their own, which every worker maps
read-only (:mod:`.published`): the workers, and the parent when it shared them first
(:meth:`ProcessEngine.share`), hold one copy of the packed corpus the alignment reads (0.6 GB at
100,000 files), not one each. Chunks are submitted a few per worker ahead of the results, which
are yielded in the items' order. A map of a single chunk runs in the calling process: a corpus of
a few documents is not worth starting a worker. Workers are started with ``spawn`` on every
platform, never ``fork`` (the parent may hold threads and locks); they are the parent's own
children, so their CPU time counts in its ``RUSAGE_CHILDREN`` once the pool is shut down.
"""
from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import chain
from pathlib import Path
from typing import Any

from .. import progress as reporting
from ..allocator import map_large_blocks, release_free_memory
from ..atomic import signals_held
from .base import CHUNK, I, Progress, R, T, Task, available_cores, chunk_size, chunks, run_chunk
from .published import Publisher, load

AHEAD = 4
"""Chunks in flight per worker."""
KEPT_TASKS = 2
"""Tasks (with their set-up state) a worker keeps between chunks."""

_loaded: dict[str, tuple[Any, Any]] = {}


def _start_worker(compute_threads: int) -> None:
    """A worker leaves Ctrl-C to the parent, which stops the run and the pool, and runs its numeric
    libraries (BLAS, OpenMP) on ``compute_threads`` threads: its share of the cores. Left at one
    thread a core, each worker's BLAS would spin on cores the other workers need (the sentence
    encoder took 3.6 times the CPU with two workers on two cores). Large blocks go back to the
    system when freed (:mod:`..allocator`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    map_large_blocks()
    import numpy  # noqa: F401  (loaded first, so that its BLAS is the one limited)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=compute_threads)


def _run_published(path: str, chunk: list[Any]) -> list[Any]:
    """Run the task pickled at ``path`` (set up on first use in this worker) on ``chunk``."""
    if path not in _loaded:
        while len(_loaded) >= KEPT_TASKS:
            del _loaded[next(iter(_loaded))]
        _loaded[path] = (task := load(Path(path)), task.setup())
    task, state = _loaded[path]
    return run_chunk(task, state, chunk)


class ProcessEngine:
    """Maps tasks over a pool of ``workers`` processes, started on the first map that needs them."""

    def __init__(self, workers: int, chunk: int = CHUNK) -> None:
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)
        self._executor: ProcessPoolExecutor | None = None
        self._stopping: threading.Thread | None = None
        self._published = Publisher()

    def map(self, task: Task[Any, I, R], items: Iterable[I], progress: Progress | None = None) -> Iterator[R]:
        """The results of ``task`` on each item, in order."""
        from ..interrupt import check as check_interrupted

        groups = chunks(items, chunk_size(task, self.chunk))
        head = [chunk for chunk in (next(groups, None), next(groups, None)) if chunk is not None]
        if len(head) < 2 or self.workers < 2:
            state = task.setup()
            for chunk in chain(head, groups):
                check_interrupted()
                yield from run_chunk(task, state, chunk)
                if progress is not None:
                    progress(len(chunk))
            return
        if getattr(task, "fresh_workers", False):
            self._stop_workers()
        with reporting.stage("handing the work to the workers"):  # a large task takes seconds to pickle
            path = self._published.publish(task)
        executor = self._pool()
        pending: deque[tuple[Future[list[R]], int]] = deque()
        counted: set[Future[list[R]]] = set()
        try:
            for chunk in chain(head, groups):
                with signals_held():  # the first submit starts the workers: a signal then would orphan one
                    pending.append((executor.submit(_run_published, str(path), chunk), len(chunk)))
                if len(pending) >= self.workers * AHEAD:
                    yield from _collect(pending, counted, progress)
            while pending:
                yield from _collect(pending, counted, progress)
        finally:
            for future, _ in pending:
                future.cancel()
            self._published.remove(path)

    def share(self, obj: T) -> T:
        """``obj`` with its arrays in a file the workers map (:meth:`Publisher.share`): this process
        and every worker that loads a task holding them share one copy."""
        return self._published.share(obj) if self.workers > 1 else obj

    def rest(self, wait: bool = True) -> None:
        """Stop the workers until the next map: what the per-document stages left in them (half a
        gigabyte each at 100,000 files) is let go while the calling process works alone. With
        ``wait=False`` they stop on a thread while this process goes on (workers that held the
        aligned corpus took 9 s to stop at 100,000 files); the next map, and close, wait for them.
        What this process freed meanwhile goes back to the system (before the alignment's workers
        start, at 10,000 documents of 3 KB: 42 MB of 436)."""
        self._stop_workers(wait)
        release_free_memory()

    def release(self) -> None:
        """Hand back the pages of the shared arrays this process has read: the parent reads the
        packed corpus to index it, and leaves it to the alignment workers."""
        self._published.release()

    def apart(self, function: Callable[..., R], items: Iterable[I], *args: Any) -> R:
        """``function(iter(items), *args)`` in a process of its own with a pool of as many workers
        (:func:`.apart.run_apart`); this pool's workers rest meanwhile."""
        from .apart import run_apart

        self.rest()
        return run_apart(function, items, args, self.workers, self.chunk)

    def close(self) -> None:
        """Stop the workers and remove the published tasks."""
        self._stop_workers()
        self._published.close()

    def _stop_workers(self, wait: bool = True) -> None:
        """Stop the workers, if any run (the next map starts new ones)."""
        self._stopped()
        if self._executor is not None:
            executor, self._executor = self._executor, None
            if wait:
                executor.shutdown(wait=True, cancel_futures=True)
            else:
                self._stopping = threading.Thread(target=executor.shutdown, kwargs={"cancel_futures": True},
                                                  name="provenance-stopping-workers", daemon=True)
                self._stopping.start()

    def _stopped(self) -> None:
        """Wait for the workers let go without waiting, if any: never two pools at once."""
        if self._stopping is not None:
            self._stopping.join()
            self._stopping = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._stopped()
            spawn = multiprocessing.get_context("spawn")
            share = max(1, available_cores() // self.workers)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=spawn, initializer=_start_worker,
                                                 initargs=(share,))
        return self._executor


def _collect(pending: deque[tuple[Future[list[R]], int]], counted: set[Future[list[R]]],
             progress: Progress | None) -> list[R]:
    """The results of the first submitted chunk, once done. While it runs, the progress advances
    by the size of every other chunk that ends (``counted`` holds them), so that it moves as the
    workers finish chunks in any order, not only when the first one in line is done."""
    first, first_size = pending.popleft()
    if progress is not None:
        sizes = {future: size for future, size in pending}
        sizes[first] = first_size
        while first not in counted:
            ended, _ = wait([f for f in sizes if f not in counted], return_when=FIRST_COMPLETED)
            for future in ended:
                counted.add(future)
                progress(sizes[future])
    counted.discard(first)
    return first.result()
