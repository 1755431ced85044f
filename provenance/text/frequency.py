"""Word frequencies from wordfreq, guarded: no language, code or text makes a lookup raise.

wordfreq tokenizes Chinese with jieba and Japanese with MeCab, optional packages a plain
install lacks; it has no word list for many languages (Estonian, for one) and rejects codes
that are not languages. Here a language whose tokenizer is missing is looked up in its word
table directly (the word as written), and a language without a table, or an invalid code, has
no frequencies (every word scores 0, wordfreq's score of an unknown word).
"""
from __future__ import annotations

import importlib.util
from functools import cache, lru_cache

from wordfreq import (
    available_languages,
    freq_to_zipf,
    get_frequency_dict,
    get_frequency_list,
    get_language_info,
    top_n_list,
)
from wordfreq import zipf_frequency as _zipf

UNKNOWN_ZIPF = 0.0
"""wordfreq's Zipf frequency of a word it has never seen."""
OPTIONAL_TOKENIZERS = {"jieba": "jieba", "mecab": "MeCab"}
"""wordfreq tokenizers that need a package of their own, by the module they import."""


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """The languages wordfreq has a word list for."""
    return frozenset(available_languages())


@cache
def tokenizer_of(lang: str) -> str | None:
    """The tokenizer wordfreq uses for ``lang`` (``regex``, ``jieba``, ``mecab`` ...), or None."""
    if lang not in languages():
        return None
    try:
        return str(get_language_info(lang)["tokenizer"])
    except (LookupError, ValueError):
        return None


@cache
def tokenizer_ready(lang: str) -> bool:
    """Whether wordfreq can tokenize ``lang`` here (its tokenizer's package is installed)."""
    tokenizer = tokenizer_of(lang)
    module = OPTIONAL_TOKENIZERS.get(tokenizer) if tokenizer else None
    return tokenizer is not None and (module is None or importlib.util.find_spec(module) is not None)


@cache
def word_table(lang: str) -> dict[str, float]:
    """wordfreq's word frequencies for ``lang`` (empty for a language it lacks)."""
    return get_frequency_dict(lang) if lang in languages() else {}


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (0 for unknown words, languages and codes)."""
    if tokenizer_ready(lang):
        try:
            return _zipf(word, lang)
        except (LookupError, ValueError, ImportError):
            return UNKNOWN_ZIPF
    frequency = word_table(lang).get(word.casefold())
    return round(freq_to_zipf(frequency), 2) if frequency else UNKNOWN_ZIPF


@cache
def top_words(lang: str, count: int) -> tuple[str, ...]:
    """The ``count`` most frequent words of ``lang`` (none for a language wordfreq lacks).

    wordfreq reads a language's whole word list for them and keeps it: the six lists of the
    quote conventions' function words held 185 MB in every process. The lists are let go once
    the words are taken (a lookup that needs one reads it again)."""
    if lang not in languages():
        return ()
    try:
        return tuple(top_n_list(lang, count))
    except (LookupError, ValueError, ImportError):
        return ()
    finally:
        get_frequency_list.cache_clear()
