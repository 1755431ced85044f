"""Quoted spans: the passages between quote marks, in the conventions of ``data/quotes/quote_marks.tsv``."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import conventions


@dataclass(frozen=True)
class QuotedSpan:
    """A quoted passage: marks at ``open_at`` and ``close_at``; ``start``/``end`` the words."""

    open_at: int
    close_at: int
    start: int
    end: int


def _can_open(text: str, at: int, mark: str) -> bool:
    if mark == "‘":
        return at == 0 or not text[at - 1].isalnum()
    if mark == "»":  # German opener only when glued to the word it opens
        return at + 1 < len(text) and not text[at + 1].isspace()
    return True


def _is_closer(text: str, at: int, mark: str) -> bool:
    if mark == "’":  # an apostrophe inside or at the end of a word is not a closer
        return at + 1 >= len(text) or not text[at + 1].isalpha()
    return True


@cache
def _any_of(marks: str) -> re.Pattern[str]:
    """An expression matching any one character of ``marks``: the scans jump from mark to mark."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(marks))) + "]")


def _find_close(text: str, opener: str, at: int, limit: int, closers: tuple[str, ...]) -> int | None:
    """Index of the mark closing the quote opened at ``at`` (nesting of the same pair counted)."""
    depth = 0
    for mark in _any_of(opener + "".join(closers)).finditer(text, at + 1, limit):
        i = mark.start()
        char = text[i]
        if char in closers and _is_closer(text, i, char):
            if depth == 0:
                return i
            depth -= 1
        elif char == opener and opener not in closers and _can_open(text, i, char):
            depth += 1
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted passages of ``text``; quotes never run across a line break."""
    closers = conventions().closers
    openers = _any_of("".join(closers))
    spans: list[QuotedSpan] = []
    for line in re.finditer(r"[^\n\r]+", text):
        i, limit = line.start(), line.end()
        while (found := openers.search(text, i, limit)) is not None:
            i = found.start()
            char = text[i]
            if char in closers and _can_open(text, i, char):
                close = _find_close(text, char, i, limit, closers[char])
                if close is not None:
                    span = _trim(text, i, close)
                    if span is not None:
                        spans.append(span)
                    i = close + 1
                    continue
            i += 1
    return spans


def _trim(text: str, open_at: int, close_at: int) -> QuotedSpan | None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return QuotedSpan(open_at, close_at, start, end)


def announces_attribution(text: str, span: QuotedSpan) -> bool:
    """A quote ending in a comma (inside or right after the marks) is followed by its speaker."""
    inner = text[span.open_at + 1:span.close_at].rstrip()
    after = text[span.close_at + 1:span.close_at + 3].lstrip()
    return inner.endswith((",", "،", "?", "!", "…", "-", "—")) or after.startswith((",", "،", "—", "–"))


def masked(text: str, spans: Sequence[QuotedSpan]) -> str:
    """``text`` with quoted words blanked out (terminal punctuation kept), for sentence splits."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        inner_end = span.close_at
        while inner_end > span.open_at + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        keep = inner_end - 1 if text[inner_end - 1] in ".!?…؟" else inner_end
        for i in range(span.open_at + 1, keep):
            if chars[i] not in "\n\r":
                chars[i] = "x"
    return "".join(chars)


