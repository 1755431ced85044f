"""Passage clusters: aligned passages connected into families of witnesses, and bounded edges.

In passim's spirit, every reuse or translation edge joins a passage of one document to a
passage of another; passages of one document that mostly overlap are the same passage. The connected
passages form a cluster: a wire story reprinted by 500 outlets is one cluster with 500
witnesses, not 124,750 edges. Each witness is the stretch of one document the cluster covers;
the origin is the earliest dated witness (else the one the others' directed edges come from).

Pairwise edges between documents are kept only up to :data:`MAX_EDGES_PER_DOC` per document
(the best by score, an edge staying when either end keeps it), so the report grows with the
corpus, not with the number of related pairs.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..corpus import Document
from .model import Cluster, Edge, Witness

MAX_EDGES_PER_DOC = 12
"""Most document-to-document edges one document keeps, best score first."""
DOCUMENT_EDGE_KINDS = ("reuse", "translation", "shared-source")
"""Edge kinds between two corpus documents, the ones bounded per document."""
CLUSTER_EDGE_KINDS = ("reuse", "translation")
"""Edge kinds whose aligned passages form clusters."""
SAME_PASSAGE_OVERLAP = 0.5
"""Share of the longer of two passages of one document that must overlap for them to be one (of the
shorter would chain: a passage spanning two stock sentences would join every family of either)."""
EXCERPT_CHARS = 120
"""Longest witness excerpt, in characters."""
EXCERPT_HEAD = 4 * EXCERPT_CHARS
"""Characters of a passage read for its excerpt when they make one (it may be thousands long)."""
_SPACES = re.compile(r"\s+")

_Passage = tuple[str, int, int]
"""A passage: document id, start, end."""


class _UnionFind:
    """Disjoint sets of passages (indexes), joined by alignment and by overlap."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _aligned_passages(edges: Iterable[Edge]) -> tuple[list[_Passage], list[tuple[int, int, int]]]:
    """Every passage the edges align (deduplicated, sorted) and the links between them:
    (from passage, to passage, edge number)."""
    index: dict[_Passage, int] = {}
    raw_links: list[tuple[_Passage, _Passage, int]] = []
    for number, edge in enumerate(edges):
        for e in edge.evidence:
            if e.from_start is None or e.from_end is None or e.to_start is None or e.to_end is None:
                continue
            first, second = (edge.source, e.from_start, e.from_end), (edge.target, e.to_start, e.to_end)
            raw_links.append((first, second, number))
            index.setdefault(first, 0)
            index.setdefault(second, 0)
    passages = sorted(index)
    index = {p: n for n, p in enumerate(passages)}
    return passages, [(index[a], index[b], number) for a, b, number in raw_links]


def _join_overlaps(passages: Sequence[_Passage], sets: _UnionFind) -> None:
    """Passages of one document overlapping by half the longer are one passage (passages are sorted)."""
    open_ends: list[int] = []  # passages of the current document still reaching forward
    for number, (doc, start, end) in enumerate(passages):
        open_ends = [k for k in open_ends if passages[k][0] == doc and passages[k][2] > start]
        for k in open_ends:
            overlap = min(end, passages[k][2]) - start
            longer = max(end - start, passages[k][2] - passages[k][1])
            if overlap >= SAME_PASSAGE_OVERLAP * longer:
                sets.union(k, number)
        open_ends.append(number)


def _excerpt(text: str, start: int, end: int) -> str:
    """The witness's words, spaces collapsed, cut to :data:`EXCERPT_CHARS`. A long passage is
    collapsed from its head only, when the head alone holds more than the excerpt: collapsing
    shortens a run of spaces where it stands, so the head starts the collapsed passage."""
    words = _SPACES.sub(" ", text[start:start + EXCERPT_HEAD]).strip() if end - start > EXCERPT_HEAD else ""
    if len(words) <= EXCERPT_CHARS:
        words = _SPACES.sub(" ", text[start:end]).strip()
    return words if len(words) <= EXCERPT_CHARS else words[:EXCERPT_CHARS - 1].rstrip() + "…"


