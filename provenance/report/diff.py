"""Evidence as a word diff: two aligned passages with their shared and their changed words marked.

Words are compared case-folded; the pieces keep the text as written, spaces included, so the
two sides read as the passages do.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
PASSAGE_CHARS = 700  # a passage longer than this is cut, at a word boundary, in the middle
CONTEXT_CHARS = 60  # words shown before and after a passage, at word boundaries


def passage(text: str, start: int | None, end: int | None) -> str:
    """The text of a span with its runs of white space folded, cut in the middle (at spaces)
    when longer than PASSAGE_CHARS."""
    if start is None or end is None:
        return ""
    piece = " ".join(text[start:end].split())
    if len(piece) <= PASSAGE_CHARS:
        return piece
    half = PASSAGE_CHARS // 2
    head = piece[:half].rsplit(" ", 1)[0]
    tail = piece[-half:].split(" ", 1)[-1]
    return f"{head} … {tail}"


def context(text: str, start: int | None, end: int | None) -> tuple[str, str]:
    """A few whole words before ``start`` and after ``end``."""
    if start is None or end is None:
        return "", ""
    before = text[max(0, start - CONTEXT_CHARS):start]
    if start > CONTEXT_CHARS:  # drop the word the cut went through
        before = before.split(maxsplit=1)[1] if len(before.split(maxsplit=1)) > 1 else ""
    after = text[end:end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(text):
        after = after.rsplit(maxsplit=1)[0] if len(after.rsplit(maxsplit=1)) > 1 else ""
    return " ".join(before.split()), " ".join(after.split())


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(left: str, right: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Both passages as pieces marked ``same`` or ``changed``, and the share of words they share."""
    a_tokens, b_tokens = _tokens(left), _tokens(right)
    a_words = [i for i, t in enumerate(a_tokens) if not t.isspace()]
    b_words = [i for i, t in enumerate(b_tokens) if not t.isspace()]
    matcher = SequenceMatcher(None, [a_tokens[i].casefold() for i in a_words],
                              [b_tokens[i].casefold() for i in b_words], autojunk=False)
    a_same, b_same = set(), set()
    for block in matcher.get_matching_blocks():
        a_same.update(a_words[block.a:block.a + block.size])
        b_same.update(b_words[block.b:block.b + block.size])
    shared = 2 * len(a_same) / max(len(a_words) + len(b_words), 1)
    return _pieces(a_tokens, a_same), _pieces(b_tokens, b_same), round(shared, 3)


def _pieces(tokens: list[str], same: set[int]) -> list[dict[str, Any]]:
    """Runs of tokens with one mark; white space takes the mark of the words on both sides
    when they agree, and stays unmarked between a shared and a changed word."""
    marks = ["space" if t.isspace() else ("same" if i in same else "changed") for i, t in enumerate(tokens)]
    for index, token in enumerate(tokens):
        if token.isspace() and 0 < index < len(tokens) - 1 and marks[index - 1] == marks[index + 1]:
            marks[index] = marks[index - 1]
    pieces: list[dict[str, Any]] = []
    for mark, token in zip(marks, tokens, strict=True):
        if pieces and pieces[-1]["mark"] == mark:
            pieces[-1]["text"] += token
        else:
            pieces.append({"mark": mark, "text": token})
    return pieces
