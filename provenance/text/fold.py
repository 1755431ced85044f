"""Folding: the one home of the comparison forms the stages use for text.

Every fold starts from :func:`strip_marks` (Unicode NFKD with the combining marks dropped:
accents, Arabic short vowels, the dot of a Turkish capital İ). Named variants add what a
use needs: :func:`fold` casefolds too; :func:`fold_diacritics` drops only accents and vowel
points (a Devanagari virama stays); :func:`ascii_slug`, :func:`unicode_slug` and
:func:`word_slug` make ids.
Stage-specific keys (names' transliteration keys, the glossary's lookup key) are built on
these and live with their stage.
"""
from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
                         "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Accents and vowel points of the Latin, Greek, Cyrillic, Hebrew and Arabic scripts; not the
marks that spell Indic and Southeast Asian words (a virama or a vowel sign is part of the word)."""
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"\W+")


def strip_marks(text: str) -> str:
    """``text`` without combining marks (NFKD decomposition; ASCII text is returned as it is)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` casefolded and without combining marks: the comparison form of a word or phrase."""
    return strip_marks(text.casefold())


def fold_diacritics(text: str) -> str:
    """``text`` casefolded, without accents and vowel points, keeping Indic marks: for cue words."""
    if text.isascii():
        return text.lower()
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def ascii_slug(text: str) -> str:
    """A lower-case ASCII slug (letters and digits, ``-`` between runs); empty when none are left."""
    ascii_form = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return _NOT_ASCII_WORD.sub("-", ascii_form).strip("-")


def unicode_slug(text: str) -> str:
    """A slug that keeps the letters of every script (marks dropped, ``-`` between word runs)."""
    return _NOT_WORD.sub("-", fold(text)).strip("-")


def word_slug(text: str) -> str:
    """A casefolded slug of the text as written, marks kept (the last resort of an id)."""
    return _NOT_WORD.sub("-", text.casefold()).strip("-")
