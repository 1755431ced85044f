"""Benchmark: the trace's candidate counting alone, on the key-pair postings of a generated corpus.

Prepares the documents of ``CORPUS`` (a ``gen_corpus.py`` folder; every document taken as English,
no names) on two worker processes, builds their key-pair postings and saves them (``--postings``,
reused when the file exists), then, in a fresh process for each ``--block-codes`` value, counts
the candidate pairs (:func:`provenance.trace.shared_pairs.shared_counts`, with the minimum of 4
shared key pairs the trace uses) and prints its CPU seconds, the process's peak resident memory
and how much of it the counting added to the loaded postings, the pairs kept and a checksum of
them (equal checksums: the same pairs and counts).

    python benchmarks/bench_counting.py CORPUS --postings /tmp/p.npz [--block-codes 24000000 --block-codes 48000000]
    python benchmarks/bench_counting.py CORPUS --postings /tmp/p.npz --code OTHER_CHECKOUT   # the code before a change
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MIN_SHARED = 4


def save_postings(corpus: Path, target: Path) -> None:
    """Prepare ``corpus`` as the trace does and save its postings, date order and day starts."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from provenance.corpus import read_corpus
    from provenance.engine import make_engine, using
    from provenance.trace import candidates
    from provenance.trace.graph import SPREAD_WINDOW
    from provenance.trace.packed import PackedCorpus

    docs = sorted((replace(d, language="en") for d in read_corpus(corpus)), key=lambda d: d.id)
    engine = make_engine("local", 2)
    with using(engine):
        prepared = PackedCorpus.prepare(docs, {})
    engine.close()
    postings = prepared.postings(SPREAD_WINDOW)
    order = candidates._date_order(prepared.docs)
    np.savez(target, runs=postings.keys, sizes=postings.sizes, holders=postings.holders, order=order,
             day=candidates._day_starts(prepared.docs, order))


def count(postings: Path, code: Path, block_codes: int | None) -> None:
    """Count the candidate pairs of ``postings`` with the package at ``code``; print one JSON line."""
    import numpy as np

    sys.path.insert(0, str(code))
    from provenance.trace import shared_pairs

    saved = np.load(postings)
    rows, order, day = len(saved["holders"]), saved["order"], saved["day"]
    if hasattr(shared_pairs, "Postings"):  # a key pair's holders as one run
        columns: tuple[Any, ...] = (shared_pairs.Postings(saved["runs"], saved["sizes"], saved["holders"]),)
    else:  # the code before took a key pair code a row
        columns = (np.repeat(saved["runs"], saved["sizes"]), saved["holders"])
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    options = {} if block_codes is None else {"block_codes": block_codes}
    if "min_shared" in shared_pairs.shared_counts.__code__.co_varnames:  # the code before counted every pair
        options["min_shared"] = MIN_SHARED
    started = time.process_time()
    shared_counts: Any = shared_pairs.shared_counts  # called as the version at ``code`` takes it
    codes, counts = shared_counts(*columns, order, shared_pairs.MAX_DF, shared_pairs.RARE_KEYS, day_starts=day,
                                  **options)
    cpu = time.process_time() - started
    kept = counts >= MIN_SHARED
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    checksum = int((codes[kept] % 1_000_003 * counts[kept]).sum())
    print(json.dumps({"code": str(code), "block_codes": block_codes, "cpu_s": round(cpu, 1), "peak_mb": round(peak),
                      "added_mb": round(peak - loaded), "rows": rows, "pairs": int(kept.sum()),
                      "checksum": checksum}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--postings", type=Path, required=True, help="where the postings are saved (reused)")
    parser.add_argument("--block-codes", type=int, action="append", help="codes counted at once (default: the code's)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose package counts (default: this one)")
    parser.add_argument("--child", nargs=2, metavar=("POSTINGS", "BLOCK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        count(Path(args.child[0]), args.code, None if args.child[1] == "default" else int(args.child[1]))
        return
    if not args.postings.exists():
        started = time.perf_counter()
        save_postings(args.corpus, args.postings)
        print(f"postings of {args.corpus} saved to {args.postings} in {time.perf_counter() - started:.0f} s")
    for block in args.block_codes or [None]:
        subprocess.run([sys.executable, __file__, str(args.corpus), "--postings", str(args.postings), "--code",
                        str(args.code), "--child", str(args.postings), "default" if block is None else str(block)],
                       check=True)


if __name__ == "__main__":
    main()
