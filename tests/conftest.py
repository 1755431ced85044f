"""Shared fixtures: paths to the sample corpus and shipped test data."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# sentence vectors of test runs go to a throwaway cache, never the user's
os.environ.setdefault("PROVENANCE_CACHE", tempfile.mkdtemp(prefix="provenance-test-vectors-"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = ROOT.parent / "shared" / "gold"
PROC_STATUS = Path("/proc/self/status")
needs_proc_status = pytest.mark.skipif(not PROC_STATUS.exists(), reason="reads this process's memory from /proc")


def status_mb(field: str) -> float:
    """A memory figure of this process from ``/proc/self/status`` (``VmRSS``: resident; ``RssFile``:
    resident pages of mapped files), in MB."""
    with PROC_STATUS.open() as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:")) / 1024


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def process_running(pid: int) -> bool:
    """Whether process ``pid`` still exists (a zombie does, until collected)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Recorder:
    """A progress listener that records what it is told: (start, name, total), (advance, n), (finish,)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def start(self, name: str, total: int | None) -> None:
        self.events.append(("start", name, total))

    def advance(self, count: int) -> None:
        self.events.append(("advance", count))

    def finish(self) -> None:
        self.events.append(("finish",))
