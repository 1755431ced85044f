"""A call computed in a forked child while the calling process goes on with other work.

After the trace, the passage clusters and the ranking of each document's sources read the same
final edges, and each takes one core for seconds to tens of seconds at 100,000 documents. A
thread would not run them at once (the interpreter runs one thread's Python at a time); a forked
child reads the parent's objects where they are, with no pickling on the way in, and sends its
result back pickled. Only on Linux (as :class:`~provenance.atomic.ForkedWriter`), with the memory
to spare and two workers or more; elsewhere the call is made when its result is asked for.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, TypeVar

from ..atomic import ForkedWriter, fork_quietly, kill_child
from .apart import picklable_error
from .base import Engine

R = TypeVar("R")


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
