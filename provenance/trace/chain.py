"""The compiled steps of the alignment (numba): the seeds, every pair of matching content tokens of
two documents (:func:`seed_pairs`), the chaining, each seed's best chain score and predecessor
(:func:`chain_scores`, a sparse local alignment over the seeds), and how widely the wording of
each aligned passage is shared (:func:`spread_medians`).

Seeds come sorted by their position in the first document (``i``), then in the second
(``j``), so the seeds of one row ``i`` are a contiguous run, in ascending ``j``. A seed extends
the best chain that ends at an earlier seed at most ``max_gap + 1`` rows back and ``max_gap + 1``
positions away in the second document, paying ``gap_cost`` per unit of content weight skipped
on either side and ``reorder_cost`` more when it goes back in the second document. The
arithmetic is done in the same order as the plain Python it replaced, in IEEE double precision
without fast-math, so the scores are the same to the bit.

Compiling them takes about 10 s the first time (then numba's cache, beside the package, holds
them); their plain Python, run by the interpreter, gives the same results and costs about
2.4 ms more a pair. :func:`steps` gives either: a run with few pairs to align (the seeds: ten)
takes the plain Python and never waits for the compiler.
"""
from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import numpy as np
from numba import njit

INTERPRETED_BELOW = 256
"""Candidate pairs under which the alignment runs the plain Python (on 1,540 pairs of generated
news it took 8.5 s against 4.8 compiled and cached, the same passages: below 256 pairs at most
0.6 s more, against 10 s of compiling on a first run)."""


@njit(cache=True)
def chain_scores(seed_i: np.ndarray, seed_j: np.ndarray, gain: np.ndarray, skipped_a: np.ndarray,
                 skipped_b: np.ndarray, rows: int, max_gap: int, gap_cost: float,
                 reorder_cost: float) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """(score, previous seed or -1) of every seed; ``rows``: the first document's token count."""
    count = seed_i.shape[0]
    score = np.empty(count, dtype=np.float64)
    previous = np.empty(count, dtype=np.int64)
    row_start = np.zeros(rows + 1, dtype=np.int64)  # the seeds of row i are row_start[i]:row_start[i + 1]
    for k in range(count):
        row_start[seed_i[k] + 1] += 1
    for i in range(rows):
        row_start[i + 1] += row_start[i]
    for k in range(count):
        si = seed_i[k]
        sj = seed_j[k]
        best = gain[k]
        before = -1
        low_j = sj - max_gap - 1
        high_j = sj + max_gap + 1
        for i in range(max(0, si - max_gap - 1), si):
            first = row_start[i]
            last = row_start[i + 1]
            if first == last:
                continue
            gap_a = skipped_a[si] - skipped_a[i + 1]
            lo, hi = first, last  # the first seed of the row with j >= low_j
            while lo < hi:
                mid = (lo + hi) // 2
                if seed_j[mid] < low_j:
                    lo = mid + 1
                else:
                    hi = mid
            at = lo
            while at < last and seed_j[at] <= high_j:
                j = seed_j[at]
                if j != sj:
                    skipped = gap_a
                    if j < sj:
                        skipped += skipped_b[sj] - skipped_b[j + 1]
                    else:
                        skipped += skipped_b[j] - skipped_b[sj + 1]
                    cost = gap_cost * skipped + (reorder_cost if j > sj else 0.0)
                    candidate = score[at] - cost + gain[k]
                    if candidate > best:
                        best = candidate
                        before = at
                at += 1
        score[k] = best
        previous[k] = before
    return score, previous


@njit(cache=True)
def _ranges(sorted_values: np.ndarray, value: int) -> tuple[int, int]:  # pragma: no cover - compiled
    """The run of ``value`` in ``sorted_values``, as (first, end)."""
    return int(np.searchsorted(sorted_values, value, "left")), int(np.searchsorted(sorted_values, value, "right"))


