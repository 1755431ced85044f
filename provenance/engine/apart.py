"""Work run in a process of its own, with a pool of its own, so that what it frees goes with it.

CPython's allocator hands memory back to the system only when a whole arena of small objects
is free. A stage that builds millions of short-lived objects in the parent (the names stage's
drafts, some 40 a document) while it makes the few it keeps leaves arenas that a handful of
survivors hold: at 10,000 documents of 3 KB the parent grew 84 -> 343 MB linking the names in
place, 84 -> 201 MB reading the same result back from a process that linked them. A
process apart ends, and takes that memory with it; the parent reads back the result alone.

The items are streamed to a file one at a time (a single pickle would keep a copy of each
in its memo until the end), the process reads them back as an iterator, runs the function with
a :class:`~.pool.ProcessEngine` of the same size in force, and sends its progress back; an
exception it raises is raised again here, and an interrupt here stops it and its workers.
"""
from __future__ import annotations

import multiprocessing
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from .. import progress
from ..atomic import signals_held

__all__ = ["run_apart"]

R = TypeVar("R")
POLL_SECONDS = 0.2
"""How often the parent looks for an interrupt while it waits."""


def run_apart(function: Callable[..., R], items: Iterable[Any], args: tuple[Any, ...], workers: int,
              chunk: int) -> R:
    """``function(iter(items), *args)`` in a new process, with a pool of ``workers`` (``chunk``
    items a chunk) as its engine; its result, read back here."""
    from ..interrupt import check as check_interrupted

    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="provenance-apart-") as folder:
        given, made = Path(folder, "given.pickle"), Path(folder, "made.pickle")
        with given.open("wb") as stream:
            pickle.dump((function, args), stream, protocol=pickle.HIGHEST_PROTOCOL)
            for item in items:
                pickle.dump(item, stream, protocol=pickle.HIGHEST_PROTOCOL)
        receiving, sending = spawn.Pipe(duplex=False)
        process = spawn.Process(target=_main, args=(str(given), str(made), sending, workers, chunk),
                                name="provenance-apart")
        with signals_held():  # a signal between the start and the try would leave it running
            process.start()
        sending.close()
        try:
            _follow(receiving, check_interrupted)
            process.join()
            if process.exitcode != 0 or not made.exists():
                raise RuntimeError(f"the process the work was given to ended with exit code {process.exitcode}")
            with made.open("rb") as stream:
                result: R = pickle.load(stream)
            return result
        finally:
            if process.is_alive():
                process.terminate()  # it stops its own workers as an interrupt would
                process.join()
            receiving.close()


def _follow(receiving: Connection, check_interrupted: Callable[[], None]) -> None:
    """Pass on the progress the process reports until it is done; raise what it raised."""
    while True:
        check_interrupted()
        if not receiving.poll(POLL_SECONDS):
            continue
        try:
            kind, value = receiving.recv()
        except EOFError:  # it ended without a word: its exit code tells
            return
        if kind == "advance":
            progress.advance(value)
        elif kind == "raised":
            raise value
        else:
            return


class _Forward:
    """A progress listener that sends the outermost stage's advances through a connection."""

    def __init__(self, sending: Connection) -> None:
        self.sending = sending
        self.depth = 0

    def start(self, name: str, total: int | None) -> None:
        self.depth += 1

    def advance(self, count: int) -> None:
        if self.depth == 0:
            self.sending.send(("advance", count))

    def finish(self) -> None:
        self.depth -= 1


def _items(stream: Any) -> Iterator[Any]:
    """The items pickled one after the other into ``stream``, to its end."""
    while True:
        try:
            yield pickle.load(stream)
        except EOFError:
            return


def _main(given: str, made: str, sending: Connection, workers: int, chunk: int) -> None:
    """The process apart: run the function on the items with a pool of its own; write its result."""
    from ..allocator import map_large_blocks
    from ..interrupt import Interrupted, install
    from . import using
    from .pool import ProcessEngine

    install()  # a terminate or Ctrl-C stops the pool on the way out
    map_large_blocks()
    engine = ProcessEngine(workers, chunk)
    try:
        with open(given, "rb") as stream, using(engine), progress.listening(_Forward(sending)):
            function, args = pickle.load(stream)
            result = function(_items(stream), *args)
        with open(made, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        sending.send(("done", None))
    except Interrupted:
        raise SystemExit(1) from None
    except Exception as error:  # the parent raises it again, as if it had run there
        sending.send(("raised", picklable_error(error)))
    finally:
        engine.close()
        sending.close()


def picklable_error(error: Exception) -> Exception:
    """``error`` if it survives pickling, else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
