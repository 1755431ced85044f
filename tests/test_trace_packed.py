"""The prepared corpus packed for the alignment workers unpacks to the very documents prepared."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections import Counter, OrderedDict
from pathlib import Path

import numpy as np
import pytest

from provenance.corpus import read_folder
from provenance.trace.align import AlignParams, AlignView, fuzzy_flags
from provenance.trace.candidates import CONTENT_WEIGHT, PreparedDoc, idf_damping, prepare_corpus, prepare_document
from provenance.trace.packed import PackedCorpus, PackedDoc, kept_recently, visiting_order

from .conftest import needs_proc_status, status_mb

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "data" / "originals_multi" / "corpus", ROOT / "tests" / "data" / "originals")
CORPUS = [doc for folder in FOLDERS[:2] for doc in read_folder(folder)]


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


def test_gathering_then_weighing_is_preparing_and_the_packer_lets_go_of_its_arrays() -> None:
    docs = list(read_folder(ROOT / "seeds")) + list(read_folder(ROOT / "tests" / "data" / "originals_multi" / "corpus"))
    gathered = PackedCorpus.gather(docs)
    keys = gathered.keys
    weighed = PackedCorpus.weighed(gathered)
    assert list(weighed) == list(PackedCorpus.prepare(docs))
    assert not gathered.docs and not gathered.index and len(gathered.keys) == 0 and gathered.keys is not keys


def reference_pairs(doc: PreparedDoc, window: int) -> set[frozenset[str]]:
    """The unordered pairs of different content keys at most ``window`` content tokens apart."""
    content = [t.key for t in doc.tokens if t.weight >= CONTENT_WEIGHT]
    return {frozenset((first, second)) for i, first in enumerate(content)
            for second in content[i + 1:i + 1 + window] if first != second}


@pytest.mark.parametrize("one_code_below", [2**63, 2])  # sorted as one code, or by an index
def test_the_postings_hold_each_documents_key_pairs_once(one_code_below: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.trace import packed as packed_module

    monkeypatch.setattr(packed_module, "ONE_CODE_BELOW", one_code_below)
    packed = PackedCorpus.prepare(CORPUS)
    words = len(packed.vocabulary)
    for window in (1, 3):
        postings = packed.postings(window, documents_at_once=7)  # chunks that split the corpus
        assert postings.sizes.min() >= 1 and np.all(np.diff(postings.keys) > 0)  # each key pair one run
        rows = list(zip(np.repeat(postings.keys, postings.sizes).tolist(), postings.holders.tolist()))
        assert rows == sorted(set(rows))  # by key pair, then document, each once
        found: dict[int, set[frozenset[str]]] = {}
        for code, holder in rows:
            low, high = divmod(code, words)
            found.setdefault(holder, set()).add(frozenset((packed.vocabulary[low], packed.vocabulary[high])))
        expected = {i: pairs for i, doc in enumerate(packed) if (pairs := reference_pairs(doc, window))}
        assert found == expected


CANDIDATES = """
import sys
import numpy as np
import pytest

