"""Generate a deterministic news-like corpus from public-domain text, with derived copies.

Sentences come from ``tests/data/originals`` (U.S. government works) and ``seeds/``. Each
document is a run of sentences from one source text; about 15% of documents are derived from
an earlier one (a block copied, a few words changed, names respelled), and a few are wire
copies of one story. ``truth.jsonl`` beside the corpus names each derived document's source
and, as ``witnesses``, every earlier document that holds the whole copied block verbatim (the
true source among them): documents are windows of a few dozen texts, so at 10,000 documents the
block a derived document copies is held, word for word, by some 20 earlier documents, and
nothing in the text tells the named source from the others.

``--pool N`` makes the dense-pool corpus of issue 13: every document also carries
``--pool-share`` sentences drawn from one language-wide pool of N sentences (boilerplate,
stock phrases), so that most pairs of documents share a little wording.

    python benchmarks/gen_corpus.py OUT_DIR --docs 500 [--seed 7] [--pool 60 --pool-share 3]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.text import sentences  # noqa: E402

RESPELL = [("Issawi", "Isaui"), ("Kadhimi", "Kazemi"), ("Mohammed", "Muhammad"), ("Hussein", "Husein"),
           ("al-", "Al "), ("ou", "u"), ("sh", "ch")]
SWAPS = [("said", "stated"), ("announced", "declared"), ("killed", "slain"), ("attack", "assault"),
         ("officials", "authorities"), ("government", "administration")]


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


def derive(text: str, rng: random.Random) -> str:
    """A light rewrite: a few word swaps and name respellings."""
    for old, new in SWAPS + RESPELL:
        if old in text and rng.random() < 0.5:
            text = text.replace(old, new, 1)
    return text


def generate(out: Path, docs: int, seed: int, pool_size: int = 0, pool_share: int = 3) -> None:
    """Write ``docs`` documents, their manifest and the truth file into ``out``."""
    rng = random.Random(seed)
    pool = source_sentences()
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
            copied = block[start:start + rng.randint(3, 8)]
            body = [derive(s, rng) for s in copied]
            text_sentences = body + rng.choice(pool)[: rng.randint(1, 4)]
            witnesses = set.intersection(*(holders[s] for s in copied))
            truth.append({"source": f"{source:06d}.txt", "derived": doc_id,
                          "witnesses": [f"{w:06d}.txt" for w in sorted(witnesses)]})
        else:
            src = rng.choice(pool)
            start = rng.randrange(max(1, len(src) - 10))
            text_sentences = src[start:start + rng.randint(6, 14)]
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
    args = parser.parse_args()
    generate(args.out, args.docs, args.seed, args.pool, args.pool_share)
    print(f"wrote {args.docs} documents to {args.out}")


if __name__ == "__main__":
    main()
