"""Headlines written in capitals: their long words in title case, so that the name finder sees
the names in them ("DECLARACION DEL SECRETARIO POMPEO" -> "Declaracion DEL Secretario Pompeo").
Short words stay as written (acronyms: NATO, ISIS, US); offsets never move."""
from __future__ import annotations

import re

from .frequency import common_word

_CAPITALS_LINE = re.compile(r"^[^\n]*$", re.MULTILINE)
_LETTERS = re.compile(r"[^\W\d_]+")
_TWO_CAPITAL_WORDS = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}[^\S\n]+[A-ZÀ-ÖØ-Þ]{2,}\b")
FUNCTION_WORD_ZIPF = 5.5
"""A word of a headline in capitals this frequent in the document's language is written in lower
case (SOBRE, AGAINST), so that it does not join the names around it; titles stay (PRESIDENT)."""
HEADLINE_WORD_MIN = 5
"""Words of a line in capitals shorter than this stay as written: acronyms (NATO, ISIS, US)."""


def _title_word(word: str, lang: str) -> str:
    """A long word in capitals in title case, or in lower case when it is a function word (SOBRE)."""
    rest = word[1:].lower()
    if len(word) < HEADLINE_WORD_MIN or not word.isupper() or len(rest) != len(word) - 1:
        return word
    return word[0].lower() + rest if common_word(word, lang) >= FUNCTION_WORD_ZIPF else word[0] + rest


def headline_case(text: str, lang: str) -> str:
    """``text`` with the long words of lines written in capitals ("DECLARACION DEL SECRETARIO
    POMPEO") in title case, so that the names in them are found; same length, same offsets."""
    if not _TWO_CAPITAL_WORDS.search(text):
        return text  # the common case, found in one pass

    def fold_line(line: re.Match[str]) -> str:
        written = line.group()
        if any(c.islower() for c in written):  # most lines, told by their first few letters
            return written
        if sum(word.isupper() for word in _LETTERS.findall(written)) < 2:
            return written
        return _LETTERS.sub(lambda m: _title_word(m.group(), lang), written)

    return _CAPITALS_LINE.sub(fold_line, text)
