"""Scale benchmark: CPU seconds per stage, wall time and peak memory of a full analysis, by corpus size.

Generates deterministic corpora with ``gen_corpus.py`` (unrelated documents of their own wording,
wire stories reprinted many times, 15% derived documents; ``--length 3.6``: about 3 KB a
document, as issue 13's aims are set), then analyses each in a fresh process per encoder
setting (vectors not cached, so embedding is measured), writes the reports, and prints one
row per run: documents, MB, CPU seconds of each stage (``report``: writing report.json, .md
and .html), total CPU and wall seconds, documents per second, peak resident memory, the size
of the reports, the edges and passage clusters, and the derivations found against the truth
file (see :func:`derivation_scores`): recall (an accepted source among the derived document's
``derived_from``), precision (its ``derived_from[0]`` is one) and the precision of every
``derived_from`` claim the report makes.

    python benchmarks/bench_scale.py --docs 1000 --docs 10000 [--encoder none --encoder use] [--workers 1 --workers 2]
        [--length 3.6] [--json OUT]
    python benchmarks/bench_scale.py --corpus DIR [--encoder none]   # any gen_corpus.py output

With ``--workers N`` the per-document stages and the alignments run on N worker processes (the
local engine); CPU seconds then include the workers' (they are reaped when the pool stops), and
peak memory is the parent's and, apart, the largest worker's.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
    from provenance.report import write_reports

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
    before = time.process_time()
    with tempfile.TemporaryDirectory() as out:
        written = write_reports(analysis, out)
        report_mb = {kind: round(path.stat().st_size / 1e6, 2) for kind, path in written.items()}
    stages["report"] = round(time.process_time() - before, 2)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sentences = sum(d.sentence_vectors.vectors.shape[0] for d in analysis.documents if d.sentence_vectors is not None)
    workers_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + workers_usage.ru_utime + workers_usage.ru_stime
    print(json.dumps({"stages": stages, "cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
                      "peak_mb": round(usage.ru_maxrss / 1024), "worker_peak_mb": round(workers_usage.ru_maxrss / 1024),
                      "workers": workers, "docs": len(analysis.documents),
                      "embedded_sentences": sentences,
                      "edges": len(analysis.trace.edges) if analysis.trace is not None else 0,
                      "clusters": len(analysis.trace.clusters) if analysis.trace is not None else 0,
                      "report_mb": report_mb,
                      **derivation_scores(corpus, analysis.documents, analysis.trace.clusters if analysis.trace else [])}))


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


def derivation_scores(corpus: Path, documents: list[Any], clusters: list[Any]) -> dict[str, float | int]:
    """Recall and precision of the derivations against ``<corpus>.truth.jsonl`` (when it exists).

    A derived document's accepted sources are its true source and the other earlier documents
    that hold the whole copied block verbatim (the truth's ``witnesses``: nothing in the text
    tells them apart). recall: an accepted source is among the derived document's
    ``derived_from``; precision: its ``derived_from[0]`` is an accepted source (both over the
    derived documents); claim precision: of every document the report gives a ``derived_from``,
    the share whose first source is an accepted one (a claim on a document the truth does not
    derive counts as false, though two windows of one public text do share its sentences);
    exact recall and precision: the named source only, as the truth file names it; family
    precision: ``derived_from[0]`` is an accepted source or shares a passage cluster with the
    derived document and its source."""
    truth_path = corpus.parent / f"{corpus.name}.truth.jsonl"
    if not truth_path.exists():
        return {}
    truth = [json.loads(line) for line in truth_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    accepted = {t["derived"]: {t["source"], *t.get("witnesses", [])} for t in truth}
    answers = {d.doc.id: [c.id for c in d.derived_from or []] for d in documents}
    families: dict[str, set[str]] = {}
    for cluster in clusters:
        for witness in cluster.witnesses:
            families.setdefault(witness.doc, set()).add(cluster.id)
    top = [(t, (answers.get(t["derived"]) or [""])[0]) for t in truth]
    found = sum(1 for t in truth if accepted[t["derived"]] & set(answers.get(t["derived"], [])))
    right = sum(1 for t, answer in top if answer in accepted[t["derived"]])
    exact_found = sum(1 for t in truth if t["source"] in answers.get(t["derived"], []))
    exact = sum(1 for t, answer in top if answer == t["source"])
    family = sum(1 for t, answer in top if answer in accepted[t["derived"]] or families.get(answer, set())
                 & families.get(t["derived"], set()) & families.get(t["source"], set()))
    claims = {doc: sources[0] for doc, sources in answers.items() if sources}
    true_claims = sum(1 for doc, source in claims.items() if source in accepted.get(doc, ()))
    total = max(1, len(truth))
    return {"derivations": len(truth), "recall": round(found / total, 3), "precision": round(right / total, 3),
            "claims": len(claims), "claim_precision": round(true_claims / max(1, len(claims)), 3),
            "exact_recall": round(exact_found / total, 3), "exact_precision": round(exact / total, 3),
            "family_precision": round(family / total, 3)}


def corpus_of(docs: int, length: float = 1.0) -> Path:
    """The generated corpus of ``docs`` documents, their runs of sentences ``length`` times as long
    (made once, then reused until the generator changes)."""
    out = WORK / (f"gen{docs}" if length == 1.0 else f"gen{docs}x{length:g}")
    truth = out.with_name(f"{out.name}.truth.jsonl")
    generator = ROOT / "benchmarks" / "gen_corpus.py"
    if out.exists() and (not truth.exists() or truth.stat().st_mtime < generator.stat().st_mtime):
        shutil.rmtree(out)  # made by an older generator: its truth may lack what the scores read
    if not out.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(out), "--docs", str(docs),
                        "--length", str(length)],
                       check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus sizes (default: 1000)")
    parser.add_argument("--encoder", action="append", help="encoder settings (default: none, use)")
    parser.add_argument("--corpus", type=Path, action="append", help="measure these generated corpora too")
    parser.add_argument("--workers", type=int, action="append", help="worker processes (default: 1)")
    parser.add_argument("--length", type=float, default=1.0,
                        help="generated documents' runs of sentences this many times as long (3.6: about 3 KB)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "ENCODER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], int(args.child[2]))
        return
    rows = []
    corpora = [corpus_of(docs, args.length) for docs in args.docs or ([] if args.corpus else [1000])] + (args.corpus or [])
    for corpus in corpora:
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
                  f"sentences embedded {row['embedded_sentences']}  edges {row['edges']}  clusters {row['clusters']}\n"
                  f"    reports MB: {row['report_mb']}  derivations {row.get('derivations')}: "
                  f"recall {row.get('recall')}, precision {row.get('precision')} "
                  f"(exact source: recall {row.get('exact_recall')}, precision {row.get('exact_precision')}; "
                  f"family {row.get('family_precision')}); claims {row.get('claims')}, "
                  f"precision {row.get('claim_precision')}\n    stage CPU s: {stages}",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
