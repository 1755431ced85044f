"""The corpus's table of close stems gives a pair the same fuzzy matches, and the same passages,
as comparing the two documents' plain stems pair by pair."""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from provenance.corpus import read_folder
from provenance.engine.tasks import AlignPair
from provenance.trace import close_stems as close_stems_module
from provenance.trace.align import AlignParams, AlignView, _fuzzy_matches, fuzzy_flags
from provenance.trace.candidates import CandidatePair, candidate_pairs
from provenance.trace.close_stems import close_stems_for
from provenance.trace.packed import PackedCorpus

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "data" / "originals_multi" / "corpus", ROOT / "tests" / "data" / "originals")
PARAMS = AlignParams()


@pytest.fixture(scope="module")
def corpus() -> PackedCorpus:
    return PackedCorpus.prepare([doc for folder in FOLDERS for doc in read_folder(folder)])


def every_pair(corpus: PackedCorpus) -> list[CandidatePair]:
    return [CandidatePair(a, b, 0) for a, b in combinations(range(len(corpus)), 2)]


def test_a_pair_looks_up_the_close_stems_it_would_have_compared(corpus: PackedCorpus) -> None:
    flags = fuzzy_flags(corpus.vocabulary, PARAMS)
    table = close_stems_for(corpus, every_pair(corpus), flags, PARAMS.fuzzy_cutoff)
    assert table is not None
    assert len(table.close) > 0  # variants such as inflections and respellings are close
    some_found = 0
    for a, b in combinations(range(len(corpus)), 2):
        compared = _fuzzy_matches(AlignView.packed(corpus, a, flags), AlignView.packed(corpus, b, flags), PARAMS)
        looked_up = _fuzzy_matches(AlignView.packed(corpus, a, flags, table),
                                   AlignView.packed(corpus, b, flags, table), PARAMS, table)
        assert all(np.array_equal(x, y) and x.dtype == y.dtype for x, y in zip(compared, looked_up))
        some_found += len(looked_up[0]) > 0
    assert some_found > 10


def test_the_table_holds_every_close_pair_of_its_stems_and_no_other(corpus: PackedCorpus) -> None:
    table = close_stems_for(corpus, every_pair(corpus), fuzzy_flags(corpus.vocabulary, PARAMS), PARAMS.fuzzy_cutoff)
    assert table is not None
    words = [corpus.vocabulary[stem] for stem in table.stems.tolist()]
    assert words == sorted(words) and all(len(word) >= PARAMS.fuzzy_min_length for word in words)
    ranks = {word: rank for rank, word in enumerate(words)}
    sample = words[::7]
    for rank, word in enumerate(words):
        row = table.close[table.first[rank]:table.first[rank + 1]].tolist()
        assert row == sorted(row) and rank not in row
        assert all(fuzz.ratio(word, words[other]) >= 85 for other in row)
        if rank % 7 == 0:  # and none is missing (checked against a seventh of the stems)
            assert {ranks[other] for other in sample if other != word
                    and fuzz.ratio(word, other) >= PARAMS.fuzzy_cutoff * 100} <= set(row)


def test_the_passages_are_the_same_with_and_without_the_table(corpus: PackedCorpus) -> None:
    pairs = candidate_pairs(corpus)
    flags = fuzzy_flags(corpus.vocabulary, PARAMS)
    table = close_stems_for(corpus, every_pair(corpus), flags, PARAMS.fuzzy_cutoff)
    compared, looked_up = AlignPair(corpus), AlignPair(corpus, close=table)
    state, table_state = compared.setup(), looked_up.setup()
    passages = [compared.run(state, pair) for pair in pairs]
    assert sum(map(len, passages)) > 5
    assert passages == [looked_up.run(table_state, pair) for pair in pairs]


def test_few_pairs_are_compared_pair_by_pair(corpus: PackedCorpus, monkeypatch: pytest.MonkeyPatch) -> None:
    flags = fuzzy_flags(corpus.vocabulary, PARAMS)
    assert close_stems_for(corpus, every_pair(corpus)[:3], flags, PARAMS.fuzzy_cutoff) is None
    assert close_stems_for(corpus, [], flags, PARAMS.fuzzy_cutoff) is None
    monkeypatch.setattr(close_stems_module, "TABLE_ADVANTAGE", 0)
    assert close_stems_for(corpus, every_pair(corpus)[:3], flags, PARAMS.fuzzy_cutoff) is not None


def test_a_table_made_for_other_documents_is_refused(corpus: PackedCorpus) -> None:
    flags = fuzzy_flags(corpus.vocabulary, PARAMS)
    few = PackedCorpus.prepare(list(read_folder(FOLDERS[0])))  # the seeds alone: a smaller vocabulary
    table = close_stems_for(few, every_pair(few), fuzzy_flags(few.vocabulary, PARAMS), PARAMS.fuzzy_cutoff)
    assert table is not None
    assert any(len(AlignView.packed(few, index, fuzzy_flags(few.vocabulary, PARAMS), table).plain_ids)
               for index in range(len(few)))
    with pytest.raises(ValueError, match="made for another corpus"):
        AlignView.packed(corpus, 0, flags, table)
    looser = fuzzy_flags(few.vocabulary, AlignParams(fuzzy_min_length=2))  # stems the table was not made for
    with pytest.raises(ValueError, match="table of close stems lacks"):
        for index in range(len(few)):
            AlignView.packed(few, index, looser, table)
