"""The text every match of a regular expression must contain, to skip the expression cheaply.

The pattern tables (calques, boilerplate, typography, grammar, declarations, casualty figures)
hold hundreds of expressions, and each is searched over every document. Most name a word that
any match holds ("umpteenth", "killed"): when a document's casefolded text lacks it, the
expression cannot match and is not run. The texts are read off the parsed expression, as the
runs of steps that stand for few texts ("count(?:s|ed)? with": "count with", "counts with",
"counted with"), so the tables need no extra column.

The required texts of every expression seen so far go into one Aho-Corasick automaton: a text is
scanned once for all of them, and each expression then asks whether one of its own was found
(a set test, against a substring search per expression and text).
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from itertools import product
from operator import itemgetter
from typing import Any

import ahocorasick

try:  # Python 3.11 and later
    _sre_parser: Any = importlib.import_module("re._parser")
except ImportError:  # Python 3.10
    _sre_parser = importlib.import_module("sre_parse")

_LITERAL = _sre_parser.LITERAL
_IN = _sre_parser.IN
_SUBPATTERN = _sre_parser.SUBPATTERN
_ATOMIC = getattr(_sre_parser, "ATOMIC_GROUP", object())  # Python 3.11 and later
_BRANCH = _sre_parser.BRANCH
_REPEATS = (_sre_parser.MAX_REPEAT, _sre_parser.MIN_REPEAT)
_ZERO_WIDTH = (_sre_parser.AT, _sre_parser.ASSERT, _sre_parser.ASSERT_NOT)
MIN_LITERAL = 3
"""Shortest required text worth a containment test."""
MAX_TEXTS = 256
"""Most texts a run of steps is spelt out as (``[Tt]he (?:Iraqi|Syrian)`` is two)."""
MAX_PENDING = 64
"""Most look-ups of texts one by one (a text waiting, in a text scanned) before the automaton is
built again with them."""
MAX_REPEATS_SPELT = 3
"""Most repetitions of a repeat spelt out (``x{2,3}`` is "xx" or "xxx")."""

Requirement = tuple[str, ...]
"""Texts one of which every match contains."""

MAX_PREFIXES = 64
"""Most texts a match's start is spelt out as, each looked for in the text once."""
CHARACTERS_PER_START = 64
"""Fewest characters of text a place where a match may start stands for, for the expression to be
tried at those places rather than searched through the text."""

_required: dict[tuple[str, int], Requirement | None] = {}
_prefixes: dict[tuple[str, int], Requirement | None] = {}


class _Scanner:
    """The required texts of every expression seen, numbered, in one automaton; and the numbers
    found in the last text scanned (the tables ask of one text many times in a row).

    Texts of expressions first seen after the automaton was built wait in ``pending``, looked for
    one by one, until they have been looked for :data:`MAX_PENDING` times in all (a few texts
    waiting through a few scans, or many through one): a document in a new language brings its
    rows one at a time, and the automaton is not built again for each; and the texts of the last
    table first used stay no longer than that out of it, looked for one by one in every text."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.needs: dict[tuple[str, int], frozenset[int] | None] = {}
        self.automaton: Any = None
        self.pending: list[tuple[str, int]] = []
        self.looked_up = 0
        """Look-ups of pending texts since the automaton was built."""
        self.last: tuple[str, frozenset[int]] = ("", frozenset())

    def needed(self, regex: re.Pattern[str]) -> frozenset[int] | None:
        """The numbers of ``regex``'s required texts (None: it has none and is always searched)."""
        key = (regex.pattern, regex.flags)
        if key not in self.needs:
            texts = required_text(regex)
            new = [text for text in dict.fromkeys(texts or ()) if text not in self.numbers]
            for text in new:
                self.numbers[text] = len(self.numbers)
                self.pending.append((text, self.numbers[text]))
            last_text, last_found = self.last
            if new and last_text:  # the last text's answer, for the new texts too
                self.last = (last_text, last_found | {self.numbers[text] for text in new if text in last_text})
            self.needs[key] = None if texts is None else frozenset(self.numbers[text] for text in texts)
        return self.needs[key]

    def found(self, folded: str) -> frozenset[int]:
        """The numbers of the required texts that ``folded`` contains."""
        last_text, last_found = self.last
        if folded is last_text or folded == last_text:
            return last_found
        if self.automaton is None or self.looked_up + len(self.pending) > MAX_PENDING:
            automaton = ahocorasick.Automaton()
            for text, number in self.numbers.items():
                automaton.add_word(text, number)
            automaton.make_automaton()
            self.automaton, self.pending, self.looked_up = automaton, [], 0
        found = set(map(itemgetter(1), self.automaton.iter(folded))) if len(self.numbers) else set()
        found.update(number for text, number in self.pending if text in folded)
        self.looked_up += len(self.pending)
        self.last = (folded, frozenset(found))
        return self.last[1]


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
            best = max(_sequence(list(parsed))[1], key=_strength, default=())
            _required[key] = best if _strength(best) else None
    return _required[key]


