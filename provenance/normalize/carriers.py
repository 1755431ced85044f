"""Who can carry a short name: the people a surname, kunya or given name alone may refer to.

A short form is certain only when exactly one person can carry it: the people the document
names in full (two Gaddafis in one text: a lone "Gheddafi" is either), and, when the document
does not name its person in full, the glossary's people with that name word (a lone "Trump":
Donald Trump or Donald Trump Jr.).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..glossary import Glossary
from ..names.keys import NameWord, ParsedName, parse_name
from ..names.linker import all_match
from ..names.model import Mention

PERSON = "person"


def name_words(name: str) -> tuple[NameWord, ...]:
    """The words of a name that identify it (patronym markers such as bin and ibn left out)."""
    return tuple(w for w in parse_name(name).words if w.role != "patronym")


def is_short_form(surface: str, method: str) -> bool:
    """Whether a mention writes a person by part of the name: a partial link, or a lone word (a
    surname, a kunya such as Abu Yasir, a given name) whatever linked it."""
    if method == "partial":
        return True
    parsed: ParsedName = parse_name(surface)
    return parsed.single or len(parsed.core) + len(parsed.kunya) <= 1


@lru_cache(maxsize=50_000)
def carries(full_name: str, short: tuple[NameWord, ...]) -> bool:
    """Whether ``full_name`` holds every word of the short form (in any spelling)."""
    words = name_words(full_name)
    return len(words) > len(short) and all_match(short, words)


class GlossaryPeople:
    """The glossary's people, looked up by the transliteration keys of their name words."""

    def __init__(self, glossary: Glossary | None) -> None:
        self._by_key: dict[str, set[str]] = {}
        self._names: dict[str, str] = {}
        for entry in glossary or ():
            if entry.type != PERSON:
                continue
            self._names[entry.id] = entry.canonical
            for word in name_words(entry.canonical):
                for key in word.keys:
                    self._by_key.setdefault(key, set()).add(entry.id)

    def carrying(self, short: tuple[NameWord, ...]) -> dict[str, str]:
        """Glossary people (id -> canonical name) whose name holds every word of ``short``."""
        if not short:
            return {}
        found = set.intersection(*(set().union(*(self._by_key.get(k, set()) for k in w.keys)) for w in short))
        return {i: self._names[i] for i in sorted(found) if carries(self._names[i], short)}


class DocumentPeople:
    """The people one document names in full (two or more name words), with their names."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.full: dict[str, str] = {}  # person key (entity id, else the folded surface) -> name
        for mention in mentions:
            if mention.type != PERSON or len(name_words(mention.surface)) < 2:
                continue
            key = mention.entity_id or "surface:" + " ".join(mention.surface.lower().split())
            self.full.setdefault(key, mention.entity or mention.surface)

    def names_in_full(self, entity_id: str | None) -> bool:
        """Whether the document writes this entity's name in full somewhere."""
        return entity_id is not None and entity_id in self.full

    def carriers(self, surface: str, entity_id: str | None, entity: str,
                 glossary: GlossaryPeople) -> dict[str, str]:
        """Everyone (key -> name) who can carry ``surface``: the mention's entity, the people the
        document names in full whose names hold it, and, when the document never names the
        entity in full, the glossary's people whose names hold it."""
        short = name_words(surface)
        found = {key: name for key, name in self.full.items() if carries(name, short)}
        found.setdefault(entity_id or "entity:" + entity, entity)
        if not self.names_in_full(entity_id):
            for key, name in glossary.carrying(short).items():
                found.setdefault(key, name)
        return found

