"""Evidence that a span names a person: a table of named, weighted rules over the span's own
words (weights by rule name in ``data/names/person_evidence.tsv``), and what the words around
it say (a verb of saying, a title, an article)."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .frequency import COMMON_WORD_ZIPF, common_word
from .inflection import german_noun
from .inflection import has as follows_convention
from .keys import parse_name
from .lexicon import is_acronym, is_common, is_given_name, place_kind, sounds_like_given_name, title_last_words
from .resources import particles, person_evidence_weights, plain, speech_verbs, titles

MAX_EVIDENCE_WORDS = 5  # a span of more words is rarely one person's name
_APPOSITION_END = re.compile(r"[,.;:()\"\u201c\u201d]")
_ARTICLES = frozenset({"the", "The", "a", "an"})
_WEIGHTS = person_evidence_weights()
SAYS_AFTER: float = _WEIGHTS["says_after"]
APPOSITION_TITLE: float = _WEIGHTS["apposition_title"]
ARTICLE_BEFORE: float = _WEIGHTS["article_before"]
TITLE_BEFORE: float = _WEIGHTS["title_before"]


class SpanWords:
    """A span's words as the evidence rules read them (what every rule needs, computed once)."""

    __slots__ = ("full", "given_first", "informative", "lang", "only_common", "parsed", "title", "words")

    def __init__(self, words: tuple[str, ...], title: bool, lang: str) -> None:
        self.words = words
        self.title = title  # a title was cut off its start
        self.lang = lang
        self.parsed = parse_name(" ".join(words))
        self.full = len(self.parsed.core) >= 2  # a given name can only come first in such a name
        self.given_first = self.full and is_given_name(words[0].split("-")[0])
        self.informative = [w for w in words if plain(w) not in particles()]  # the words that are no particles
        self.only_common = bool(self.informative) and all(
            common_word(w, lang) >= COMMON_WORD_ZIPF and not is_given_name(w) for w in self.informative)


def _sounds_like_given_name_first(span: SpanWords) -> bool:
    return span.full and not span.given_first and sounds_like_given_name(span.words[0])


def _patronym_or_servant(span: SpanWords) -> bool:
    words = span.parsed.words
    return any(w.role == "patronym" for w in words) or (bool(words) and words[0].text.startswith("abd")
                                                         and len(words[0].text) > 4)


def _articled_surname(span: SpanWords) -> bool:
    surname = span.parsed.surname
    return span.full and surname is not None and surname.articled


def _heading(span: SpanWords) -> bool:
    """A title-case heading ("Enduring Partnership", "Logistical Support")."""
    return not span.only_common and len(span.informative) > 1 and not is_given_name(span.words[0]) \
        and all(is_common(w, span.lang) for w in span.informative)


def _place_first(span: SpanWords) -> bool:
    return len(span.words) > 1 and bool(place_kind(span.words[0])) and not is_given_name(span.words[0])


def _place_last(span: SpanWords) -> bool:
    """An organization's branch named by its country or city ("Wikimedia España"), not a person."""
    return len(span.words) > 1 and not span.given_first and not is_given_name(span.words[0]) \
        and bool(place_kind(span.words[-1]))


def _compound_noun_last(span: SpanWords) -> bool:
    """In a language that capitalises its nouns, a last word that is a hyphenated compound ending
    in a common noun ("Wikinews-Ausgabe", "Merkel-Regierung") ends a noun phrase, not a name."""
    last = span.words[-1]
    if "-" not in last or not follows_convention(span.lang, "capitalized-nouns"):
        return False
    head = last.rsplit("-", 1)[1]
    return bool(head) and common_word(head, span.lang) >= COMMON_WORD_ZIPF and not is_given_name(head)


def _noun_last(span: SpanWords) -> bool:
    """Two words ending in a common noun of a language that capitalises nouns, no given name
    first ("Reitsport Kontakt", "Miesbacher Tracht")."""
    return len(span.words) == 2 and not span.given_first and not is_given_name(span.words[0]) \
        and german_noun(span.words[-1], span.lang)


