"""Benchmark: the precision and recall of ``provenance normalize`` on labelled texts, over ``--min-score``.

``benchmarks/data/normalize/cases.jsonl`` holds short news texts written for this project (see
SOURCES.md there) in English, French, Spanish, Italian and German: namesakes in one text (a
father and son, two prime ministers, two men sharing a nisba), titles next to names,
organizations next to names, articles before acronyms, surname-only texts and names the
glossary does not know. Every name that should be rewritten is marked in the text as
``[[written|expected]]``: the span and the canonical form normalize should write there. The
marks are removed before analysis.

The texts are analysed as ``provenance normalize`` does (the names stage, with the artifacts one for
``--include-discovered``; bundled glossary), then the plan of :mod:`provenance.normalize.plan` is computed for each min score: a
proposed change is right when its span and text are a gold rewrite, and every other proposed
change is a false rewrite. The last row is ``--listed-only``, the fast pass that rewrites only
full names spelt as the glossary lists them.

    python benchmarks/bench_normalize_precision.py [--verbose [--explain 0.6]]
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from provenance.corpus import Document
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.normalize import DEFAULT_MIN_SCORE, PlanOptions, listed_plan, plan_corpus
from provenance.pipeline import analyze_documents

DATA = Path(__file__).resolve().parent / "data" / "normalize" / "cases.jsonl"
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
SWEEP = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)

Gold = dict[tuple[str, int, int], str]  # (doc, start, end) -> the expected text


@dataclass
class Scores:
    """Counts of one run: right rewrites, false rewrites, gold rewrites."""

    right: int
    false: int
    gold: int

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.false) if self.right + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


def unmark(case_id: str, marked: str) -> tuple[str, Gold]:
    """The plain text of a marked-up case and its gold rewrites."""
    pieces: list[str] = []
    gold: Gold = {}
    cursor = length = 0
    for match in MARK.finditer(marked):
        kept = marked[cursor:match.start()]
        pieces.append(kept)
        length += len(kept)
        written, expected = match.group(1), match.group(2)
        gold[(case_id, length, length + len(written))] = expected
        pieces.append(written)
        length += len(written)
        cursor = match.end()
    pieces.append(marked[cursor:])
    return "".join(pieces), gold


def load_cases(path: Path = DATA) -> tuple[list[Document], Gold, dict[str, str]]:
    """The documents, the gold rewrites and each document's case kind."""
    docs: list[Document] = []
    gold: Gold = {}
    kinds: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        text, found = unmark(case["id"], case["text"])
        docs.append(Document(case["id"], text))
        gold.update(found)
        kinds[case["id"]] = case["case"]
    return docs, gold, kinds


def score(proposed: dict[tuple[str, int, int], str], gold: Gold) -> Scores:
    """Right and false rewrites of a plan's proposed changes against the gold."""
    right = sum(1 for key, text in proposed.items() if gold.get(key) == text)
    return Scores(right, len(proposed) - right, len(gold))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="List false rewrites and missed ones (at --explain).")
    parser.add_argument("--explain", type=float, default=DEFAULT_MIN_SCORE,
                        help="The min score whose errors --verbose lists (default: the default min score).")
    parser.add_argument("--data", type=Path, default=DATA, help="The labelled cases (JSONL).")
    parser.add_argument("--original-spellings", action="store_true",
                        help="Also run the artifacts stage, as 'provenance normalize --include-discovered' does.")
    args = parser.parse_args()
    docs, gold, kinds = load_cases(args.data)
    glossary = load_glossary(default_glossary_paths())
    analysis = analyze_documents(docs, str(args.data.parent), glossary=glossary,
                                 stages=("names", "artifacts") if args.original_spellings else ("names",))
    names = analysis.names
    assert names is not None
    print(f"{len(docs)} texts, {len(gold)} gold rewrites, {len(set(kinds.values()))} kinds of case")
    print(f"{'min-score':>9}  {'proposed':>8}  {'right':>5}  {'false':>5}  {'precision':>9}  {'recall':>6}")
    for min_score in sorted({*SWEEP, DEFAULT_MIN_SCORE, args.explain}):
        plan = plan_corpus(docs, names, PlanOptions(min_score=min_score), glossary)
        proposed = {(d.doc, d.start, d.end): d.text or "" for d in plan.proposals()}
        result = score(proposed, gold)
        mark = "  <- default" if min_score == DEFAULT_MIN_SCORE else ""
        print(f"{min_score:>9.2f}  {len(proposed):>8}  {result.right:>5}  {result.false:>5}  "
              f"{result.precision:>9.3f}  {result.recall:>6.3f}{mark}")
        if args.verbose and min_score == args.explain:
            _explain(docs, plan.decisions, proposed, gold)
    listed = listed_plan(docs, glossary)
    proposed = {(d.doc, d.start, d.end): d.text or "" for d in listed.proposals()}
    result = score(proposed, gold)
    print(f"{'listed':>9}  {len(proposed):>8}  {result.right:>5}  {result.false:>5}  "
          f"{result.precision:>9.3f}  {result.recall:>6.3f}  <- --listed-only")


def _explain(docs: list[Document], decisions: list, proposed: dict[tuple[str, int, int], str], gold: Gold) -> None:
    """Print the false rewrites and the missed gold rewrites (with the plan's reason when it has one)."""
    texts = {d.id: d.text for d in docs}
    reasons = {(d.doc, d.start, d.end): d.reason for d in decisions if not d.proposed}
    for key, text in sorted(proposed.items()):
        if gold.get(key) != text:
            print(f"  false: {key[0]} {texts[key[0]][key[1]:key[2]]!r} -> {text!r} (gold: {gold.get(key)!r})")
    for key, expected in sorted(gold.items()):
        if proposed.get(key) != expected:
            print(f"  missed: {key[0]} {texts[key[0]][key[1]:key[2]]!r} -> {expected!r} "
                  f"(plan: {reasons.get(key) or proposed.get(key) or 'no candidate'})")


if __name__ == "__main__":
    main()
