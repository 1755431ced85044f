"""The compiled chaining step of the alignment against a plain reference, on random seeds."""
from __future__ import annotations

import random

import numpy as np
import pytest

from provenance.trace.chain import chain_scores, seed_pairs


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


def reference_seeds(a_keys: list[int], a_stems: list[int], a_weights: list[float], b_keys: list[int],
                    b_stems: list[int], b_weights: list[float], content_b: list[int],
                    close: dict[int, list[tuple[int, float]]], content_a: list[int]) -> list[tuple[int, int, float, float]]:
    """Matches by key, then by a close stem under another key, as dictionaries."""
    by_key: dict[int, list[int]] = {}
    by_stem: dict[int, list[int]] = {}
    for j in content_b:
        by_key.setdefault(b_keys[j], []).append(j)
        by_stem.setdefault(b_stems[j], []).append(j)
    seeds = []
    for i in content_a:
        found = {j: 1.0 for j in by_key.get(a_keys[i], ())}
        for stem, similarity in close.get(a_stems[i], ()):
            for j in by_stem.get(stem, ()):
                if b_keys[j] != a_keys[i]:
                    found[j] = max(found.get(j, 0.0), similarity)
        for j, similarity in sorted(found.items()):
            seeds.append((i, j, similarity * (a_weights[i] + b_weights[j]) / 2, similarity))
    return seeds


@pytest.mark.parametrize("seed", range(20))
def test_compiled_seeds_equal_the_reference(seed: int) -> None:
    rng = random.Random(seed)

    def document(length: int) -> tuple[list[int], list[int], list[float], list[int]]:
        stems = [rng.randrange(12) for _ in range(length)]
        keys = [stem if rng.random() < 0.8 else 100 + rng.randrange(3) for stem in stems]  # some linked names
        weights = [rng.random() for _ in range(length)]
        return keys, stems, weights, [n for n in range(length) if weights[n] >= 0.15]

    a_keys, a_stems, a_weights, content_a = document(rng.randint(1, 60))
    b_keys, b_stems, b_weights, content_b = document(rng.randint(1, 60))
    close: dict[int, list[tuple[int, float]]] = {}
    for stem in range(12):
        for other in rng.sample(range(12), 2):
            if other != stem:
                close.setdefault(stem, []).append((other, float(np.float32(rng.uniform(85, 99)))  / 100))
    rows = sorted((stem, other, similarity) for stem, found in close.items() for other, similarity in found)
    content = np.array(content_b, np.int64)
    by_key = np.argsort(np.array(b_keys)[content], kind="stable")
    by_stem = np.argsort(np.array(b_stems)[content], kind="stable")
    found = seed_pairs(np.array(a_keys, np.int64), np.array(a_stems, np.int64), np.array(a_weights),
                       np.array(content_a, np.int64), np.array(b_keys, np.int64), np.array(b_weights),
                       np.array(b_keys, np.int64)[content][by_key], content[by_key],
                       np.array(b_stems, np.int64)[content][by_stem], content[by_stem],
                       np.array([r[0] for r in rows], np.int64), np.array([r[1] for r in rows], np.int64),
                       np.array([r[2] for r in rows], np.float64))
    expected = reference_seeds(a_keys, a_stems, a_weights, b_keys, b_stems, b_weights, content_b, close, content_a)
    assert list(zip(*(column.tolist() for column in found))) == expected
    assert expected  # every case has matches to compare


