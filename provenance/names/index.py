"""The glossary index of the linker: an Aho-Corasick automaton over the aliases, and the
tables of folded spellings, transliteration keys, surnames and given names."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import ahocorasick

from ..allocator import collector_paused
from .keys import NameWord, ParsedName, parse_name, parse_name_uncached

if TYPE_CHECKING:
    from ..glossary import Entry, Glossary

SKIPPED_ALIAS_KINDS = frozenset({"surname", "given", "title"})
_FOLDED = {"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'",
           "\u00a0": " "}
AUTOMATON_FOLD = str.maketrans(_FOLDED)
_FOLD_PAIRS = tuple(_FOLDED.items())
"""The folding as character replacements: a few ``str.replace`` scans of a document are ten times
faster than ``str.translate``, which looks every character up in the table (0.18-0.24 ms a
document of 3 KB with curly quotes)."""


@dataclass
class EntryNames:
    """An entry's aliases, parsed, with the given names and kunyas they establish."""

    entry: Entry
    names: list[tuple[str, ParsedName]] = field(default_factory=list)

    @cached_property
    def givens(self) -> list[NameWord]:
        """Given names of the full aliases, and aliases of kind ``given`` (read once the
        index is built)."""
        found = [p.given for _, p in self.names if p.given is not None]
        return found + [p.words[0] for kind, p in self.names if kind == "given" and p.words]

    @cached_property
    def kunyas(self) -> list[NameWord]:
        """The names after Abu/Umm in the aliases (read once the index is built)."""
        return [w for _, p in self.names for w in p.kunya]

    @cached_property
    def suffixes(self) -> frozenset[str]:
        """The generational suffixes (jr, iii) of the aliases."""
        return frozenset(w.text for _, p in self.names for w in p.words if w.role == "suffix")

    @cached_property
    def surnames(self) -> list[NameWord]:
        """The surnames of the aliases (read once the index is built)."""
        return [p.surname for _, p in self.names if p.surname is not None]


def automaton_text(text: str) -> str:
    """``text`` folded for the automaton without changing its length."""
    if text.isascii():
        return text.replace("-", " ").lower()  # the only ASCII character the folding maps
    folded = text
    for character, replacement in _FOLD_PAIRS:  # one character for another: no replacement is replaced again
        if character in folded:
            folded = folded.replace(character, replacement)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _add(index: dict[str, list[str]], key: str, value: str) -> None:
    """Append ``value`` under ``key`` (values arrive grouped, so a repeat is the last one)."""
    held = index.get(key)
    if held is None:
        index[key] = [value]
    elif held[-1] != value:
        held.append(value)


class AliasPatterns:
    """The glossary's written aliases as automaton patterns: (length, entry ids, cases) for each
    folded pattern, ``cases`` the only writings an abbreviation matches in (IS, not "is")."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {}
        self.exact_case: dict[str, set[str]] = {}
        self.loose: set[str] = set()

    def add(self, text: str, kind: str, entry_id: str) -> str:
        """Add an entry's alias ``text`` of ``kind`` (not a skipped kind); returns it as written, spaces
        collapsed."""
        written = " ".join(text.split())
        pattern = automaton_text(written)
        if len(pattern) >= 2:
            _add(self.ids, pattern, entry_id)
            if kind == "abbreviation":
                self.exact_case.setdefault(pattern, set()).add(written.translate(AUTOMATON_FOLD))
            else:
                self.loose.add(pattern)
        return written

    def automaton(self) -> ahocorasick.Automaton | None:
        """The Aho-Corasick automaton of the patterns added (None: none)."""
        if not self.ids:
            return None
        automaton = ahocorasick.Automaton()
        for pattern in sorted(self.ids):
            exact = self.exact_case.get(pattern)
            cases = tuple(sorted(exact)) if exact and pattern not in self.loose else ()
            automaton.add_word(pattern, (len(pattern), tuple(self.ids[pattern]), cases))
        automaton.make_automaton()
        return automaton


class GlossaryIndex:
    """A glossary's aliases, parsed and indexed for linking (empty without a glossary).

    ``automaton`` finds written aliases in a text; its values are (length, entry ids, cases),
    ``cases`` the only writings an abbreviation matches in (IS, not "is")."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.entries: dict[str, EntryNames] = {}
        self.exact: dict[str, list[str]] = {}
        self.abbreviations: dict[str, list[str]] = {}
        self.keys: dict[str, list[str]] = {}
        self.surnames: dict[str, list[str]] = {}
        self.given_names: dict[str, list[str]] = {}
        self.surname_choices: dict[str, list[tuple[str, str]]] = {}
        self.automaton: ahocorasick.Automaton | None = None
        if glossary is not None:
            with collector_paused():
                self._build(glossary)

    def _build(self, glossary: Glossary) -> None:
        patterns = AliasPatterns()
        for alias, entry in glossary.aliases():
            names = self.entries.setdefault(entry.id, EntryNames(entry))
            # a canonical name through the shared cache: normalize's plan parses it again
            parsed = parse_name(alias.text) if alias.text == entry.canonical else parse_name_uncached(alias.text)
            if not parsed.words:
                continue
            names.names.append((alias.kind, parsed))
            if alias.kind in SKIPPED_ALIAS_KINDS:
                continue
            written = patterns.add(alias.text, alias.kind, entry.id)
            if alias.kind == "abbreviation":
                _add(self.abbreviations, written, entry.id)
                continue
            self._add_name(parsed, entry.id)
        self.automaton = patterns.automaton()

    def _add_name(self, parsed: ParsedName, entry_id: str) -> None:
        """Index a full alias by its folded spelling, keys, given name and surname."""
        _add(self.exact, parsed.folded, entry_id)
        for key in parsed.key_set:
            _add(self.keys, key, entry_id)
        if parsed.given is not None:
            _add(self.given_names, parsed.given.text, entry_id)
        if parsed.surname is not None:
            for key in parsed.surname.keys:
                _add(self.surnames, key, entry_id)
                self.surname_choices.setdefault(key, []).append((parsed.folded, entry_id))

    def entry(self, entity_id: str) -> Entry | None:
        """The glossary entry with this id."""
        names = self.entries.get(entity_id)
        return names.entry if names else None
