"""Benchmark: link names and normalize a generated news corpus against a large glossary.

Generates (into a temporary folder, never the repository) a glossary of ``--entries``
people with Arabic-style names and transliteration variants, and a JSONL corpus of
``--mb`` megabytes of news-like sentences that mention them in varied spellings (full
names, surnames alone, names the glossary lacks), names drawn by Zipf's law as in news.
Then, for each size in ``--sizes`` (a prefix of the corpus), a fresh process loads the
glossary, builds the index (timed apart), times link_corpus and normalize_corpus, and the
script prints MB/s, mentions/s and the peak resident memory of that process.

    python benchmarks/bench_normalize.py --mb 50 --sizes 10,25,50

``--end-to-end`` times the command itself instead, ``provenance normalize CORPUS --out DIR`` from
reading to the written copy (language detection, names, rewriting, mentions.jsonl), with the
generated glossary and with the bundled one, for each ``--mode`` (``full``: the names stage;
``listed``: ``--listed-only``) and ``--workers`` value: MB/s of CPU (the command's and its
workers') and of wall time, and the number of names rewritten. ``--code DIR`` runs another checkout's package
(the code before a change, one with ``--workers``) on the same corpus. ``--corpus PATH`` times the
command on a corpus of real text instead (a folder of ``.txt`` files or a JSONL file; the bundled
glossary), such as ``gen_corpus.py``'s. Both hold some 15 runs of capitalised words a kilobyte, but the
generated corpus ten times as many distinct ones (34,223 of 152,612 in 10 MB, against 3,663 of 157,411
in ``gen_corpus.py``'s, which draws on a limited pool of articles), and the finder caches its analysis
of a run: the two bound what an archive of news would take.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

from provenance.corpus import Document
from provenance.glossary import Alias, Entry, Glossary, load_glossary, write_glossary
from provenance.names import NameLinker, link_corpus
from provenance.normalize import normalize_corpus

GIVEN = ["Mohammed", "Ahmad", "Ali", "Hassan", "Hussein", "Omar", "Khalid", "Yusuf", "Ibrahim", "Mustafa",
         "Abdullah", "Salman", "Jabbar", "Faisal", "Tariq", "Walid", "Karim", "Nasser", "Samir", "Adel",
         "Haider", "Qassem", "Jawad", "Sajjad", "Falih", "Rashid", "Hamid", "Majid", "Zaid", "Bashir"]
ONSETS = ["b", "d", "dh", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t", "th", "w", "z"]
VOWELS = ["a", "i", "u", "aa", "ee", "ou"]
FILLER = ["the", "officials", "said", "on", "Tuesday", "that", "the", "talks", "would", "continue", "after", "a", "week", "of", "negotiations", "over", "the", "budget", "and", "security", "arrangements", "in", "the", "northern", "provinces", "where", "several", "towns", "were", "affected", "by", "flooding", "and", "power", "cuts", "according", "to", "local", "reports", "and", "a", "statement", "from", "the", "ministry"]
SPELLING_SWAPS = [("dh", "z"), ("q", "k"), ("ou", "u"), ("ee", "i"), ("aa", "a"), ("ss", "s"), ("sh", "ch")]


def surname(rng: random.Random) -> str:
    word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + rng.choice(["", "i", "i", "awi"])


def variant(name: str, rng: random.Random) -> str:
    """A transliteration variant: a swapped digraph, a changed article form."""
    lowered = name
    for a, b in rng.sample(SPELLING_SWAPS, 3):
        if a in lowered:
            lowered = lowered.replace(a, b, 1)
            break
    return lowered.replace(" al-", rng.choice([" al-", " Al-", " Al ", " el-"]), 1)


def make_glossary(count: int, rng: random.Random) -> Glossary:
    entries = []
    for i in range(count):
        canonical = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} al-{surname(rng)}"
        aliases = (Alias(variant(canonical, rng), "en", "Latin", "variant"),
                   Alias("al-" + canonical.split("al-")[-1], None, "Latin", "surname"))
        entries.append(Entry(f"per:gen-{i}", "person", canonical, aliases, roles=("official",)))
    return Glossary(entries)


def make_corpus(path: Path, megabytes: float, glossary: Glossary, rng: random.Random) -> int:
    """Write a JSONL corpus of about ``megabytes`` MB; returns the number of documents."""
    names = [e.canonical for e in list(glossary)[:20_000]]
    weights = list(accumulate(1 / rank for rank in range(1, len(names) + 1)))  # names in news follow Zipf's law
    unknown = [f"{rng.choice(GIVEN)} {surname(rng)}" for _ in range(5_000)]
    unknown_weights = list(accumulate(1 / rank for rank in range(1, len(unknown) + 1)))
    target = int(megabytes * 1_000_000)
    written = docs = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            parts = []
            for _ in range(rng.randint(15, 30)):
                words = rng.sample(FILLER, rng.randint(8, 16))
                roll = rng.random()
                if roll < 0.5:
                    name = rng.choices(names, cum_weights=weights)[0]
                    spelled = variant(name, rng) if rng.random() < 0.5 else name
                    words.insert(rng.randint(0, len(words)), spelled)
                    if rng.random() < 0.5:
                        words.append("while " + spelled.split()[-1].replace("al-", "Al-") + " said")
                elif roll < 0.6:
                    words.insert(0, rng.choices(unknown, cum_weights=unknown_weights)[0])
                sentence = " ".join(words)
                parts.append(sentence[:1].upper() + sentence[1:] + ".")
            record = {"id": f"doc{docs:07d}", "text": " ".join(parts)}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(record["text"].encode("utf-8"))
            docs += 1
    return docs


def read_prefix(path: Path, megabytes: float) -> list[Document]:
    docs, size = [], 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs.append(Document(record["id"], record["text"]))
            size += len(record["text"].encode("utf-8"))
            if size >= megabytes * 1_000_000:
                break
    return docs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(work: Path, size: float) -> tuple:
    """Index, link and normalize a ``size`` MB prefix of the corpus in this (fresh) process:
    (MB, documents, mentions, index s, link s, normalize s, peak RSS MB)."""
    glossary = load_glossary([work])
    docs = read_prefix(work / "corpus.jsonl", size)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1_000_000
    started = time.perf_counter()
    linker = NameLinker(glossary)
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    result = link_corpus(docs, linker=linker)
    link_s = time.perf_counter() - started
    out = work / f"out-{size:g}"
    started = time.perf_counter()
    normalize_corpus(docs, result, out)
    norm_s = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return megabytes, len(docs), len(result.mentions), index_s, link_s, norm_s, peak_mb()


def e2e_corpus(work: Path, megabytes: float) -> tuple[Path, int]:
    """The ``megabytes`` MB prefix of the generated corpus, as its own file, and its size in bytes."""
    corpus = work / "e2e.jsonl"
    with open(work / "corpus.jsonl", encoding="utf-8") as source, open(corpus, "w", encoding="utf-8") as target:
        size = 0
        for line in source:
            target.write(line)
            size += len(json.loads(line)["text"].encode("utf-8"))
            if size >= megabytes * 1_000_000:
                break
    return corpus, size


def text_bytes(corpus: Path) -> int:
    """The bytes of text in a given corpus: its .txt files' sizes, or its JSONL records' texts."""
    if corpus.is_dir():
        return sum(path.stat().st_size for path in corpus.rglob("*.txt"))
    with open(corpus, encoding="utf-8") as lines:
        return sum(len(json.loads(line)["text"].encode("utf-8")) for line in lines if line.strip())


def end_to_end(work: Path, corpus: Path, size: int, glossaries: tuple[str, ...], workers: list[int],
               code: Path | None, modes: list[str]) -> None:
    """Time ``provenance normalize`` on ``corpus`` (``size`` bytes of text), per glossary, mode
    (``full``: the names stage; ``listed``: ``--listed-only``) and workers."""
    env = {**os.environ, "PYTHONPATH": str((code or Path(__file__).parent.parent).resolve())}
    print(f"{'glossary':>9} {'mode':>6} {'workers':>7} {'MB':>6} {'CPU s':>7} {'wall s':>7} {'MB/s CPU':>9} "
          f"{'MB/s wall':>9} {'rewritten':>9}")
    for glossary, mode, count in ((g, m, c) for g in glossaries for m in modes for c in workers):
        out = work / f"e2e-out-{glossary}-{mode}-{count}"
        command = [sys.executable, "-m", "provenance", "normalize", str(corpus), "--out", str(out)]
        command += ["-g", str(work)] if glossary == "generated" else []
        command += ["--workers", str(count)]
        command += ["--listed-only"] if mode == "listed" else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True, cwd=work)  # not this checkout: --code decides
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        with open(out / "mentions.jsonl", encoding="utf-8") as changes:
            rewritten = sum(1 for _ in changes)
        shutil.rmtree(out, ignore_errors=True)
        print(f"{glossary:>9} {mode:>6} {count:>7} {size / 1e6:6.2f} {cpu:7.1f} {wall:7.1f} {size / 1e6 / cpu:9.3f} "
              f"{size / 1e6 / wall:9.3f} {rewritten:9,}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--entries", type=int, default=100_000, help="glossary entries (default 100,000)")
    parser.add_argument("--sizes", default="", help="comma-separated prefix sizes in MB (default: a fifth, half, all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and print its path")
    parser.add_argument("--end-to-end", action="store_true", help="time the normalize command itself (see above)")
    parser.add_argument("--workers", type=int, action="append", help="with --end-to-end: worker counts (default 1, 2)")
    parser.add_argument("--mode", action="append", choices=("full", "listed"),
                        help="with --end-to-end: normalize modes (default full, listed: --listed-only)")
    parser.add_argument("--code", type=Path, help="with --end-to-end: the checkout whose package runs (default: this one)")
    parser.add_argument("--corpus", type=Path, help="time the command (as --end-to-end) on this corpus, a folder "
                        "or a JSONL file, with the bundled glossary, instead of the generated one")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s] or [args.mb / 5, args.mb / 2, args.mb]
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="bench_normalize_"))
    try:
        if args.corpus is not None:
            corpus = args.corpus.resolve()
            end_to_end(work, corpus, text_bytes(corpus), ("bundled",), args.workers or [1, 2], args.code,
                       args.mode or ["full", "listed"])
            return 0
        started = time.perf_counter()
        write_glossary(make_glossary(args.entries, rng), work, "generated")
        corpus = work / "corpus.jsonl"
        docs_total = make_corpus(corpus, max(max(sizes), args.mb), load_glossary([work]), rng)
        print(f"generated {args.entries:,} glossary entries and {docs_total:,} documents "
              f"in {time.perf_counter() - started:.1f}s ({work})")
        if args.end_to_end:
            corpus, size = e2e_corpus(work, args.mb)
            end_to_end(work, corpus, size, ("generated", "bundled"), args.workers or [1, 2], args.code,
                       args.mode or ["full", "listed"])
            return 0
        print("each size runs in a fresh process (no cache carried over from a smaller size); "
              "MB/s and mentions/s time linking and normalizing, not the index build")
        print(f"{'MB':>6} {'docs':>8} {'mentions':>9} {'index s':>8} {'link s':>8} {'norm s':>8} "
              f"{'MB/s':>7} {'mentions/s':>11} {'peak RSS MB':>12}", flush=True)
        spawn = multiprocessing.get_context("spawn")
        for size in sizes:
            with spawn.Pool(1) as pool:
                megabytes, docs, mentions, index_s, link_s, norm_s, peak = pool.apply(measure, (work, size))
            seconds = link_s + norm_s
            print(f"{megabytes:6.1f} {docs:8,} {mentions:9,} {index_s:8.2f} {link_s:8.2f} {norm_s:8.2f} "
                  f"{megabytes / seconds:7.2f} {mentions / seconds:11,.0f} {peak:12,.0f}", flush=True)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
