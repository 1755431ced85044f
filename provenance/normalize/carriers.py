"""Who can carry a short name: the people a surname, kunya or given name alone may refer to.

A short form is certain only when exactly one person can carry it: the people the document
names in full (two Gaddafis in one text: a lone "Gheddafi" is either), and, when the document
does not name its person in full, the glossary's people with that name word (a lone "Trump":
Donald Trump or Donald Trump Jr.).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..glossary import Glossary
from ..names.compare import words_match, words_matching
from ..names.keys import NameWord, ParsedName, parse_name
from ..names.model import Mention

PERSON = "person"


@dataclass(frozen=True)
class NameParts:
    """A name's own words and its fathers' names (the words after bin, ibn, ben: Mohammed bin
    *Salman*), each as parsed name words."""

    own: tuple[NameWord, ...]
    fathers: tuple[NameWord, ...]

    def __len__(self) -> int:
        return len(self.own) + len(self.fathers)


@lru_cache(maxsize=50_000)
def name_parts(name: str) -> NameParts:
    """The words of a name that identify it, split into its own and its fathers' names."""
    own: list[NameWord] = []
    fathers: list[NameWord] = []
    after_marker = False
    for word in parse_name(name).words:
        if word.role == "patronym":
            after_marker = True
            continue
        (fathers if after_marker else own).append(word)
        after_marker = False
    return NameParts(tuple(own), tuple(fathers))


def is_short_form(surface: str, method: str) -> bool:
    """Whether a mention writes a person by part of the name: a partial link, or a lone word (a
    surname, a kunya such as Abu Yasir, a given name) whatever linked it."""
    if method == "partial":
        return True
    parsed: ParsedName = parse_name(surface)
    return parsed.single or len(parsed.core) + len(parsed.kunya) <= 1


@lru_cache(maxsize=50_000)
def carries(full_name: str, short: NameParts) -> bool:
    """Whether ``full_name`` holds every word of the short form (in any spelling), its own words
    among its own and its fathers' among its fathers' ("Salman" alone is not Mohammed bin Salman;
    "Bin Laden" is Osama bin Laden)."""
    return _holds(name_parts(full_name), short, [{} for _ in range(len(short))])


def _holds(full: NameParts, short: NameParts, spelt: list[dict[int, bool]]) -> bool:
    """:func:`carries` on parsed parts; ``spelt`` memoises, for each word of ``short``, its
    comparison with each word of a full name (by identity: those parts are held meanwhile)."""
    if len(full) <= len(short):
        return False
    memos = iter(spelt)
    for words, others in ((short.own, full.own), (short.fathers, full.fathers)):
        for word in words:
            memo = next(memos)
            for other in others:
                found = memo.get(id(other))
                if found is None:
                    found = memo[id(other)] = words_match(word, other)
                if found:
                    break
            else:
                return False
    return True


class GlossaryPeople:
    """The glossary's people, looked up by their name words (indexed on the first lookup: most
    corpora never ask). A person carries a short form when each of its words is a spelling
    (:func:`~provenance.names.compare.words_match`) of one of their own names (a father's name
    of one of their fathers'), the two sharing a transliteration key, and their name has more words."""

    def __init__(self, glossary: Glossary | None) -> None:
        self._glossary = glossary
        self._words: tuple[_WordIndex, _WordIndex] | None = None  # own names, fathers' names
        self._names: dict[str, str] = {}
        self._sizes: dict[str, int] = {}
        self._carrying: dict[NameParts, dict[str, str]] = {}  # a corpus asks for the same surnames again and again

    def _index(self) -> tuple[_WordIndex, _WordIndex]:
        if self._words is None:
            own, fathers = _WordIndex(), _WordIndex()
            for entry in self._glossary or ():
                if entry.type != PERSON:
                    continue
                self._names[entry.id] = entry.canonical
                parts = name_parts(entry.canonical)
                self._sizes[entry.id] = len(parts)
                own.add(entry.id, parts.own)
                fathers.add(entry.id, parts.fathers)
            self._words = own, fathers
        return self._words

    def carrying(self, short: NameParts) -> dict[str, str]:
        """Glossary people (id -> canonical name) whose name holds every word of ``short``."""
        if not len(short) or self._glossary is None:
            return {}
        if short not in self._carrying:
            own, fathers = self._index()
            found = set.intersection(*[own.holding(word) for word in short.own],
                                     *[fathers.holding(word) for word in short.fathers])
            self._carrying[short] = {i: self._names[i] for i in sorted(found) if self._sizes[i] > len(short)}
        return dict(self._carrying[short])


class _WordIndex:
    """Distinct name words by transliteration key, and the people holding each."""

    def __init__(self) -> None:
        self.by_key: dict[str, dict[NameWord, None]] = {}
        self.holders: dict[NameWord, set[str]] = {}

    def add(self, entry_id: str, words: Iterable[NameWord]) -> None:
        for word in words:
            if word not in self.holders:
                self.holders[word] = set()
                for key in word.keys:
                    self.by_key.setdefault(key, {})[word] = None
            self.holders[word].add(entry_id)

    def holding(self, word: NameWord) -> set[str]:
        """The people with a spelling of ``word`` that shares one of its keys (every candidate
        compared at once: a surname can have hundreds in a large glossary)."""
        candidates = list(dict.fromkeys(other for key in word.keys for other in self.by_key.get(key, {})))
        spelt = words_matching(word, candidates)
        return set().union(*(self.holders[other] for other, found in zip(candidates, spelt) if found))


class DocumentPeople:
    """The people one document names in full (two or more name words), with their names (read
    on the first question: most documents have no candidate to ask about)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = mentions

    @cached_property
    def full(self) -> dict[str, str]:
        """Person key (entity id, else the folded surface) -> name."""
        full: dict[str, str] = {}
        for mention in self._mentions:
            if mention.type != PERSON or len(name_parts(mention.surface)) < 2:
                continue
            key = mention.entity_id or "surface:" + " ".join(mention.surface.lower().split())
            full.setdefault(key, mention.entity or mention.surface)
        return full

    def names_in_full(self, entity_id: str | None) -> bool:
        """Whether the document writes this entity's name in full somewhere."""
        return entity_id is not None and entity_id in self.full

    def carriers(self, surface: str, entity_id: str | None, entity: str,
                 glossary: GlossaryPeople) -> dict[str, str]:
        """Everyone (key -> name) who can carry ``surface``: the mention's entity, the people the
        document names in full whose names hold it, and, when the document never names the
        entity in full or the entity's name does not hold it (bin *Salman* is a father's name),
        the glossary's people whose names hold it."""
        short = name_parts(surface)
        found = {key: name for key, name in self.full.items() if carries(name, short)}
        found.setdefault(entity_id or "entity:" + entity, entity)
        if not self.names_in_full(entity_id) or not carries(entity, short):
            for key, name in glossary.carrying(short).items():
                found.setdefault(key, name)
        return found

    def namesakes(self, entity_id: str | None, entity: str, glossary: GlossaryPeople) -> tuple[str, ...]:
        """Other people, in the document or the glossary, who share the entity's surname (the
        competing candidates a reviewer may want to see next to a full name)."""
        parts = name_parts(entity)
        if len(parts.own) < 2:
            return ()
        surname = NameParts(parts.own[-1:], ())
        found = {key: name for key, name in self.full.items() if carries(name, surname)}
        found.update(glossary.carrying(surname))
        return tuple(sorted({name for key, name in found.items() if key != entity_id and name != entity}))
