"""The chaining step of the alignment, compiled with numba: each seed's best chain score and
predecessor (a sparse local alignment over the matching tokens of two documents).

Seeds come sorted by their position in the first document (``i``), then in the second
(``j``), so the seeds of one row ``i`` are a contiguous run, in ascending ``j``. A seed extends
the best chain that ends at an earlier seed at most ``max_gap + 1`` rows back and ``max_gap + 1``
positions away in the second document, paying ``gap_cost`` per unit of content weight skipped
on either side and ``reorder_cost`` more when it goes back in the second document. The
arithmetic is done in the same order as the plain Python it replaced, in IEEE double precision
without fast-math, so the scores are the same to the bit.
"""
from __future__ import annotations

import numpy as np
from numba import njit


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
