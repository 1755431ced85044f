"""Stage profile: how long each stage of ``provenance report`` takes, how many cores it keeps busy,
and how much memory the command and all its processes hold meanwhile (Linux: reads ``/proc``).

Runs the report in a child whose progress lines are stamped (``progress_gaps.py``'s child, a
line every ``--period`` seconds) and samples, every ``--period`` seconds, every process of the
command's tree: its CPU seconds (each process's own, an ended one's as last seen)
and its proportional memory (PSS: pages shared between processes counted once in all). Prints,
per stage in the order it ran: when it started, its wall seconds, its CPU seconds, the cores it
kept busy (CPU / wall; 2.00 is both cores of a 2-core machine) and the tree's peak PSS during
it, and each process's PSS at that moment (those of 10 MB or more). Then the whole run: wall, CPU,
and the peak PSS of the tree. A sample during which a process
of the tree ended or started gives no PSS: the pages an ending process shared pass to the others
as it ends, and the survivors read after it would count them a second time (two workers mapping
300 MB of one file: 153 MB each, the survivor 305 MB once the other ended).

    python benchmarks/stage_profile.py CORPUS [--workers 2] [--encoder none] [--json OUT]
    python benchmarks/stage_profile.py CORPUS --code OTHER_CHECKOUT --out DIR  # the code before a change, its reports kept
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from progress_gaps import END, ROOT, Shown, shown_lines

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Sample:
    """The command's tree at one moment: monotonic clock, CPU seconds so far, PSS in MB (None when
    the tree changed while it was read) and each process's, largest first."""

    clock: float
    cpu: float
    pss: float | None
    processes: tuple[int, ...] = ()


@dataclass(frozen=True)
class StageFigures:
    """One stage's stretch of the run."""

    stage: str
    start: float
    wall: float
    cpu: float
    cores: float
    peak_pss_mb: float
    peak_processes_mb: tuple[int, ...] = ()
    """Each process's PSS at the stage's peak, largest first."""


