"""Trace benchmark: passage alignment (PAN plagdet) and direction on a labelled derivation corpus.

The corpus is generated from public-domain news (``tests/data/originals``): half of the texts
are sources, the other half only give filler sentences (each used once, so that derived texts
share no wording but their source's). Every source yields one derived text per kind of
operation:

- ``verbatim``: one block of sentences copied exactly;
- ``partial``: two or three short blocks, in order, with new sentences between them;
- ``reordered``: three blocks copied in a shuffled order;
- ``paraphrase``: one block rewritten (word substitutions, dropped function words, swapped
  clauses) from ``data/bench_trace.json``, only partly covered by the aligner's synonym sets;
- ``transliteration``: one block with its names respelled (Arabic-style transliteration rules);
  the names stage is simulated by linking both spellings to one entity; a second run without
  it shows what fuzzy token matching alone recovers;
- ``dated``: a longer block, source and derived text both dated (the derived one later).

Passages are scored with PAN's plagdet (character precision, recall, granularity) per kind;
direction accuracy counts cases whose reuse edge is directed from the source. The same case
pairs are run through text-matcher (PyPI), whose figures and time are printed beside ours.

Usage: python benchmarks/bench_trace.py [--originals DIR] [--seed N] [--json OUT] [--no-text-matcher]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

from provenance.corpus import Document
from provenance.text import sentences
from provenance.trace.align import align
from provenance.trace.candidates import candidate_pairs, prepare_corpus
from provenance.trace.graph import reuse_edges

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "tests" / "data" / "originals"
RULES = Path(__file__).resolve().parent / "data" / "bench_trace.json"
KINDS = ("verbatim", "partial", "reordered", "paraphrase", "transliteration", "dated")
NAME_ZIPF = 3.5  # capitalised words rarer than this are taken for names

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    """A simulated names-stage mention: both spellings of a name share one entity id."""

    doc: str
    start: int
    end: int
    entity: str
    entity_id: str


@dataclass
class Case:
    """One derived text: its source, its kind and the gold passages (source span, derived span)."""

    kind: str
    source: str
    derived: str
    passages: list[tuple[Span, Span]] = field(default_factory=list)


@dataclass
class Corpus:
    """The generated documents, the cases and the simulated name mentions."""

    docs: list[Document]
    cases: list[Case]
    names: dict[str, str]  # surface -> entity id


class DerivedText:
    """A text built piece by piece, remembering where each copied piece landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> Span:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        self.parts.append(text)
        self.length += len(text)
        return self.length - len(text), self.length

    def text(self) -> str:
        return "".join(self.parts)


# -- rewriting ---------------------------------------------------------------------------

def _match_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def paraphrase(sentence: str, rules: dict, rng: random.Random) -> str:
    """Substitute words, drop some function words and maybe swap the clauses around a comma."""
    table, dropped = rules["paraphrase"], set(rules["function_words"])

    def rewrite(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        if lower in table and rng.random() < 0.8:
            return _match_case(word, table[lower])
        if lower in dropped and match.start() > 0 and rng.random() < 0.3:
            return ""
        return word

    text = re.sub(r"\s+", " ", re.sub(r"[A-Za-z]+", rewrite, sentence)).strip()
    head, comma, tail = text.partition(", ")
    if comma and len(head.split()) >= 4 and len(tail.split()) >= 4 and tail.endswith(".") and rng.random() < 0.5:
        first = head.split()[0]
        if zipf_frequency(first.lower(), "en") >= 5:
            head = head[0].lower() + head[1:]
        text = f"{tail[0].upper()}{tail[1:-1]}, {head}."
    return text


def name_words(text: str) -> set[str]:
    """Rare capitalised words not opening a sentence: the names of a text."""
    found = set()
    for match in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}\b", text):
        if zipf_frequency(match.group().lower(), "en") < NAME_ZIPF:
            found.add(match.group())
    return found


def respell(name: str, rules: dict) -> str:
    """The name rewritten by the first transliteration rule that applies to its letters after the first."""
    head, rest = name[0], name[1:]
    for pattern, replacement in rules["transliteration"]:
        if pattern in rest:
            return head + rest.replace(pattern, replacement, 1)
    return name