_last_folded: tuple[str, str] = ("", "")
"""The last text :func:`fold_for_match` folded, and its form: the stages of one document fold its text
several times."""


def fold_for_match(text: str) -> str:
    """``text`` casefolded, with dotless ı as i and no combining dot above: a case-insensitive
    expression matches ı and İ to i, which casefolding leaves apart (ı) or writes as i and a dot."""
    global _last_folded
    if text is _last_folded[0]:
        return _last_folded[1]
    folded = text.casefold().replace("ı", "i").replace("\u0307", "")
    _last_folded = (text, folded)
    return folded


def may_match(regex: re.Pattern[str], folded: str) -> bool:
    """Whether ``regex`` may match a text whose :func:`fold_for_match` form is ``folded``."""
    needed = _scanner.needed(regex)
    return needed is None or not needed.isdisjoint(_scanner.found(folded))


class Prefilter:
    """The quick test of a table's expressions at once: which rows may match a text, in row order
    (one set look-up a required text the text holds, not a test a row)."""

    def __init__(self, regexes: Sequence[re.Pattern[str]]) -> None:
        self.always: list[int] = []
        self.rows: dict[int, list[int]] = {}
        for row, regex in enumerate(regexes):
            needed = _scanner.needed(regex)
            if needed is None:
                self.always.append(row)
            for number in needed or ():
                self.rows.setdefault(number, []).append(row)

    def candidates(self, folded: str) -> list[int]:
        """The rows whose expression may match a text whose :func:`fold_for_match` form is ``folded``."""
        rows = set(self.always)
        for number in _scanner.found(folded):
            rows.update(self.rows.get(number, ()))
        return sorted(rows)


