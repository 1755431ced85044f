"""A text's word and punctuation tokens, found in one pass over the whole text: its sentences take
their items from them instead of tokenizing each stretch between quotes again."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..resources import TOKEN
from .clauses import Item, plain_tokens
from .marks import QuotedSpan

_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
"""Splits a text into white space and tokens, alternating (:data:`TOKEN` matches every other character)."""


@dataclass(frozen=True)
class TextTokens:
    """The tokens of ``text`` (as :data:`TOKEN` finds them) as parallel lists, in text order."""

    text: str
    texts: list[str]
    kinds: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> TextTokens:
        """Tokenize ``text``: one split, the offsets summed from the pieces' lengths."""
        parts = _TOKEN_SPLIT.split(text)  # white space, token, white space, ..., white space
        offsets = list(accumulate(map(len, parts), initial=0))
        texts = parts[1::2]
        kinds = ["punct" if len(token) == 1 and not (token.isalnum() or token == "_") else "word" for token in texts]
        return cls(text, texts, kinds, offsets[1:-1:2], offsets[2::2])  # a longer token starts with \w

    def items(self, start: int, end: int) -> list[Item]:
        """The word and punctuation items of ``text[start:end]``, as :func:`plain_tokens` makes them.

        A token of the whole text wholly inside the bounds is the token the bounds give; where a
        bound falls inside one ("’5" after a closing mark), the stretch is tokenized on its own."""
        if start >= end:
            return []
        first, stop = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if (first and self.ends[first - 1] > start) or (stop and self.ends[stop - 1] > end):
            return plain_tokens(self.text, start, end)
        return list(map(Item, self.kinds[first:stop], self.texts[first:stop], self.starts[first:stop],
                        self.ends[first:stop]))


def raw_tokens(tokens: TextTokens, start: int, end: int, quotes: Sequence[QuotedSpan]) -> list[Item]:
    """Word, punctuation and quote items of ``tokens.text[start:end]``."""
    text = tokens.text
    items: list[Item] = []
    cursor = start
    for span in quotes:
        if span.close_at < start or span.open_at >= end:
            continue
        items.extend(tokens.items(cursor, max(cursor, span.open_at)))
        items.append(Item("quote", text[span.start:span.end], span.open_at, span.close_at + 1, quote=span))
        cursor = span.close_at + 1
    items.extend(tokens.items(cursor, end))
    return items
