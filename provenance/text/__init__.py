"""The text layer every stage shares: tokens and sentences with exact offsets, scripts and word
frequencies. Spans are always offsets into the text as read (``text[start:end] == token.text``)."""
from __future__ import annotations

from .frequency import top_words, zipf
from .scripts import char_script, script_of
from .tokens import Token, collapse_space, normalize_punct, sentences, tokenize, word_count, word_matches, words

__all__ = ["Token", "char_script", "collapse_space", "normalize_punct", "script_of", "sentences", "tokenize",
           "top_words", "word_count", "word_matches", "words", "zipf"]
