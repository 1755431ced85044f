"""The C allocator's setting for long runs: freed large blocks go back to the system."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from .conftest import ROOT, needs_proc_status

FREED = """
import sys
from provenance.allocator import map_large_blocks
if sys.argv[1] == "fixed":
    assert map_large_blocks()
def resident():
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmRSS")).split()[1]) // 1024
large = bytearray(24 << 20)
del large  # a freed 24 MiB block: glibc raises its mmap threshold to its size
before = resident()
blocks = [bytearray(4 << 20) for _ in range(8)]  # 32 MiB in blocks below that, written as they are made
del blocks
print(resident() - before)
"""


def freed_but_kept_mb(setting: str) -> int:
    """How many MB of freed 4 MiB blocks a fresh process keeps, with glibc's default or the fixed threshold."""
    run = subprocess.run([sys.executable, "-c", FREED, setting], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(run.stdout)


@needs_proc_status
@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the C library is not glibc")
def test_freed_blocks_of_a_few_mb_go_back_to_the_system() -> None:
    assert freed_but_kept_mb("default") >= 24  # glibc keeps them in its heap
    assert freed_but_kept_mb("fixed") <= 4


TRIMMED = """
import sys
from provenance.allocator import release_free_memory
def resident():
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmRSS")).split()[1]) // 1024
texts = [bytes(6000) + i.to_bytes(4, "little") for i in range(20_000)]  # 120 MB of texts of 6 KB, from the heap
kept = texts[::50]  # every fiftieth stays: the heap cannot shrink from its top
del texts
before = resident()
trimmed = release_free_memory() if sys.argv[1] == "trim" else False
print(before - resident(), int(trimmed))
"""


@needs_proc_status
@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the C library is not glibc")
def test_memory_freed_in_the_middle_of_the_heap_goes_back_when_released() -> None:
    def released_mb(setting: str) -> tuple[int, int]:
        run = subprocess.run([sys.executable, "-c", TRIMMED, setting], capture_output=True, text=True, check=True,
                             cwd=ROOT)
        mb, trimmed = run.stdout.split()
        return int(mb), int(trimmed)

    assert released_mb("keep")[0] <= 5
    assert released_mb("trim")[0] >= 80 and released_mb("trim")[1] == 1