# -- corpus generation -------------------------------------------------------------------

def generate(originals: Sequence[Path], rules: dict, seed: int) -> Corpus:
    """The labelled derivation corpus (deterministic for a seed)."""
    rng = random.Random(seed)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(originals)]
    source_texts, filler_texts = texts[0::2], texts[1::2]
    pool = [s.text for _, text in filler_texts for s in sentences(text)[1:] if len(s.text.split()) >= 6]
    rng.shuffle(pool)

    def filler(count: int) -> list[str]:
        return [pool.pop() for _ in range(count) if pool]

    docs: list[Document] = []
    cases: list[Case] = []
    names: dict[str, str] = {}
    for number, (name, text) in enumerate(source_texts):
        source_id = f"src/{name}"
        dated = f"2023-{1 + number % 12:02d}-10"
        docs.append(Document(source_id, text, date=dated))
        for word in name_words(text):
            names[word] = f"bench:{word.lower()}"
        sents = sentences(text)[1:]  # the title line stays out
        for kind in KINDS:
            derived_id = f"derived/{kind}/{name}"
            out = DerivedText()
            case = Case(kind, source_id, derived_id)
            for piece in filler(rng.randint(1, 2)):
                out.add(piece)
            if kind in ("verbatim", "dated", "paraphrase", "transliteration"):
                size = rng.randint(6, 10) if kind == "dated" else rng.randint(3, 6)
                first = rng.randrange(0, max(1, len(sents) - size))
                block = sents[first:first + size]
                span = (block[0].start, block[-1].end)
                copied = text[span[0]:span[1]]
                if kind == "paraphrase":
                    copied = " ".join(paraphrase(s.text, rules, rng) for s in block)
                elif kind == "transliteration":
                    for word in sorted(name_words(copied), key=len, reverse=True):
                        variant = respell(word, rules)
                        names[variant] = f"bench:{word.lower()}"
                        copied = re.sub(rf"\b{word}\b", variant, copied)
                case.passages.append((span, out.add(copied)))
            else:
                positions = range(0, max(1, len(sents) - 2), 3)  # blocks never touch
                wanted = 3 if kind == "reordered" else rng.randint(2, 3)
                starts = sorted(rng.sample(positions, min(wanted, len(positions))))
                blocks = [sents[s:s + rng.randint(1, 2)] for s in starts]
                if kind == "reordered":
                    order = list(range(len(blocks)))
                    while order == sorted(order):
                        rng.shuffle(order)
                    blocks = [blocks[k] for k in order]
                for index, block in enumerate(blocks):
                    span = (block[0].start, block[-1].end)
                    case.passages.append((span, out.add(text[span[0]:span[1]])))
                    if kind == "partial" and index < len(blocks) - 1:
                        for piece in filler(rng.randint(1, 2)):
                            out.add(piece)
            for piece in filler(rng.randint(1, 2)):
                out.add(piece)
            docs.append(Document(derived_id, out.text(), date=f"2023-{1 + number % 12:02d}-20" if kind == "dated" else None))
            cases.append(case)
    return Corpus(docs, cases, names)


def mentions_for(docs: Iterable[Document], names: dict[str, str]) -> dict[str, list[Mention]]:
    """Simulated names stage: every known spelling of a name, linked to its entity."""
    if not names:
        return {}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    return {d.id: [Mention(d.id, m.start(), m.end(), m.group(), names[m.group()]) for m in pattern.finditer(d.text)]
            for d in docs}


# -- plagdet -----------------------------------------------------------------------------

def _chars(tag: str, source: Span, derived: Span) -> set[tuple[str, str, int]]:
    return {(tag, "s", i) for i in range(*source)} | {(tag, "d", i) for i in range(*derived)}


