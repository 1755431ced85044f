"""Scale benchmark: CPU seconds per stage, wall time and peak memory of a full analysis, by corpus size.

Generates deterministic corpora with ``gen_corpus.py`` (news sentences from public-domain text,
15% derived documents, a few wire copies), then analyses each in a fresh process per encoder
setting (vectors not cached, so embedding is measured), and prints one row per run:
documents, MB, CPU seconds of each stage, total CPU and wall seconds, documents per second,
and peak resident memory.

    python benchmarks/bench_scale.py --docs 1000 --docs 10000 [--encoder none --encoder use] [--workers 1 --workers 2]
        [--json OUT]

With ``--workers N`` the per-document stages and the alignments run on N worker processes (the
local engine); CPU seconds then include the workers' (they are reaped when the pool stops), and
peak memory is the parent's and, apart, the largest worker's.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"


def child(corpus: Path, encoder: str, workers: int) -> None:
    """Analyse ``corpus`` stage by stage in this process (and ``workers`` worker processes) and print
    the figures as one JSON line."""
    sys.path.insert(0, str(ROOT))
    from provenance.corpus import read_corpus
    from provenance.document import Analysis
    from provenance.engine import make_engine, using
    from provenance.glossary import default_glossary_paths, load_glossary
    from provenance.pipeline import OPTIONAL_STAGES, RunState, plan

    started = time.perf_counter()
    analysis = Analysis(root=str(corpus), documents=[], glossary=load_glossary(default_glossary_paths()), stages=OPTIONAL_STAGES,
                        encoder=encoder)
    state = RunState(analysis, read_corpus(corpus))
    stages = {}
    engine = make_engine("local", workers)
    with using(engine):
        for step in plan(OPTIONAL_STAGES):
            before = _cpu(engine)
            step.run(state)
            stages[step.name] = round(_cpu(engine) - before, 2)
    engine.close()
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    workers_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sentences = sum(d.sentence_vectors.vectors.shape[0] for d in analysis.documents if d.sentence_vectors is not None)
    cpu = usage.ru_utime + usage.ru_stime + workers_usage.ru_utime + workers_usage.ru_stime
    print(json.dumps({"stages": stages, "cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
                      "peak_mb": round(usage.ru_maxrss / 1024), "worker_peak_mb": round(workers_usage.ru_maxrss / 1024),
                      "workers": workers, "docs": len(analysis.documents),
                      "embedded_sentences": sentences,
                      "edges": len(analysis.trace.edges) if analysis.trace is not None else 0}))


def _cpu(engine: object) -> float:
    """CPU seconds of this process and, for a pool, its live workers (read from /proc where there is one)."""
    total = time.process_time()
    pool = getattr(engine, "_executor", None)
    for process in (getattr(pool, "_processes", None) or {}).values():
        stat = Path(f"/proc/{process.pid}/stat")
        if stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def corpus_of(docs: int) -> Path:
    """The generated corpus of ``docs`` documents (made once, then reused)."""
    out = WORK / f"gen{docs}"
    if not out.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(out), "--docs", str(docs)],
                       check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus sizes (default: 1000)")
    parser.add_argument("--encoder", action="append", help="encoder settings (default: none, use)")
    parser.add_argument("--workers", type=int, action="append", help="worker processes (default: 1)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "ENCODER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], int(args.child[2]))
        return
    rows = []
    for docs in args.docs or [1000]:
        corpus = corpus_of(docs)
        megabytes = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
        for encoder, workers in ((e, w) for e in args.encoder or ["none", "use"] for w in args.workers or [1]):
            found = subprocess.run([sys.executable, __file__, "--child", str(corpus), encoder, str(workers)],
                                   check=True, capture_output=True, text=True,
                                   env={**os.environ, "PROVENANCE_CACHE": "off"})
            row = json.loads(found.stdout.strip().splitlines()[-1]) | {"encoder": encoder, "mb": round(megabytes, 1)}
            rows.append(row)
            stages = ", ".join(f"{name} {cpu}" for name, cpu in row["stages"].items())
            print(f"{row['docs']:>7} docs {row['mb']:6.1f} MB  encoder {encoder:5}  workers {workers}  "
                  f"CPU {row['cpu_s']:7.1f} s  wall {row['wall_s']:7.1f} s  {row['docs'] / row['wall_s']:6.1f} docs/s  "
                  f"peak {row['peak_mb']} MB (largest worker {row['worker_peak_mb']} MB)  "
                  f"sentences embedded {row['embedded_sentences']}  edges {row['edges']}\n    stage CPU s: {stages}",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