def _stat_fields(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None  # a process that just ended


def tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat_fields(int(entry))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [root], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def sample(root: int, seen: dict[tuple[int, str], float] | None = None) -> Sample:
    """CPU and PSS of ``root``'s tree. The CPU is each process's own (user + system), remembered in
    ``seen`` by pid and start time, so that a process that ended keeps the CPU it was last seen
    with. The CPU a parent collected from its ended children is not read: it would count theirs a
    second time once collected (a process's last half-second, and a child that lived less than
    one period, are what this misses)."""
    seen = {} if seen is None else seen
    held_kb = []
    processes = tree(root)
    for pid in processes:
        fields = _stat_fields(pid)
        if fields is not None:
            key = (pid, fields[19])  # a process that ended shows no CPU until it is collected
            seen[key] = max(seen.get(key, 0.0), (int(fields[11]) + int(fields[12])) / TICK)
        held_kb.append(pss_of(pid))
    if not (tree(root) == processes and all(_running(pid) for pid in processes)):
        return Sample(time.monotonic(), sum(seen.values()), None)
    return Sample(time.monotonic(), sum(seen.values()), sum(held_kb) / 1024,
                  tuple(sorted((round(kb / 1024) for kb in held_kb), reverse=True)))


def pss_of(pid: int) -> int:
    """The PSS of process ``pid`` in kB (0 for one that ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        return 0


def _running(pid: int) -> bool:
    """Whether ``pid`` has not ended (nor become a zombie, which holds no memory)."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def cumulative_cpu(samples: Sequence[Sample]) -> list[float]:
    """The tree's CPU seconds at each sample from the first, never falling."""
    total, out = 0.0, []
    for before, after in zip([None, *samples], samples):
        if before is not None:
            total += max(0.0, after.cpu - before.cpu)
        out.append(total)
    return out


def stage_figures(shown: Sequence[Shown], samples: Sequence[Sample]) -> list[StageFigures]:
    """Each stretch of consecutive progress lines of one stage, with its wall and CPU seconds and the
    tree's peak PSS; a stretch lasts until the next stage's first line."""
    if not shown or not samples:
        return []
    starts: list[tuple[str, float]] = []
    for line in shown:
        if not starts or starts[-1][0] != line.stage:
            starts.append((line.stage, line.wall))
    ends = [start for _, start in starts[1:]] + [shown[-1].wall]
    cpu = cumulative_cpu(samples)
    clocks = [s.clock for s in samples]
    out = []
    for (stage, start), end in zip(starts, ends):
        if stage == END:
            continue
        inside = [i for i, clock in enumerate(clocks) if start <= clock <= end]
        near = inside or [min(range(len(clocks)), key=lambda i: abs(clocks[i] - start))]
        spent, wall = _cpu_at(clocks, cpu, end) - _cpu_at(clocks, cpu, start), end - start
        peak = _peak(samples, near)
        out.append(StageFigures(stage, round(start - shown[0].wall, 1), round(wall, 1), round(spent, 1),
                                round(spent / wall, 2) if wall > 0 else 0.0, round(peak.pss or 0.0) if peak else 0,
                                peak.processes if peak else ()))
    return out


def _peak(samples: Sequence[Sample], indexes: Sequence[int]) -> Sample | None:
    """The sample of largest PSS at ``indexes`` among those that have one, else the nearest that has."""
    held = [samples[i] for i in indexes if samples[i].pss is not None]
    if not held:
        measured = [i for i, s in enumerate(samples) if s.pss is not None]
        held = [samples[min(measured, key=lambda i: abs(i - indexes[0]))]] if measured else []
    return max(held, key=lambda s: s.pss or 0.0, default=None)


def _cpu_at(clocks: Sequence[float], cpu: Sequence[float], moment: float) -> float:
    """The tree's cumulative CPU at ``moment``, read linearly between the two samples around it."""
    if moment <= clocks[0]:
        return cpu[0]
    for i in range(1, len(clocks)):
        if moment <= clocks[i]:
            share = (moment - clocks[i - 1]) / ((clocks[i] - clocks[i - 1]) or 1.0)
            return cpu[i - 1] + share * (cpu[i] - cpu[i - 1])
    return cpu[-1]


def profile(corpus: Path, extra: Sequence[str], period: float, code: Path, out: Path | None = None) -> dict[str, object]:
    """Run the report on ``corpus`` with ``code``'s package (into ``out``, else a temporary folder) and
    return the per-stage figures."""
    with tempfile.TemporaryDirectory(prefix="stage-profile-") as scratch:
        env = {**os.environ, "PYTHONPATH": str(code), "PROVENANCE_CACHE": str(Path(scratch) / "cache")}
        command = [sys.executable, str(Path(__file__).resolve().parent / "progress_gaps.py"), "--child", str(period),
                   "report", str(corpus), "--out", str(out or Path(scratch) / "out"), *extra]
        log = Path(scratch) / "stderr.txt"
        started = time.monotonic()
        with open(log, "w", encoding="utf-8") as stderr:
            child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
            samples: list[Sample] = []
            seen: dict[tuple[int, str], float] = {}
            while child.poll() is None:
                samples.append(sample(child.pid, seen))
                time.sleep(period)
        wall = time.monotonic() - started
        text = log.read_text(encoding="utf-8")
    if child.returncode:
        sys.exit(f"report failed ({child.returncode}):\n{text[-3000:]}")
    stages = stage_figures(shown_lines(text), samples)
    return {"corpus": str(corpus), "code": str(code), "wall_seconds": round(wall, 1),
            "cpu_seconds": round(cumulative_cpu(samples)[-1], 1) if samples else 0.0,
            "peak_pss_mb": round(max((s.pss for s in samples if s.pss is not None), default=0.0)),
            "stages": [asdict(stage) for stage in stages]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", help="the report's --workers (default: the command's)")
    parser.add_argument("--encoder", help="the report's --encoder (default: the command's)")
    parser.add_argument("--period", type=float, default=0.5, help="seconds between two samples (default 0.5)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose package runs (default: this one)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--out", type=Path, help="keep the reports in this new folder (to compare their bytes)")
    args = parser.parse_args()
    if not Path("/proc/self/smaps_rollup").exists():
        sys.exit("stage_profile.py reads /proc: it runs on Linux only")
    extra = [*(["--workers", args.workers] if args.workers else []), *(["--encoder", args.encoder] if args.encoder else [])]
    result = profile(args.corpus, extra, args.period, args.code.resolve(), args.out)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{result['corpus']} ({result['code']}): {result['wall_seconds']} s wall, {result['cpu_seconds']} CPU s, "
          f"peak PSS of all processes {result['peak_pss_mb']} MB")
    print(f"{'stage':<42} {'start s':>8} {'wall s':>8} {'CPU s':>8} {'cores':>6} {'peak PSS MB':>12}  its processes MB")
    for stage in result["stages"]:  # type: ignore[attr-defined]
        print(f"{stage['stage'][:42]:<42} {stage['start']:>8.1f} {stage['wall']:>8.1f} {stage['cpu']:>8.1f} "
              f"{stage['cores']:>6.2f} {stage['peak_pss_mb']:>12.0f}  "
              f"{' + '.join(str(mb) for mb in stage['peak_processes_mb'] if mb >= 10)}")


if __name__ == "__main__":
    main()
