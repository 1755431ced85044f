"""The C allocator set for long runs over large arrays: large blocks are mapped, and unmapped when freed.

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
from functools import lru_cache

__all__ = ["LARGE_BLOCK", "map_large_blocks", "release_free_memory"]

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
