"""Work that runs while the calling process does other work: a map on an engine's workers, or a
call on a thread beside the caller's.

The trace counts its candidate pairs alone, in the calling process, with numpy; meanwhile the
workers would idle. :class:`BackgroundMap` hands a thread of the calling process a map (the
quotes and citations) to feed them, and collects its results, in the items' order, when they are
asked for. With a single worker there is nothing to overlap: the map runs when its results are
asked for, in this thread, as an ordinary map.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, Generic

from .. import progress
from .base import Engine, I, R, Task

POLL_SECONDS = 0.2
"""How often the progress shows the background map's count while it is waited for."""


class BackgroundCall(Generic[R]):
    """``function(*args)`` run on a thread of this process (when the engine has two workers or
    more) from :meth:`start` on, for work that needs no worker while the workers are busy with a
    map of this process (the trace's translations and conflicts while they align the pairs); with
    one worker, or never started, it is called when its result is asked for. It reports no
    progress: a thread starts without the caller's progress listener."""

    def __init__(self, engine: Engine, function: Callable[..., R], *args: Any) -> None:
        self._function, self._args = function, args
        self._result: list[R] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._beside = engine.workers > 1

    def start(self) -> None:
        """Start the thread (once; nothing with a single worker)."""
        if self._beside and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="provenance-background-call", daemon=True)
            self._thread.start()

    @property
    def started(self) -> bool:
        """Whether the call runs, or ran, on its thread."""
        return self._thread is not None

    def _run(self) -> None:
        try:
            self._result.append(self._function(*self._args))
        except BaseException as error:  # raised again in the thread that asks for the result
            self._error = error

    def wait(self, timeout: float | None = None) -> bool:
        """Whether the started call has ended, waiting ``timeout`` seconds at most for it."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    def result(self) -> R:
        """The function's result: waited for on its thread, or called here if it never started."""
        if self._thread is None:
            return self._function(*self._args)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result[0]


class BackgroundMap(Generic[R]):
    """``engine.map(task, items)`` started at once on a thread of this process (a
    :class:`BackgroundCall`, when the engine has two workers or more); :meth:`results` waits for
    it, showing its progress as a stage."""

    def __init__(self, engine: Engine, task: Task[Any, I, R], items: Iterable[I]) -> None:
        self._engine, self._task, self._items = engine, task, items
        self._done = 0
        self._mapping = BackgroundCall(engine, self._map, self._advance)
        self._mapping.start()

    def _map(self, advance: Callable[[int], None]) -> list[R]:
        return list(self._engine.map(self._task, self._items, advance))

    def _advance(self, count: int) -> None:
        self._done += count

    def results(self, stage: str, total: int | None = None) -> list[R]:
        """The map's results in the items' order, waited for as the progress stage ``stage``."""
        with progress.stage(stage, total):
            if not self._mapping.started:
                return self._map(progress.advance)
            shown = 0
            while not self._mapping.wait(POLL_SECONDS):
                progress.advance(self._done - shown)
                shown = self._done
            progress.advance(self._done - shown)
        return self._mapping.result()
