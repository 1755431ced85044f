"""Word frequencies (wordfreq) in a document's language, and a quick guess of that language."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import TypeVar

from ..text.frequency import WordTable, languages, tokenizer_of, word_table, zipf
from .resources import language_words, particles

COMMON_WORD_ZIPF = 4.0
COMMON_PHRASE_ZIPF = 3.0
VERY_COMMON_ZIPF = 5.0
UNKNOWN_WORD_ZIPF = 0.0  # wordfreq's Zipf frequency of a word it has never seen
LANGUAGE_SAMPLE = 800
MIN_LANGUAGE_HITS = 3
_WORDS = re.compile(r"\w+")
Word = TypeVar("Word", str, bytes)


@lru_cache(maxsize=200_000)
def common_word(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in the document's language (English when wordfreq lacks it)."""
    folded = word.casefold()
    lang = lang if lang in languages() else "en"
    table = _plain_word_frequencies(lang)
    if table is not None and folded.isascii():
        parts = folded.split("-")  # wordfreq's tokens of an ASCII word of letters and hyphens
        if all(part.isalpha() for part in parts) and any(part not in table for part in parts):
            return UNKNOWN_WORD_ZIPF  # most names: spares wordfreq's tokenizer, which would find the same
    return zipf(folded, lang)


@cache
def _plain_word_frequencies(lang: str) -> WordTable | None:
    """wordfreq's table for a language whose tokenizer keeps an ASCII word whole (the regex
    one), so that a word missing from it has the unknown word's frequency; None for the
    others (Chinese, Japanese, Korean), whose words all go through wordfreq."""
    return word_table(lang) if tokenizer_of(lang) == "regex" else None


@lru_cache(maxsize=1)
def _top_words() -> dict[str, tuple[str, ...]]:
    """For each frequent function word of language_words.tsv, the languages it belongs to;
    name particles (al, de, bin) left out, since names carry them in any language."""
    languages: dict[str, list[str]] = {}
    for lang, words in language_words().items():
        for word in words:
            if word not in particles():
                languages.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in languages.items()}


@lru_cache(maxsize=1)
def _ascii_word_breaks() -> bytes:
    """A bytes.translate table that turns every ASCII byte outside ``\\w`` into a space."""
    return bytes(b if chr(b).isalnum() or b == 0x5F else 0x20 for b in range(256))


@lru_cache(maxsize=1)
def _top_words_bytes() -> dict[bytes, tuple[str, ...]]:
    """:func:`_top_words` keyed by ASCII bytes (for ASCII samples)."""
    return {word.encode("ascii"): langs for word, langs in _top_words().items() if word.isascii()}


def _language_hits(words: Iterable[Word], top: Mapping[Word, tuple[str, ...]]) -> dict[str, int]:
    """How many of ``words`` are frequent function words of each language."""
    scores: dict[str, int] = {}
    for word in words:
        langs = top.get(word)
        if langs is not None:
            for lang in langs:
                scores[lang] = scores.get(lang, 0) + 1
    return scores


def guess_language(text: str) -> str:
    """A quick language guess from function words (for word frequencies, not for reports):
    the language whose most frequent words the text's first words use most; English on ties
    and for texts too short to tell. The ``\\w+`` words of the text's start are compared
    casefolded, as bytes for ASCII text (the common case, split in C without a regex)."""
    sample = text[:LANGUAGE_SAMPLE]
    if sample.isascii():
        words = sample.lower().encode("ascii").translate(_ascii_word_breaks()).split()
        scores = _language_hits(words, _top_words_bytes())
    else:
        scores = _language_hits(_WORDS.findall(sample.casefold()), _top_words())
    if not scores:
        return "en"
    best = max(sorted(scores), key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] >= MIN_LANGUAGE_HITS and scores[best] > scores.get("en", 0) else "en"
