"""A call computed in a forked child while the calling process goes on with other work.

After the trace, the passage clusters and the ranking of each document's sources read the same
final edges, and each takes one core for seconds to tens of seconds at 100,000 documents. A
thread would not run them at once (the interpreter runs one thread's Python at a time); a forked
child reads the parent's objects where they are, with no pickling on the way in, and sends its
result back pickled. Only on Linux (as :class:`~provenance.atomic.ForkedWriter`), with the memory
to spare and two workers or more; elsewhere the call is made when its result is asked for.

:func:`inherited_map` is a map whose workers are forked from the calling process once the task is set
up there: they inherit its state (a glossary index built once, not once a worker) and start without
imports, where the pool's spawned workers each import the package and set the task up again.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import struct
from collections.abc import Callable, Generator, Iterable
from functools import partial
from types import TracebackType
from typing import Any, BinaryIO, Generic, TypeVar

from ..atomic import ForkedWriter, fork_quietly, kill_child
from .apart import picklable_error
from .base import CHUNK, Engine, I, Progress, S, Task, chunk_size, chunks, run_chunk

R = TypeVar("R")
FRAME = struct.Struct("<Q")
"""The length of a chunk's pickled results, before them on a forked worker's pipe."""
PIPE_BYTES = 1 << 20
"""The pipe buffer asked for each forked worker (Linux allows 1 MiB by default): room for a dozen
chunks' results, so that a worker runs ahead while the parent reads the one before it."""


class ForkedCall(Generic[R]):
    """``function(*args)`` in a forked child from the ``with`` block's start; :meth:`result` waits for
    it. Leaving the block before the result is read kills the child."""

    def __init__(self, engine: Engine, function: Callable[..., R], *args: Any) -> None:
        self._function, self._args = function, args
        self._beside = engine.workers > 1
        self._pid = 0
        self._pipe = -1

    def __enter__(self) -> ForkedCall[R]:
        if self._beside and ForkedWriter.available():
            self._pid, self._pipe = fork_quietly(self._send_result)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        kill_child(self._pid)
        self._pid = 0
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1

    def result(self) -> R:
        """The call's result: the child's, once it has sent it, or the call's made here now. An error
        of the child's is raised here."""
        if not self._pid:
            return self._function(*self._args)
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = -1
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise RuntimeError(f"the process computing {self._function.__name__} ended with status {status}")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def _send_result(self, pipe_end: int) -> int:
        """The child's work: the call, and its result (or its error) pickled to the parent."""
        try:
            data = pickle.dumps((True, self._function(*self._args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # the parent raises it (a result that will not pickle, too)
            data = pickle.dumps((False, picklable_error(error)), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(pipe_end, "wb") as pipe:
            pipe.write(data)
        return 0


def inherited_map(engine: Engine, task: Task[S, I, R], items: Iterable[I], progress: Progress | None = None
                  ) -> Generator[R, None, None]:
    """``engine.map(task, items)``, the task set up here and its chunks computed by workers forked from
    this process, which inherit the state: when ``engine`` is a local pool of two workers or more, on
    Linux, with the memory to spare. Worker ``k`` of ``n`` computes chunks ``k``, ``k + n``, ... and
    sends each one's results down its pipe; they are read, and yielded, in the items' order, each pipe
    holding its worker back once full; a single chunk is computed here. Elsewhere ``engine``'s own map."""
    from ..interrupt import check as check_interrupted

    if not forks_workers(engine):
        yield from engine.map(task, items, progress)
        return
    groups = list(chunks(items, chunk_size(task, getattr(engine, "chunk", CHUNK))))
    state = task.setup()
    if len(groups) < 2:  # a few items: not worth a worker
        for group in groups:
            yield from run_chunk(task, state, group)
            if progress is not None:
                progress(len(group))
        return
    workers = min(engine.workers, len(groups))
    children: list[tuple[int, BinaryIO]] = []
    try:
        for k in range(workers):
            pid, pipe = fork_quietly(partial(_send_chunks, task, state, groups[k::workers]))
            _widen(pipe)
            children.append((pid, os.fdopen(pipe, "rb")))
        for index, group in enumerate(groups):
            check_interrupted()
            yield from _read_chunk(*children[index % workers])
            if progress is not None:
                progress(len(group))
    finally:
        for pid, reading in children:
            kill_child(pid)
            reading.close()


def forks_workers(engine: Engine) -> bool:
    """Whether :func:`inherited_map` forks workers for ``engine``: a local pool of two workers or more,
    on Linux, with the memory to spare."""
    from .pool import ProcessEngine

    return isinstance(engine, ProcessEngine) and engine.workers > 1 and ForkedWriter.available()


def _send_chunks(task: Task[S, I, R], state: S, groups: list[list[I]], pipe_end: int) -> int:
    """A forked worker's work: each chunk's results, pickled, down the pipe (an error instead, and stop)."""
    with os.fdopen(pipe_end, "wb") as pipe:
        for group in groups:
            done: tuple[bool, object]
            try:
                done, status = (True, run_chunk(task, state, group)), 0
            except Exception as error:  # the parent raises it
                done, status = (False, picklable_error(error)), 1
            payload = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
            pipe.write(FRAME.pack(len(payload)))
            pipe.write(payload)
            pipe.flush()
            if status:
                return status
    return 0


def _read_chunk(pid: int, reading: BinaryIO) -> list[Any]:
    """The next chunk's results from forked worker ``pid``'s pipe; its error raised here."""
    header = reading.read(FRAME.size)
    size = FRAME.unpack(header)[0] if len(header) == FRAME.size else 0
    payload = reading.read(size) if size else b""
    if not size or len(payload) < size:
        raise RuntimeError(f"the worker process {pid} ended before sending all its results")
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return list(value)


def _widen(pipe: int) -> None:
    """Ask for a larger buffer on ``pipe`` (where the system allows it)."""
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
