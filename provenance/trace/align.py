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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from rapidfuzz import fuzz, process

from .candidates import KeyToken, PreparedDoc

_PLAIN_KEY_PREFIXES = ("ent:", "syn:", "acr:")


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


@dataclass(slots=True)
class _Seed:
    i: int
    j: int
    gain: float
    similarity: float
    score: float = 0.0
    previous: int = -1


@dataclass(frozen=True)
class AlignView:
    """A document with what aligning it needs, worked out once however many pairs it is in: the
    prefix sums of its content weight, its content tokens' positions by key and by stem, and its
    plain stems (the ones compared fuzzily)."""

    doc: PreparedDoc
    weights: list[float]
    by_key: dict[str, list[int]]
    by_stem: dict[str, list[int]]
    plain: list[str]

    @classmethod
    def of(cls, doc: PreparedDoc, params: AlignParams) -> AlignView:
        """The view of ``doc`` under ``params``."""
        by_key: dict[str, list[int]] = {}
        by_stem: dict[str, list[int]] = {}
        for j, token in enumerate(doc.tokens):
            if token.is_content:
                by_key.setdefault(token.key, []).append(j)
                by_stem.setdefault(token.stem, []).append(j)
        plain = sorted({t.stem for t in doc.tokens if t.is_content and not t.key.startswith(_PLAIN_KEY_PREFIXES)
                        and len(t.stem) >= params.fuzzy_min_length and not any(c.isdigit() for c in t.stem)})
        return cls(doc, _prefix_weights(doc.tokens), by_key, by_stem, plain)


def _fuzzy_matches(a: AlignView, b: AlignView, params: AlignParams) -> dict[str, list[tuple[str, float]]]:
    """For each plain word stem of ``a``, the different plain stems of ``b`` close to it."""
    stems_a, stems_b = a.plain, b.plain
    if not stems_a or not stems_b:
        return {}
    cutoff = params.fuzzy_cutoff * 100
    scores = process.cdist(stems_a, stems_b, scorer=fuzz.ratio, score_cutoff=cutoff)
    close: dict[str, list[tuple[str, float]]] = {}
    for row, stem_a in enumerate(stems_a):
        for col in scores[row].nonzero()[0]:
            if stems_b[col] != stem_a:
                close.setdefault(stem_a, []).append((stems_b[col], float(scores[row][col]) / 100))
    return close


def _seeds(a: AlignView, b: AlignView, params: AlignParams) -> list[_Seed]:
    """Every pair of matching content tokens, sorted by position in ``a`` then ``b``."""
    by_key, by_stem, b_tokens = b.by_key, b.by_stem, b.doc.tokens
    close = _fuzzy_matches(a, b, params)
    seeds: list[_Seed] = []
    for i, token in enumerate(a.doc.tokens):
        if not token.is_content:
            continue
        found = {j: 1.0 for j in by_key.get(token.key, ())}
        for stem_b, similarity in close.get(token.stem, ()):
            for j in by_stem.get(stem_b, ()):
                if b_tokens[j].key != token.key:
                    found[j] = max(found.get(j, 0.0), similarity)
        for j, similarity in sorted(found.items()):
            gain = similarity * (token.weight + b_tokens[j].weight) / 2
            seeds.append(_Seed(i, j, gain, similarity))
    return seeds


def _chain(seeds: list[_Seed], skipped_a: list[float], skipped_b: list[float], params: AlignParams) -> None:
    """Sparse local alignment: set each seed's best chain score and predecessor (:mod:`.chain`)."""
    from .chain import chain_scores

    count = len(seeds)
    scores, previous = chain_scores(
        np.fromiter((seed.i for seed in seeds), np.int64, count),
        np.fromiter((seed.j for seed in seeds), np.int64, count),
        np.fromiter((seed.gain for seed in seeds), np.float64, count), np.asarray(skipped_a, np.float64),
        np.asarray(skipped_b, np.float64), len(skipped_a) - 1, params.max_gap, params.gap_cost, params.reorder_cost)
    for seed, score, before in zip(seeds, scores.tolist(), previous.tolist()):
        seed.score, seed.previous = score, before


def _prefix_weights(tokens: Sequence[KeyToken]) -> list[float]:
    """Prefix sums of content weight: ``w[k]`` is the weight of tokens before index ``k``."""
    return [0.0, *accumulate(t.weight if t.is_content else 0.0 for t in tokens)]


