"""Writing systems: the Unicode script of a letter and the dominant script of a text."""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """The Unicode script of a letter (from its character name), or ``Common``."""
    if not char.isalpha():
        return "Common"
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return {"CJK": "Han", "HANGUL": "Hangul"}.get(first, first.title() or "Common")


def script_of(text: str) -> str:
    """The dominant script of the letters in ``text`` (``Common`` when it has none)."""
    counts = letter_scripts(text)
    if not counts:
        return "Common"
    return max(sorted(counts), key=counts.__getitem__)


def letter_scripts(text: str) -> dict[str, int]:
    """How many letters of ``text`` each script has (the characters counted once each, in C; an
    ASCII text's letters all Latin: a glossary of 100,000 entries asks it of every canonical name)."""
    if text.isascii():
        letters = sum(map(str.isalpha, text))
        return {"Latin": letters} if letters else {}
    counts: dict[str, int] = {}
    for char, times in Counter(text).items():
        if char.isalpha():
            script = char_script(char)
            counts[script] = counts.get(script, 0) + times
    return counts