from provenance.corpus import read_folder
from provenance.trace.align import AlignParams, AlignView, fuzzy_flags
from provenance.trace.candidates import candidate_pairs
from provenance.trace.packed import PackedCorpus, PackedDoc, kept_recently, visiting_order
docs = [doc for folder in sys.argv[1:] for doc in read_folder(__import__("pathlib").Path(folder))]
pairs = candidate_pairs(PackedCorpus.prepare(docs), max_df=2, rare_keys=2, min_shared=1)
print(sorted((p.a, p.b, p.shared) for p in pairs))
"""


def test_the_candidates_do_not_depend_on_the_hash_seed() -> None:
    """Key pairs above the cap are chosen rarest first: ties are broken by vocabulary order, which
    follows the corpus, never by the order a set of strings iterates in (a new one each run)."""
    runs = {subprocess.run([sys.executable, "-c", CANDIDATES, *map(str, FOLDERS)], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and len(next(iter(runs))) > 100


def test_a_view_read_off_the_arrays_equals_the_view_of_the_unpacked_document() -> None:
    packed = PackedCorpus.prepare(CORPUS)
    params = AlignParams()
    flags = fuzzy_flags(packed.vocabulary, params)
    vocabulary = {word: number for number, word in enumerate(packed.vocabulary)}
    compared = 0
    for index, doc in enumerate(packed):
        read, built = AlignView.packed(packed, index, flags), AlignView.of(doc, params, vocabulary)
        for name in ("keys", "stems", "weights", "starts", "ends", "prefix", "key_sorted", "key_positions",
                     "stem_sorted", "stem_positions", "plain_ids", "content"):
            assert np.array_equal(getattr(read, name), getattr(built, name)), name
        assert (read.id, read.plain) == (built.id, built.plain)
        compared += len(read.plain)
    assert compared > 1000 and len(vocabulary) == len(packed.vocabulary)  # the unpacked view added no word


@pytest.mark.parametrize("compiled", [True, False])
def test_a_view_holds_no_copy_of_its_documents_ids_and_its_positions_in_32_bits(compiled: bool) -> None:
    """An alignment worker keeps thousands of views: the keys and stems are the corpus's arrays
    (shared by the workers), the positions and sorted ids half the size of 64-bit ones."""
    from provenance.trace.chain import steps

    packed = PackedCorpus.prepare(CORPUS)
    flags = fuzzy_flags(packed.vocabulary, AlignParams())
    for index in range(len(packed)):
        view = AlignView.packed(packed, index, flags, steps=steps(compiled))
        assert np.shares_memory(view.keys, packed.keys) and np.shares_memory(view.stems, packed.stems)
        for name in ("content", "key_sorted", "key_positions", "stem_sorted", "stem_positions"):
            assert getattr(view, name).dtype == np.int32, name


def test_the_candidate_pairs_are_counted_the_same_a_few_codes_at_a_time() -> None:
    from provenance.trace.candidates import _date_order
    from provenance.trace.shared_pairs import shared_counts

    packed = PackedCorpus.prepare([doc for folder in FOLDERS for doc in read_folder(folder)])
    postings = packed.postings(3)
    order = _date_order(packed.docs)
    codes = np.concatenate([(np.minimum(a, b) * len(order) + np.maximum(a, b))
                            for a, b in _holder_pairs(np.repeat(postings.keys, postings.sizes), postings.holders,
                                                      max_df=12)])
    expected = np.unique(codes, return_counts=True)  # every pair's count at once, as a reference
    for at_once in (5, 97, 10**9):
        found = shared_counts(postings, order, max_df=12, rare_keys=0, at_once=at_once, rarest=0)
        assert all(np.array_equal(f, e) for f, e in zip(found, expected))
    assert len(expected[0]) > 100 and expected[1].max() > 20
    # with the widely held key pairs and each document's rarest too: the same a block at a time
    whole = shared_counts(postings, order, max_df=12, rare_keys=4, min_shared=3)
    for block_codes in (50, 1000):
        found = shared_counts(postings, order, max_df=12, rare_keys=4, min_shared=3, block_codes=block_codes)
        assert all(np.array_equal(f, w) for f, w in zip(found, whole))
    assert len(whole[0]) > 20 and whole[1].min() >= 3


def test_codes_spilled_to_a_file_come_back_range_by_range_and_the_file_goes(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from provenance.trace.shared_pairs import CodeSpill

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    codes = np.random.default_rng(7).integers(0, 1000, size=5000, dtype=np.int64)
    ranges = [(0, 300), (300, 301), (301, 999), (999, 1000)]
    with CodeSpill(1200) as spill:
        for part in np.array_split(codes, 9):
            spill.add(part)
        assert spill.spilled and not spill.held and list(tmp_path.iterdir())
        blocks = list(spill.blocks(ranges, at_once=777))
    for (low, high), block in zip(ranges, blocks):
        assert np.array_equal(np.sort(block), np.sort(codes[(codes >= low) & (codes < high)]))
    assert sum(map(len, blocks)) == len(codes) and not list(tmp_path.iterdir())
    with CodeSpill(10**6) as spill:  # under the limit, in memory
        spill.add(codes)
        assert not spill.spilled and len(spill.held) == 1 and not list(tmp_path.iterdir())


def _holder_pairs(keys: np.ndarray, holders: np.ndarray, max_df: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each pair of holders of each key pair held by 2 to ``max_df`` documents."""
    found = []
    _, starts, sizes = np.unique(keys, return_index=True, return_counts=True)
    for start, size in zip(starts.tolist(), sizes.tolist()):
        docs = holders[start:start + size]
        if 2 <= size <= max_df:
            left, right = np.triu_indices(len(docs), 1)
            found.append((docs[left], docs[right]))
    return found


def _views_built(pairs: list[tuple[int, int]], kept: int) -> int:
    """How many views a worker keeping the last ``kept`` builds for ``pairs`` in that order."""
    views: OrderedDict[int, int] = OrderedDict()
    built = 0
    for pair in pairs:
        for document in pair:
            if document not in views:
                built += 1
                kept_recently(views, document, lambda index: index, kept)
    return built


def test_the_visiting_order_keeps_neighbours_together_so_fewer_views_are_built() -> None:
    # 40 stories of 25 documents each, their documents scattered through the corpus as dates
    # scatter them; each document pairs with a few others of its story
    rng = np.random.default_rng(7)
    place = rng.permutation(1000)
    pairs = sorted({tuple(sorted((int(place[story * 25 + i]), int(place[story * 25 + j]))))
                    for story in range(40) for i in range(25) for j in rng.choice(25, 6) if i != j})
    order = visiting_order(pairs, 1000)
    assert sorted(order) == list(range(len(pairs)))  # every pair once
    assert order == visiting_order(pairs, 1000)
    visited = [pairs[i] for i in order]
    assert _views_built(visited, 64) < _views_built(pairs, 64) / 2
    assert _views_built(visited, 64) <= 1.2 * 1000  # about once per document


def test_the_visiting_order_of_no_pairs_and_of_lone_documents() -> None:
    assert visiting_order([], 5) == []
    assert visiting_order([(3, 4)], 5) == [0]


