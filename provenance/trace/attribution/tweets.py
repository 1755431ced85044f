"""Tweets pasted into a text (a body line, then ``— Name (@handle) date``) and their authors."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...corpus import Document
from ...names.model import Mention
from .clauses import Speaker, fallback_names, names_from_mentions, plain_tokens
from .speakers import can_speak, is_person_like, speaker_of

TWEET_AUTHOR_LINE = re.compile(
    r"^[ \t]*[—–-][ \t]*(?P<author>[^\n(]{2,120}?)[ \t]*\(@(?P<handle>\w{1,30})\)[ \t]*(?P<date>[^\n]*)$",
    re.MULTILINE,
)
TRAILING_URL = re.compile(r"(?:\s+(?:https?://|pic\.twitter\.com/|t\.co/)\S+)+\s*$")


@dataclass(frozen=True)
class EmbeddedTweet:
    """A tweet pasted into a text: its body, its author and handle, its author line."""

    body_start: int
    body_end: int
    author: Speaker
    handle: str
    line_start: int
    line_end: int


def embedded_tweets(doc: Document, mentions: Sequence[Mention]) -> list[EmbeddedTweet]:
    """Tweets pasted into the text: a body line followed by ``— Name (@handle) date``."""
    text = doc.text
    tweets: list[EmbeddedTweet] = []
    lines = list(TWEET_AUTHOR_LINE.finditer(text))
    names = names_from_mentions(text, [m for m in mentions if m.doc == doc.id]) if lines else []
    for m in lines:
        author_start, author_end = m.start("author"), m.end("author")
        inside = [n for n in names if author_start <= n.start and n.end <= author_end and can_speak(n)]
        if inside:
            person = [n for n in inside if is_person_like(n)] or inside
            author = speaker_of(person[-1], "tweet")
        else:
            tokens = plain_tokens(text, author_start, author_end)
            fallback = fallback_names(text, tokens)
            author = (speaker_of(fallback[-1], "tweet") if fallback else
                      Speaker(m.group("author").strip(), None, "unknown", author_start, author_end, "tweet"))
        body = _previous_line(text, m.start())
        if body is None:
            continue
        start, end = body
        tail = TRAILING_URL.search(text, start, end)
        if tail:
            end = tail.start()
        tweets.append(EmbeddedTweet(start, end, author, m.group("handle"), m.start(), m.end()))
    return tweets


def _previous_line(text: str, line_start: int) -> tuple[int, int] | None:
    end = line_start
    while end > 0 and text[end - 1] in "\r\n \t":
        end -= 1
    start = text.rfind("\n", 0, end) + 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end > start else None


# ---------------------------------------------------------------------------------------------
# Document analysis shared with the citation finder