WORD_RULES: tuple[tuple[str, Callable[[SpanWords], bool]], ...] = (
    ("title_cut", lambda span: span.title),
    ("kunya", lambda span: bool(span.parsed.kunya)),
    ("patronym_or_servant", _patronym_or_servant),
    ("given_name_first", lambda span: span.given_first),
    ("sounds_like_given_name_first", _sounds_like_given_name_first),
    ("articled_surname", _articled_surname),
    ("name_length", lambda span: 2 <= len(span.words) <= MAX_EVIDENCE_WORDS),
    ("only_common_words", lambda span: span.only_common),
    ("heading", _heading),
    ("place_first", _place_first),
    ("place_last", _place_last),
    ("compound_noun_last", _compound_noun_last),
    ("noun_last", _noun_last),
    ("acronym", lambda span: any(is_acronym(w) for w in span.words)),
    ("too_long", lambda span: len(span.words) > MAX_EVIDENCE_WORDS),
)
_WEIGHTED_RULES = tuple((_WEIGHTS[name], holds) for name, holds in WORD_RULES)


@lru_cache(maxsize=200_000)
def word_evidence(words: tuple[str, ...], title: bool, lang: str) -> float:
    """Evidence for a person's name from the span's own words (cached by words): the summed
    weights of the rules of ``WORD_RULES`` that hold."""
    span = SpanWords(words, title, lang)
    score = 0.0
    for weight, holds in _WEIGHTED_RULES:
        if holds(span):
            score += weight
    return score


def _apposition_title(text: str, end: int) -> bool:
    """Whether a comma apposition after a span holds a title ("X, an analyst at")."""
    after = text[end:end + 60].lstrip(" ")
    if not after.startswith(","):
        return False
    apposition = _APPOSITION_END.split(after[1:], 1)[0].split()[:5]
    return any(plain(word) in titles() for word in apposition)


def _title_right_before(before: list[str]) -> bool:
    """Whether the (up to three) words before a span end with a title ("Col.", "Prime Minister")."""
    if plain(before[-1].rstrip(",.")) not in title_last_words():
        return False
    words = [w.rstrip(",") for w in before]
    return any(plain(" ".join(words[-n:])).replace(".", "") in titles() for n in range(1, len(words) + 1))


def context_evidence(text: str, start: int, end: int) -> float:
    """What the words around a span say: a verb of saying or a role after it ("X said",
    "X, an analyst at"), a title or role before it, an article before it (not a person)."""
    evidence = 0.0
    if says_after(text, end):
        evidence += SAYS_AFTER
    elif _apposition_title(text, end):
        evidence += APPOSITION_TITLE
    before = text[max(0, start - 40):start].rsplit(None, 3)[-3:]
    if before and before[-1] in _ARTICLES:
        evidence += ARTICLE_BEFORE
    elif before and _title_right_before(before):
        evidence += TITLE_BEFORE
    return evidence


def says_after(text: str, end: int) -> bool:
    """Whether a verb of saying follows a span ending at ``end`` ("X said", "X (43) told")."""
    return _speech_pattern().match(text, end, end + 60) is not None


def speaks(text: str, start: int, end: int) -> bool:
    """Whether the text makes a span a speaker: "X said", "according to X"."""
    return says_after(text, end) or text[max(0, start - 13):start].lower().endswith("according to ")


@lru_cache(maxsize=1)
def _speech_pattern() -> re.Pattern[str]:
    """A verb of saying right after a span ("X said", "X (43) told", "X has warned")."""
    verbs = "|".join(re.escape(v).replace("\\ ", r"\s+") for v in sorted(speech_verbs(), key=lambda v: (-len(v), v)))
    return re.compile(rf"[\s,]*(?:\([^)]{{0,40}}\)\s*)?(?:(?:has|had|also|then|later|previously|further)\s+)?"
                      rf"(?:{verbs})\b")
