"""The reporting frames of one document, resolved once: a :class:`DocumentFrames` value."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ...corpus import Document
from ...names.model import Mention
from ...text import sentences
from .clauses import Sentence, fallback_names, find_frames, merge_names, names_from_mentions
from .marks import QuotedSpan, find_quoted_spans, masked
from .speakers import DocumentState, is_person_like_speaker, learn_roles, resolve_frames
from .tokens import TextTokens, raw_tokens
from .tweets import EmbeddedTweet, embedded_tweets


@dataclass
class DocumentFrames:
    """A document's sentences with their reporting frames resolved, and its embedded tweets."""

    quotes: list[QuotedSpan]
    sentences: list[Sentence]
    tweets: list[EmbeddedTweet]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def analyze_frames(doc: Document, mentions: Sequence[Mention]) -> DocumentFrames:
    """Split ``doc`` into sentences of items and resolve every reporting frame's speaker.

    Computed once per document by the trace stage and handed to quote and citation extraction.
    """
    mentions = sorted((m for m in mentions if m.doc == doc.id), key=lambda m: (m.start, m.end, m.surface))
    text = doc.text
    spans = find_quoted_spans(text)
    masked_text = masked(text, spans)
    mention_names = names_from_mentions(text, mentions)
    state = DocumentState()
    result = DocumentFrames(spans, [], embedded_tweets(doc, mentions))
    tweet_ends = sorted((t.line_end, t.author) for t in result.tweets)
    name_starts, name_ends = [n.start for n in mention_names], [n.end for n in mention_names]  # both rise
    opens, closes = [q.open_at for q in spans], [q.close_at for q in spans]  # both rise: quotes do not nest
    text_tokens = TextTokens.of(text)
    for number, span in enumerate(_sentence_spans(masked_text, spans)):
        start, end = span
        quotes = spans[bisect_left(closes, start):bisect_left(opens, end)]
        tokens = raw_tokens(text_tokens, start, end, quotes)
        own = mention_names[bisect_left(name_starts, start):bisect_right(name_ends, end)]
        covered = [(n.start, n.end) for n in own]
        fallback = [n for n in fallback_names(text, [t for t in tokens if t.kind != "quote"] if quotes else tokens)
                    if not any(a < n.end and n.start < b for a, b in covered)]
        names = own + fallback
        sentence = Sentence(start, end, merge_names(tokens, names))
        sentence.frames = find_frames(text, sentence, number)
        for line_end, author in tweet_ends:
            if line_end <= start:
                state.last["person" if is_person_like_speaker(author) else "organization"] = author
        tweet_ends = [(e, a) for e, a in tweet_ends if e > start]
        if names:  # the roles are learnt next to names
            learn_roles(sentence, state)
        resolve_frames(sentence, state)
        result.sentences.append(sentence)
    return result


def _sentence_spans(masked: str, spans: Sequence[QuotedSpan]) -> list[tuple[int, int]]:
    """Sentence spans of the masked text, never cutting inside a quote."""
    out: list[tuple[int, int]] = []
    quotes = sorted((q.open_at, q.close_at) for q in spans)
    opens = [open_at for open_at, _ in quotes]
    reach = list(accumulate((close_at for _, close_at in quotes), max, initial=-1))  # furthest close of the first i
    for s in sentences(masked):
        if out and reach[bisect_left(opens, s.start)] > s.start:  # a quote opened before it closes after it
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out
