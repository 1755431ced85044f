"""Checking glossary files: every problem :func:`load_glossary` would stop at, and more."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..text import script_of
from .model import ID_PATTERN, fold, where
from .tsv import AliasRow, EntityRow, find_pairs, parse_pairs

_Claim = tuple[str, str, str, int]  # (name as written, entity id, path, line)


@dataclass(frozen=True)
class Problem:
    """One finding of :func:`check_glossary`; ``severity`` is ``error`` or ``warning``."""

    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{where(self.path, self.line)}: {self.severity}: {self.message}"


class _Collector:
    """A report that keeps every finding as a :class:`Problem`."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def __call__(self, path: str, line: int, severity: str, message: str) -> None:
        self.problems.append(Problem(path, line, severity, message))


def check_glossary(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the glossary files, in file and line order.

    Errors: anything :func:`load_glossary` rejects, an alias whose script column does not
    match its text, and one alias shared by entries of one type that nothing tells apart
    (same roles, places, active dates and co-occurring entities). Warnings: an alias shared
    by entries that their context does tell apart, an alias repeating its entry's canonical
    name or another alias, ``cooccurs`` ids that no loaded entry has, and header columns
    this version does not know.
    """
    report = _Collector()
    pairs = find_pairs(paths, report)
    entities, aliases = parse_pairs(pairs, report)
    known = {row.id: row for row in entities}
    _check_cooccurs(entities, known, report)
    claims: dict[tuple[bool, str], list[_Claim]] = defaultdict(list)
    for row in entities:
        claims[(True, fold(row.canonical))].append((row.canonical, row.id, row.path, row.line))
    _check_aliases(aliases, known, claims, report)
    for claimants in claims.values():
        _check_shared(claimants, known, report)
    order = {path: index for index, path in enumerate(path for pair in pairs for path in pair if path is not None)}
    return sorted(report.problems, key=lambda p: (order.get(p.path, -1), p.line))


def _check_cooccurs(entities: list[EntityRow], known: Mapping[str, EntityRow], report: _Collector) -> None:
    """Warn about ``cooccurs`` ids (not plain names) that no loaded entry has."""
    for row in entities:
        for other in row.cooccurs:
            if ID_PATTERN.fullmatch(other) and ":" in other and other not in known:
                report(row.path, row.line, "warning", f"{row.id}: cooccurs names unknown id {other}")


def _check_aliases(aliases: list[AliasRow], known: Mapping[str, EntityRow],
                   claims: dict[tuple[bool, str], list[_Claim]], report: _Collector) -> None:
    """Report wrong scripts and repeated names; add every other alias to ``claims`` by lookup key."""
    spelled: set[tuple[str, str]] = set()
    for row in aliases:
        alias = row.alias
        actual = script_of(alias.text)
        if row.script_given and actual != "Common" and actual != alias.script:
            report(row.path, row.line, "error",
                   f"alias {alias.text!r} is written in {actual} script, not {alias.script}")
        key = (alias.kind != "abbreviation", fold(alias.text, case=alias.kind != "abbreviation"))
        if fold(alias.text) == fold(known[row.id].canonical):
            report(row.path, row.line, "warning", f"alias {alias.text!r} repeats the canonical name of {row.id}")
        elif (row.id, key[1]) in spelled:
            report(row.path, row.line, "warning", f"alias {alias.text!r} is listed twice for {row.id}")
        else:
            spelled.add((row.id, key[1]))
            claims[key].append((alias.text, row.id, row.path, row.line))


def _check_shared(claimants: list[_Claim], known: Mapping[str, EntityRow], report: _Collector) -> None:
    """Report one name (as (text, id, path, line) claims) claimed by several entries of one type."""
    by_type: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    for text, id, path, line in claimants:
        by_type[known[id].type].setdefault(id, (text, path, line))
    for type, claims in by_type.items():
        if len(claims) < 2:
            continue
        by_context: dict[Hashable, list[str]] = defaultdict(list)
        for id in claims:
            by_context[_context(known[id])].append(id)
        twins = [ids for ids in by_context.values() if len(ids) > 1]
        if twins:
            for ids in twins:
                text, path, line = claims[ids[-1]]
                report(path, line, "error", f"{text!r} names {type} entries {', '.join(ids)} with the same roles, "
                       "places, active dates and co-occurrences: nothing tells them apart")
        else:
            text, path, line = list(claims.values())[-1]
            report(path, line, "warning",
                   f"{text!r} is shared by {type} entries {', '.join(claims)} (their context tells them apart)")


def _context(row: EntityRow) -> Hashable:
    """What tells two namesakes apart: their roles, places, active dates and co-occurring entities."""
    return (frozenset(role.casefold() for role in row.roles), frozenset(place.casefold() for place in row.places),
            row.active, frozenset(row.cooccurs))
