"""The glossary data model: entities, their aliases, and the name index that looks them up."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from ..text import script_of
from ..text.fold import ascii_slug
from ..types import EntityType

TYPES: tuple[str, ...] = get_args(EntityType)
KINDS = ("variant", "kunya", "birth", "surname", "given", "abbreviation", "translation", "title")
CANONICAL = "canonical"  # the kind of the implicit alias that every canonical name is

ID_PATTERN = re.compile(r"[^\s|#][^\s|]*")
LANG_PATTERN = re.compile(r"[a-z]{2}")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d]+")
_FOLD_CHARS = str.maketrans(
    {**{c: "'" for c in "\u2018\u2019\u201b\u02bc\u02bb\u02bf\u02be\u0060\u00b4\u2032\u02b9"},
     **{chr(c): None for c in (*range(0x064B, 0x0660), 0x0670, 0x0640)}}  # Arabic harakat, tatweel
)

_NameIndex = dict[str, "str | list[str]"]


@dataclass(frozen=True, slots=True)
class Alias:
    """One written form of an entity's name."""

    text: str
    lang: str | None
    script: str
    kind: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entity: its canonical name, its aliases and the context that identifies it."""

    id: str
    type: str
    canonical: str
    aliases: tuple[Alias, ...] = ()
    roles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    active: tuple[str | None, str | None] = (None, None)
    cooccurs: tuple[str, ...] = ()
    note: str = ""

    def names(self) -> list[str]:
        """The canonical name, then every alias text, without repeats."""
        return list(dict.fromkeys((self.canonical, *(alias.text for alias in self.aliases))))

    def canonical_alias(self) -> Alias:
        """The canonical name as an :class:`Alias` of kind ``canonical``."""
        return Alias(self.canonical, None, script_of(self.canonical), CANONICAL)


class GlossaryError(Exception):
    """A malformed glossary file; ``str()`` is ``path:line: message`` (line 0: the whole file)."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.path, line, message)

    def __str__(self) -> str:
        return f"{where(self.path, self.line)}: {self.message}"


def where(path: str, line: int) -> str:
    """``path:line``, or the bare path for line 0 (the whole file)."""
    return f"{path}:{line}" if line else path


def fold(text: str, *, case: bool = True) -> str:
    """The lookup key of a name.

    NFKC, one apostrophe for all apostrophe-like marks, hyphens/dashes and runs of white space
    as one space, Arabic short vowels and tatweel dropped, ends stripped, and casefolded unless
    ``case=False``. Articles (``al-``, ``el-``) are kept: dropping them is the linker's call.
    """
    key = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD_CHARS)).strip()
    return key.casefold() if case else key


class Glossary:
    """Entries by id, in file order, with a name index built on first lookup."""

    def __init__(self, entries: Iterable[Entry] = (), sources: Iterable[str] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise ValueError(f"duplicate glossary id {entry.id!r}")
            self.entries[entry.id] = entry
        self.sources: list[str] = [str(source) for source in sources]
        self._index: tuple[_NameIndex, _NameIndex] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.entries.get(id)

    def aliases(self) -> Iterator[tuple[Alias, Entry]]:
        """Every (alias, entry) pair, each entry's canonical name first (kind ``canonical``)."""
        for entry in self.entries.values():
            yield entry.canonical_alias(), entry
            for alias in entry.aliases:
                yield alias, entry

    def candidates(self, text: str) -> list[Entry]:
        """Entries having ``text`` as canonical name or alias, compared by :func:`fold`.

        Aliases of kind ``abbreviation`` are compared case-sensitively (``IS`` but not ``is``).
        """
        folded, exact = self._lookup_index()
        found = _ids(folded.get(fold(text))) + _ids(exact.get(fold(text, case=False)))
        return [self.entries[id] for id in dict.fromkeys(found)]

    def _lookup_index(self) -> tuple[_NameIndex, _NameIndex]:
        if self._index is None:
            folded: _NameIndex = {}
            exact: _NameIndex = {}
            for entry in self.entries.values():
                _index_add(folded, fold(entry.canonical), entry.id)
                for alias in entry.aliases:
                    if alias.kind == "abbreviation":
                        _index_add(exact, fold(alias.text, case=False), entry.id)
                    else:
                        _index_add(folded, fold(alias.text), entry.id)
            self._index = (folded, exact)
        return self._index


def _index_add(index: _NameIndex, key: str, id: str) -> None:
    """Add ``id`` under ``key``; a single id is stored bare, several as a list."""
    held = index.get(key)
    if held is None:
        index[key] = id
    elif isinstance(held, str):
        if held != id:
            index[key] = [held, id]
    elif id not in held:
        held.append(id)


def _ids(held: str | list[str] | None) -> list[str]:
    if held is None:
        return []
    return [held] if isinstance(held, str) else held


def iso639_1(tag: str) -> str | None:
    """The ISO 639-1 code of a language tag (``en-GB`` -> ``en``), or None when it has none."""
    primary = tag.split("-")[0].split("_")[0].lower()
    return primary if LANG_PATTERN.fullmatch(primary) else None


def new_id(prefix: str, name: str, used: set[str]) -> str:
    """``prefix:<slug of name>``, with ``-2``, ``-3``... added when taken."""
    slug = ascii_slug(name)
    base = f"{prefix}:{slug or hashlib.sha1(name.encode()).hexdigest()[:10]}"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
