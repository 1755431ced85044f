"""Names that refer to one another within a document: surnames, kunyas and given names alone
resolve to the full name they belong to, "X, known as Y" makes Y another name of X, and list
and relative context types weakly typed names."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .compare import all_match, any_match, words_match
from .evidence import says_after, speaks
from .finder import sentence_start
from .keys import NameWord, ParsedName, parse_name
from .lexicon import is_acronym, place_kind, sentence_word
from .resources import alias_cues, linking_weights, plain
from .spans import Draft

_PARTIALS = linking_weights()["partials"]
SURNAME_PARTIAL_SCORE: float = _PARTIALS["surname"]
OTHER_WORD_PARTIAL_SCORE: float = _PARTIALS["other_word"]
AMBIGUOUS_PARTIAL_SCORE: float = _PARTIALS["ambiguous"]
LIST_MEMBER_EVIDENCE_MAX: float = linking_weights()["typing"]["list_member_evidence_max"]
MAX_CUE_GAP = 80
_PARENTHESIS = re.compile(r"^\([^)]{0,40}\)\s*")
_LIST_JOINER = re.compile(r"\s*(?:,|,?\s+(?:and|or|et|y|e|und))\s*")

TitledLinker = Callable[[Draft, Draft], bool]


def type_lists(text: str, drafts: list[Draft]) -> None:
    """In a list of places ("Kirkuk, Salah al Din and Diyala") a weakly typed member is a place."""
    for i, draft in enumerate(drafts):
        if draft.cue or draft.entity_id or draft.type not in ("person", "other") \
                or draft.evidence >= LIST_MEMBER_EVIDENCE_MAX:
            continue
        neighbours = [drafts[j] for j in (i - 1, i + 1) if 0 <= j < len(drafts)]
        for other in neighbours:
            lo, hi = (other, draft) if other.start < draft.start else (draft, other)
            between = text[lo.end:hi.start]
            if other.type == "place" and _LIST_JOINER.fullmatch(between):
                draft.type = "place"
                break


def sentence_start_surnames(text: str, drafts: list[Draft], lang: str) -> list[Draft]:
    """Drafts for the surnames of the document's full names where a sentence starts with one
    that is also a common word ("Johnson said", "Trump added"): the finder leaves such words
    out, since most capitalised common words at a sentence start are no names."""
    surnames = {d.surface.split()[-1] for d in drafts if not d.single and d.parsed.surname is not None
                and (d.type == "person" or (d.type == "other" and d.cue and not d.thing))}  # people, listed names
    common = sorted(word for word in surnames if word.isalpha() and word[:1].isupper() and sentence_word(word, lang))
    if not common:
        return []
    found = []
    for word in common:
        for match in re.finditer(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", text):
            start, end = match.span()
            if sentence_start(text, start) and not any(d.start < end and start < d.end for d in drafts):
                parsed = parse_name(word)
                type_ = "person" if speaks(text, start, end) else "other"
                found.append(Draft(start, end, word, type_, parsed, single=parsed.single))
    return found


def type_relatives(drafts: list[Draft]) -> None:
    """A two-word name that only its common words kept from being a person ("Maddie Collins":
    both words are frequent in English text) is one when a person of the document has its
    surname and another given name (a relative: Wilmot Collins)."""
    surnames = {d.parsed.surname.text: d.parsed.given.text for d in drafts
                if d.type == "person" and not d.single and d.parsed.surname is not None and d.parsed.given is not None}
    for draft in drafts:
        parsed = draft.parsed
        if draft.type != "other" or draft.cue or draft.single or len(parsed.words) != 2 or parsed.given is None \
                or parsed.surname is None:
            continue
        given = surnames.get(parsed.surname.text)
        if given is not None and given != parsed.given.text:
            draft.type = "person"


def _union(keep: Draft, other: Draft) -> bool:
    """Make two drafts name one person within a document; False when they cannot."""
    a, b = keep.root(), other.root()
    if a is b:
        return True
    if a.entity_id and b.entity_id and a.entity_id != b.entity_id:
        return False
    leader, follower = (a, b) if _leads(a, b) else (b, a)
    follower.anchor = leader
    return True


def _leads(a: Draft, b: Draft) -> bool:
    """Which of two roots leads a merged group: a linked one, a full name, the earlier one."""
    return (not a.entity_id, a.single, a.start) <= (not b.entity_id, b.single, b.start)


@lru_cache(maxsize=1)
def _alias_cue_pattern() -> re.Pattern[str]:
    """A cue phrase, optionally after up to two short words ("also known as", "later born")."""
    cues = "|".join(re.escape(cue) for cue in alias_cues())
    return re.compile(rf"(?:\S{{1,11}}\s+){{0,1}}(?:{cues})")


def alias_cue_links(text: str, drafts: list[Draft]) -> None:
    """ "X, known as Y", "X, born Y": X and Y name one person (an abbreviation such as ISIS
    is never one of them: "the leader of ISIS, known as Hajji Abdullah")."""
    people = [d for d in drafts if (d.type == "person" or d.single) and not is_acronym(d.surface)]
    cue = _alias_cue_pattern()
    for first, second in pairwise(people):
        if second.start - first.end > MAX_CUE_GAP:
            continue
        between = plain(text[first.end:second.start]).strip()
        between = _PARENTHESIS.sub("", between).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
        if between and cue.fullmatch(between) and _union(first, second):
            first.type = second.type = "person"
            for draft in (first, second):
                if draft.entity_id is None:
                    draft.method = "partial"


def match_rank(part: ParsedName, full: ParsedName) -> int | None:
    """How a partial name matches a full one: 0 surname, 1 kunya, 2 other word; None if not."""
    if part.kunya and not part.core:
        return 1 if full.kunya and any(any_match(k, full.kunya) for k in part.kunya) else None
    word = part.surname
    if word is None:
        return None
    if len(part.core) > 1:  # a double-barrelled surname: every part of it, the last as the surname
        return 0 if full.surname is not None and words_match(word, full.surname) \
            and all_match(part.core, full.core) else None
    if full.surname is not None and words_match(word, full.surname):
        return 0
    if any(words_match(word, k) for k in full.kunya):
        return 1
    if any(words_match(word, w) for w in full.core[:-1]):
        return 2
    return None


@dataclass(slots=True)
class _Namesakes:
    """The full names of a document that are one parsed name, in text order."""

    parsed: ParsedName
    fulls: list[Draft]
    starts: list[int]

    def nearest(self, offset: int, own: Draft, before: bool) -> Iterator[Draft]:
        """Those before ``offset`` (latest first) or after it (earliest first) that are not of ``own``."""
        cut = bisect_left(self.starts, offset)
        side = reversed(self.fulls[:cut]) if before else iter(self.fulls[cut:])
        return (full for full in side if full.root() is not own)


@dataclass(frozen=True, slots=True)
class _Resolution:
    """The full name a partial one resolves to, and the score of that link."""

    chosen: Draft
    score: float


class _FullIndex:
    """Full names of a document, grouped by parsed name and found by the keys of their words
    (surname, kunya, other words), so that a partial name looks at each distinct name once and
    at its namesakes nearest to it only: a name repeated thousands of times costs no more."""

    def __init__(self, fulls: list[Draft]) -> None:
        groups: dict[int, _Namesakes] = {}
        self.by_key: dict[str, list[_Namesakes]] = {}
        for full in fulls:
            group = groups.get(id(full.parsed))
            if group is None:
                group = groups[id(full.parsed)] = _Namesakes(full.parsed, [], [])
                for word in full.parsed.words:
                    for key in word.keys:
                        held = self.by_key.setdefault(key, [])
                        if not held or held[-1] is not group:
                            held.append(group)
            group.fulls.append(full)
            group.starts.append(full.start)

    def resolve(self, draft: Draft) -> _Resolution | None:
        """The full name ``draft`` is short for: of the best match rank, one named before it
        when there is one (news names people first), the nearest; when the best ones are
        different people, the last one before it, with a lower score (None when ``draft`` is
        already resolved)."""
        own = draft.root()
        groups = {id(group): group for word in _partial_words(draft.parsed) for key in word.keys
                  for group in self.by_key.get(key, ())}
        ranked = [(rank, group) for group in groups.values()
                  if (rank := match_rank(draft.parsed, group.parsed)) is not None]
        for before in (True, False):
            sides = [(rank, group) for rank, group in ranked
                     if next(group.nearest(draft.start, own, before), None) is not None]
            if sides:
                best_rank = min(rank for rank, _ in sides)
                best = [group.nearest(draft.start, own, before) for rank, group in sides if rank == best_rank]
                return _chosen(draft, best, best_rank, before)
        return None


def _chosen(draft: Draft, best: list[Iterator[Draft]], best_rank: int, before: bool) -> _Resolution | None:
    """The nearest of the best-ranked full names on one side of ``draft``, scored by whether
    they are all one person."""
    nearest = [next(namesakes) for namesakes in best]
    chosen = max(nearest, key=lambda d: d.start) if before else min(nearest, key=lambda d: d.start)
    roots = {id(full.root()) for full in nearest}
    for namesakes in best:
        if len(roots) > 1:
            break
        for full in namesakes:
            roots.add(id(full.root()))
            if len(roots) > 1:
                break
    if len(roots) > 1:
        return None if draft.anchor is not None else _Resolution(chosen, AMBIGUOUS_PARTIAL_SCORE)
    return _Resolution(chosen, SURNAME_PARTIAL_SCORE if best_rank == 0 else OTHER_WORD_PARTIAL_SCORE)


def _partial_words(parsed: ParsedName) -> tuple[NameWord, ...]:
    """The words a partial name is looked up by: its kunya alone, else its last word."""
    return parsed.kunya if parsed.kunya and not parsed.core else parsed.words[-1:]


def _place_held_back(text: str, draft: Draft, chosen: Draft) -> bool:
    """Whether a partial name that is also a place waits for a verb of saying: it is not the
    chosen name's surname and no verb of saying follows it here."""
    surname, own = chosen.parsed.surname, draft.parsed.surname
    return bool(place_kind(draft.surface)) and (surname is None or own is None or own.text != surname.text) \
        and not says_after(text, draft.end)


