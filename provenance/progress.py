"""Progress of an analysis, stage by stage.

The pipeline opens a :func:`stage` around each stage, and the long loops inside the stages call
:func:`advance` per item (or iterate through :func:`tracked`, which opens a nested stage with its
own total: the trace stage's pairs). A display listens through :func:`listening`; with no
listener, reporting does nothing. The listener lives in a context variable, so a thread or an
asyncio task has its own.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TypeVar

T = TypeVar("T")


class Listener(Protocol):
    """What a progress display implements."""

    def start(self, name: str, total: int | None) -> None:
        """A stage (or a part of one, nested in it) begins; ``total`` items when known."""

    def advance(self, count: int) -> None:
        """``count`` more items of the innermost stage are done."""

    def finish(self) -> None:
        """The innermost stage ends."""


_listener: ContextVar[Listener | None] = ContextVar("provenance_progress", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Send the progress reported in this context to ``listener``."""
    token = _listener.set(listener)
    try:
        yield listener
    finally:
        _listener.reset(token)


@contextmanager
def silenced() -> Iterator[None]:
    """Report nothing inside: for a forked child process, which must leave its parent's display alone."""
    token = _listener.set(None)
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def stage(name: str, total: int | None = None) -> Iterator[None]:
    """Report the work inside as the stage ``name`` of ``total`` items."""
    listener = _listener.get()
    if listener is None:
        yield
        return
    listener.start(name, total)
    try:
        yield
    finally:
        listener.finish()


def advance(count: int = 1) -> None:
    """``count`` more items of the current stage are done."""
    listener = _listener.get()
    if listener is not None:
        listener.advance(count)


def tracked(items: Sequence[T], name: str) -> Iterator[T]:
    """Iterate over ``items`` as the (nested) stage ``name``, one item advanced at a time."""
    with stage(name, len(items)):
        for item in items:
            yield item
            advance()
