"""All local alignments between two documents, tolerant of paraphrase and translation drift.

The two documents are sequences of :class:`~provenance.trace.candidates.KeyToken`. Two tokens
match when their keys are equal (same stem, same synonym set, same linked entity) or when
their stems are close (rapidfuzz ratio, for spelling and transliteration variants no entity
resolved). Matches of content tokens are the seeds of a sparse local alignment: a seed extends
the best chain ending at an earlier seed a few tokens back in both documents, paying for the
content weight skipped on either side and a little more for a local reordering ("resurgence
efforts" / "efforts ... to resurface"). Chains are taken best first without overlap, which gives
every local alignment, not only the best one; each becomes a :class:`Passage` with offsets in
both documents and a weighted similarity.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from ..pickling import pickled_by_fields
from .candidates import CONTENT_WEIGHT, PreparedDoc
from .packed import PackedCorpus

if TYPE_CHECKING:
    from .chain import Steps
    from .close_stems import CloseStems

_PLAIN_KEY_PREFIXES = ("ent:", "syn:", "acr:")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class AlignParams:
    """Knobs of the aligner; the defaults are tuned for news wording."""

    max_gap: int = 10
    """Most tokens between two consecutive matches of a chain, in either document."""
    gap_cost: float = 0.35
    """Cost per unit of content weight skipped between two matches."""
    reorder_cost: float = 0.3
    """Extra cost when a match sits before the previous one in the second document."""
    fuzzy_cutoff: float = 0.85
    """Least rapidfuzz ratio (0-1) for two different words to match."""
    fuzzy_min_length: int = 5
    """Shortest stem compared fuzzily."""
    extend: int = 3
    """Most unweighted, identical tokens added at either end of a passage."""
    merge_gap: int = 20
    """Most tokens between two aligned regions, in both documents, for them to join into one passage."""
    swap_gap: int = 4
    """Most tokens between two adjacent regions whose order is swapped in the second document, to join them."""
    min_matches: int = 4
    """Least number of matched content tokens in a passage."""
    min_weight: float = 1.2
    """Least matched weight of a passage."""
    min_similarity: float = 0.35
    """Least weighted similarity of a passage."""
    evidence_scale: float = 2.5
    """Evidence (weight x similarity, summed over passages) that gives a pair score of 1 - 1/e."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Passage:
    """An aligned passage: character spans in both documents and token index ranges."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_first: int
    a_last: int
    b_first: int
    b_last: int
    similarity: float
    weight: float
    matches: int

    @property
    def evidence(self) -> float:
        """How much the passage says for reuse: matched weight times similarity."""
        return self.weight * self.similarity


@dataclass(frozen=True)
class AlignView:
    """A document with what aligning it needs, worked out once however many pairs it is in: its
    tokens' keys and stems as ids of one vocabulary (shared by the documents aligned together), their
    weights and offsets, the prefix sums of its content weight, its content positions sorted by key
    and by stem, and its plain stems (the ones compared fuzzily) with their ids."""

    id: str
    keys: np.ndarray
    stems: np.ndarray
    weights: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    prefix: np.ndarray
    key_sorted: np.ndarray
    key_positions: np.ndarray
    stem_sorted: np.ndarray
    stem_positions: np.ndarray
    plain: list[str]
    """The plain stems in string order (left empty when a :class:`CloseStems` table is used)."""
    plain_ids: np.ndarray
    """Their vocabulary ids, in the same order."""
    content: np.ndarray

    @classmethod
    def of(cls, doc: PreparedDoc, params: AlignParams, vocabulary: dict[str, int]) -> AlignView:
        """The view of ``doc``, its keys and stems numbered in ``vocabulary`` (extended as needed)."""
        from .chain import steps

        tokens = doc.tokens
        keys = np.fromiter((vocabulary.setdefault(t.key, len(vocabulary)) for t in tokens), np.int32, len(tokens))
        stems = np.fromiter((vocabulary.setdefault(t.stem, len(vocabulary)) for t in tokens), np.int32, len(tokens))
        weights = np.fromiter((t.weight for t in tokens), np.float64, len(tokens))
        plain_key, fuzzy_stem = np.zeros(len(vocabulary), bool), np.zeros(len(vocabulary), bool)
        stem_words: dict[int, str] = {}  # the flags and words of this document's ids alone, not the whole vocabulary's
        for token, key, stem in zip(tokens, keys.tolist(), stems.tolist()):
            plain_key[key], fuzzy_stem[stem], stem_words[stem] = _plain_key(token.key), \
                _fuzzy_stem(token.stem, params), token.stem
        arrays = steps(compiled=False).view_arrays(keys, stems, weights, plain_key, fuzzy_stem, CONTENT_WEIGHT)
        return cls._of_arrays(doc.id, arrays, weights, np.array([t.start for t in tokens], np.int64),
                              np.array([t.end for t in tokens], np.int64), stem_words, None)

    @classmethod
    def packed(cls, corpus: PackedCorpus, index: int, fuzzy: FuzzyFlags, close: CloseStems | None = None,
               steps: Steps | None = None) -> AlignView:
        """The view of document ``index`` of ``corpus``, read off its arrays (never unpacked);
        ``fuzzy``: :func:`fuzzy_flags` of its vocabulary; with ``close``, the table its plain
        stems are looked up in, the view lists them without their strings; ``steps``: compiled
        (the default) or plain (:mod:`.chain`)."""
        from .chain import steps as chain_steps

        if close is not None and len(close.rank) != len(corpus.vocabulary):
            raise ValueError("a table of close stems made for another corpus (its vocabulary differs)")
        lo, hi = int(corpus.bounds[index]), int(corpus.bounds[index + 1])
        weights = corpus.weights[lo:hi]
        arrays = (steps or chain_steps()).view_arrays(corpus.keys[lo:hi], corpus.stems[lo:hi], weights, *fuzzy,
                                                      CONTENT_WEIGHT)
        return cls._of_arrays(corpus.docs[index].id, arrays, weights, corpus.starts[lo:hi], corpus.ends[lo:hi],
                              corpus.vocabulary, close)

    @classmethod
    def _of_arrays(cls, doc_id: str, arrays: tuple[np.ndarray, ...], weights: np.ndarray, starts: np.ndarray,
                   ends: np.ndarray, vocabulary: Sequence[str] | Mapping[int, str], close: CloseStems | None
                   ) -> AlignView:
        """The view from :func:`~.chain.view_arrays`' arrays, its plain stems listed in string order
        (by their rank in ``close``, or their strings, ``vocabulary``'s words by id)."""
        keys, stems, content, key_sorted, key_positions, stem_sorted, stem_positions, prefix, compared = arrays
        plain: list[str] = []
        if close is not None:
            ranks = np.sort(close.rank[compared])
            if len(ranks) and ranks[0] < 0:
                raise ValueError(f"{doc_id}: a plain stem the table of close stems lacks (another corpus's table?)")
            plain_ids = close.stems[ranks]
        else:
            listed = sorted(compared.tolist(), key=vocabulary.__getitem__)
            plain, plain_ids = [vocabulary[stem] for stem in listed], np.array(listed, np.int64)
        return cls(doc_id, keys, stems, weights, starts, ends, prefix, key_sorted, key_positions, stem_sorted,
                   stem_positions, plain, plain_ids, content)


FuzzyFlags = tuple[np.ndarray, np.ndarray]
"""For each word of a vocabulary: whether it is a plain key, and whether it is a stem compared fuzzily."""


def fuzzy_flags(vocabulary: Sequence[str], params: AlignParams) -> FuzzyFlags:
    """For every word of ``vocabulary``, whether it is a plain key (a word's, not a linked name's,
    synonym set's or acronym's) and whether it is a stem compared fuzzily (long enough, without
    digits): a content token's stem is compared when both hold (worked out once per corpus, so
    that a view finds its plain stems with array operations)."""
    plain_key = np.fromiter((_plain_key(word) for word in vocabulary), bool, len(vocabulary))
    fuzzy_stem = np.fromiter((_fuzzy_stem(word, params) for word in vocabulary), bool, len(vocabulary))
    return plain_key, fuzzy_stem


def _plain_key(key: str) -> bool:
    return not key.startswith(_PLAIN_KEY_PREFIXES)


def _fuzzy_stem(stem: str, params: AlignParams) -> bool:
    return len(stem) >= params.fuzzy_min_length and _DIGIT.search(stem) is None


def _fuzzy_matches(a: AlignView, b: AlignView, params: AlignParams, close: CloseStems | None = None,
                   steps: Steps | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each plain stem of ``a`` with each different plain stem of ``b`` close to it, and their
    similarity, as three arrays sorted by the stem of ``a`` (looked up in ``close`` with ``steps``,
    compiled by default, or compared)."""
    if close is not None:
        from .chain import steps as chain_steps

        return close.matches(a.plain_ids, b.plain_ids, steps or chain_steps())
    if not a.plain or not b.plain:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
    scores = process.cdist(a.plain, b.plain, scorer=fuzz.ratio, score_cutoff=params.fuzzy_cutoff * 100)
    rows, columns = np.divmod(np.flatnonzero(scores != 0), scores.shape[1])  # a quarter of scores.nonzero()'s time
    different = a.plain_ids[rows] != b.plain_ids[columns]
    rows, columns = rows[different], columns[different]
    close_a, close_b = a.plain_ids[rows], b.plain_ids[columns]
    order = np.argsort(close_a, kind="stable")
    return close_a[order], close_b[order], scores[rows, columns].astype(np.float64)[order] / 100


def _seeds(a: AlignView, b: AlignView, params: AlignParams, steps: Steps, close: CloseStems | None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, gain, similarity) of every pair of matching content tokens, sorted by position in
    ``a`` then ``b`` (:func:`~.chain.seed_pairs`)."""
    return steps.seed_pairs(a.keys, a.stems, a.weights, a.content, b.keys, b.weights, b.key_sorted,
                            b.key_positions, b.stem_sorted, b.stem_positions,
                            *_fuzzy_matches(a, b, params, close, steps))


def _extend(a: AlignView, b: AlignView, first: tuple[int, int], last: tuple[int, int],
            limit: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Grow a passage over identical tokens just outside its ends (articles, prepositions)."""
    (i, j), (k, m) = first, last
    for _ in range(limit):
        if i > 0 and j > 0 and a.keys[i - 1] == b.keys[j - 1]:
            i, j = i - 1, j - 1
    for _ in range(limit):
        if k + 1 < len(a.keys) and m + 1 < len(b.keys) and a.keys[k + 1] == b.keys[m + 1]:
            k, m = k + 1, m + 1
    return (i, j), (k, m)


@dataclass
class _Span:
    """An aligned region before thresholds: token ranges and matched weight on both sides."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    got_a: float
    got_b: float
    matches: int
    exact_ends: bool


def _similarity(span: _Span, weights_a: np.ndarray, weights_b: np.ndarray) -> float:
    """Weighted Dice of a span: matched weight over all content weight on both sides."""
    total = float(weights_a[span.a_last + 1] - weights_a[span.a_first]) \
        + float(weights_b[span.b_last + 1] - weights_b[span.b_first])
    return (span.got_a + span.got_b) / total if total else 0.0


def _merge(spans: list[_Span], weights_a: np.ndarray, weights_b: np.ndarray, params: AlignParams) -> list[_Span]:
    """Join spans that continue each other in both documents (one passage, not several), until none do."""
    merged = sorted(spans, key=lambda s: (s.a_first, s.b_first))
    changed = True
    while changed:
        changed = False
        joined: list[_Span] = []
        for span in merged:
            if joined and _joinable(joined[-1], span, weights_a, weights_b, params):
                last = joined[-1]
                joined[-1] = _Span(last.a_first, span.a_last, min(last.b_first, span.b_first),
                                   max(last.b_last, span.b_last), last.got_a + span.got_a, last.got_b + span.got_b,
                                   last.matches + span.matches,
                                   last.exact_ends and span.exact_ends and span.b_first > last.b_last)
                changed = True
            else:
                joined.append(span)
        merged = joined
    return merged


def _joinable(last: _Span, span: _Span, weights_a: np.ndarray, weights_b: np.ndarray, params: AlignParams) -> bool:
    """Whether ``span`` (after ``last`` in ``a``) continues it: close in both documents, either in
    order with each side matching more weight than the gap holds, or swapped (or interleaved) with
    it right next door (clauses moved around)."""
    gap_a = span.a_first - last.a_last
    gap_weight_a = weights_a[span.a_first] - weights_a[last.a_last + 1]
    if span.b_first > last.b_last:
        gap_b = span.b_first - last.b_last
        gap_weight = gap_weight_a + weights_b[span.b_first] - weights_b[last.b_last + 1]
        return (0 < gap_a <= params.merge_gap and gap_b <= params.merge_gap
                and gap_weight <= min(last.got_a + last.got_b, span.got_a + span.got_b))
    distance_b = max(0, last.b_first - span.b_last)
    return 0 < gap_a <= params.swap_gap and distance_b <= params.swap_gap


def _passage(a: AlignView, b: AlignView, span: _Span, params: AlignParams) -> Passage | None:
    """The passage of a span, or None when it is too short or too loose."""
    similarity = _similarity(span, a.prefix, b.prefix)
    weight = (span.got_a + span.got_b) / 2
    if span.matches < params.min_matches or weight < params.min_weight or similarity < params.min_similarity:
        return None
    (a_first, b_first), (a_last, b_last) = (span.a_first, span.b_first), (span.a_last, span.b_last)
    if span.exact_ends:
        (a_first, b_first), (a_last, b_last) = _extend(a, b, (a_first, b_first), (a_last, b_last), params.extend)
    return Passage(int(a.starts[a_first]), int(a.ends[a_last]), int(b.starts[b_first]), int(b.ends[b_last]),
                   a_first, a_last, b_first, b_last, round(similarity, 4), round(weight, 4), span.matches)


def align(a: PreparedDoc, b: PreparedDoc, params: AlignParams | None = None) -> list[Passage]:
    """Every local alignment between ``a`` and ``b`` that passes the thresholds, in ``a`` order."""
    params = params or AlignParams()
    vocabulary: dict[str, int] = {}
    return align_views(AlignView.of(a, params, vocabulary), AlignView.of(b, params, vocabulary), params)


def align_views(a: AlignView, b: AlignView, params: AlignParams, steps: Steps | None = None,
                close: CloseStems | None = None) -> list[Passage]:
    """:func:`align` on the documents' views (built once for a document in many pairs, on one
    vocabulary); ``steps``: the chaining's steps, compiled (the default) or plain (:mod:`.chain`);
    ``close``: the corpus's table of close stems, if the views were built with it."""
    from .chain import steps as chain_steps

    steps = steps or chain_steps()
    seed_i, seed_j, gain, similarity = _seeds(a, b, params, steps, close)
    if not len(seed_i):
        return []
    scores, previous = steps.chain_scores(seed_i, seed_j, gain, a.prefix, b.prefix,
                                          len(a.prefix) - 1, params.max_gap, params.gap_cost, params.reorder_cost)
    found = steps.chain_spans(seed_i, seed_j, similarity * a.weights[seed_i], similarity * b.weights[seed_j],
                              previous, np.lexsort((seed_j, seed_i, -scores)), len(a.keys), len(b.keys))
    spans = [_Span(*fields) for fields in zip(*(column.tolist() for column in found))]
    passages = (_passage(a, b, span, params) for span in _merge(spans, a.prefix, b.prefix, params))
    return sorted((p for p in passages if p is not None), key=lambda p: (p.a_start, p.b_start))


def pair_score(passages: Sequence[Passage], params: AlignParams | None = None,
               shares: Sequence[float] | None = None) -> float:
    """How surely two documents share wording, in [0, 1), from their passages' evidence
    (each times its share in ``shares``, 1 by default: see ``graph.passage_shares``)."""
    params = params or AlignParams()
    evidence = sum(p.evidence * (shares[i] if shares is not None else 1.0) for i, p in enumerate(passages))
    return 1.0 - math.exp(-evidence / params.evidence_scale)
