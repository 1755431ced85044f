"""The normalize benchmark's ``--corpus`` mode: the command timed on a corpus of real text (paths given
relative to where the benchmark starts, the command run elsewhere)."""
from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_the_benchmark_times_normalize_on_a_given_corpus() -> None:
    seeds = ROOT / "seeds"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_normalize.py"), "--corpus", "seeds",
                           "--code", ".", "--workers", "1", "--mode", "full", "--mode", "listed"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.split()[:1] == ["bundled"]]
    assert [row[1] for row in rows] == ["full", "listed"]
    megabytes = sum(path.stat().st_size for path in seeds.rglob("*.txt")) / 1e6
    assert all(row[3] == f"{megabytes:.2f}" for row in rows)
    full, listed = (int(row[-1].replace(",", "")) for row in rows)
    assert full >= listed >= 1  # the full analysis rewrites what the fast pass does, and more
