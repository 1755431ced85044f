"""The prepared corpus packed for the alignment workers unpacks to the very documents prepared."""
from __future__ import annotations

import pickle
from pathlib import Path

from provenance.corpus import read_folder
from provenance.trace.candidates import prepare_corpus
from provenance.trace.packed import PackedCorpus, headers

ROOT = Path(__file__).resolve().parent.parent


def test_every_document_unpacks_as_prepared_after_a_round_trip_through_pickle() -> None:
    docs = list(read_folder(ROOT / "seeds")) + list(read_folder(ROOT / "tests" / "data" / "originals_multi" / "corpus"))
    prepared = prepare_corpus(docs)
    packed = pickle.loads(pickle.dumps(PackedCorpus.of(prepared)))
    assert len(packed) == len(prepared) > 15
    assert [packed[i] for i in range(len(packed))] == prepared
    assert all(doc.tokens == () for doc in packed.docs)  # the tokens live in the arrays only
    assert len(packed.vocabulary) < sum(len(doc.tokens) for doc in prepared) / 2


def test_packing_while_preparing_gives_the_corpus_prepared_then_packed() -> None:
    docs = list(read_folder(ROOT / "seeds")) + list(read_folder(ROOT / "tests" / "data" / "originals_multi" / "corpus"))
    prepared = prepare_corpus(docs)
    packed = PackedCorpus.prepare(docs)
    assert list(packed) == prepared  # the weights damped by each key's document frequency alike
    assert headers(packed) == packed.docs and headers(prepared) is prepared