@pytest.mark.parametrize("seed", range(10))
def test_compiled_spread_medians_equal_the_reference(seed: int) -> None:
    from provenance.trace.chain import spread_medians

    rng = random.Random(seed)
    keys = np.array([rng.randrange(15) for _ in range(rng.randint(1, 120))], np.int64)
    content = np.array([rng.random() < 0.7 for _ in range(len(keys))])
    words = 15
    codes = np.array(sorted(rng.sample(range(words * words), 60)), np.int64)
    counts = np.array([rng.randint(1, 50) for _ in codes], np.int64)
    firsts = np.array([rng.randrange(len(keys)) for _ in range(8)], np.int64)
    lasts = np.array([min(len(keys) - 1, f + rng.randrange(30)) for f in firsts.tolist()], np.int64)
    found = spread_medians(keys, content, firsts, lasts, 3, words, codes, counts, 2).tolist()
    expected = []
    for first, last in zip(firsts.tolist(), lasts.tolist()):
        held = [k for k, c in zip(keys[first:last + 1].tolist(), content[first:last + 1].tolist()) if c]
        spread = dict(zip(codes.tolist(), counts.tolist()))
        looked = sorted(spread.get(min(x, y) * words + max(x, y), 0)
                        for i, x in enumerate(held) for y in held[i + 1:i + 4] if x != y)
        expected.append(looked[len(looked) // 2] if looked else 2)
    assert found == expected


def reference_spans(i: list[int], j: list[int], got_a: list[float], got_b: list[float], previous: list[int],
                    order: list[int], length_a: int, length_b: int) -> list[tuple]:
    """Chains best first without overlap, each matched token once at its largest weight, with dictionaries."""
    used_a, used_b = [False] * length_a, [False] * length_b
    spans = []
    for end in order:
        chain, number = [], end
        while number >= 0 and not used_a[i[number]] and not used_b[j[number]]:
            chain.append(number)
            number = previous[number]
        if not chain:
            continue
        chain.reverse()
        matched_a: dict[int, float] = {}
        matched_b: dict[int, float] = {}
        for n in chain:
            matched_a[i[n]] = max(matched_a.get(i[n], 0.0), got_a[n])
            matched_b[j[n]] = max(matched_b.get(j[n], 0.0), got_b[n])
        corners = (min(matched_a), max(matched_a), min(matched_b), max(matched_b))
        matches = min(len(matched_a), len(matched_b))
        if matches < 2:
            used_a[corners[0]] = used_b[corners[2]] = True
            continue
        for x in range(corners[0], corners[1] + 1):
            used_a[x] = True
        for y in range(corners[2], corners[3] + 1):
            used_b[y] = True
        exact = (i[chain[0]], j[chain[0]], i[chain[-1]], j[chain[-1]]) == (corners[0], corners[2], corners[1], corners[3])
        spans.append((*corners, sum(matched_a.values()), sum(matched_b.values()), matches, exact))
    return spans


def test_compiled_chain_spans_equal_the_reference() -> None:
    spans = sum(_compare_chain_spans(seed) for seed in range(30))
    assert spans > 30  # enough chains of two matches or more were compared


def _compare_chain_spans(seed: int) -> int:
    from provenance.trace.chain import chain_spans

    rng = random.Random(seed)
    rows, columns = rng.randint(5, 80), rng.randint(5, 80)
    cells = sorted(rng.sample([(i, j) for i in range(rows) for j in range(columns)], rng.randint(1, 200)))
    gains = [rng.random() for _ in cells]
    weights_a, weights_b = [0.0], [0.0]
    for _ in range(rows):
        weights_a.append(weights_a[-1] + rng.random())
    for _ in range(columns):
        weights_b.append(weights_b[-1] + rng.random())
    seed_i, seed_j = np.array([c[0] for c in cells], np.int64), np.array([c[1] for c in cells], np.int64)
    scores, previous = chain_scores(seed_i, seed_j, np.array(gains), np.array(weights_a), np.array(weights_b), rows,
                                    rng.choice([2, 10]), 0.35, 0.3)
    got_a = np.array([rng.random() for _ in cells])
    got_b = np.array([rng.random() for _ in cells])
    order = np.lexsort((seed_j, seed_i, -scores))
    found = chain_spans(seed_i, seed_j, got_a, got_b, previous, order, rows, columns)
    expected = reference_spans(seed_i.tolist(), seed_j.tolist(), got_a.tolist(), got_b.tolist(), previous.tolist(),
                               order.tolist(), rows, columns)
    assert list(zip(*(column.tolist() for column in found))) == expected
    return len(expected)


def test_the_plain_steps_align_real_text_as_the_compiled_ones_do() -> None:
    # the seeds' pairs and the generated news pairs of a benchmark corpus: every passage the same,
    # to the bit, and the spread medians too
    from pathlib import Path

    from provenance.corpus import read_corpus
    from provenance.trace.align import AlignParams, AlignView, align_views
    from provenance.trace.candidates import prepare_corpus
    from provenance.trace.chain import steps

    root = Path(__file__).resolve().parent.parent
    docs = list(read_corpus(root / "seeds")) + list(read_corpus(root / "tests" / "data" / "originals"))[:8]
    prepared = prepare_corpus(docs)
    params, vocabulary = AlignParams(), {}
    views = [AlignView.of(p, params, vocabulary) for p in prepared]
    found = 0
    for i, a in enumerate(views):
        for b in views[i + 1:]:
            compiled = align_views(a, b, params, steps(True))
            assert align_views(a, b, params, steps(False)) == compiled
            found += len(compiled)
    assert found >= 5
    plain, fast = steps(False), steps(True)
    assert plain.seed_pairs is not fast.seed_pairs and not hasattr(plain.seed_pairs, "py_func")


def test_a_corpus_with_few_pairs_to_align_never_compiles(monkeypatch) -> None:
    from pathlib import Path

    from provenance.corpus import read_corpus
    from provenance.trace import chain, trace_corpus

    def compiling():
        raise AssertionError("compiled steps asked for")

    monkeypatch.setattr(chain, "_compiled", compiling)
    result = trace_corpus(list(read_corpus(Path(__file__).resolve().parent.parent / "seeds")))
    assert any(edge.kind == "reuse" for edge in result.edges)
    monkeypatch.setattr(chain, "INTERPRETED_BELOW", 0)
    with pytest.raises(AssertionError, match="compiled steps asked for"):
        trace_corpus(list(read_corpus(Path(__file__).resolve().parent.parent / "seeds")))
