"""The embed stage: each document's sentences and their vectors from the multilingual encoder.

Vectors are cached by content (:mod:`provenance.neural.cache`), so a rerun does not embed
again. A document in a language the encoder was not trained on gets no vectors from it, so that it is
never scored as unrelated by an encoder that cannot read it. When a fallback encoder covers
that language (:func:`embed_fallback`), the fallback embeds it together with the documents in
other languages it may translate, up to a budget of sentences; otherwise its translations
are found by names and figures alone.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .neural import Encoder, covers
from .neural.cache import cached_vectors
from .text import sentences

FALLBACK_BUDGET = 20_000
"""Most sentences the fallback encoder embeds in one run (e5 reads about 50 a second on 2 cores)."""


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


@dataclass(frozen=True)
class EmbedItem:
    """What the embed stage reads of a document."""

    id: str
    text: str
    language: str | None
    date: str | None = None


def embed_fallback(items: Sequence[EmbedItem], primary: Encoder, fallback: Encoder,
                   budget: int = FALLBACK_BUDGET) -> dict[str, SentenceVectors]:
    """Fallback vectors for the documents in a language ``primary`` lacks and ``fallback`` covers,
    and for the documents in other languages they are compared with: all of them within
    ``budget`` sentences, else those closest in date (undated ones last, then by id)."""
    uncovered = [i for i in items if covers(fallback, i.language) and not covers(primary, i.language)]
    if not uncovered:
        return {}
    counts = {i.id: len(sentences(i.text)) for i in items}
    spent = sum(counts[i.id] for i in uncovered)
    chosen = {i.id for i in uncovered}
    days = [d for i in uncovered if (d := _day(i.date)) is not None]
    for item in sorted((i for i in items if i.id not in chosen and covers(fallback, i.language)),
                       key=lambda i: (_distance(_day(i.date), days), i.id)):
        if spent + counts[item.id] > budget:
            break
        spent += counts[item.id]
        chosen.add(item.id)
    found = {}
    for item in items:
        if item.id in chosen and (vectors := embed_text(item.text, item.language, fallback)) is not None:
            found[item.id] = vectors
    return found


def _day(value: str | None) -> int | None:
    """The day number of an ISO date (its first ten characters), or None."""
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _distance(day: int | None, days: Sequence[int]) -> float:
    """Days from ``day`` to the nearest of ``days`` (infinite when either is unknown)."""
    return float(min(abs(day - d) for d in days)) if day is not None and days else float("inf")
