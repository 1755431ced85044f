"""How the pipeline's per-document stages and the trace's alignments run: in this process, on a
pool of local worker processes (``--workers N``), or on a Dask cluster (``--engine dask``).

Stages map a picklable :class:`Task` over their items with :func:`current`'s engine; every engine
yields the results in the items' order, so the reports are byte-identical whichever runs them.
"""
from __future__ import annotations

from .base import Engine, SerialEngine, Task, available_cores, chunks, current, using
from .base import current as current_engine
from .pool import ProcessEngine

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "Engine", "ProcessEngine", "SerialEngine", "Task", "available_cores", "chunks", "current",
           "current_engine", "make_engine", "using"]


def make_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None,
                processes: bool = True) -> Engine:
    """The engine called ``name`` with ``workers`` workers (default: every core this process may use);
    ``scheduler`` is the address of a Dask scheduler (dask only; without it a local cluster starts)."""
    count = workers or available_cores()
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(scheduler, count, processes)
    if name != "local":
        raise ValueError(f"unknown engine {name!r} (choose one of {', '.join(ENGINES)})")
    if scheduler:
        raise ValueError("--scheduler goes with --engine dask")
    return SerialEngine() if count == 1 else ProcessEngine(count)