def matches(regex: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, none when ``folded`` (``text``'s :func:`fold_for_match` form)
    lacks what every match of ``regex`` contains.

    When every match starts with one of a few texts (:func:`required_prefix`) and ``folded`` keeps
    ``text``'s offsets (each character folds to one), the expression is tried only where one of
    them starts: the search of an expression opening on ``\b`` and a dozen words, case-insensitive,
    would otherwise try the words at every character."""
    if not may_match(regex, folded):
        return iter(())
    prefix = required_prefix(regex)
    if prefix is None or len(folded) != len(text) or "\u0307" in text:  # a character folded to none or two
        return regex.finditer(text)
    starts = sorted({at for start in prefix for at in _occurrences(folded, start)})
    if len(starts) > len(text) // CHARACTERS_PER_START:
        return regex.finditer(text)  # a common start ("the"): one search is quicker than a match at each
    return _matches_from(regex, text, starts)


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Where ``part`` starts in ``text``, overlapping occurrences included."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _matches_from(regex: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """The matches ``regex.finditer(text)`` gives when matches can only start at ``starts`` (rising):
    the first match at or after the end of the last (``match`` sees the text before its start)."""
    end = 0
    for start in starts:
        if start >= end and (found := regex.match(text, start)) is not None:
            yield found
            end = found.end()


def required_prefix(regex: re.Pattern[str]) -> Requirement | None:
    """Casefolded texts (at most :data:`MAX_PREFIXES`, as :func:`required_text` would take them) one
    of which every match of ``regex`` starts with: what its first steps spell, zero-width steps
    (``\b``, lookarounds) as nothing; None when they are not few or not worth a test."""
    key = (regex.pattern, regex.flags)
    if key not in _prefixes:
        try:
            parsed = list(_sre_parser.parse(regex.pattern, regex.flags))
        except Exception:  # an expression this parser reads differently: searched as it is
            parsed = [(None, None)]
        run = {""}
        for op, argument in parsed:
            exact = _step(op, argument)[0] if op is not None else None
            if exact is None or len(run) * len(exact) > MAX_PREFIXES:
                break
            run = {a + b for a in run for b in exact}
        prefix = tuple(sorted({fold_for_match(text) for text in run}))
        _prefixes[key] = prefix if _strength(prefix) else None
    return _prefixes[key]


def _strength(requirement: Requirement) -> int:
    """The length of a requirement's shortest text; 0 when one of its texts is too short to be
    worth a test: under :data:`MIN_LITERAL` characters, unless it is two without a letter, digit
    or space in them (" ,", " :") or one mark outside ASCII (”, «, a no-break space): rare in prose."""
    def worth(text: str) -> bool:
        if len(text) == 1:
            return not text.isascii() and not text.isalnum()
        return len(text) >= MIN_LITERAL or (len(text) == 2 and not any(c.isalnum() for c in text)
                                             and not text.isspace())

    if not requirement or not all(worth(text) for text in requirement):
        return 0
    return min(len(text) for text in requirement)


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, list[Requirement]]:
    """The texts a parsed sequence can match, when they are few (None otherwise), and what every
    match of it requires: the texts each run of few-valued steps can stand for ("count(?:s|ed)?
    with" is "count with", "counts with" or "counted with"), and what the groups, alternations and
    repeats (of at least one) it must go through require. Zero-width steps (anchors, lookarounds)
    stand for the empty text: a match's text is what its other steps consumed."""
    found: list[Requirement] = []
    run: set[str] | None = {""}
    whole = True
    for op, argument in items:
        exact, inner, edge = _step(op, argument)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_TEXTS:
            run = {a + b for a in run for b in exact}
            continue
        whole = False
        if exact is not None:  # too many texts with the run's: the run ends, another starts here
            found.append(tuple(run or ()))
            run = exact
            continue
        found += inner
        if edge is not None and run is not None and len(run) * len(edge) <= MAX_TEXTS:
            found.append(tuple({a + b for a in run for b in edge}))  # the first repetition ends the run
        elif run is not None:
            found.append(tuple(run))
        run = edge  # and the last one starts the next (None: nothing known)
    if run is not None:
        found.append(tuple(run))
    folded = [tuple(sorted({fold_for_match(text) for text in requirement})) for requirement in found]
    return (run if whole else None), [r for r in folded if _strength(r)]


def _step(op: Any, argument: Any) -> tuple[set[str] | None, list[Requirement], set[str] | None]:
    """One parsed step: the texts it can match when they are few (else None), what it requires
    inside, and for a repeat of at least once of few texts, those texts."""
    if op is _LITERAL:  # folded step by step (folding is character by character): T and t are one text
        return {fold_for_match(chr(argument))}, [], None
    if op in _ZERO_WIDTH:
        return {""}, [], None
    if op is _IN:
        chars = [chr(value) for kind, value in argument if kind is _LITERAL]
        return ({fold_for_match(char) for char in chars} if len(chars) == len(argument) else None), [], None
    if op is _SUBPATTERN or op is _ATOMIC:
        exact, inner = _sequence(list(argument[-1] if op is _SUBPATTERN else argument))
        return exact, inner, None
    if op is _BRANCH:
        branches = [_sequence(list(branch)) for branch in argument[1]]
        if all(exact is not None for exact, _ in branches):
            union = {text for exact, _ in branches for text in exact or ()}
            if len(union) <= MAX_TEXTS:
                return union, [], None
        best = [max(inner + ([tuple(exact)] if exact is not None else []), key=_strength, default=())
                for exact, inner in branches]
        return None, ([tuple(text for branch in best for text in branch)] if all(map(_strength, best)) else []), None
    if op in _REPEATS:
        low, high, pattern = argument
        exact, inner = _sequence(list(pattern))
        if exact is not None and high <= MAX_REPEATS_SPELT:
            texts: set[str] = set()
            for count in range(low, high + 1):
                texts |= {"".join(parts) for parts in product(sorted(exact), repeat=count)}
            if len(texts) <= MAX_TEXTS:
                return texts, [], None
        if low >= 1:
            return None, inner + ([tuple(exact)] if exact is not None else []), exact
    return None, [], None