def _attach(draft: Draft, chosen: Draft, score: float) -> bool:
    """Resolve ``draft`` to ``chosen`` as a partial mention of a person; whether it could."""
    if not _union(chosen, draft):
        return False
    draft.method, draft.score, draft.type = "partial", score, "person"
    return True


def resolve_partials(text: str, drafts: list[Draft], link_titled: TitledLinker) -> None:
    """A surname, kunya or given name alone resolves to the full name nearby in the document,
    one named before it when there is one ("Kim said" after "Kim Jong Un", not the reporter
    Youmi Kim of the byline). A word that is also a place resolves only as the surname, or as
    the subject of a verb of saying ("Tyler says" for Tyler Skluzacek, not Tyler, Texas), and
    then everywhere in the document. A titled name goes to ``link_titled`` (the glossary)
    first when its title is another person's: "President Biden" in a headline is not the Beau
    Biden named further down, "King Salman" not Crown Prince Mohammed bin Salman."""
    index = _FullIndex([d for d in drafts if not d.single and d.type == "person"])
    resolved: dict[str, Draft] = {}  # surface -> the person it was resolved to
    held_back: list[tuple[Draft, _Resolution]] = []  # place-like words, until a verb of saying settles them
    for draft in drafts:
        if not draft.single or draft.entity_id:
            continue
        found = index.resolve(draft)
        if found is None or link_titled(draft, found.chosen.root()):
            continue
        if _place_held_back(text, draft, found.chosen):
            held_back.append((draft, found))
        elif _attach(draft, found.chosen, found.score):
            resolved[draft.surface] = found.chosen.root()
    for draft, found in held_back:
        if resolved.get(draft.surface) is found.chosen.root():
            _attach(draft, found.chosen, found.score)
