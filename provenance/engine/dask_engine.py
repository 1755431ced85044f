"""The Dask engine (``--engine dask [--scheduler ADDRESS]``): the same maps on dask.distributed.

Each map scatters its task to every worker once (broadcast), then submits one Dask task per
chunk of items; a worker sets a task up on its first chunk and keeps that state for the rest
of the map. Results are gathered in the items' order, so the report is the local engine's, byte
for byte. Without a scheduler address a :class:`distributed.LocalCluster` is started (worker
processes, or threads with ``processes=False``) and closed with the engine. Importing this module
imports dask; nothing else in provenance does.
"""
from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from distributed import Client, LocalCluster

from .base import CHUNK, I, Progress, R, T, Task, chunk_size, chunks, run_chunk

AHEAD = 4
"""Chunks in flight per worker."""
KEPT_TASKS = 2

_states: dict[str, Any] = {}
_lock = threading.Lock()


def _run_scattered(task: Task[Any, Any, Any], key: str, chunk: list[Any]) -> list[Any]:
    """Run ``task`` (set up once per worker process and map, under ``key``) on ``chunk``."""
    with _lock:
        if key not in _states:
            while len(_states) >= KEPT_TASKS:
                del _states[next(iter(_states))]
            _states[key] = task.setup()
        state = _states[key]
    return run_chunk(task, state, chunk)


class DaskEngine:
    """Maps tasks over the workers of a Dask cluster: the one at ``scheduler``, else a local one."""

    def __init__(self, scheduler: str | None = None, workers: int = 1, processes: bool = True,
                 chunk: int = CHUNK) -> None:
        self.chunk = max(1, chunk)
        self._cluster: LocalCluster | None = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=processes,
                                         dashboard_address=None)
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)

    def map(self, task: Task[Any, I, R], items: Iterable[I], progress: Progress | None = None) -> Iterator[R]:
        """The results of ``task`` on each item, in order."""
        from ..interrupt import check as check_interrupted

        key = uuid.uuid4().hex
        scattered = self._client.scatter(task, broadcast=True, hash=False)
        pending: deque[tuple[Any, int]] = deque()
        try:
            for chunk in chunks(items, chunk_size(task, self.chunk)):
                future = self._client.submit(_run_scattered, scattered, key, chunk, pure=False)
                pending.append((future, len(chunk)))
                if len(pending) >= self.workers * AHEAD:
                    check_interrupted()
                    yield from self._collect(pending.popleft(), progress)
            while pending:
                check_interrupted()
                yield from self._collect(pending.popleft(), progress)
        finally:
            self._client.cancel([future for future, _ in pending] + [scattered])

    def share(self, obj: T) -> T:
        """``obj`` itself: the cluster's workers may run on other machines, and get a task's data
        scattered."""
        return obj

    def rest(self, wait: bool = True) -> None:
        """The cluster's workers stay: they may serve others, and each task is scattered anew."""

    def release(self) -> None:
        """Nothing shared to hand back: the arrays are this process's own."""

    def apart(self, function: Callable[..., R], items: Iterable[I], *args: Any) -> R:
        """``function(iter(items), *args)`` here, mapping its work on the cluster: the client is this
        process's, and a process apart would need a cluster connection of its own."""
        return function(iter(items), *args)

    def close(self) -> None:
        """Close the client, and the local cluster if this engine started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    @staticmethod
    def _collect(entry: tuple[Any, int], progress: Progress | None) -> list[Any]:
        future, size = entry
        results: list[Any] = future.result()
        if progress is not None:
            progress(size)
        return results
