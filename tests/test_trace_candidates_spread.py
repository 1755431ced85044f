"""Candidate pairs from key pairs held by more documents than the cap (issue 13): a text that
copies a passage many others also quote stays a candidate of the documents just before it,
and the pairs grow with the number of holders, not its square."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from provenance.corpus import Document
from provenance.text import sentences
from provenance.trace import shared_pairs
from provenance.trace.candidates import candidate_pairs, prepare_corpus
from provenance.trace.shared_pairs import EARLIER_DAYS, FIRST_HOLDERS, REACH, Postings, spread_pairs

ORIGINALS = Path(__file__).parent / "data" / "originals"


def sentences_of(name: str) -> list[str]:
    text = (ORIGINALS / name).read_text(encoding="utf-8")
    return [text[s.start:s.end].replace("\n", " ") for s in sentences(text)]


QUOTED = " ".join(sentences_of("01_wh_statement_israel_lebanon_maritime_boundary.txt")[:4])
OWN_TEXTS = sorted(p.name for p in ORIGINALS.glob("*.txt"))[1:]


def holders(count: int) -> list[Document]:
    """``count`` dated documents that each quote the same passage beside wording of their own."""
    return [Document(f"h{i:02d}.txt", QUOTED + "\n\n" + " ".join(sentences_of(OWN_TEXTS[i % len(OWN_TEXTS)])[:3]),
                     date=f"2022-03-{1 + i:02d}") for i in range(count)]


def test_a_copy_of_a_widely_quoted_passage_pairs_with_the_documents_just_before_it():
    corpus = holders(8)
    source_own = sentences_of(OWN_TEXTS[7])[0].split()
    derived = Document("derived.txt", " ".join(source_own[:3]) + ".\n\n" + QUOTED, date="2022-03-20")
    unrelated = Document("other.txt", " ".join(sentences_of(OWN_TEXTS[-1])[4:9]), date="2022-03-21")
    prepared = prepare_corpus([*corpus, derived, unrelated])
    pairs = {frozenset((prepared[p.a].id, prepared[p.b].id)) for p in candidate_pairs(prepared, max_df=4)}
    assert frozenset(("h07.txt", "derived.txt")) in pairs  # its source, the last holder before it
    assert frozenset(("h00.txt", "derived.txt")) in pairs  # the first holder, the likely original
    assert not any("other.txt" in pair for pair in pairs)
    capped = candidate_pairs(prepared, max_df=4, rare_keys=0)  # the cap alone drops the passage
    assert not any("derived.txt" in (prepared[p.a].id, prepared[p.b].id) for p in capped)


def test_pairs_from_a_widely_quoted_passage_grow_with_its_holders_not_their_square():
    for count in (12, 27):
        prepared = prepare_corpus(holders(count))
        pairs = candidate_pairs(prepared, max_df=4, max_candidates=count)
        own_wording = candidate_pairs(prepared, max_df=4, max_candidates=count, rare_keys=0)
        assert count - 1 <= len(pairs) - len(own_wording) <= count * (REACH + FIRST_HOLDERS)
        assert len(pairs) < count * (count - 1) // 2
        partners = {frozenset((prepared[p.a].id, prepared[p.b].id)) for p in pairs}
        assert all(frozenset((f"h{i - 1:02d}.txt", f"h{i:02d}.txt")) in partners for i in range(1, count))


def _reference_spread(keys: np.ndarray, documents: np.ndarray, order: np.ndarray, max_df: int,
                      rare_keys: int) -> list[np.ndarray]:
    """The spread pairs written plainly: each key pair's holders in date order, each document's
    rarest key pairs by (holders, key pair rank), partners just before and first."""
    total = len(order)
    _, starts, sizes = np.unique(keys, return_index=True, return_counts=True)
    wide = np.flatnonzero(sizes > max_df)
    rarity = {int(k): r for r, k in enumerate(sorted(wide.tolist(), key=lambda k: (sizes[k], k)))}
    dated = {int(k): sorted(documents[starts[k]:starts[k] + sizes[k]].tolist(), key=lambda d: order[d]) for k in wide}
    kept: dict[int, set[int]] = {}
    for doc in range(total):
        held = sorted((rarity[k], k) for k in dated if doc in dated[k])
        kept[doc] = {k for _, k in held[:rare_keys]}
    rows = [(k, i) for k in sorted(dated) for i, doc in enumerate(dated[k]) if k in kept[doc]]
    found = []
    for step in range(1, REACH + 1):
        found.append([(dated[k][i], dated[k][i - step]) for k, i in rows if i - step >= 0])
    for first in range(FIRST_HOLDERS):
        found.append([(dated[k][i], dated[k][first]) for k, i in rows if first < i - REACH])
    return [np.array([min(a, b) * total + max(a, b) for a, b in pairs], dtype=np.int64) for pairs in found]


@pytest.mark.parametrize("seed", range(6))
def test_the_spread_pairs_are_those_of_the_plain_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    total = int(rng.integers(20, 60))
    keys, documents = [], []
    for key in range(int(rng.integers(5, 40))):
        holders_of_key = np.sort(rng.choice(total, size=int(rng.integers(1, total)), replace=False))
        keys += [key * 7 + 3] * len(holders_of_key)
        documents += holders_of_key.tolist()
    order = rng.permutation(total)
    args = (np.array(keys, dtype=np.int64), np.array(documents, dtype=np.int64), order, int(rng.integers(2, 8)),
            int(rng.integers(1, 6)))
    found = list(spread_pairs(Postings.of(args[0], args[1]), *args[2:]))
    expected = _reference_spread(*args)
    assert len(found) == len(expected) and all(np.array_equal(f, e) for f, e in zip(found, expected))
    assert sum(len(f) for f in found) > 0


def test_a_copy_pairs_with_the_last_holders_dated_before_it_not_only_those_of_its_own_day(monkeypatch):
    # five holders on earlier days, then more on the copy's own day than REACH: the holders just
    # before the copy are all of its day (no date to orient those pairs), the first ones the oldest
    corpus = holders(5 + REACH + 2)
    corpus = [Document(d.id, d.text, date="2022-03-01" if i < 3 else "2022-03-02" if i < 5 else "2022-03-09")
              for i, d in enumerate(corpus)]
    derived = Document("derived.txt", "Residents said the road was closed.\n\n" + QUOTED, date="2022-03-09")
    prepared = prepare_corpus([*corpus, derived])

    def partners(earlier_days: int) -> set[str]:
        monkeypatch.setattr(shared_pairs, "EARLIER_DAYS", earlier_days)
        pairs = candidate_pairs(prepared, max_df=4)
        return {prepared[p.a].id if prepared[p.b].id == "derived.txt" else prepared[p.b].id
                for p in pairs if "derived.txt" in (prepared[p.a].id, prepared[p.b].id)}

    assert {"h03.txt", "h04.txt"} <= partners(EARLIER_DAYS)  # the last two dated before the copy
    assert {"h00.txt", "h01.txt"} <= partners(EARLIER_DAYS)  # the first holders, as before
    assert not {"h02.txt", "h03.txt", "h04.txt"} & partners(0)
    assert len(partners(EARLIER_DAYS)) <= REACH + FIRST_HOLDERS + EARLIER_DAYS
