"""The candidate counting pairs two documents on the key pairs rare for either (issue 13): the
counts equal a plain reference, and on real text a copied passage and the reprints of a shared
statement stay paired while the key pairs counted fall."""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from provenance.corpus import Document
from provenance.text import sentences
from provenance.trace.candidates import _date_order, candidate_pairs, prepare_corpus
from provenance.trace.packed import PackedCorpus
from provenance.trace.shared_pairs import FEW_HOLDERS, RAREST_KEYS, Postings, shared_counts

ORIGINALS = Path(__file__).parent / "data" / "originals"
TEXTS = sorted(ORIGINALS.glob("*.txt"))


def sentences_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[s.start:s.end].replace("\n", " ") for s in sentences(text)]


def _reference_counts(keys: list[int], documents: list[int], max_df: int, rarest: int) -> dict[tuple[int, int], int]:
    """Each pair's count, key pair by key pair: a key pair held by 2 to ``max_df`` documents counts
    for a pair of its holders when it is held by ``FEW_HOLDERS`` or fewer, or is among the
    ``rarest`` of either (fewest holders, then the key pair's rank)."""
    holders: dict[int, list[int]] = {}
    for key, document in zip(keys, documents):
        holders.setdefault(key, []).append(document)
    rank = {key: n for n, key in enumerate(sorted(holders))}
    eligible = {key for key, held in holders.items() if 2 <= len(held) <= max_df}
    chosen: dict[int, set[int]] = {}
    for document in set(documents):
        own = sorted((len(holders[key]), rank[key], key) for key in eligible if document in holders[key])
        chosen[document] = {key for n, (size, _, key) in enumerate(own) if n < rarest or size <= FEW_HOLDERS}
    counts: dict[tuple[int, int], int] = {}
    for key in eligible:
        for a, b in combinations(sorted(holders[key]), 2):
            if key in chosen[a] or key in chosen[b]:
                counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


@pytest.mark.parametrize("seed", range(8))
def test_the_counts_are_those_of_the_plain_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    total = int(rng.integers(20, 50))
    keys: list[int] = []
    documents: list[int] = []
    for key in range(int(rng.integers(30, 80))):
        held = np.sort(rng.choice(total, size=int(rng.integers(1, total)), replace=False))
        keys += [key * 5 + 2] * len(held)
        documents += held.tolist()
    max_df, rarest = int(rng.integers(FEW_HOLDERS + 2, total)), int(rng.integers(1, 8))
    order = rng.permutation(total)
    postings = Postings.of(np.array(keys, dtype=np.int64), np.array(documents, dtype=np.int64))
    for at_once in (7, 10**6):
        codes, counts = shared_counts(postings, order, max_df, rare_keys=0, at_once=at_once, rarest=rarest)
        found = {(int(c) // total, int(c) % total): int(n) for c, n in zip(codes, counts)}
        assert found == _reference_counts(keys, documents, max_df, rarest)
    reference = _reference_counts(keys, documents, max_df, rarest)
    for min_shared in (2, 3):  # counted a block of first documents at a time, the rare pairs dropped
        for block_codes in (5, 40, 10**9):
            codes, counts = shared_counts(postings, order, max_df, rare_keys=0, rarest=rarest, min_shared=min_shared,
                                          block_codes=block_codes)
            assert list(codes) == sorted(codes)
            found = {(int(c) // total, int(c) % total): int(n) for c, n in zip(codes, counts)}
            assert found == {pair: n for pair, n in reference.items() if n >= min_shared}
    everything = shared_counts(postings, order, max_df, rare_keys=0, rarest=0)
    assert len(everything[0]) >= len(found) and everything[1].sum() > sum(found.values())


def _corpus() -> list[Document]:
    """Fourteen long documents that all reprint one statement beside text of their own, and a
    copy of three sentences of one of them with a sentence of its own."""
    statement = " ".join(sentences_of(TEXTS[0])[:6])
    docs = [Document(f"d{i:02d}.txt", statement + "\n\n" + " ".join(sentences_of(TEXTS[1 + i])[:12]))
            for i in range(14)]
    copied = " ".join(sentences_of(TEXTS[4])[3:6])
    docs.append(Document("copy.txt", "Officials said on Tuesday that talks would continue.\n\n" + copied))
    return docs


def test_a_copy_and_the_reprints_of_a_shared_statement_stay_paired_on_their_rarest_key_pairs() -> None:
    prepared = prepare_corpus(_corpus())

    def pairs(rarest: int) -> set[frozenset[str]]:
        found = candidate_pairs(prepared, max_candidates=64, rarest_keys=rarest)
        return {frozenset((prepared[p.a].id, prepared[p.b].id)) for p in found}

    reprints = {frozenset((f"d{a:02d}.txt", f"d{b:02d}.txt")) for a, b in combinations(range(14), 2)}
    assert reprints <= pairs(0) and reprints <= pairs(RAREST_KEYS)
    assert frozenset(("d03.txt", "copy.txt")) in pairs(8)  # key pairs only the two hold always count
    packed = PackedCorpus.of(prepared)
    postings = packed.postings(3)
    order = _date_order(packed.docs)
    few = shared_counts(postings, order, 100, rare_keys=0, rarest=8)
    every = shared_counts(postings, order, 100, rare_keys=0, rarest=0)
    assert few[1].sum() < every[1].sum() / 2  # far fewer key pairs counted
