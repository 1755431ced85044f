"""Quotes and their speakers.

Quoted spans are found in the usual conventions of English, French, German, Spanish, Italian
and Arabic text (``data/quotes/quote_marks.tsv``). Each is credited to a speaker through the
reporting frame around it:

- a reporting verb and its subject (``X said``, ``said X`` right after the quote, ``X told``,
  ``X tweeted``), a participle hanging on the clause (``..., adding that``), a verb whose
  object is the speaker (``the report quoted X``), or a preposition (``according to X``,
  ``in the words of X``);
- a role used as the subject (``the Iraqi leader``, ``the spokesman``) resolves to the last
  named person of the document seen with a compatible role;
- a pronoun (``he added``) continues the last named speaker; a quote standing alone after an
  attributed one continues its speaker; quotes inside an embedded tweet
  (``— Name (@handle) date``) belong to the tweet's author.

Names come from the names stage's mentions (canonical entity, entity id); where no mention
covers a capitalized name, the name as written is used. Word lists live in ``data/quotes/``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ...corpus import Document
from ...text.wordlists import articles
from ..model import Quote
from ..resources import TOKEN, conventions
from .clauses import Sentence, Speaker, capitalized
from .frames import DocumentFrames
from .marks import QuotedSpan, announces_attribution
from .speakers import is_person_like_speaker

MAX_AFTER_GAP = 6
"""Words allowed between a quote and the reporting verb that follows it (``," the report quoted``)."""
MAX_TITLE_WORDS = 12
MIN_UNATTRIBUTED_WORDS = 3
ARTICLES = articles()
"""Articles dropped from a quoted phrase before it is judged a term."""
"""Quotes without a speaker shorter than this are scare quotes or terms and are dropped."""
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def _term_before(text: str, span: QuotedSpan) -> bool:
    """Whether a term cue ("known as", "so-called") sits right before the quote."""
    head = text[max(0, span.open_at - 40):span.open_at]
    words = [m.group().casefold() for m in TOKEN.finditer(head) if m.group()[0].isalnum()]
    words = [w for w in words if w not in ARTICLES]
    table = conventions().term_cues
    return any(len(words) >= length and table.match(words[-length:], 0) for length in range(1, 4))


def _name_like(text: str) -> bool:
    """A quoted title or nickname: every word capitalized ("Abu Yasser", "Century Foundation")."""
    words = re.findall(r"\w+(?:['’\-]\w+)*", text)
    if not words or len(words) > MAX_TITLE_WORDS or _ARABIC_LETTER.search(text) or text.rstrip().endswith(
            (".", "!", "?", "…")):
        return False
    small = conventions().function_words
    capital_words = sum(capitalized(w) for w in words)
    return (capital_words >= 2 or len(words) == 1) and all(
        capitalized(w) or w.isdigit() or (w.casefold() in small and i > 0) for i, w in enumerate(words))


def extract_quotes(doc: Document, analysis: DocumentFrames) -> list[Quote]:
    """Quoted passages of ``doc`` with their speakers, read from its analyzed frames."""
    text = doc.text
    quotes: list[Quote] = []
    last_attributed: tuple[int, Speaker] | None = None
    opens, closes = [q.open_at for q in analysis.quotes], [q.close_at for q in analysis.quotes]  # both rise
    for sentence in analysis.sentences:
        quoted = bisect_left(closes, sentence.start) < bisect_left(opens, sentence.end)  # as its items were made
        quote_items = [(k, i) for k, i in enumerate(sentence.items) if i.kind == "quote" and i.quote] if quoted else []
        for k, item in quote_items:
            span = item.quote
            assert span is not None
            tweet = next((t for t in analysis.tweets if t.body_start <= span.open_at < t.body_end), None)
            speaker: Speaker | None
            if tweet is not None:
                speaker, cue = tweet.author, "tweet"
            else:
                speaker, cue = _attribute(text, sentence, k, analysis, last_attributed)
            if speaker is not None:
                last_attributed = (sentence.end, speaker)
            words = len(re.findall(r"\w+", text[span.start:span.end]))
            if _term_before(text, span) or _name_like(text[span.start:span.end]):
                continue
            if speaker is None and words < MIN_UNATTRIBUTED_WORDS:
                continue
            quotes.append(_quote(doc.id, text, span.start, span.end, speaker, cue))
        speakers = [f.speaker for f in sentence.frames if f.speaker and is_person_like_speaker(f.speaker)]
        if speakers:
            last_attributed = (sentence.end, speakers[-1])
    for tweet in analysis.tweets:
        quotes.append(_quote(doc.id, text, tweet.body_start, tweet.body_end, tweet.author, "tweet"))
    return sorted(set(quotes), key=lambda q: (q.start, q.end, q.cue))


def _quote(doc_id: str, text: str, start: int, end: int, speaker: Speaker | None, cue: str) -> Quote:
    return Quote(doc_id, start, end, text[start:end], speaker.name if speaker else None,
                 speaker.entity_id if speaker else None, cue)


def _attribute(text: str, sentence: Sentence, k: int, analysis: DocumentFrames,
               last_attributed: tuple[int, Speaker] | None) -> tuple[Speaker | None, str]:
    """The speaker of the quote item at ``sentence.items[k]`` and the cue that names it."""
    item = sentence.items[k]
    span = item.quote
    assert span is not None
    frames = sentence.frames
    following = [f for f in frames if f.index > k]
    if following and announces_attribution(text, span):
        frame = following[0]
        between = sentence.items[k + 1:frame.index]
        if not any(i.kind == "quote" for i in between) and sum(i.kind != "punct" for i in between) <= MAX_AFTER_GAP:
            return frame.speaker, frame.cue
    preceding = [f for f in frames if f.index < k]
    if preceding:
        return preceding[-1].speaker, preceding[-1].cue
    if following:
        return following[0].speaker, following[0].cue
    standalone = sum(i.kind in ("word", "name") for i in sentence.items) <= 3
    if standalone and last_attributed is not None and _adjacent(text, last_attributed[0], sentence.start):
        return last_attributed[1], "continuation"
    return None, ""


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """Whether the sentence at ``start`` directly follows the one ending at ``previous_end``,
    in the same paragraph or the next one ("He also warned that ...." then a quote paragraph)."""
    return not re.search(r"\w", text[previous_end:start]) and text.count("\n", previous_end, start) <= 2