def _overlaps(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def plagdet(cases: Sequence[Case], detections: dict[str, list[tuple[Span, Span]]]) -> dict[str, float]:
    """PAN plagdet: character precision and recall, granularity, and their combination."""
    gold = [(c.derived, s, d) for c in cases for s, d in c.passages]
    found = [(c.derived, s, d) for c in cases for s, d in detections.get(c.derived, [])]
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "granularity": 1.0, "plagdet": 0.0}

    def detects(det: tuple, case: tuple) -> bool:
        return det[0] == case[0] and _overlaps(det[1], case[1]) and _overlaps(det[2], case[2])

    precision_terms = []
    for det in found:
        chars = _chars(*det)
        covered: set = set()
        for case in gold:
            if detects(det, case):
                covered |= chars & _chars(*case)
        precision_terms.append(len(covered) / len(chars) if chars else 0.0)
    recall_terms, granularity_terms = [], []
    for case in gold:
        chars = _chars(*case)
        hits = [det for det in found if detects(det, case)]
        covered = set()
        for det in hits:
            covered |= chars & _chars(*det)
        recall_terms.append(len(covered) / len(chars))
        if hits:
            granularity_terms.append(len(hits))
    precision = sum(precision_terms) / len(precision_terms) if precision_terms else 0.0
    recall = sum(recall_terms) / len(recall_terms)
    granularity = sum(granularity_terms) / len(granularity_terms) if granularity_terms else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "granularity": granularity,
            "plagdet": f1 / math.log2(1 + granularity)}


# -- systems -----------------------------------------------------------------------------

def run_ours(corpus: Corpus, with_names: bool) -> dict:
    """Whole-corpus run (candidates, alignment, direction); detections and directions per case."""
    mentions = mentions_for(corpus.docs, corpus.names) if with_names else {}
    started = time.perf_counter()
    prepared = prepare_corpus(corpus.docs, mentions)
    pairs = candidate_pairs(prepared)
    edges = reuse_edges(prepared, pairs)
    elapsed = time.perf_counter() - started
    by_pair = {frozenset((e.source, e.target)): e for e in edges}
    detections: dict[str, list[tuple[Span, Span]]] = {}
    directions: dict[str, bool | None] = {}  # True: directed from the source; None: undirected
    for case in corpus.cases:
        edge = by_pair.get(frozenset((case.source, case.derived)))
        if edge is None:
            continue
        forward = edge.source == case.source
        detections[case.derived] = [((e.from_start, e.from_end), (e.to_start, e.to_end)) if forward
                                    else ((e.to_start, e.to_end), (e.from_start, e.from_end)) for e in edge.evidence]
        directions[case.derived] = forward if edge.directed else None
    index = {p.id: p for p in prepared}
    started_pairs = time.perf_counter()
    for case in corpus.cases:
        align(index[case.source], index[case.derived])
    pair_seconds = time.perf_counter() - started_pairs
    related = {frozenset((c.source, c.derived)) for c in corpus.cases}
    derived_of: dict[str, str] = {c.derived: c.source for c in corpus.cases}
    siblings = {frozenset((x, y)) for x in derived_of for y in derived_of if x != y and derived_of[x] == derived_of[y]}
    unrelated = [e for e in edges if frozenset((e.source, e.target)) not in related | siblings]
    return {"detections": detections, "directions": directions, "seconds": elapsed, "pair_seconds": pair_seconds,
            "candidate_pairs": len(pairs), "false_links": sum(1 for e in unrelated if e.score >= 0.5),
            "unrelated_edges": len(unrelated)}


def _stopword_folder() -> str:
    """An NLTK_DATA folder holding NLTK's English stopword list, from the stop-words package."""
    from stop_words import get_stop_words

    folder = tempfile.mkdtemp(prefix="nltk_data_")
    target = Path(folder, "corpora", "stopwords")
    target.mkdir(parents=True)
    (target / "english").write_text("\n".join(get_stop_words("english")) + "\n", encoding="utf-8")
    return folder


def run_text_matcher(corpus: Corpus) -> dict:
    """text-matcher on every case pair (source, derived)."""
    os.environ["NLTK_DATA"] = _stopword_folder()
    import nltk
    from text_matcher.matcher import Matcher, Text

    nltk.data.path.insert(0, os.environ["NLTK_DATA"])
    texts = {d.id: d.text for d in corpus.docs}
    detections: dict[str, list[tuple[Span, Span]]] = {}
    started = time.perf_counter()
    for case in corpus.cases:
        with contextlib.redirect_stdout(io.StringIO()):
            matcher = Matcher(Text(texts[case.source], "source"), Text(texts[case.derived], "derived"))
            _, in_source, in_derived = matcher.match()
        detections[case.derived] = [(tuple(s), tuple(d)) for s, d in zip(in_source, in_derived)]
    return {"detections": detections, "seconds": time.perf_counter() - started}