@njit(cache=True)
def seed_pairs(a_keys: np.ndarray, a_stems: np.ndarray, a_weights: np.ndarray, a_content: np.ndarray,
               b_keys: np.ndarray, b_weights: np.ndarray, b_key_sorted: np.ndarray, b_key_positions: np.ndarray,
               b_stem_sorted: np.ndarray, b_stem_positions: np.ndarray, close_a: np.ndarray, close_b: np.ndarray,
               close_similarity: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """(i, j, gain, similarity) of every seed, sorted by ``i`` then ``j``. A content token ``i`` of
    the first document (``a_content``, ascending) matches each content token ``j`` of the second
    with the same key (similarity 1), and each with a different key whose stem is close to its own
    (the rows of ``close_*``, sorted by ``close_a``: a stem of the first document, a stem of the
    second and their similarity). The second document's content positions come sorted by key and
    by stem (stably: ascending within one). The gain is the similarity times the two tokens'
    mean weight."""
    capacity = 64
    out_i = np.empty(capacity, np.int64)
    out_j = np.empty(capacity, np.int64)
    out_gain = np.empty(capacity, np.float64)
    out_similarity = np.empty(capacity, np.float64)
    count = 0
    found_j = np.empty(b_keys.shape[0], np.int64)
    found_similarity = np.empty(b_keys.shape[0], np.float64)
    for i in a_content:
        key = a_keys[i]
        found = 0
        first, end = _ranges(b_key_sorted, key)
        for at in range(first, end):
            found_j[found] = b_key_positions[at]
            found_similarity[found] = 1.0
            found += 1
        exact = found  # the same key's positions, ascending
        close_first, close_end = _ranges(close_a, a_stems[i])
        for row in range(close_first, close_end):
            first, end = _ranges(b_stem_sorted, close_b[row])
            for at in range(first, end):
                j = b_stem_positions[at]
                if b_keys[j] != key:
                    found_j[found] = j
                    found_similarity[found] = close_similarity[row]
                    found += 1
        if found == 0:
            continue
        if count + found > capacity:
            capacity = max(2 * capacity, count + found)
            out_i = _grown(out_i, capacity)
            out_j = _grown(out_j, capacity)
            out_gain = _grown(out_gain, capacity)
            out_similarity = _grown(out_similarity, capacity)
        if found > exact:  # close stems' positions among them: sorted (each position found once)
            order = np.argsort(found_j[:found])
            found_j[:found] = found_j[order]
            found_similarity[:found] = found_similarity[order]
        for n in range(found):
            j = found_j[n]
            similarity = found_similarity[n]
            out_i[count] = i
            out_j[count] = j
            out_gain[count] = similarity * (a_weights[i] + b_weights[j]) / 2
            out_similarity[count] = similarity
            count += 1
    return out_i[:count], out_j[:count], out_gain[:count], out_similarity[:count]


@njit(cache=True)
def _grown(values: np.ndarray, capacity: int) -> np.ndarray:  # pragma: no cover - compiled
    """``values`` copied into a longer array of ``capacity`` cells."""
    bigger = np.empty(capacity, values.dtype)
    bigger[:values.shape[0]] = values
    return bigger


@njit(cache=True)
def spread_medians(keys: np.ndarray, content: np.ndarray, firsts: np.ndarray, lasts: np.ndarray, window: int,
                   words: int, spread_codes: np.ndarray, spread_counts: np.ndarray,
                   none: int) -> np.ndarray:  # pragma: no cover - compiled
    """For each passage (token range ``firsts[p]``..``lasts[p]`` of a document with vocabulary ids
    ``keys`` and content flags ``content``), the median number of documents holding its key pairs:
    pairs of different content keys at most ``window`` content tokens apart, coded
    ``low * words + high`` and looked up in the sorted ``spread_codes`` (0 when absent: held by one
    document or none, which a share does not tell apart); the upper
    median of the sorted counts, ``none`` when the passage has no key pair."""
    medians = np.empty(firsts.shape[0], np.int64)
    for p in range(firsts.shape[0]):
        found = 0
        for i in range(firsts[p], lasts[p] + 1):
            if content[i]:
                found += 1
        held = np.empty(found, np.int64)
        found = 0
        for i in range(firsts[p], lasts[p] + 1):
            if content[i]:
                held[found] = keys[i]
                found += 1
        counts = np.empty(found * window, np.int64)
        made = 0
        for i in range(found):
            for step in range(1, window + 1):
                if i + step >= found:
                    break
                first, second = held[i], held[i + step]
                if first == second:
                    continue
                code = min(first, second) * words + max(first, second)
                at = np.searchsorted(spread_codes, code)
                counts[made] = spread_counts[at] if at < spread_codes.shape[0] and spread_codes[at] == code else 0
                made += 1
        if made == 0:
            medians[p] = none
        else:
            ordered = np.sort(counts[:made])
            medians[p] = ordered[made // 2]
    return medians


@njit(cache=True)
def chain_spans(seed_i: np.ndarray, seed_j: np.ndarray, got_a: np.ndarray, got_b: np.ndarray,
                previous: np.ndarray, order: np.ndarray, length_a: int,
                length_b: int) -> tuple[np.ndarray, ...]:  # pragma: no cover - compiled
    """The chains taken best first without overlap, as spans: ``order`` lists the seeds best
    first; each is followed back through ``previous`` while its tokens are unused, and a chain of
    at least two matches on both sides uses up the regions it covers (a single match uses up its
    own two tokens). Each span's (a_first, a_last, b_first, b_last, matched weight on each side,
    matches, whether the chain starts and ends at the span's corners), as arrays. A matched token
    counts once, at its largest matched weight; the weights are summed in chain order, where a
    chain's ``i`` only grows (a seed's predecessor is in an earlier row)."""
    count = seed_i.shape[0]
    used_a = np.zeros(length_a, np.bool_)
    used_b = np.zeros(length_b, np.bool_)
    slot = np.full(length_b, -1, np.int64)  # a token of b's place among the chain's matched ones
    chain = np.empty(count, np.int64)
    matched_b = np.empty(count, np.float64)
    firsts_b = np.empty(count, np.int64)
    out_a_first = np.empty(count, np.int64)
    out_a_last = np.empty(count, np.int64)
    out_b_first = np.empty(count, np.int64)
    out_b_last = np.empty(count, np.int64)
    out_got_a = np.empty(count, np.float64)
    out_got_b = np.empty(count, np.float64)
    out_matches = np.empty(count, np.int64)
    out_exact = np.empty(count, np.bool_)
    spans = 0
    for end in order:
        length = 0
        number = end
        while number >= 0 and not used_a[seed_i[number]] and not used_b[seed_j[number]]:
            chain[length] = number
            length += 1
            number = previous[number]
        if length == 0:
            continue
        chain[:length] = chain[:length][::-1].copy()
        total_a = 0.0
        for k in range(length):
            total_a += got_a[chain[k]]
        distinct_b = 0
        for k in range(length):
            j = seed_j[chain[k]]
            if slot[j] < 0:
                slot[j] = distinct_b
                firsts_b[distinct_b] = j
                matched_b[distinct_b] = got_b[chain[k]]
                distinct_b += 1
            elif got_b[chain[k]] > matched_b[slot[j]]:
                matched_b[slot[j]] = got_b[chain[k]]
        total_b = 0.0
        b_first = firsts_b[0]
        b_last = firsts_b[0]
        for k in range(distinct_b):
            total_b += matched_b[k]
            b_first = min(b_first, firsts_b[k])
            b_last = max(b_last, firsts_b[k])
            slot[firsts_b[k]] = -1
        a_first = seed_i[chain[0]]
        a_last = seed_i[chain[length - 1]]
        matches = min(length, distinct_b)
        if matches < 2:
            used_a[a_first] = True
            used_b[b_first] = True
            continue
        used_a[a_first:a_last + 1] = True
        used_b[b_first:b_last + 1] = True
        out_a_first[spans] = a_first
        out_a_last[spans] = a_last
        out_b_first[spans] = b_first
        out_b_last[spans] = b_last
        out_got_a[spans] = total_a
        out_got_b[spans] = total_b
        out_matches[spans] = matches
        out_exact[spans] = seed_j[chain[0]] == b_first and seed_j[chain[length - 1]] == b_last
        spans += 1
    return (out_a_first[:spans], out_a_last[:spans], out_b_first[:spans], out_b_last[:spans], out_got_a[:spans],
            out_got_b[:spans], out_matches[:spans], out_exact[:spans])


@njit(cache=True)
def close_matches(a_ranks: np.ndarray, b_ranks: np.ndarray, first: np.ndarray, close: np.ndarray,
                  similarity: np.ndarray, stems: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Each plain stem of a document (``a_ranks``, ascending) with each plain stem of another
    (``b_ranks``, ascending) close to it in a corpus's table (:class:`~.close_stems.CloseStems`:
    ``first``, ``close``, ``similarity``; ``stems``, each rank's vocabulary id): the two stems'
    vocabulary ids and their similarity (0-1), sorted (stably) by the first."""
    total = 0
    for rank in a_ranks:
        total += first[rank + 1] - first[rank]
    out_a = np.empty(total, np.int64)
    out_b = np.empty(total, np.int64)
    out_similarity = np.empty(total, np.float64)
    found = 0
    for rank in a_ranks:
        for place in range(first[rank], first[rank + 1]):
            other = close[place]
            at = np.searchsorted(b_ranks, other)
            if at < len(b_ranks) and b_ranks[at] == other:
                out_a[found] = stems[rank]
                out_b[found] = stems[other]
                out_similarity[found] = np.float64(similarity[place]) / 100
                found += 1
    order = np.argsort(out_a[:found], kind="mergesort")
    return out_a[:found][order], out_b[:found][order], out_similarity[:found][order]


@njit(cache=True)
def view_arrays(keys: np.ndarray, stems: np.ndarray, weights: np.ndarray, plain_key: np.ndarray,
                fuzzy_stem: np.ndarray, content_weight: float) -> tuple[np.ndarray, ...]:  # pragma: no cover - compiled
    """What aligning a document reads (:class:`~.align.AlignView`): its keys and stems (as given:
    32-bit vocabulary ids, which a packed corpus's arrays are, so that a view holds no copy of
    them), the positions of its content tokens (``weights`` at least ``content_weight``; 32-bit),
    their keys sorted (stably) with the positions in that order, their stems likewise, the prefix
    sums of the content weight, and the distinct plain stems of its content tokens (``plain_key`` of
    the key and ``fuzzy_stem`` of the stem: the ones compared fuzzily), ascending."""
    is_content = weights >= content_weight
    content = np.flatnonzero(is_content).astype(np.int32)
    content_keys, content_stems = keys[content], stems[content]
    by_key = np.argsort(content_keys, kind="mergesort")
    by_stem = np.argsort(content_stems, kind="mergesort")
    prefix = np.concatenate((np.zeros(1), np.cumsum(np.where(is_content, weights, 0.0))))
    plain = np.unique(content_stems[plain_key[content_keys] & fuzzy_stem[content_stems]])
    return (keys, stems, content, content_keys[by_key], content[by_key], content_stems[by_stem], content[by_stem],
            prefix, plain)


@dataclass(frozen=True)
class Steps:
    """The alignment's steps, compiled or as their plain Python."""

    seed_pairs: Callable[..., Any]
    chain_scores: Callable[..., Any]
    chain_spans: Callable[..., Any]
    spread_medians: Callable[..., Any]
    view_arrays: Callable[..., Any]
    close_matches: Callable[..., Any]


def worth_compiling(pairs: int) -> bool:
    """Whether aligning ``pairs`` candidate pairs is worth compiling the steps for."""
    return pairs >= INTERPRETED_BELOW


def steps(compiled: bool = True) -> Steps:
    """The steps compiled, or run by the interpreter (the same results)."""
    return _compiled() if compiled else _interpreted()


@cache
def _compiled() -> Steps:
    return Steps(seed_pairs, chain_scores, chain_spans, spread_medians, view_arrays, close_matches)


@cache
def _interpreted() -> Steps:
    """Each step's plain Python, in a namespace where the compiled helpers it calls are plain too."""
    module = globals()
    namespace = {name: getattr(value, "py_func", value) for name, value in module.items()}

    def plain(compiled: Any) -> Callable[..., Any]:
        function = compiled.py_func
        return types.FunctionType(function.__code__, namespace, function.__name__, function.__defaults__)

    return Steps(*(plain(module[field.name]) for field in fields(Steps)))
