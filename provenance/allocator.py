"""Memory for long runs: the C allocator set for large arrays (large blocks mapped, and unmapped when
freed), free pages handed back, and the cyclic garbage collector paused while large structures are
built or read.

glibc's ``malloc`` serves a block above its mmap threshold (128 KiB at first) with a mapping of
its own, which ``free`` hands back. Each time such a block is freed it raises the threshold to
the block's size, up to 32 MiB; from then on blocks below that come from the heap, and freed ones
stay in this process. The trace's candidate counting makes and frees arrays of a few MB by the
hundred: at 10,000 documents of 3 KB the parent had peaked at 1,000 MB by the alignment, 924 MB
with the threshold fixed at 1 MiB (one pair of runs), and ``malloc_trim`` found up to 140 MB
free in its heap.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

__all__ = ["LARGE_BLOCK", "collector_paused", "map_large_blocks", "release_free_memory"]

LARGE_BLOCK = 1 << 20
"""Blocks of this many bytes and more are mapped on their own (1 MiB)."""
_M_MMAP_THRESHOLD = -3  # glibc's malloc.h


@lru_cache(maxsize=1)
def _c_library() -> ctypes.CDLL | None:
    """The C library, looked up once a process (``find_library`` may run ``ldconfig``)."""
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name is not None else None


def map_large_blocks(threshold: int = LARGE_BLOCK) -> bool:
    """Fix the mmap threshold of glibc's ``malloc`` at ``threshold`` bytes in this process (which
    stops it rising); False where the C library has no ``mallopt`` (not glibc) or refuses."""
    mallopt = getattr(_c_library(), "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))


def release_free_memory() -> bool:
    """Hand the pages of glibc's heap that hold no allocation back to the system (``malloc_trim``):
    memory freed in the middle of the heap otherwise stays resident, and a child forked meanwhile
    shares it for nothing. False where the C library has no ``malloc_trim`` (not glibc)."""
    trim = getattr(_c_library(), "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes, trim.restype = (ctypes.c_size_t,), ctypes.c_int
    return bool(trim(0))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures (an index,
    a corpus of drafts) or writing reports from them: its full passes rescan every live object,
    which made linking time grow faster than the corpus. Reference counting still frees
    everything these steps drop.

    On the way out, the objects made meanwhile go straight to the oldest generation (a freeze
    and unfreeze moves them as one list), so that the first young collection after the pause
    does not walk millions of them. Skipped when something else froze objects, to leave those
    frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