def test_a_lexicon_remembering_word_keys_prepares_the_same_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    import provenance.trace.candidates as candidates

    fresh = [prepare_document(doc, (), candidates.load_lexicon()) for doc in CORPUS]
    lexicon = candidates.load_lexicon()
    assert [prepare_document(doc, (), lexicon) for doc in CORPUS] == fresh
    assert len(lexicon.keyed) > 500 and pickle.loads(pickle.dumps(lexicon)).keyed == {}
    assert [prepare_document(doc, (), lexicon) for doc in CORPUS] == fresh  # from what it remembers
    monkeypatch.setattr(candidates, "KEYED_WORDS", 50)
    forgetful = candidates.load_lexicon()
    assert [prepare_document(doc, (), forgetful) for doc in CORPUS] == fresh and len(forgetful.keyed) <= 50


def test_a_document_packed_as_it_is_keyed_equals_its_prepared_tokens_packed() -> None:
    from provenance.glossary import default_glossary_paths, load_glossary
    from provenance.names import link_corpus

    docs = [doc for folder in FOLDERS for doc in read_folder(folder)]
    mentions = link_corpus(docs, load_glossary(default_glossary_paths())).by_doc()
    entity_tokens = 0
    for doc in docs:
        packed = PackedDoc.prepare(doc, mentions.get(doc.id, ()))
        prepared = prepare_document(doc, mentions.get(doc.id, ()))
        assert packed == PackedDoc.of(prepared)
        entity_tokens += sum(t.key.startswith("ent:") for t in prepared.tokens)
    assert entity_tokens > 100  # linked names became entity tokens on both ways


def test_the_spread_leaves_out_key_pairs_of_one_document_without_changing_a_passages_share() -> None:
    from provenance.trace.chain import steps
    from provenance.trace.graph import SPREAD_WINDOW
    from provenance.trace.packed import KeyPairSpread

    packed = PackedCorpus.prepare([doc for folder in FOLDERS for doc in read_folder(folder)])
    posted = packed.postings(SPREAD_WINDOW)
    every = KeyPairSpread(posted.keys, posted.sizes)  # with the key pairs of one document
    spread = KeyPairSpread.of(posted)
    assert 0 < len(spread.codes) < len(every.codes) and spread.documents.min() == 2
    words, medians = max(len(packed.vocabulary), 1), steps(False).spread_medians
    rng = np.random.default_rng(3)
    compared = 0
    for i in range(len(packed)):
        lo, hi = int(packed.bounds[i]), int(packed.bounds[i + 1])
        if hi - lo < 20:
            continue
        keys = packed.keys[lo:hi].astype(np.int64)
        content = packed.weights[lo:hi] >= CONTENT_WEIGHT
        firsts = rng.integers(0, hi - lo - 10, 8)
        lasts = firsts + rng.integers(3, 10, 8)
        found = [medians(keys, content, firsts, lasts, SPREAD_WINDOW, words, table.codes, table.documents, 0)
                 for table in (every, spread)]
        assert [max(m, 1) for m in found[0].tolist()] == [max(m, 1) for m in found[1].tolist()]
        compared += int((found[0] == 1).sum())
    assert compared > 10  # passages whose median key pair is held by one document were compared


def test_the_document_frequency_is_the_same_a_few_documents_at_a_time() -> None:
    packed = PackedCorpus.prepare(CORPUS)
    expected = Counter(key for i in range(len(packed))
                       for key in set(packed.keys[packed.bounds[i]:packed.bounds[i + 1]].tolist()))
    for at_once in (1, 3, 10**6):
        found = packed.document_frequency(documents_at_once=at_once)
        assert {word: int(n) for word, n in enumerate(found.tolist()) if n} == dict(expected)
    assert max(expected.values()) > 1


@needs_proc_status
def test_indexing_a_shared_corpus_leaves_its_pages_to_the_workers_and_finds_the_same_postings() -> None:
    from provenance.engine import ProcessEngine, using

    rng = np.random.default_rng(5)
    documents, tokens = 200, 20_000  # 4 million tokens: keys 16 MB, weights 32 MB
    vocabulary = tuple(f"w{i}" for i in range(5_000))
    keys = rng.integers(0, len(vocabulary), documents * tokens).astype(np.int32)
    corpus = PackedCorpus(
        docs=tuple(PreparedDoc(f"d{i}.txt", "", ()) for i in range(documents)),
        bounds=np.arange(0, documents * tokens + 1, tokens, dtype=np.int64), starts=np.zeros(0, np.int32),
        ends=np.zeros(0, np.int32), keys=keys, stems=np.zeros(0, np.int32),
        weights=np.where(keys % 4 == 0, 1.0, 0.0), vocabulary=vocabulary)  # a quarter of them content words
    expected = corpus.postings(3)
    engine = ProcessEngine(2)
    try:
        with using(engine):
            shared = corpus.shared("keys").shared("weights")
            del corpus
            before = status_mb("RssFile")
            found = shared.postings(3)
            grown = status_mb("RssFile") - before
    finally:
        engine.close()
    assert all(np.array_equal(f, e) for f, e in zip(found, expected))
    assert grown < 12  # of the 48 MB read
