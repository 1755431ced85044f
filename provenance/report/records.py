"""The report's long lists as views: each record made from the analysis's objects when it is read.

report.json at 100,000 documents of 3 KB holds 2 million mention records and a million more
(documents, edges, quotes, clusters); as dictionaries they took about a gigabyte on top of the
objects they are made from, the run's peak. The writers read each list a few times, so a
:class:`Records` view makes each record again on every read and keeps none.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

__all__ = ["HELD_WHILE_WRITING", "Records", "held", "light_records", "materialized"]

T = TypeVar("T")
HELD_WHILE_WRITING = ("documents",)
"""Sections whose records are made once and held while the reports are written: the writers read
the documents 39 times across report.md, report.html and report.json (at 10,000 documents of 3 KB:
writing the reports 17.2-21.6 -> 13.3 CPU s, for 21 MB held). The edges, read 13 times, and the
mentions, the longest section (2 million records at 100,000 documents), stay views: held, the
edges' evidence would take about 0.35 GB at 100,000 documents."""
Record = dict[str, Any]


class Records(Sequence[Record], Generic[T]):
    """A read-only list of report records: ``record(item)`` for each of ``items``, made when read."""

    __slots__ = ("_items", "_light", "_record")

    def __init__(self, items: Sequence[T], record: Callable[[T], Record],
                 light: Callable[[T], Record] | None = None) -> None:
        self._items = items
        self._record = record
        self._light = light

    def light(self) -> Records[T]:
        """The same records with only the fields most readers need (``light``: the edges without
        their evidence), where the view was given them; else these."""
        return self if self._light is None else Records(self._items, self._light)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, at: int) -> Record: ...

    @overload
    def __getitem__(self, at: slice) -> list[Record]: ...

    def __getitem__(self, at: int | slice) -> Record | list[Record]:
        if isinstance(at, slice):
            return [self._record(item) for item in self._items[at]]
        return self._record(self._items[at])

    def __iter__(self) -> Iterator[Record]:
        return map(self._record, self._items)

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence (a list) of the same records in the same order."""
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so unhashable like them

    def __repr__(self) -> str:
        return f"Records({len(self)} records)"


def materialized(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` with its :class:`Records` sections made lists of dictionaries: JSON-ready for
    ``json.dumps``."""
    return {key: list(value) if isinstance(value, Records) else value for key, value in report.items()}


def light_records(report: dict[str, Any], section: str) -> Sequence[Record]:
    """The records of ``section`` as :meth:`Records.light` gives them (a list: itself)."""
    records = report.get(section, [])
    return records.light() if isinstance(records, Records) else records


def held(report: dict[str, Any], sections: tuple[str, ...] = HELD_WHILE_WRITING) -> dict[str, Any]:
    """``report`` with its :class:`Records` ``sections`` made lists (each record made once)."""
    return {key: list(value) if key in sections and isinstance(value, Records) else value
            for key, value in report.items()}
