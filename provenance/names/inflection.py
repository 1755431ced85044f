"""Case endings and capitalised nouns around names, by the conventions of the text's language.

German capitalises every noun, so "Tod von Alexej Nawalny" (death of) and "Nawalnys Mut" (his
courage) are capitalised runs whose nouns are no name words; a German name takes a bare -s in
the genitive (Nawalnys). Turkish and Azerbaijani put case suffixes after an apostrophe
(Erdoğan'ın, Fidan'a). A mention's span ends before such an ending, so that it links to its
entity, and a normalized text keeps the ending as written. The conventions of each language
are in ``data/names/language_conventions.tsv``.
"""
from __future__ import annotations

import re

from .frequency import COMMON_WORD_ZIPF, common_word
from .lexicon import is_given_name
from .resources import governing_words, language_conventions

_APOSTROPHE_SUFFIX = re.compile(r"['\u2019][^\W\d_]{1,6}$")
POSSESSIVE = re.compile(r"['\u2019]s$")


def has(lang: str, convention: str) -> bool:
    """Whether ``lang`` follows a convention of ``language_conventions.tsv``."""
    return convention in language_conventions().get(lang, frozenset())


def ending_length(word: str, lang: str) -> int:
    """Characters to cut off the end of a name's last word: a possessive 's, or a case suffix
    after an apostrophe where the language writes them so."""
    if POSSESSIVE.search(word):
        return 2
    suffix = _APOSTROPHE_SUFFIX.search(word)
    if suffix and has(lang, "apostrophe-suffix") and suffix.group()[1:].islower():
        return len(suffix.group())
    return 0


def _common_noun(word: str, lang: str) -> bool:
    return common_word(word, lang) >= COMMON_WORD_ZIPF and not is_given_name(word)


def noun_before_name(words: tuple[str, ...], first: int, last: int, lang: str) -> bool:
    """Whether ``words[first]`` is a capitalised common noun governing the name after it through
    a preposition or article (German "Tod von ...", "Rede des ...")."""
    return has(lang, "capitalized-nouns") and last - first > 2 \
        and words[first + 1] in governing_words().get(lang, frozenset()) and _common_noun(words[first], lang)


LEADING_NOUN_MIN_ZIPF = 3.0
"""How common in the document's language a word must be to be read as a noun before a name."""
LEADING_NOUN_MAX_ENGLISH_ZIPF = 2.5
"""A name used in news worldwide (Merkel, Seehofer) is common in English news too; a German
noun (Präsidenten, Parteien) is not."""
LEADING_NOUN_MIN_LENGTH = 5
"""Shorter capitalised words before a name are name parts (Wen Jiabao), not nouns."""


def leading_noun(words: tuple[str, ...], first: int, last: int, lang: str) -> bool:
    """Whether the span's first word is a capitalised common noun of a language that capitalises
    nouns, glued to the name after it ("Parteien Občanská", "Präsidenten Milošević")."""
    if last - first < 2 or not has(lang, "capitalized-nouns"):
        return False
    word = words[first]
    return len(word) >= LEADING_NOUN_MIN_LENGTH and word.isalpha() and not is_given_name(word) \
        and common_word(word, lang) >= LEADING_NOUN_MIN_ZIPF and common_word(word, "en") < LEADING_NOUN_MAX_ENGLISH_ZIPF


TRAILING_NOUN_MAX_ENGLISH_ZIPF = 2.0


def german_noun(word: str, lang: str) -> bool:
    """A capitalised common noun of a language that capitalises nouns, and no name: common in that
    language, rare in English news (Gespräche, Kontakt, Tracht; not Merkel or Seehofer)."""
    return has(lang, "capitalized-nouns") and len(word) >= LEADING_NOUN_MIN_LENGTH and word.isalpha() \
        and not is_given_name(word) and common_word(word, lang) >= LEADING_NOUN_MIN_ZIPF \
        and common_word(word, "en") < TRAILING_NOUN_MAX_ENGLISH_ZIPF


def noun_after_name(words: tuple[str, ...], first: int, last: int, lang: str) -> bool:
    """Whether a span of three words or more ends in a common noun glued to the name before it
    ("Wen Jiabao Gespräche führen"); two words are left alone (Horst Seehofer), and so is a
    surname after a particle (Ursula von der Leyen)."""
    return last - first >= 3 and words[last - 2][:1].isupper() and german_noun(words[last - 1], lang)


def noun_after_genitive(words: tuple[str, ...], first: int, last: int, lang: str) -> bool:
    """Whether the span's last word is a common noun a genitive name governs ("Nawalnys Mut")."""
    return has(lang, "capitalized-nouns") and last - first >= 2 and words[last - 2].endswith("s") \
        and _common_noun(words[last - 1], lang)


def genitive_length(surface: str, text: str, lang: str) -> int:
    """1 when the span ends in a genitive -s whose base form the text also writes (Nawalnys,
    Nawalny), else 0."""
    if not has(lang, "genitive-s") or not surface.endswith("s") or len(surface.split()[-1]) < 4:
        return 0
    base = surface.split()[-1][:-1]
    return 1 if re.search(rf"(?<!\w){re.escape(base)}(?!\w)", text) else 0
