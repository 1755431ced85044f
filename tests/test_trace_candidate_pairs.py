"""Candidate pairs held as arrays: the same pairs, read as objects, and the same edges from them."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from provenance.corpus import read_folder
from provenance.trace.candidates import CandidatePair, CandidatePairs, candidate_pairs
from provenance.trace.graph import reuse_edges
from provenance.trace.packed import PackedCorpus

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "tests" / "data" / "originals_multi" / "corpus", ROOT / "tests" / "data" / "originals")


def _packed() -> PackedCorpus:
    return PackedCorpus.prepare([doc for folder in FOLDERS for doc in read_folder(folder)])


def test_the_pairs_read_back_as_the_objects_they_stand_for() -> None:
    pairs = candidate_pairs(_packed())
    assert isinstance(pairs, CandidatePairs) and len(pairs) > 20
    objects = [CandidatePair(int(a), int(b), int(s)) for a, b, s in zip(pairs.a, pairs.b, pairs.shared)]
    assert list(pairs) == objects == [pairs[i] for i in range(len(pairs))]
    assert list(pairs[3:9]) == objects[3:9] and isinstance(pairs[3:9], CandidatePairs)
    assert [p.shared for p in pairs] == sorted((p.shared for p in pairs), reverse=True)  # most shared first
    assert list(CandidatePairs.of(objects)) == objects and CandidatePairs.of(pairs) is pairs
    assert pairs.ends().tolist() == [[p.a, p.b] for p in objects]
    assert sum(column.nbytes for column in (pairs.a, pairs.b, pairs.shared)) == 12 * len(pairs)


def test_the_edges_are_the_same_from_arrays_or_from_objects_in_any_order() -> None:
    packed = _packed()
    pairs = candidate_pairs(packed)
    shuffled = list(pairs)
    random.Random(7).shuffle(shuffled)
    from_arrays, from_objects = reuse_edges(packed, pairs), reuse_edges(packed, shuffled)
    assert len(from_arrays) > 5 and from_arrays == from_objects


def test_no_pairs() -> None:
    empty = CandidatePairs.of([])
    assert len(empty) == 0 and list(empty) == [] and empty.ends().shape == (0, 2)
    assert reuse_edges(_packed(), empty) == []
    assert np.array_equal(empty.taken(np.array([], np.int64)).a, np.array([], np.int32))