def _extend(a: PreparedDoc, b: PreparedDoc, first: tuple[int, int], last: tuple[int, int],
            limit: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Grow a passage over identical tokens just outside its ends (articles, prepositions)."""
    (i, j), (k, m) = first, last
    for _ in range(limit):
        if i > 0 and j > 0 and a.tokens[i - 1].key == b.tokens[j - 1].key:
            i, j = i - 1, j - 1
    for _ in range(limit):
        if k + 1 < len(a.tokens) and m + 1 < len(b.tokens) and a.tokens[k + 1].key == b.tokens[m + 1].key:
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


def _span(chain: list[_Seed], a: PreparedDoc, b: PreparedDoc) -> _Span:
    """The region a chain covers, each matched token counted once."""
    matched_a: dict[int, float] = {}
    matched_b: dict[int, float] = {}
    for seed in chain:
        matched_a[seed.i] = max(matched_a.get(seed.i, 0.0), seed.similarity * a.tokens[seed.i].weight)
        matched_b[seed.j] = max(matched_b.get(seed.j, 0.0), seed.similarity * b.tokens[seed.j].weight)
    a_first, a_last, b_first, b_last = min(matched_a), max(matched_a), min(matched_b), max(matched_b)
    exact_ends = (chain[0].i, chain[0].j, chain[-1].i, chain[-1].j) == (a_first, b_first, a_last, b_last)
    return _Span(a_first, a_last, b_first, b_last, sum(matched_a.values()), sum(matched_b.values()),
                 min(len(matched_a), len(matched_b)), exact_ends)


def _similarity(span: _Span, weights_a: list[float], weights_b: list[float]) -> float:
    """Weighted Dice of a span: matched weight over all content weight on both sides."""
    total = (weights_a[span.a_last + 1] - weights_a[span.a_first]) \
        + (weights_b[span.b_last + 1] - weights_b[span.b_first])
    return (span.got_a + span.got_b) / total if total else 0.0


def _merge(spans: list[_Span], weights_a: list[float], weights_b: list[float], params: AlignParams) -> list[_Span]:
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


def _joinable(last: _Span, span: _Span, weights_a: list[float], weights_b: list[float], params: AlignParams) -> bool:
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


def _passage(a: PreparedDoc, b: PreparedDoc, span: _Span, weights_a: list[float], weights_b: list[float],
             params: AlignParams) -> Passage | None:
    """The passage of a span, or None when it is too short or too loose."""
    similarity = _similarity(span, weights_a, weights_b)
    weight = (span.got_a + span.got_b) / 2
    if span.matches < params.min_matches or weight < params.min_weight or similarity < params.min_similarity:
        return None
    (a_first, b_first), (a_last, b_last) = (span.a_first, span.b_first), (span.a_last, span.b_last)
    if span.exact_ends:
        (a_first, b_first), (a_last, b_last) = _extend(a, b, (a_first, b_first), (a_last, b_last), params.extend)
    return Passage(a.tokens[a_first].start, a.tokens[a_last].end, b.tokens[b_first].start, b.tokens[b_last].end,
                   a_first, a_last, b_first, b_last, round(similarity, 4), round(weight, 4), span.matches)


def align(a: PreparedDoc, b: PreparedDoc, params: AlignParams | None = None) -> list[Passage]:
    """Every local alignment between ``a`` and ``b`` that passes the thresholds, in ``a`` order."""
    params = params or AlignParams()
    return align_views(AlignView.of(a, params), AlignView.of(b, params), params)


def align_views(view_a: AlignView, view_b: AlignView, params: AlignParams) -> list[Passage]:
    """:func:`align` on the documents' views (built once for a document in many pairs)."""
    seeds = _seeds(view_a, view_b, params)
    if not seeds:
        return []
    a, b = view_a.doc, view_b.doc
    weights_a, weights_b = view_a.weights, view_b.weights
    _chain(seeds, weights_a, weights_b, params)
    used_a = [False] * len(a.tokens)
    used_b = [False] * len(b.tokens)
    spans: list[_Span] = []
    for end in sorted(range(len(seeds)), key=lambda n: (-seeds[n].score, seeds[n].i, seeds[n].j)):
        chain: list[_Seed] = []
        number = end
        while number >= 0 and not used_a[seeds[number].i] and not used_b[seeds[number].j]:
            chain.append(seeds[number])
            number = seeds[number].previous
        if not chain:
            continue
        chain.reverse()
        span = _span(chain, a, b)
        if span.matches < 2:
            used_a[span.a_first] = used_b[span.b_first] = True
            continue
        for i in range(span.a_first, span.a_last + 1):
            used_a[i] = True
        for j in range(span.b_first, span.b_last + 1):
            used_b[j] = True
        spans.append(span)
    passages = (_passage(a, b, span, weights_a, weights_b, params)
                for span in _merge(spans, weights_a, weights_b, params))
    return sorted((p for p in passages if p is not None), key=lambda p: (p.a_start, p.b_start))


def pair_score(passages: Sequence[Passage], params: AlignParams | None = None,
               shares: Sequence[float] | None = None) -> float:
    """How surely two documents share wording, in [0, 1), from their passages' evidence
    (each times its share in ``shares``, 1 by default: see ``graph.passage_shares``)."""
    params = params or AlignParams()
    evidence = sum(p.evidence * (shares[i] if shares is not None else 1.0) for i, p in enumerate(passages))
    return 1.0 - math.exp(-evidence / params.evidence_scale)
