"""Tokens, words and sentences with exact original offsets.

Tokenization and punctuation normalization come from sacremoses. Moses works on strings it
may rewrite, so every token is aligned back to the original text: a :class:`Token` always
satisfies ``text[token.start:token.end] == token.text``, and ``token.norm`` carries the
Moses-normalized form used for matching.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from sacremoses import MosesPunctNormalizer, MosesTokenizer

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？؟।॥۔።။։]+[\"'”’»)\]」』）]*")
_UNSPACED_END = frozenset("。！？")
"""Full stops of scripts written without spaces (Chinese, Japanese): a sentence ends there even
when the next one follows without a space."""
_OPENERS = "\"'“‘«(["
_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\n\r]+")
_LAST_WORD = re.compile(r"([\w.]+)$")
MAX_SENTENCE_CHARS = 2000
"""A "sentence" longer than this (a text with no full stop, a line with no break) is cut at a
clause mark or a space: no sentence in news text comes near it (the longest in the tests: 643),
and every stage that looks at a whole sentence stays linear in the text's length."""
_CLAUSE_MARK = re.compile(r"[,;:،؛](?=\s)|[、，；：]")


@dataclass(frozen=True)
class Token:
    """A span of the original text: ``text == original[start:end]``."""

    text: str
    start: int
    end: int
    norm: str = ""


@lru_cache(maxsize=16)
def _moses_tokenizer(lang: str) -> MosesTokenizer:
    try:
        return MosesTokenizer(lang)
    except Exception:  # sacremoses has no data for this language: use the English rules
        return MosesTokenizer("en")


@lru_cache(maxsize=16)
def _moses_normalizer(lang: str) -> MosesPunctNormalizer:
    return MosesPunctNormalizer(lang, pre_replace_unicode_punct=True)


@lru_cache(maxsize=200_000)
def _normalize_piece(piece: str, lang: str) -> str:
    return _moses_normalizer(lang).normalize(piece).strip()


def normalize_punct(text: str, lang: str = "en") -> str:
    """Moses punctuation normalization (curly quotes, dashes, spacing) of ``text``."""
    return _moses_normalizer(lang).normalize(text)


def _align(text: str, pieces: list[str], offset: int, lang: str) -> list[Token]:
    """Place Moses token strings back onto ``text`` (which starts at ``offset``)."""
    tokens: list[Token] = []
    cursor = 0
    for piece in pieces:
        at = text.find(piece, cursor)
        gap = text[cursor:at] if at >= 0 else ""
        if at < 0 or (gap.strip() and len(gap) > len(piece) + 8):
            continue  # Moses rewrote this piece; it has no exact original span
        tokens.append(Token(piece, offset + at, offset + at + len(piece), _normalize_piece(piece, lang)))
        cursor = at + len(piece)
    return tokens


def tokenize(text: str, lang: str = "en") -> list[Token]:
    """Moses tokens of ``text``, sentence by sentence, with exact original offsets."""
    tokenizer = _moses_tokenizer(lang)
    tokens: list[Token] = []
    for sent in sentences(text, lang):
        pieces = tokenizer.tokenize(sent.text, escape=False)
        tokens.extend(_align(sent.text, pieces, sent.start, lang))
    return tokens


def words(text: str) -> list[Token]:
    """Unicode word tokens (letters and digits, with inner apostrophes and hyphens)."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`words`, without making a token of each (for loops over every word
    of a corpus)."""
    return _WORD.finditer(text)


def word_count(text: str) -> int:
    """``len(words(text))``, without making the tokens."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=16)
def _nonbreaking(lang: str) -> frozenset[str]:
    tokenizer = _moses_tokenizer(lang)
    return frozenset(tokenizer.NONBREAKING_PREFIXES) | frozenset(tokenizer.NUMERIC_ONLY_PREFIXES)


def _is_boundary(text: str, match: re.Match[str], nonbreaking: frozenset[str]) -> bool:
    """Whether the terminal punctuation in ``match`` ends a sentence."""
    after = match.end()
    rest = text[after:after + 3]
    mark = match.group()
    if rest and mark[0] in _UNSPACED_END:
        return True
    if not rest or not rest[0].isspace():
        return False
    nxt = rest.lstrip()[:1]
    if not nxt or nxt.islower() or nxt.isdigit():
        return False
    if not (nxt.isupper() or nxt in _OPENERS
            or (nxt.isalpha() and nxt.lower() == nxt.upper())):  # caseless: Arabic, Han, ...
        return False
    if mark == ".":
        word = _LAST_WORD.search(text[max(0, match.start() - 20):match.start()])
        if word and (word.group(1) in nonbreaking or "." in word.group(1)):
            return False  # "Col. Wayne", "U.S. forces"
    return True


_last_split: tuple[str, str, tuple[Token, ...]] = ("", "", ())
"""The last text :func:`sentences` split, its language and its sentences: the stages of one task
may split a document's text more than once (the quotes' frames, the casualty figures)."""


def sentences(text: str, lang: str = "en") -> list[Token]:
    """Sentence spans of ``text``: split at line breaks and at terminal punctuation."""
    global _last_split
    last_text, last_lang, last_spans = _last_split
    if text is last_text and lang == last_lang:
        return list(last_spans)
    spans = _split_sentences(text, lang)
    _last_split = (text, lang, tuple(spans))
    return spans


def _split_sentences(text: str, lang: str) -> list[Token]:
    nonbreaking = _nonbreaking(lang)
    spans: list[Token] = []
    for line in _LINE.finditer(text):
        line_text, line_start = line.group(), line.start()
        start = line_start
        for match in _SENTENCE_END.finditer(line_text):
            if _is_boundary(line_text, match, nonbreaking):
                _add_span(text, start, line_start + match.end(), spans)
                start = line_start + match.end()
        _add_span(text, start, line.end(), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Token]) -> None:
    """Add the stripped ``text[start:end]``, in pieces of at most :data:`MAX_SENTENCE_CHARS`."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = _safe_cut(text, start, start + MAX_SENTENCE_CHARS)
        _add_piece(text, start, cut, spans)
        start = cut
    _add_piece(text, start, end, spans)


def _add_piece(text: str, start: int, end: int, spans: list[Token]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append(Token(stripped, start, start + len(stripped)))


def _safe_cut(text: str, start: int, limit: int) -> int:
    """Where to end an over-long sentence that starts at ``start``, at ``limit`` at the latest:
    after the last clause mark (, ; : and the like) in the second half, else at the last space
    there, else at ``limit`` (moved back off the marks of a letter)."""
    low = start + MAX_SENTENCE_CHARS // 2
    window = text[low:limit]
    clauses = list(_CLAUSE_MARK.finditer(window))
    if clauses:
        return low + clauses[-1].end()
    spaces = list(_SPACE.finditer(window))
    if spaces:
        return low + spaces[-1].start()
    cut = limit
    while cut > low + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def collapse_space(text: str) -> str:
    """Runs of white space folded to one space, ends stripped (``str.split`` splits where ``\\s+``
    matches, every code point alike: three times faster than the substitution on news text)."""
    return " ".join(text.split())