# -- report ------------------------------------------------------------------------------

def score(corpus: Corpus, detections: dict[str, list[tuple[Span, Span]]]) -> dict[str, dict[str, float]]:
    """plagdet per kind of operation and overall."""
    rows = {kind: plagdet([c for c in corpus.cases if c.kind == kind], detections) for kind in KINDS}
    rows["overall"] = plagdet(corpus.cases, detections)
    return rows


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=Path, default=ORIGINALS)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-text-matcher", action="store_true")
    args = parser.parse_args(argv)
    originals = sorted(args.originals.glob("*.txt"))
    if len(originals) < 4:
        print(f"bench_trace: need at least 4 texts in {args.originals}", file=sys.stderr)
        return 2
    rules = json.loads(RULES.read_text(encoding="utf-8"))
    corpus = generate(originals, rules, args.seed)
    ours = run_ours(corpus, with_names=True)
    plain = run_ours(corpus, with_names=False)
    figures = {"documents": len(corpus.docs), "cases": len(corpus.cases),
               "ours": score(corpus, ours["detections"]),
               "ours_without_names": {"transliteration": plagdet([c for c in corpus.cases if c.kind == "transliteration"],
                                                                 plain["detections"])},
               "direction_accuracy": sum(ours["directions"].get(c.derived) is True for c in corpus.cases) / len(corpus.cases),
               "direction_precision": _share([d for d in ours["directions"].values() if d is not None]),
               "false_links": ours["false_links"], "unrelated_edges": ours["unrelated_edges"],
               "candidate_pairs": ours["candidate_pairs"], "seconds": {"ours_corpus": ours["seconds"],
                                                                        "ours_case_pairs": ours["pair_seconds"]}}
    if not args.no_text_matcher:
        matcher = run_text_matcher(corpus)
        figures["text_matcher"] = score(corpus, matcher["detections"])
        figures["seconds"]["text_matcher_case_pairs"] = matcher["seconds"]

    print(f"{figures['documents']} documents, {figures['cases']} cases, {figures['candidate_pairs']} candidate pairs "
          f"(of {len(corpus.docs) * (len(corpus.docs) - 1) // 2})")
    header = f"{'kind':16s} {'ours P':>7s} {'R':>6s} {'gran':>6s} {'plagdet':>8s}"
    if "text_matcher" in figures:
        header += f"   {'text-matcher P':>14s} {'R':>6s} {'gran':>6s} {'plagdet':>8s}"
    print(header)
    for kind in (*KINDS, "overall"):
        row = figures["ours"][kind]
        line = f"{kind:16s} {row['precision']:7.3f} {row['recall']:6.3f} {row['granularity']:6.2f} {row['plagdet']:8.3f}"
        if "text_matcher" in figures:
            tm = figures["text_matcher"][kind]
            line += f"   {tm['precision']:14.3f} {tm['recall']:6.3f} {tm['granularity']:6.2f} {tm['plagdet']:8.3f}"
        print(line)
    no_names = figures["ours_without_names"]["transliteration"]
    print(f"{'translit. w/o names':16s} {no_names['precision']:7.3f} {no_names['recall']:6.3f} "
          f"{no_names['granularity']:6.2f} {no_names['plagdet']:8.3f}")
    print(f"direction accuracy {figures['direction_accuracy']:.3f} (of directed edges right: "
          f"{figures['direction_precision']:.3f}); unrelated pairs linked at >= 0.5: "
          f"{figures['false_links']} (edges of any score: {figures['unrelated_edges']})")
    times = figures["seconds"]
    line = f"time: ours {times['ours_corpus']:.2f}s whole corpus, {times['ours_case_pairs']:.2f}s case pairs"
    if "text_matcher_case_pairs" in times:
        line += f"; text-matcher {times['text_matcher_case_pairs']:.2f}s case pairs"
    print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
