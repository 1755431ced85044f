"""Word frequencies from wordfreq, guarded: no language, code or text makes a lookup raise.

wordfreq tokenizes Chinese with jieba and Japanese with MeCab, optional packages a plain
install lacks; it has no word list for many languages (Estonian, for one) and rejects codes
that are not languages. Here a language whose tokenizer is missing is looked up in its word
table directly (the word as written), and a language without a table, or an invalid code, has
no frequencies (every word scores 0, wordfreq's score of an unknown word).

A language's word list is held as a :class:`WordTable`, a few compact arrays, instead of
wordfreq's dictionary of Python strings (50-60 MB a language, in every process that looks a word
up); the Zipf frequency of a word is wordfreq's, computed the way ``zipf_frequency`` does it.
"""
from __future__ import annotations

import importlib.util
import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

import numpy as np
from wordfreq import (
    INFERRED_SPACE_FACTOR,
    available_languages,
    cB_to_freq,
    freq_to_zipf,
    get_frequency_list,
    get_language_info,
    top_n_list,
    zipf_to_freq,
)
from wordfreq.numbers import digit_freq, smash_numbers
from wordfreq.tokens import lossy_tokenize

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


_KEY_MASK = 0xFFFFFFFF
_FREQUENCY_FLOOR = zipf_to_freq(UNKNOWN_ZIPF)
"""The least frequency wordfreq's ``zipf_frequency`` gives a word (its ``minimum``)."""


@dataclass(frozen=True)
class WordTable:
    """One language's wordfreq word list in arrays: the words' UTF-8 bytes one after the other,
    each word's frequency band in centibels below 1.0, and a sorted index of the words' keys
    (the low 32 bits of their hashes in this process). About 14 bytes a word besides its own
    bytes; a lookup is a binary search, and a key found is confirmed on the word's bytes, so a
    word is found exactly when it is listed."""

    keys: array[int]
    """The words' keys, sorted."""
    rows: array[int]
    """For each key, its word's row (the word's place in the list)."""
    centibels: array[int]
    """Each row's frequency band: its frequency is ``10 ** (-centibels / 100)``."""
    starts: array[int]
    """Where each row's bytes start in :attr:`words` (and one more, past the end)."""
    words: bytes
    """The rows' words in UTF-8, each followed by a line break."""

    @classmethod
    def of(cls, bands: Sequence[Sequence[str]]) -> WordTable:
        """The table of a cBpack word list: band ``i`` holds the words of frequency -``i`` cB."""
        bands = [[word for word in band if "\n" not in word] for band in bands]  # wordfreq's tokens have none
        listed = list(chain.from_iterable(bands))
        centibels = np.repeat(np.arange(len(bands), dtype=np.uint16), [len(band) for band in bands])
        keys = (np.fromiter(map(hash, listed), np.int64, count=len(listed)) & _KEY_MASK).astype(np.uint32)
        rows = np.argsort(keys, kind="stable").astype(np.uint32)
        words = "\n".join([*listed, ""]).encode()
        starts = np.zeros(len(listed) + 1, np.uint32)
        starts[1:] = np.flatnonzero(np.frombuffer(words, np.uint8) == ord("\n")) + 1
        return cls(array("I", keys[rows].tobytes()), array("I", rows.tobytes()), array("H", centibels.tobytes()),
                   array("I", starts.tobytes()), words)

    def frequency(self, word: str) -> float | None:
        """The word's frequency (a proportion of all words), None when it is not listed."""
        key = hash(word) & _KEY_MASK
        keys = self.keys
        at = bisect_left(keys, key)
        encoded = None
        while at < len(keys) and keys[at] == key:
            encoded = encoded or word.encode("utf-8", "surrogatepass") + b"\n"
            row = self.rows[at]
            if self.words[self.starts[row]:self.starts[row + 1]] == encoded:
                return cB_to_freq(-self.centibels[row])
            at += 1
        return None

    def __contains__(self, word: str) -> bool:
        return self.frequency(word) is not None

    def __len__(self) -> int:
        return len(self.keys)


@cache
def word_table(lang: str) -> WordTable:
    """wordfreq's word list for ``lang`` (empty for a language it lacks). wordfreq's own copy of
    the list, read to build it, is let go."""
    if lang not in languages():
        return WordTable.of(())
    try:
        return WordTable.of(get_frequency_list(lang))
    finally:
        get_frequency_list.cache_clear()


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (0 for unknown words, languages and codes)."""
    if tokenizer_ready(lang):
        try:
            return _tokens_zipf(word, lang)
        except (LookupError, ValueError, ImportError):
            return UNKNOWN_ZIPF
    frequency = word_table(lang).frequency(word.casefold())
    return round(freq_to_zipf(frequency), 2) if frequency else UNKNOWN_ZIPF


def _tokens_zipf(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang)``, its frequencies read from :func:`word_table`:
    the word's tokens as wordfreq makes them, digits smashed, the tokens' frequencies combined
    as 1/f = 1/f1 + 1/f2 ..., rounded to 3 significant digits, then to hundredths of a Zipf."""
    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return UNKNOWN_ZIPF
    table = word_table(lang)
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        frequency = table.frequency(smashed)
        if frequency is None:
            return UNKNOWN_ZIPF
        if smashed != token:
            frequency *= digit_freq(token)
        one_over += 1.0 / frequency
    combined = 1.0 / one_over
    if get_language_info(lang)["tokenizer"] == "jieba":
        combined *= INFERRED_SPACE_FACTOR ** -(len(tokens) - 1)
    frequency = max(combined, _FREQUENCY_FLOOR)
    return round(freq_to_zipf(round(frequency, math.floor(-math.log(frequency, 10)) + 3)), 2)


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
