"""The compiled chaining step of the alignment against a plain reference, on random seeds."""
from __future__ import annotations

import random

import numpy as np
import pytest

from provenance.trace.chain import chain_scores


def reference(seeds: list[tuple[int, int, float]], skipped_a: list[float], skipped_b: list[float],
              max_gap: int, gap_cost: float, reorder_cost: float) -> tuple[list[float], list[int]]:
    """Every earlier seed (in (i, j) order) a few rows back and positions away, tried one by one."""
    scores: list[float] = []
    previous: list[int] = []
    for k, (si, sj, gain) in enumerate(seeds):
        best, before = gain, -1
        for e in range(k):
            i, j, _ = seeds[e]
            if not (si - max_gap - 1 <= i < si and abs(j - sj) <= max_gap + 1 and j != sj):
                continue
            skipped = skipped_a[si] - skipped_a[i + 1]
            skipped += skipped_b[sj] - skipped_b[j + 1] if j < sj else skipped_b[j] - skipped_b[sj + 1]
            candidate = scores[e] - (gap_cost * skipped + (reorder_cost if j > sj else 0.0)) + gain
            if candidate > best:
                best, before = candidate, e
        scores.append(best)
        previous.append(before)
    return scores, previous


@pytest.mark.parametrize("seed", range(20))
def test_compiled_chaining_equals_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = rng.randint(5, 80), rng.randint(5, 80)
    cells = sorted(rng.sample([(i, j) for i in range(rows) for j in range(columns)], rng.randint(1, 200)))
    seeds = [(i, j, rng.choice([1.0, 0.5, 0.25]) * rng.random()) for i, j in cells]
    weights_a = [0.0]
    weights_b = [0.0]
    for _ in range(rows):
        weights_a.append(weights_a[-1] + rng.random())
    for _ in range(columns):
        weights_b.append(weights_b[-1] + rng.random())
    max_gap = rng.choice([0, 2, 10])
    scores, previous = chain_scores(
        np.array([s[0] for s in seeds], np.int64), np.array([s[1] for s in seeds], np.int64),
        np.array([s[2] for s in seeds], np.float64), np.array(weights_a), np.array(weights_b), rows,
        max_gap, 0.35, 0.3)
    expected_scores, expected_previous = reference(seeds, weights_a, weights_b, max_gap, 0.35, 0.3)
    assert scores.tolist() == expected_scores  # to the bit: the arithmetic runs in the same order
    assert previous.tolist() == expected_previous
    assert any(p >= 0 for p in expected_previous) or len(seeds) < 5 or max_gap == 0
