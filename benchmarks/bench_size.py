"""Size benchmark: `provenance report` on the three huge inputs of issue 12, with CPU seconds,
wall seconds and peak resident memory of each run.

The inputs are generated (once, into ``benchmarks/_work/size``) from the public-domain texts
in ``tests/data/originals`` and ``seeds/``:

- ``line``: one line of 10 MB with no newline and no full stop (every ``.!?`` removed), so
  that it is one "sentence" too;
- ``big``: one 200 MB file of ordinary paragraphs (the source texts, over and over);
- ``files``: a folder of 100,000 small files, each a few sentences of one source text.

Each case runs ``provenance report CASE --out OUT --quiet`` in its own process and prints one
JSON line: the case, its size, exit status, CPU s (user + system), wall s and peak RSS (MB).

    python benchmarks/bench_size.py [--case line --case big --case files] [--scale 0.1]
        [--encoder none] [--timeout 3600]

``--scale`` shrinks every input by that factor (0.1: a 1 MB line, a 20 MB file, 10,000
files), for profiling.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "size"
LINE_BYTES = 10_000_000
BIG_BYTES = 200_000_000
SMALL_FILES = 100_000
_TERMINAL = re.compile(r"[.!?]")


def source_texts() -> list[str]:
    """The public-domain texts the inputs are made of, in a fixed order."""
    files = sorted((ROOT / "tests" / "data" / "originals").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in files]


def make_line(out: Path, size: int) -> None:
    """One line of ``size`` bytes: the source words, no newline, no full stop."""
    flat = " ".join(" ".join(_TERMINAL.sub("", text).split()) for text in source_texts())
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = 0
        while written < size:
            piece = flat[: size - written] if len(flat.encode("utf-8")) > size - written else flat + " "
            handle.write(piece)
            written += len(piece.encode("utf-8"))


def make_big(out: Path, size: int) -> None:
    """One file of ``size`` bytes of paragraphs: the source texts, over and over."""
    block = "\n\n".join(text.strip() for text in source_texts()) + "\n\n"
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block.encode("utf-8"))


def make_files(out: Path, count: int) -> None:
    """``count`` small files, each two to five consecutive paragraphs' sentences of one source text."""
    rng = random.Random(12)
    pieces = [[p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()] for text in source_texts()]
    out.mkdir(parents=True)
    for number in range(count):
        paragraphs = rng.choice(pieces)
        first = rng.randrange(len(paragraphs))
        text = "\n\n".join(paragraphs[first:first + rng.randint(2, 5)]) + "\n"
        (out / f"{number:06d}.txt").write_text(text, encoding="utf-8")


CASES: dict[str, tuple[str, Callable[[Path, float], None]]] = {
    "line": ("line.txt", lambda out, scale: make_line(out, int(LINE_BYTES * scale))),
    "big": ("big.txt", lambda out, scale: make_big(out, int(BIG_BYTES * scale))),
    "files": ("files", lambda out, scale: make_files(out, int(SMALL_FILES * scale))),
}


def input_of(case: str, scale: float) -> Path:
    """The generated input of ``case`` at ``scale`` (made once, then reused)."""
    name, make = CASES[case]
    folder = WORK / f"x{scale:g}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        partial = folder / f".{name}.part"
        if partial.is_dir():
            subprocess.run(["rm", "-rf", str(partial)], check=True)
        make(partial, scale)
        partial.rename(path)
    return path


def size_of(path: Path) -> int:
    """Bytes of a file, or of every file in a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(entry.stat().st_size for entry in os.scandir(path))


def run(case: str, scale: float, encoder: str, timeout: float) -> dict[str, object]:
    """Run ``provenance report`` on one case in a child process and measure it."""
    path = input_of(case, scale)
    out = WORK / f"out-{case}-x{scale:g}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PROVENANCE_ENCODER": encoder}
    command = [sys.executable, "-m", "provenance", "report", str(path), "--out", str(out), "--quiet"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + timeout
    status, usage = 0, None
    while usage is None:
        pid, status, rusage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            usage = rusage
        elif time.perf_counter() > deadline:
            child.terminate()
        else:
            time.sleep(0.5)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    return {"case": case, "input_mb": round(size_of(path) / 1e6, 1), "exit": os.waitstatus_to_exitcode(status),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 1), "wall_s": round(wall, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "stderr_tail": stderr.strip().splitlines()[-1:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="a case to run (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink every input by this factor")
    parser.add_argument("--encoder", default="none", help="the sentence encoder (default: none)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds before a run is stopped (SIGTERM)")
    args = parser.parse_args()
    for case in args.case or ["line", "big", "files"]:
        print(json.dumps(run(case, args.scale, args.encoder, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
