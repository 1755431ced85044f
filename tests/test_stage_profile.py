"""benchmarks/stage_profile.py: stage stretches from stamped progress lines and samples of the process tree."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
try:
    import stage_profile
    from progress_gaps import END, Shown
    from stage_profile import Sample, cumulative_cpu, sample, stage_figures, tree
finally:
    sys.path.pop(0)


def test_a_process_that_ends_takes_nothing_back_from_the_cpu_already_counted() -> None:
    samples = [Sample(0.0, 1.0, 10), Sample(1.0, 3.0, 10), Sample(2.0, 2.5, 10), Sample(3.0, 4.0, 10)]
    assert cumulative_cpu(samples) == [0.0, 2.0, 2.0, 3.5]  # the fall at 2 s is a worker that ended


def test_each_stage_runs_until_the_next_one_starts_with_its_cpu_cores_and_peak_memory() -> None:
    shown = [Shown(10.0, 0, "language", "0/4"), Shown(11.0, 0, "language", "2/4"), Shown(12.0, 0, "names", "0/4"),
             Shown(16.0, 0, "names", "done"), Shown(16.0, 0, END, "")]
    samples = [Sample(10.0 + t, cpu, pss) for t, cpu, pss in
               [(0, 0.0, 100), (1, 2.0, 150), (2, 4.0, 120), (3, 5.0, 400), (4, 6.0, 300), (5, 6.5, 200), (6, 7.0, 90)]]
    language, names = stage_figures(shown, samples)
    assert (language.stage, language.start, language.wall, language.cpu, language.cores) == ("language", 0.0, 2.0, 4.0, 2.0)
    assert language.peak_pss_mb == 150
    assert (names.stage, names.start, names.wall, names.cpu, names.cores) == ("names", 2.0, 4.0, 3.0, 0.75)
    assert names.peak_pss_mb == 400


def test_a_stage_peak_leaves_out_samples_read_while_the_tree_changed() -> None:
    shown = [Shown(10.0, 0, "aligning", "0/4"), Shown(14.0, 0, "attribute", "0/1"), Shown(16.0, 0, "attribute", "done"),
             Shown(16.0, 0, END, "")]
    samples = [Sample(10.0 + t, t, pss, (pss - 100, 60, 40) if pss else ()) for t, pss in
               [(0, 300), (1, 380), (2, None), (3, 390), (4.5, None), (7, 250)]]
    aligning, attribute = stage_figures(shown, samples)
    assert aligning.peak_pss_mb == 390 and aligning.peak_processes_mb == (290, 60, 40)
    assert attribute.peak_pss_mb == 390  # its only sample has no PSS: the nearest one that has


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="reads /proc (Linux)")
def test_a_sample_read_while_a_process_ended_gives_no_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages an ending process shared pass to the processes read after it: they would count twice."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    reading = stage_profile.pss_of

    def ending_meanwhile(pid: int) -> int:
        if pid == os.getpid() and child.returncode is None and child.poll() is None:
            child.kill()
            while stage_profile._running(child.pid):  # a zombie until collected: it holds no memory
                time.sleep(0.01)
        return reading(pid)

    try:
        for _ in range(200):
            if child.pid in tree(os.getpid()):
                break
            time.sleep(0.01)
        steady = sample(os.getpid())
        assert steady.pss is not None and steady.pss > 5
        assert len(steady.processes) >= 2 and list(steady.processes) == sorted(steady.processes, reverse=True)
        assert abs(sum(steady.processes) - steady.pss) <= 2  # each process's, rounded
        monkeypatch.setattr(stage_profile, "pss_of", ending_meanwhile)
        assert sample(os.getpid()).pss is None
    finally:
        child.kill()
        child.wait()


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="reads /proc (Linux)")
def test_the_tree_holds_a_running_child_and_its_cpu_and_memory() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; sum(range(3_000_000)); time.sleep(30)"])
    try:
        for _ in range(100):
            if sample(os.getpid()).cpu > 0 and child.pid in tree(os.getpid()):
                break
        now = sample(os.getpid())
        assert child.pid in tree(os.getpid())
        assert now.cpu > 0 and now.pss is not None and now.pss > 5  # this interpreter alone holds more than 5 MB
    finally:
        child.kill()
        child.wait()


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="reads /proc (Linux)")
def test_a_child_that_ended_and_was_collected_counts_once() -> None:
    """An ended process shows no CPU until its parent collects it, and then its parent's collected CPU
    holds it: counting both would count it twice."""
    script = ("import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', 'sum(range(30_000_000))']);"
              " time.sleep(2.5); child.wait(); time.sleep(1.5)")
    parent = subprocess.Popen([sys.executable, "-c", script])
    seen: dict[tuple[int, str], float] = {}
    try:
        while True:
            last = sample(parent.pid, seen)
            ended, _, usage = os.wait4(parent.pid, os.WNOHANG)
            if ended:
                break
            time.sleep(0.05)
    finally:
        if not ended:
            parent.kill()
            parent.wait()
    spent = usage.ru_utime + usage.ru_stime  # the parent's own and its collected child's
    assert max(seen.values()) > 0.2 and len(seen) == 2
    assert spent - 0.2 < last.cpu <= spent + 0.05
