"""Foreign sentences inside a document: how many ``detect_document`` finds, at which cost.

Each non-English sentence of ``tests/data/lang`` (566 of them, 20 languages) is set between
three English sentences before and three after; each English text of seven sentences is a
document with no foreign sentence. For each setting of ``lang.SAME_LANGUAGE_CONFIDENCE`` (the
fastText confidence at which a long sentence given the document's language skips langdetect),
the script prints the foreign sentences found, those found in the right language, the false
segments in the English texts, and the CPU seconds.

    python benchmarks/lang_segments.py
"""
from __future__ import annotations

import time
from pathlib import Path

from provenance import lang
from provenance.text import sentences

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "lang"


def lines(code: str) -> list[str]:
    return [line for line in (DATA / f"{code}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    english = lines("en")
    cases = []
    for path in sorted(DATA.glob("*.txt")):
        if path.stem == "en":
            continue
        for i, sentence in enumerate(lines(path.stem)):
            if sum(c.isalpha() for c in sentence) < lang.SEGMENT_MIN_CHARS:
                continue
            before = " ".join(english[(i + k) % len(english)] for k in range(3))
            after = " ".join(english[(i + 5 + k) % len(english)] for k in range(3))
            start = len(before) + 1
            cases.append((path.stem, f"{before} {sentence} {after}", start, start + len(sentence)))
    clean = [" ".join(english[(i + k) % len(english)] for k in range(7)) for i in range(len(english))]
    shipped = lang.SAME_LANGUAGE_CONFIDENCE
    for threshold in sorted({shipped, 0.7, 0.9, 1.01}):
        lang.SAME_LANGUAGE_CONFIDENCE = threshold
        began = time.process_time()
        found = right = 0
        for code, text, start, end in cases:
            hits = [s for s in lang.detect_document(text, sentences(text)).segments if s.start < end and start < s.end]
            found += bool(hits)
            right += any(s.lang == code for s in hits)
        false = sum(len(lang.detect_document(text, sentences(text)).segments) for text in clean)
        label = " (shipped)" if threshold == shipped else " (langdetect always)" if threshold > 1 else ""
        print(f"threshold {threshold}{label}: foreign sentences found {found}/{len(cases)}, in the right language "
              f"{right}; false segments in {len(clean)} English texts: {false}; "
              f"{time.process_time() - began:.2f} CPU s")
    lang.SAME_LANGUAGE_CONFIDENCE = shipped


if __name__ == "__main__":
    main()
