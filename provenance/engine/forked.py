"""A call computed in a forked child while the calling process goes on with other work.

After the trace, the passage clusters and the ranking of each document's sources read the same
final edges, and each takes one core for seconds to tens of seconds at 100,000 documents. A
thread would not run them at once (the interpreter runs one thread's Python at a time); a forked
child reads the parent's objects where they are, with no pickling on the way in, and sends its
result back pickled. Only on Linux (as :class:`~provenance.atomic.ForkedWriter`), with the memory
to spare and two workers or more; elsewhere the call is made when its result is asked for.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import warnings
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, NoReturn, TypeVar

from .. import progress
from ..atomic import ForkedWriter
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
            read_end, write_end = os.pipe()
            with warnings.catch_warnings():  # 3.12 warns of forking with threads: the child takes none of their locks
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:
                os.close(read_end)
                self._child(write_end)
            os.close(write_end)
            self._pid, self._pipe = pid, read_end
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
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

    def _child(self, write_end: int) -> NoReturn:
        """The forked child's whole life: compute, send the result (or the error), exit without the
        interpreter's clean-up (which would walk, and copy, every object it shares with the parent)."""
        code = 1
        try:
            gc.disable()  # a collection would walk, and copy, every object shared with the parent
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                with progress.silenced(), warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a warning would write to the parent's terminal
                    value = self._function(*self._args)
                data = pickle.dumps((True, value), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # sent to the parent, which raises it
                data = pickle.dumps((False, picklable_error(error)), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
