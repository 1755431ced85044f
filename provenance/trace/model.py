"""Shared types of the trace stage: sources, edges with evidence, quotes, citations, conflicts.

Every offset is a Python string index into the document text exactly as read from disk.
The ``to_dict`` methods produce the ``provenance-report/1`` contract shapes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args

from ..pickling import pickled_by_fields
from ..types import EdgeKind, SourceKind

SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
EDGE_KINDS: tuple[str, ...] = get_args(EdgeKind)
CONFLICT_KINDS = ("attribution", "fact")


@dataclass(frozen=True)
class Source:
    """An outside source documents draw on; ``id`` is ``src:<slug>``."""

    id: str
    name: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``sources[]`` item."""
        return {"id": self.id, "name": self.name, "kind": self.kind}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """A span in the edge's ``from`` node and/or its ``to`` node, with a similarity."""

    from_start: int | None
    from_end: int | None
    to_start: int | None
    to_end: int | None
    similarity: float | None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``edges[].evidence[]`` item."""
        return {"from_start": self.from_start, "from_end": self.from_end,
                "to_start": self.to_start, "to_end": self.to_end,
                "similarity": None if self.similarity is None else round(self.similarity, 4)}


@dataclass(frozen=True, slots=True)
class Edge:
    """A link between two nodes (document ids or source ids); ``from`` is the origin when directed."""

    source: str
    target: str
    kind: str
    score: float
    directed: bool
    evidence: tuple[Evidence, ...]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``edges[]`` item."""
        return {**self.link_dict(), "evidence": [e.to_dict() for e in self.evidence], "note": self.note}

    def link_dict(self) -> dict[str, Any]:
        """The first fields of :meth:`to_dict` (ends, kind, score, direction): what the reports read
        of every edge, without its evidence."""
        return {"from": self.source, "to": self.target, "kind": self.kind, "score": round(self.score, 4),
                "directed": self.directed}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words in a document (``start``/``end`` exclude the quote marks) and their speaker."""

    doc: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_id: str | None
    cue: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``quotes[]`` item, plus ``speaker_id`` and ``cue``."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text,
                "speaker": self.speaker, "speaker_id": self.speaker_id, "cue": self.cue}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Citation:
    """The span of a document that names an outside source."""

    doc: str
    start: int
    end: int
    source: Source
    cue: str


@dataclass(frozen=True)
class ConflictItem:
    """One side of a conflict: where a document states its value."""

    doc: str
    start: int
    end: int
    value: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``conflicts[].items[]`` item."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "value": self.value}


@dataclass(frozen=True)
class Conflict:
    """Documents that disagree: one quote credited to two speakers, or one fact with two figures."""

    kind: str
    summary: str
    items: tuple[ConflictItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``conflicts[]`` item."""
        return {"kind": self.kind, "summary": self.summary, "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True)
class Witness:
    """One document's stretch of a passage cluster, with its date and a short excerpt."""

    doc: str
    start: int
    end: int
    date: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``clusters[].witnesses[]`` item."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "date": self.date, "text": self.text}


@dataclass(frozen=True)
class Cluster:
    """A passage family: the documents that carry one passage (reprints or translations of it)."""

    id: str
    kind: str
    witnesses: tuple[Witness, ...]
    origin: str | None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``clusters[]`` item."""
        return {"id": self.id, "kind": self.kind, "size": len(self.witnesses), "origin": self.origin,
                "witnesses": [w.to_dict() for w in self.witnesses]}


TRACE_SECTIONS = ("sources", "edges", "quotes", "conflicts", "clusters")
"""The report sections of a :class:`TraceResult`, in the order the report lists them."""


@dataclass
class TraceResult:
    """The provenance graph of a corpus with the quotes and conflicts found on the way."""

    sources: list[Source] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``sources``, ``edges``, ``quotes``, ``conflicts`` and ``clusters`` sections."""
        return {name: [item.to_dict() for item in getattr(self, name)] for name in TRACE_SECTIONS}
