"""The text every match of a regular expression must contain, to skip the expression cheaply.

The pattern tables (calques, boilerplate, typography, casualty figures) hold hundreds of
expressions, and each is searched over every document. Most name a word that any match holds
("umpteenth", "killed"): when a document's casefolded text lacks that word, the expression
cannot match and is not run. The word is read off the parsed expression (the longest run of
literal characters that every match goes through), so the tables need no extra column.

The required texts of every expression seen so far go into one Aho-Corasick automaton: a text is
scanned once for all of them, and each expression then asks whether one of its own was found
(a set test, against a substring search per expression and text).
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

import ahocorasick

try:  # Python 3.11 and later
    _sre_parser: Any = importlib.import_module("re._parser")
except ImportError:  # Python 3.10
    _sre_parser = importlib.import_module("sre_parse")

_LITERAL = _sre_parser.LITERAL
_SUBPATTERN = _sre_parser.SUBPATTERN
_BRANCH = _sre_parser.BRANCH
_REPEATS = (_sre_parser.MAX_REPEAT, _sre_parser.MIN_REPEAT)
MIN_LITERAL = 3
"""Shortest required text worth a containment test."""

Requirement = tuple[str, ...]
"""Texts one of which every match contains."""

_required: dict[tuple[str, int], Requirement | None] = {}


class _Scanner:
    """The required texts of every expression seen, numbered, in one automaton; and the numbers
    found in the last text scanned (the tables ask of one text many times in a row)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.needs: dict[tuple[str, int], frozenset[int] | None] = {}
        self.automaton: Any = None
        self.last: tuple[str, frozenset[int]] = ("", frozenset())

    def needed(self, regex: re.Pattern[str]) -> frozenset[int] | None:
        """The numbers of ``regex``'s required texts (None: it has none and is always searched)."""
        key = (regex.pattern, regex.flags)
        if key not in self.needs:
            texts = required_text(regex)
            if texts is not None and any(text not in self.numbers for text in texts):
                for text in texts:
                    self.numbers.setdefault(text, len(self.numbers))
                self.automaton, self.last = None, ("", frozenset())  # built again, with the new texts
            self.needs[key] = None if texts is None else frozenset(self.numbers[text] for text in texts)
        return self.needs[key]

    def found(self, folded: str) -> frozenset[int]:
        """The numbers of the required texts that ``folded`` contains."""
        last_text, last_found = self.last
        if folded is last_text or folded == last_text:
            return last_found
        automaton = self.automaton
        if automaton is None:
            automaton = ahocorasick.Automaton()
            for text, number in self.numbers.items():
                automaton.add_word(text, number)
            automaton.make_automaton()
            self.automaton = automaton
        found = frozenset(number for _, number in automaton.iter(folded)) if len(self.numbers) else frozenset()
        self.last = (folded, found)
        return found


_scanner = _Scanner()


def required_text(regex: re.Pattern[str]) -> Requirement | None:
    """Casefolded texts (each of :data:`MIN_LITERAL` characters or more) one of which every match of
    ``regex`` contains, or None when no such set is found."""
    key = (regex.pattern, regex.flags)
    if key not in _required:
        try:
            parsed = _sre_parser.parse(regex.pattern, regex.flags)
        except Exception:  # an expression this parser reads differently: never skipped
            _required[key] = None
        else:
            best = max(_requirements(list(parsed)), key=_strength, default=())
            _required[key] = tuple(sorted({fold_for_match(text) for text in best})) if _strength(best) else None
    return _required[key]


def fold_for_match(text: str) -> str:
    """``text`` casefolded, with dotless ı as i and no combining dot above: a case-insensitive
    expression matches ı and İ to i, which casefolding leaves apart (ı) or writes as i and a dot."""
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def may_match(regex: re.Pattern[str], folded: str) -> bool:
    """Whether ``regex`` may match a text whose :func:`fold_for_match` form is ``folded``."""
    needed = _scanner.needed(regex)
    return needed is None or not needed.isdisjoint(_scanner.found(folded))


def matches(regex: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, none when ``folded`` (``text``'s :func:`fold_for_match` form)
    lacks what every match of ``regex`` contains."""
    return regex.finditer(text) if may_match(regex, folded) else iter(())


def _strength(requirement: Requirement) -> int:
    """The length of a requirement's shortest text; 0 when it is too short to be worth a test."""
    shortest = min((len(text) for text in requirement), default=0)
    return shortest if shortest >= MIN_LITERAL else 0


def _requirements(items: list[tuple[Any, Any]]) -> list[Requirement]:
    """What a parsed sequence requires: its runs of consecutive literal characters, and what the
    groups, alternations and repeats (of at least one) it must go through require."""
    found: list[Requirement] = []
    current: list[str] = []
    for op, argument in items:
        if op is _LITERAL:
            current.append(chr(argument))
            continue
        found.append(("".join(current),))
        current = []
        if op is _SUBPATTERN:
            found += _requirements(list(argument[-1]))  # (group, add_flags, del_flags, pattern)
        elif op in _REPEATS and argument[0] >= 1:
            found += _requirements(list(argument[2]))  # (min, max, pattern)
        elif op is _BRANCH:
            branches = [max(_requirements(list(branch)), key=_strength, default=()) for branch in argument[1]]
            if all(_strength(branch) for branch in branches):
                found.append(tuple(text for branch in branches for text in branch))
    found.append(("".join(current),))
    return found