def _origin(witnesses: Sequence[Witness], out_votes: Counter[str]) -> str | None:
    """The earliest dated witness (ties: the one most others derive from, then the id); undated,
    the witness the directed edges point away from most, or None."""
    dated = [w for w in witnesses if w.date]
    if dated:
        earliest = min(w.date for w in dated if w.date)
        return min((w for w in dated if w.date == earliest), key=lambda w: (-out_votes[w.doc], w.doc)).doc
    best = max(witnesses, key=lambda w: out_votes[w.doc])  # the first of equals
    return best.doc if out_votes[best.doc] > 0 else None


def _witnesses(passages: Iterable[_Passage], docs: Mapping[str, Document]) -> list[Witness]:
    """One witness per document (from its first to its last passage), by date (undated last), then id."""
    spans: dict[str, tuple[int, int]] = {}
    for doc, start, end in passages:
        low, high = spans.get(doc, (start, end))
        spans[doc] = (min(low, start), max(high, end))
    return sorted((Witness(doc, start, end, docs[doc].date, _excerpt(docs[doc].text, start, end))
                   for doc, (start, end) in spans.items()),
                  key=lambda w: (w.date is None, w.date or "", w.doc, w.start))


def _cluster(witnesses: list[Witness], edges: Sequence[Edge]) -> tuple[str, tuple[Witness, ...], str | None]:
    """The kind, witnesses and origin of a cluster whose passages ``edges`` align."""
    out_votes = Counter(e.source for e in edges if e.directed)
    out_votes.subtract(Counter(e.target for e in edges if e.directed))
    kind = "translation" if any(e.kind == "translation" for e in edges) else "reuse"
    return kind, tuple(witnesses), _origin(witnesses, out_votes)


def passage_clusters(edges: Sequence[Edge], docs: Mapping[str, Document]) -> list[Cluster]:
    """Reuse and translation passages connected into clusters, largest first."""
    aligned = [e for e in edges if e.kind in CLUSTER_EDGE_KINDS and e.source in docs and e.target in docs]
    passages, links = _aligned_passages(aligned)
    sets = _UnionFind(len(passages))
    for first, second, _ in links:
        sets.union(first, second)
    _join_overlaps(passages, sets)
    members: dict[int, list[int]] = defaultdict(list)
    for number in range(len(passages)):
        members[sets.find(number)].append(number)
    edges_of: dict[int, set[int]] = defaultdict(set)
    for first, _, number in links:
        edges_of[sets.find(first)].add(number)
    found = []
    for root, numbers in members.items():
        witnesses = _witnesses((passages[n] for n in numbers), docs)
        if len(witnesses) >= 2:
            found.append(_cluster(witnesses, [aligned[n] for n in sorted(edges_of[root])]))
    found.sort(key=lambda c: (-len(c[1]), c[1][0].date or "", c[1][0].doc, c[1][0].start, c[0]))
    width = max(4, len(str(len(found))))
    return [Cluster(f"c{number:0{width}d}", kind, witnesses, origin)
            for number, (kind, witnesses, origin) in enumerate(found, 1)]


def bound_edges(edges: Sequence[Edge], per_doc: int = MAX_EDGES_PER_DOC) -> list[Edge]:
    """The edges with document-to-document ones cut to each document's ``per_doc`` best (by score,
    then kind and the other end's id); an edge stays when either of its ends keeps it."""
    ranked: dict[str, list[tuple[float, str, str, int]]] = defaultdict(list)
    for number, edge in enumerate(edges):
        if edge.kind in DOCUMENT_EDGE_KINDS:
            ranked[edge.source].append((-edge.score, edge.kind, edge.target, number))
            ranked[edge.target].append((-edge.score, edge.kind, edge.source, number))
    kept = {entry[3] for entries in ranked.values() for entry in sorted(entries)[:per_doc]}
    return [edge for number, edge in enumerate(edges) if edge.kind not in DOCUMENT_EDGE_KINDS or number in kept]

