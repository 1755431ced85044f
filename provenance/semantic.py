"""Sentence-level evidence from sentence vectors: document vectors, neighbours, aligned passages.

Pure numpy over L2-normalized vectors (one row a sentence), independent of the encoder:
- :func:`document_vector` and :func:`nearest_documents` find candidate pairs without comparing
  every document with every other beyond what blocked matrix products do cheaply;
- :func:`pair_score` is the mean of the best half of each side's best sentence matches;
- :func:`sentence_backgrounds` and :func:`margin_pair_score` score a pair by the margin of its
  matches over each sentence's nearest neighbours in the rest of the corpus (CSLS, Conneau et
  al. 2018), for encoders whose cosines crowd together (e5: every pair 0.85 to 0.95);
- :func:`align_sentences` keeps mutual best matches above a threshold and merges consecutive
  ones into passages, with the sentence ranges of both documents.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK = 2048
"""Rows of the document-vector matrix compared at once (bounds memory to BLOCK x N floats)."""


@dataclass(frozen=True)
class SentencePassage:
    """Consecutive aligned sentences: ``a_first..a_last`` in one document, ``b_first..b_last`` in the other."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    similarity: float


def document_vector(sentence_vectors: np.ndarray) -> np.ndarray:
    """The normalized mean of a document's sentence vectors (zeros for an empty document)."""
    if sentence_vectors.size == 0:
        return np.zeros(sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 0, dtype=np.float32)
    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def nearest_documents(vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    """Each row's ``k`` most similar other rows, best first (ties by index), by blocked exact search."""
    count = vectors.shape[0]
    k = min(k, max(0, count - 1))
    found: list[list[tuple[int, float]]] = []
    for start in range(0, count, BLOCK):
        block = vectors[start:start + BLOCK] @ vectors.T
        for offset, row in enumerate(block):
            row[start + offset] = -np.inf
            if k == 0:
                found.append([])
                continue
            top = np.argpartition(-row, k - 1)[:k] if k < count else np.arange(count)
            ranked = sorted(top.tolist(), key=lambda j: (-float(row[j]), j))[:k]
            found.append([(j, float(row[j])) for j in ranked])
    return found


def pair_score(a: np.ndarray, b: np.ndarray) -> float:
    """The mean of the best half of each side's best cosine matches (0 when a side is empty)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    similarity = a @ b.T
    best = [np.sort(similarity.max(axis=axis))[::-1] for axis in (1, 0)]
    return float(np.concatenate([side[:max(1, len(side) // 2)] for side in best]).mean())


def sentence_backgrounds(vectors: Sequence[np.ndarray], k: int = 10) -> list[np.ndarray]:
    """For each document's sentences, the mean cosine of their ``k`` nearest sentences in the
    other documents (how close anything comes to them: the hubness CSLS subtracts)."""
    sizes = [v.shape[0] for v in vectors]
    if not sizes or sum(sizes) == 0:
        return [np.zeros(n, dtype=np.float32) for n in sizes]
    pool = np.vstack([v for v in vectors if v.shape[0]])
    owner = np.repeat(np.arange(len(sizes)), sizes)
    found: list[np.ndarray] = []
    for index, rows in enumerate(vectors):
        if rows.shape[0] == 0:
            found.append(np.zeros(0, dtype=np.float32))
            continue
        similarity = rows @ pool.T
        similarity[:, owner == index] = -np.inf
        others = int((owner != index).sum())
        if others == 0:
            found.append(np.zeros(rows.shape[0], dtype=np.float32))
            continue
        nearest = min(k, others)
        top = np.partition(similarity, similarity.shape[1] - nearest, axis=1)[:, -nearest:]
        found.append(top.mean(axis=1).astype(np.float32))
    return found


Backgrounds = tuple[np.ndarray, np.ndarray]
"""The :func:`sentence_backgrounds` of two documents' sentences."""


def margin_similarity(a: np.ndarray, b: np.ndarray, backgrounds: Backgrounds) -> np.ndarray:
    """CSLS similarities ``2·cos(x, y) - r(x) - r(y)``, with ``r`` each sentence's background:
    above 0 where two sentences are closer to each other than to what usually comes nearest."""
    return 2 * (a @ b.T) - backgrounds[0][:, None] - backgrounds[1][None, :]


def margin_pair_score(a: np.ndarray, b: np.ndarray, backgrounds: Backgrounds) -> float:
    """:func:`pair_score` on :func:`margin_similarity`."""
    if a.size == 0 or b.size == 0:
        return 0.0
    similarity = margin_similarity(a, b, backgrounds)
    best = [np.sort(similarity.max(axis=axis))[::-1] for axis in (1, 0)]
    return float(np.concatenate([side[:max(1, len(side) // 2)] for side in best]).mean())


def align_sentences(a: np.ndarray, b: np.ndarray, threshold: float, gap: int = 1,
                    backgrounds: Backgrounds | None = None) -> list[SentencePassage]:
    """Mutual best matches of at least ``threshold`` (cosine, or CSLS given ``backgrounds``),
    merged into passages where both sides advance by at most ``gap + 1`` sentences."""
    if a.size == 0 or b.size == 0:
        return []
    similarity = a @ b.T if backgrounds is None else margin_similarity(a, b, backgrounds)
    best_b, best_a = similarity.argmax(axis=1), similarity.argmax(axis=0)
    pairs = [(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i and similarity[i, j] >= threshold]
    passages: list[list[tuple[int, int]]] = []
    for i, j in pairs:
        last = passages[-1][-1] if passages else None
        if last is not None and 0 < i - last[0] <= gap + 1 and 0 < j - last[1] <= gap + 1:
            passages[-1].append((i, j))
        else:
            passages.append([(i, j)])
    return [SentencePassage(p[0][0], p[-1][0], min(j for _, j in p), max(j for _, j in p),
                            float(np.mean([similarity[i, j] for i, j in p]))) for p in passages]


def calibrated(score: float, unrelated: float, translation: float) -> float:
    """A pair score mapped linearly from ``unrelated`` (0) to ``translation`` (1), clipped."""
    return float(min(1.0, max(0.0, (score - unrelated) / (translation - unrelated))))


def spans_of(passage: SentencePassage, spans_a: Sequence[tuple[int, int]],
             spans_b: Sequence[tuple[int, int]]) -> tuple[int, int, int, int]:
    """The character offsets of a passage in both documents."""
    return (spans_a[passage.a_first][0], spans_a[passage.a_last][1],
            spans_b[passage.b_first][0], spans_b[passage.b_last][1])
