"""Cross-lingual provenance benchmark: real translations, scored with the shared scorer.

Runs ``provenance report`` on ``benchmarks/data/crosslingual/corpus`` (44 public-domain texts
in 10 languages: U.S. government statements and their official translations, see that folder's
SOURCES.md) once per ``--encoder`` setting, and prints the scorer's figures for each, side by
side, with the CPU and wall time of each run.

    python benchmarks/bench_crosslingual.py [--encoder use --encoder none] [--score ../shared/score.py]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "crosslingual"
METRICS = ("language.accuracy", "translation.accuracy", "source_language.accuracy", "names.f1",
           "edges.recall", "edges.recall@0.5", "edges.recall@0.5.sibling", "edges.false_links",
           "edges.top_source", "edges.direction")


def run(encoder: str, score: Path, out: Path) -> tuple[dict[str, float], float, float]:
    """Report on the corpus with ``encoder`` and score it: (metrics, CPU seconds, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "provenance", "report", str(DATA / "corpus"), "--out", str(out),
                    "--encoder", encoder, "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    printed = subprocess.run([sys.executable, str(score), str(out / "report.json"), str(DATA / "gold" / "xl")],
                             check=False, capture_output=True, text=True).stdout
    metrics = {}
    for line in printed.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                metrics[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return metrics, cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", action="append", help="encoder settings to compare (default: use, none)")
    parser.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "score.py")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    encoders = args.encoder or ["use", "none"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for encoder in encoders:
            results[encoder] = run(encoder, args.score, Path(tmp) / encoder)
    print(f"{'metric':28}" + "".join(f"{e:>12}" for e in encoders))
    for metric in METRICS:
        print(f"{metric:28}" + "".join(f"{results[e][0].get(metric, float('nan')):12.3f}" for e in encoders))
    print(f"{'CPU s':28}" + "".join(f"{results[e][1]:12.1f}" for e in encoders))
    print(f"{'wall s':28}" + "".join(f"{results[e][2]:12.1f}" for e in encoders))
    if args.json:
        args.json.write_text(json.dumps({e: {"metrics": m, "cpu_s": c, "wall_s": w}
                                         for e, (m, c, w) in results.items()}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
