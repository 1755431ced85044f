"""What every engine shares: the task a map runs, the chunking of its items, the engine in force.

A :class:`Task` is a picklable object with a ``setup`` that builds what every item needs (a
glossary index, an encoder) and a ``run`` of one item. An engine maps a task over items and
yields the results in the items' order, so that the output never depends on how many workers
ran it or in which order they finished. Each worker unpickles a task and runs its ``setup``
once, however many items it is given. A task may set ``chunk`` (items sent at once, fewer for a
slow task) and ``fresh_workers`` (the local pool starts new workers for it, so that what earlier
maps left in them is let go).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import Any, Protocol, TypeVar

I = TypeVar("I")  # noqa: E741 (an item)
R = TypeVar("R")
S = TypeVar("S")
T = TypeVar("T")
I_contra = TypeVar("I_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)

Progress = Callable[[int], None]
CHUNK = 16
"""Items sent to a worker at once: large enough to spread the cost of a message, small enough to
keep both cores busy on a small corpus."""


class Task(Protocol[S, I_contra, R_co]):
    """One step applied to each item of a map."""

    def setup(self) -> S:
        """What every item needs, built once per worker."""
        ...

    def run(self, state: S, item: I_contra) -> R_co:
        """The result of one item."""
        ...


class Engine(Protocol):
    """Runs a task over items, in parallel or not, and gives the results in the items' order."""

    @property
    def workers(self) -> int: ...

    def map(self, task: Task[Any, I, R], items: Iterable[I], progress: Progress | None = None) -> Iterator[R]: ...

    def share(self, obj: T) -> T:
        """``obj`` as this engine's workers will share it with the calling process: a pool maps its
        arrays from one file in every process (the same object elsewhere)."""
        ...

    def rest(self, wait: bool = True) -> None:
        """The work ahead runs in the calling process for a while: a pool lets its workers and what
        they hold go (the next map starts new ones); without ``wait``, while this process goes on."""
        ...

    def release(self) -> None:
        """This process is done reading the shared arrays for a while: a pool hands back the pages
        of them it has read (read from their file again if touched)."""
        ...

    def apart(self, function: Callable[..., R], items: Iterable[I], *args: Any) -> R:
        """``function(iter(items), *args)`` with this engine's workers, where the memory it frees goes
        back to the system: a pool runs it in a process of its own (:mod:`.apart`)."""
        ...

    def close(self) -> None: ...


def chunk_size(task: Task[Any, Any, Any], default: int) -> int:
    """Items per chunk for ``task``: a slow task (a ``chunk`` attribute of its class, say a
    second an item) takes fewer at once, so that its progress shows every few seconds."""
    return max(1, min(default, getattr(task, "chunk", default)))


def chunks(items: Iterable[I], size: int = CHUNK) -> Iterator[list[I]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_chunk(task: Task[S, I, R], state: S, chunk: list[I]) -> list[R]:
    """The results of one chunk, in order."""
    return [task.run(state, item) for item in chunk]


class SerialEngine:
    """Every item in the calling process, one after the other."""

    workers = 1

    def map(self, task: Task[Any, I, R], items: Iterable[I], progress: Progress | None = None) -> Iterator[R]:
        """Set the task up here and run it on each item."""
        from ..interrupt import check as check_interrupted

        state = task.setup()
        for item in items:
            check_interrupted()
            yield task.run(state, item)
            if progress is not None:
                progress(1)

    def share(self, obj: T) -> T:
        """No workers to share with: ``obj`` itself."""
        return obj

    def rest(self, wait: bool = True) -> None:
        """No workers to let go."""

    def release(self) -> None:
        """Nothing shared to hand back."""

    def apart(self, function: Callable[..., R], items: Iterable[I], *args: Any) -> R:
        """``function(iter(items), *args)``, here."""
        return function(iter(items), *args)

    def close(self) -> None:
        """Nothing to release."""


def available_cores() -> int:
    """The cores this process may run on (its affinity mask where there is one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


_current: ContextVar[Engine | None] = ContextVar("provenance_engine", default=None)


def current() -> Engine:
    """The engine in force (:func:`using`), else one that runs everything in this process."""
    return _current.get() or SerialEngine()


@contextmanager
def using(engine: Engine) -> Iterator[Engine]:
    """Make ``engine`` the one stages map their work with, for the ``with`` block."""
    token = _current.set(engine)
    try:
        yield engine
    finally:
        _current.reset(token)
