"""Snowball stems for the languages snowballstemmer has (the word itself for the others)."""
from __future__ import annotations

from functools import lru_cache

import snowballstemmer

SNOWBALL_NAMES = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "fa": "persian", "fi": "finnish", "fr": "french", "hu": "hungarian",
    "id": "indonesian", "it": "italian", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish",
}


@lru_cache(maxsize=32)
def _stemmer(lang: str) -> snowballstemmer.stemmer | None:
    name = SNOWBALL_NAMES.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=500_000)
def stem(word: str, lang: str = "en") -> str:
    """The Snowball stem of a folded word (the word itself for languages without a stemmer)."""
    stemmer = _stemmer(lang)
    return stemmer.stemWord(word) if stemmer else word
