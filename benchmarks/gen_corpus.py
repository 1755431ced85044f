"""Generate a deterministic news-like corpus from public-domain text, with derived copies.

Most documents are unrelated: text of their own that no other document holds (walks of a word
bigram chain of the English public texts in ``tests/data/originals``, U.S. government works,
a few words at a time: word salad, but English words in English order, so unrelated documents
still share names and the common phrases of the language). A share of them (``--wire``, 20%)
are wire stories reprinted many times: a run of sentences of one of the few dozen public texts
(``tests/data/originals`` and ``seeds/``), so that the reprints of one text overlap word for
word. About 15% of documents are derived from an earlier one: a block of it copied with a
translator's or editor's drift (up to two edits a sentence at places drawn at random: a word
swapped for one of ``data/drift/synonyms.tsv``, a name respelled, an article dropped, two
neighbouring words in the other order), so that two copies of one block seldom share a change, and followed by
text of its own. ``truth.jsonl`` beside the corpus names each derived document's source and,
as ``witnesses``, every earlier document that holds the whole copied block verbatim (the true
source among them): a block copied from a wire story is held, word for word, by the earlier
reprints that hold it whole, and nothing in the text tells the named source from them.

``--pool N`` makes the dense-pool corpus of issue 13: every document also carries
``--pool-share`` sentences drawn from one language-wide pool of N sentences (boilerplate,
stock phrases), so that most pairs of documents share a little wording.

    python benchmarks/gen_corpus.py OUT_DIR --docs 500 [--seed 7] [--wire 0.2] [--length 1] [--pool 60 --pool-share 3]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wordfreq import top_n_list  # noqa: E402

from provenance.text import sentences  # noqa: E402

RESPELL = [("Issawi", "Isaui"), ("Kadhimi", "Kazemi"), ("Mohammed", "Muhammad"), ("Hussein", "Husein"),
           ("al-", "Al "), ("ou", "u"), ("sh", "ch")]
EDITS_PER_SENTENCE = (0.5, 0.15)  # chance of a first edit in a copied sentence, and of a second
WIRE_SHARE = 0.2  # of the documents not derived, the share reprinting a wire story
RUN_END = 0.25  # chance that a walk of the word chain jumps to a word drawn at random (runs of 4 words on average)
JUMP_WORDS = 30_000  # the commonest English words (wordfreq) a walk jumps to
WORD = re.compile(r"[A-Za-z]+")


def source_sentences() -> list[list[str]]:
    """The sentences of every source text, one list per text."""
    files = sorted((ROOT / "tests" / "data" / "originals").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = [text[s.start:s.end].replace("\n", " ") for s in sentences(text)]
        if len(found) >= 8:
            texts.append(found)
    return texts


class Chain(NamedTuple):
    """A word bigram chain: each word's successors as they occur ("" for a sentence's end and, under
    "", the sentences' first words), and the words a walk may jump to."""

    after: dict[str, list[str]]
    jumps: list[str]


def word_chain() -> Chain:
    """The word bigram chain of the English public texts (``tests/data/originals``); a walk jumps
    to one of wordfreq's 30,000 commonest English words, so that its vocabulary is a language's,
    not that of a few hundred KB of text."""
    after: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests" / "data" / "originals").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for span in sentences(text):
            words = text[span.start:span.end].split()
            for word, following in zip(["", *words], [*words, ""]):
                after.setdefault(word, []).append(following)
    return Chain(after, top_n_list("en", JUMP_WORDS))


def own_text(rng: random.Random, chain: Chain, count: int) -> list[str]:
    """``count`` sentences no other document holds, standing for a document's own text: walks of
    the word chain, 10 to 30 words long, that jump to a word drawn at random after a step in
    ``RUN_END`` (the chain of a few hundred KB of text would otherwise retrace whole sentences
    of it, shared by every walk through them: unrelated news shares names and stock phrases,
    not runs of ten words)."""
    made: list[str] = []
    while len(made) < count:
        words = [rng.choice(chain.after[""])]
        while words[-1] and len(words) < 30:
            jump = rng.random() < RUN_END
            words.append(rng.choice(chain.jumps) if jump else rng.choice(chain.after.get(words[-1]) or [""]))
        words = [word for word in words if word]
        if len(words) >= 10:  # a walk that ends sooner is dropped
            sentence = " ".join(words).rstrip(",;:")
            made.append(sentence if sentence[-1] in ".!?" else sentence + ".")
    return made


