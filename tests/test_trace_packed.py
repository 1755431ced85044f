"""The prepared corpus packed for the alignment workers unpacks to the very documents prepared."""
from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

from provenance.corpus import read_folder
from provenance.trace.candidates import idf_damping, prepare_corpus, prepare_document
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


def test_preparing_damps_each_weight_by_the_documents_holding_its_key() -> None:
    docs = list(read_folder(ROOT / "seeds")) + list(read_folder(ROOT / "tests" / "data" / "originals_multi" / "corpus"))
    undamped = [prepare_document(doc, ()) for doc in docs]
    holders = Counter(key for doc in undamped for key in {t.key for t in doc.tokens})
    packed = PackedCorpus.prepare(docs)
    assert [doc.id for doc in packed] == [doc.id for doc in undamped]
    for raw, done in zip(undamped, packed):
        assert [t._replace(weight=0.0) for t in done.tokens] == [t._replace(weight=0.0) for t in raw.tokens]
        assert [t.weight for t in done.tokens] == [t.weight * idf_damping(holders[t.key], len(docs)) for t in raw.tokens]
    assert any(holders[t.key] > 1 for doc in undamped for t in doc.tokens)  # some weights are damped
    assert prepare_corpus(docs) == list(packed)
    assert headers(packed) == packed.docs and headers(undamped) is undamped
