"""Sentences as items (words, punctuation, quotes, names) and the reporting frames they contain."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from ...names.model import Mention
from ..resources import TOKEN, common_words, conventions
from .marks import QuotedSpan

_POSSESSIVE = re.compile(r"^['’]s?\b")
_TEXT = attrgetter("text")


@dataclass(frozen=True)
class Name:
    """A name in the text: a mention of the names stage, or a capitalized run as a fallback."""

    start: int
    end: int
    surface: str
    canonical: str
    entity_id: str | None
    type: str
    possessive: bool = False


@dataclass(slots=True)
class Item:
    """A unit of a sentence: ``word``, ``punct``, ``quote`` (a whole quoted span) or ``name``.

    Never changed once made, but not frozen: every token of every sentence is one (about 1,000
    a document of 3 KB), and a frozen dataclass takes four times as long to make."""

    kind: str
    text: str
    start: int
    end: int
    name: Name | None = None
    quote: QuotedSpan | None = None

    @property
    def key(self) -> str:
        """The lower-cased form used for word-list look-ups."""
        return self.text.casefold()


@dataclass(frozen=True)
class Speaker:
    """Who a frame credits: a canonical name, its entity id, its type, how it was found."""

    name: str
    entity_id: str | None
    type: str
    start: int
    end: int
    via: str


@dataclass
class Frame:
    """A reporting cue in a sentence (verb, participle, preposition) and who it credits."""

    sentence: int
    index: int
    length: int
    start: int
    end: int
    cue: str
    kind: str
    speaker: Speaker | None = None
    subject_start: int | None = None
    subject_end: int | None = None


@dataclass
class Sentence:
    """A sentence of the document as items, with its frames."""

    start: int
    end: int
    items: list[Item]
    frames: list[Frame] = field(default_factory=list)


def lookup_keys(items: Sequence[Item]) -> list[str]:
    """Look-up keys of ``items`` (quotes and names never match a word list)."""
    return [i.key if i.kind in ("word", "punct") else "\x00" for i in items]


def names_from_mentions(text: str, mentions: Iterable[Mention]) -> list[Name]:
    """The names the names stage found in ``text``, overlapping mentions resolved to the first, longest."""
    names: list[Name] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not (0 <= m.start < m.end <= len(text)):
            continue
        if names and m.start < names[-1].end:
            continue  # overlapping mentions: keep the first, longest one
        possessive = bool(_POSSESSIVE.match(text[m.end:m.end + 2]))
        names.append(Name(m.start, m.end, text[m.start:m.end], m.entity or text[m.start:m.end],
                          m.entity_id, m.type or "other", possessive))
    return names


_PARTICLE = re.compile(r"^(?:al|el|ad|as|an|ar|at|az|ash|ibn|bin|bint|abu|abd|ben)-\w", re.IGNORECASE)
_LOWER_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "del", "della", "di", "da",
                              "du", "van", "von", "der", "den", "ben", "ould", "y"})


def capitalized(word: str) -> bool:
    """Whether ``word`` is written like a name word (capitalized, or an Arabic particle such as ``al-``)."""
    return word[:1].isupper() or ("-" in word and bool(_PARTICLE.match(word)))


def _role_suffix(keys: list[str]) -> int | None:
    """Where a role that ends ``keys`` starts ("iraqi prime minister" -> 1), or None."""
    roles = conventions().roles
    for k, key in enumerate(keys):
        found = roles.match(keys, k) if key in roles.by_first else None
        if found and found[0] == len(keys) - k:
            return k
    return None


def fallback_names(text: str, tokens: list[Item]) -> list[Name]:
    """Capitalized word runs not covered by a mention, as names of unknown type."""
    honorifics = conventions().honorifics
    names: list[Name] = []
    run: list[Item] = []
    first_word = next((t for t in tokens if t.kind == "word"), None)
    for tok in tokens:
        if tok.kind == "word" and ((word := tok.text)[:1].isupper() or ("-" in word and _PARTICLE.match(word))
                                   or (run and word.casefold() in _LOWER_PARTICLES)):  # capitalized(word), inline
            run.append(tok)
        elif run:
            if tok.kind == "punct" and tok.text == "." and run[-1].key in honorifics:
                continue  # "Col. Wayne Marotto"
            if len(run) > 1:  # words are only taken off below, and a name needs two
                names += _run_name(text, run, run[0] is first_word)
            run = []
    if len(run) > 1:
        names += _run_name(text, run, run[0] is first_word)
    return names


def _run_name(text: str, words: list[Item], sentence_start: bool) -> list[Name]:
    """The name a run of capitalized words holds (none or one): see :func:`_name_bounds`."""
    bounds = _name_bounds(tuple(w.text for w in words), sentence_start)
    if bounds is None:
        return []
    first, stop, kind = bounds
    start, end = words[first].start, words[stop - 1].end
    surface = text[start:end]
    possessive = surface.endswith(("'s", "’s"))
    if possessive:
        end -= 2
        surface = surface[:-2]
    return [Name(start, end, surface, surface, None, kind, possessive)]


@lru_cache(maxsize=65_536)
def _name_bounds(words: tuple[str, ...], sentence_start: bool) -> tuple[int, int, str] | None:
    """Which of a run's words name someone, once the words around them that are no part of a name
    (a common word starting the sentence, function words, honorifics, roles) are off: (first,
    stop, kind), None when fewer than two are left or all are in capitals. Kept per distinct run:
    names recur from document to document."""
    conv = conventions()
    keys = [word.casefold() for word in words]
    first, stop = 0, len(words)
    if sentence_start and keys[0] in common_words():
        first = 1  # "Although Iraq ..." at the start of a sentence
    while first < stop and (keys[first] in conv.function_words or keys[first] in conv.honorifics
                            or conv.roles.match(keys[first:stop], 0)
                            or (words[first].isupper() and stop - first > 2)):
        first += 1
    while first < stop:
        role_at = _role_suffix(keys[first:stop])
        if role_at is not None:
            stop = first + role_at  # "Iraqi Prime Minister": the whole role goes, not its last word
        elif keys[stop - 1] in _LOWER_PARTICLES:
            stop -= 1
        else:
            break
    if stop - first < 2 or all(word.isupper() for word in words[first:stop]):
        return None
    return first, stop, "organization" if any(key in conv.organization_heads for key in keys[first:stop]) else "unknown"


def plain_tokens(text: str, start: int, end: int) -> list[Item]:
    """Word and punctuation items of ``text[start:end]``."""
    out = []
    for m in TOKEN.finditer(text, start, end):
        token = m.group()
        out.append(Item("word" if token[0].isalnum() or token[0] == "_" else "punct", token, *m.span()))
    return out


def merge_names(tokens: list[Item], names: Sequence[Name]) -> list[Item]:
    """Replace the tokens each name covers by one ``name`` item (``tokens`` itself when there is none).

    A name takes the tokens from the first word that starts inside it, up to its end or a quote;
    the tokens between names are copied as slices (the names are found by their tokens' starts)."""
    if not names:
        return tokens
    out: list[Item] = []
    starts = [tok.start for tok in tokens]
    i = 0
    for name in sorted(names, key=lambda n: n.start):
        past = bisect_left(starts, name.end, i)  # from there on, this name is behind the tokens
        first = next((k for k in range(bisect_left(starts, name.start, i), past) if tokens[k].kind == "word"), None)
        if first is None:  # no word starts inside it: the tokens up to its end stay as they are
            out += tokens[i:past]
            i = past
            continue
        out += tokens[i:first]
        i = first
        while i < len(tokens) and tokens[i].kind != "quote" and tokens[i].start < name.end:
            i += 1
        out.append(Item("name", name.surface, name.start, name.end, name=name))
    out += tokens[i:]
    return out


# ---------------------------------------------------------------------------------------------
# Attribution


def find_frames(text: str, sentence: Sentence, number: int) -> list[Frame]:
    """The reporting cues of ``sentence`` (the ``number``-th of the document), longest match first; unresolved.

    Only the words that can start a cue are tried, each against the look-up keys of the few items
    its longest cue would cover."""
    verbs = conventions().verbs
    items = sentence.items
    if verbs.by_first.keys().isdisjoint(map(str.casefold, map(_TEXT, items))):
        return []  # no item can start a cue (a test without a Python step per item)
    frames = []
    after = 0  # where the last cue found ends: a cue never starts inside another
    for k, item in enumerate(items):
        key = item.text.casefold() if k >= after and item.kind == "word" else None
        cues = verbs.by_first.get(key) if key is not None else None
        if not cues:
            continue
        hit = verbs.match(lookup_keys(items[k:k + len(cues[0][0])]), 0)  # cues[0] is one of the longest
        if hit:
            length, kind, _ = hit
            last = items[k + length - 1]
            frames.append(Frame(number, k, length, item.start, last.end, text[item.start:last.end], kind))
            after = k + length
    return frames