def synonyms() -> dict[str, str]:
    """Word swaps both ways, from ``benchmarks/data/drift/synonyms.tsv``."""
    swaps: dict[str, str] = {}
    for line in (ROOT / "benchmarks" / "data" / "drift" / "synonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            one, other = line.split("\t")
            swaps.setdefault(one, other)
            swaps.setdefault(other, one)
    return swaps


def _edit(text: str, rng: random.Random, swaps: dict[str, str]) -> str:
    """One edit at a random place: a word swapped for another, a name respelled, an article
    dropped, or two neighbouring words in the other order."""
    words = list(WORD.finditer(text))
    choices: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for at, word in enumerate(words):
        if word[0] in swaps:
            choices.append((word.start(), word.end(), swaps[word[0]]))
        elif word[0] == "the" and at + 1 < len(words):
            choices.append((word.start(), words[at + 1].start(), ""))
        if at + 1 < len(words) and word[0].islower() and words[at + 1][0].islower() \
                and text[word.end():words[at + 1].start()] == " ":
            choices.append((word.start(), words[at + 1].end(), f"{words[at + 1][0]} {word[0]}"))
    for old, new in RESPELL:
        found = [m.start() for m in re.finditer(re.escape(old), text)]
        choices.extend((start, start + len(old), new) for start in found)
    if not choices:
        return text
    start, end, new = rng.choice(choices)
    return text[:start] + new + text[end:]


def derive(text: str, rng: random.Random, swaps: dict[str, str]) -> str:
    """A translator's or rewriting editor's drift: up to two edits at places chosen at random,
    so two copies of one sentence seldom share a change."""
    for chance in EDITS_PER_SENTENCE:
        if rng.random() < chance:
            text = _edit(text, rng, swaps)
    return text


def generate(out: Path, docs: int, seed: int, pool_size: int = 0, pool_share: int = 3,
             wire_share: float = WIRE_SHARE, length: float = 1.0) -> None:
    """Write ``docs`` documents, their manifest and the truth file into ``out`` (``length``: every
    run of sentences that many times as long; 1: documents of about 1 KB)."""

    def sized(count: int) -> int:
        return max(1, round(count * length))

    rng = random.Random(seed)
    pool = source_sentences()
    swaps = synonyms()
    chain = word_chain()
    pool_rng = random.Random(seed + 1)
    shared = pool_rng.sample([s for text in pool for s in text], pool_size) if pool_size else []
    out.mkdir(parents=True, exist_ok=True)
    made: list[list[str]] = []
    holders: dict[str, set[int]] = {}  # sentence -> documents holding it (before pool sharing)
    manifest, truth = [], []
    for i in range(docs):
        doc_id = f"{i:06d}.txt"
        roll = rng.random()
        if made and roll < 0.15:
            source = rng.randrange(len(made))
            block = made[source]
            start = rng.randrange(max(1, len(block) - 4))
            copied = block[start:start + sized(rng.randint(3, 8))]
            body = [derive(s, rng, swaps) for s in copied]
            text_sentences = body + own_text(rng, chain, sized(rng.randint(1, 4)))
            witnesses = set.intersection(*(holders[s] for s in copied))
            truth.append({"source": f"{source:06d}.txt", "derived": doc_id,
                          "witnesses": [f"{w:06d}.txt" for w in sorted(witnesses)]})
        elif rng.random() < wire_share:
            src = rng.choice(pool)
            start = rng.randrange(max(1, len(src) - 10))
            text_sentences = src[start:start + sized(rng.randint(6, 14))]
        else:
            text_sentences = own_text(rng, chain, sized(rng.randint(6, 14)))
        made.append(text_sentences)
        for sentence in text_sentences:
            holders.setdefault(sentence, set()).add(i)
        if shared:
            text_sentences = text_sentences + pool_rng.sample(shared, min(pool_share, len(shared)))
        paragraphs = [" ".join(text_sentences[k:k + 3]) for k in range(0, len(text_sentences), 3)]
        (out / doc_id).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        day = 1 + i * 27 // max(1, docs)
        manifest.append({"id": doc_id, "outlet": f"outlet-{rng.randrange(40):02d}", "date": f"2022-03-{day:02d}"})
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row) + "\n" for row in manifest)
    with (out.parent / f"{out.name}.truth.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row) + "\n" for row in truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pool", type=int, default=0, help="sentences of a language-wide pool (0: none)")
    parser.add_argument("--pool-share", type=int, default=3, help="pool sentences in every document")
    parser.add_argument("--wire", type=float, default=WIRE_SHARE,
                        help="of the documents not derived, the share reprinting a wire story (1: all of them)")
    parser.add_argument("--length", type=float, default=1.0,
                        help="runs of sentences this many times as long (1: about 1 KB a document; 3.6: about 3 KB)")
    args = parser.parse_args()
    generate(args.out, args.docs, args.seed, args.pool, args.pool_share, args.wire, args.length)
    print(f"wrote {args.docs} documents to {args.out}")


if __name__ == "__main__":
    main()
