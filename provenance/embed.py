"""The embed stage: each document's sentences and their vectors from the multilingual encoder.

Vectors are cached by content (:mod:`provenance.neural.cache`), so a rerun does not embed
again. A document in a language the encoder was not trained on gets no vectors: its
translations are found by names and figures alone, and never scored as unrelated by an
encoder that cannot read it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .neural import Encoder, covers
from .neural.cache import cached_vectors
from .text import sentences


@dataclass(frozen=True)
class SentenceVectors:
    """A document's sentence spans (character offsets) and one vector a sentence."""

    encoder: str
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray


def embed_text(text: str, language: str | None, encoder: Encoder) -> SentenceVectors | None:
    """The sentence vectors of one text, or None when the encoder does not cover its language."""
    if not covers(encoder, language):
        return None
    spans = tuple((s.start, s.end) for s in sentences(text))
    texts = [text[start:end] for start, end in spans]
    vectors = cached_vectors(encoder.name, texts, encoder.encode) if texts else np.zeros((0, 1), dtype=np.float32)
    return SentenceVectors(encoder.name, spans, vectors)


def embed_texts(items: Sequence[tuple[str, str | None]], encoder: Encoder) -> list[SentenceVectors | None]:
    """:func:`embed_text` of each (text, language) pair, in order."""
    return [embed_text(text, language, encoder) for text, language in items]
