"""Original non-English news benchmark: translation verdicts and citation recall outside English.

Runs ``provenance report`` on ``tests/data/originals_multi/corpus`` (Wikinews articles written in
German, French and Spanish, and Diff posts written in Arabic; see that folder's SOURCES.md) and scores it with the shared scorer
against ``tests/data/originals_multi/gold/om``: the overall figures, then per language the
documents, the translation verdicts and the citation recall, and every gold citation the report
misses. Per-language and per-citation figures come from the same scorer run on a subset of the
gold, so they count exactly as the overall ones do.

    python benchmarks/bench_originals_multi.py [--encoder use] [--score ../shared/score.py] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "originals_multi"
GOLD = DATA / "gold" / "om"
METRICS = ("language.accuracy", "translation.accuracy", "citations.recall", "edges.false_links", "names.f1")


def report(corpus: Path, out: Path, encoder: str | None) -> float:
    """Write the report on ``corpus`` to ``out``; the CPU seconds it took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "provenance", "report", str(corpus), "--out", str(out), "--quiet"]
    subprocess.run(command + (["--encoder", encoder] if encoder else []), check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def score(scorer: Path, report_json: Path, prefix: Path) -> dict[str, Any]:
    """The scorer's metrics for ``report_json`` against the gold family at ``prefix``."""
    printed = subprocess.run([sys.executable, str(scorer), str(report_json), str(prefix), "--json"],
                             check=False, capture_output=True, text=True).stdout
    return json.loads(printed[:printed.rindex("}") + 1])


def gold_subset(folder: Path, name: str, docs: set[str], citations: Sequence[dict[str, Any]]) -> Path:
    """A gold family ``folder/name`` holding only ``docs`` and the given citations."""
    rows = [json.loads(line) for line in GOLD.with_name("om.documents.jsonl").read_text(encoding="utf-8").splitlines()]
    (folder / f"{name}.documents.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if r["doc"] in docs), encoding="utf-8")
    provenance = {"doc_edges": [], "non_edges": [], "citations": list(citations), "conflicts": []}
    (folder / f"{name}.provenance.json").write_text(json.dumps(provenance, ensure_ascii=False), encoding="utf-8")
    return folder / name


def by_language(scorer: Path, report_json: Path, folder: Path, languages: dict[str, str],
                citations: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per language: documents, translation verdicts, gold citations and those the report finds."""
    verdicts = {d["id"]: bool((d.get("translation") or {}).get("is_translation"))
                for d in json.loads(report_json.read_text(encoding="utf-8"))["documents"]}
    rows = {}
    for lang in sorted(set(languages.values())):
        docs = {doc for doc, doc_lang in languages.items() if doc_lang == lang}
        cited = [c for c in citations if c["doc"] in docs]
        found = score(scorer, report_json, gold_subset(folder, f"om-{lang}", docs, cited))
        rows[lang] = {"docs": len(docs), "translation_verdicts": sum(verdicts[d] for d in docs),
                      "citations": len(cited), "citations_found": round(found["citations.recall"] * len(cited))}
    return rows


def phrase(doc: str, names: Sequence[str], width: int = 70) -> str:
    """The words around the first of ``names`` found in the document ``doc``."""
    text = (DATA / "corpus" / doc).read_text(encoding="utf-8")
    at = next((i for i in (text.find(n) for n in names) if i >= 0), -1)
    return " ".join(text[max(0, at - width):at + width].split()) if at >= 0 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", help="sentence encoder passed to the report (default: the report's own)")
    parser.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "score.py")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    manifest = (DATA / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    languages = {row["id"]: row["language"] for row in map(json.loads, manifest)}
    citations = json.loads(GOLD.with_name("om.provenance.json").read_text(encoding="utf-8"))["citations"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cpu = report(DATA / "corpus", folder / "out", args.encoder)
        report_json = folder / "out" / "report.json"
        overall = score(args.score, report_json, GOLD)
        per_language = by_language(args.score, report_json, folder, languages, citations)
        missed = [c for i, c in enumerate(citations)
                  if not score(args.score, report_json, gold_subset(folder, f"om-c{i}", {c["doc"]}, [c]))["citations.recall"]]
    print(f"{'metric':28}{'value':>10}")
    for metric in (m for m in METRICS if m in overall):
        value = overall[metric]
        print(f"{metric:28}{value:10.3f}" if isinstance(value, float) else f"{metric:28}{value:10}")
    print(f"{'CPU s':28}{cpu:10.1f}\n")
    print(f"{'language':10}{'docs':>6}{'verdicts':>10}{'citations':>11}{'found':>7}")
    for lang, row in per_language.items():
        print(f"{lang:10}{row['docs']:6}{row['translation_verdicts']:10}{row['citations']:11}{row['citations_found']:7}")
    print("\nmissed citations:")
    for c in missed:
        print(f"  {c['doc']}: {' / '.join(c['names'])}  «{phrase(c['doc'], c['names'])}»")
    if args.json:
        args.json.write_text(json.dumps({"metrics": overall, "cpu_s": cpu, "per_language": per_language,
                                         "missed": missed}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
