"""Source attribution: for each document, where its wording most likely comes from.

The trace stage links documents by directed and undirected edges. Attribution answers the
reader's question for one document at a time, in passim's ``seriatim`` spirit: each stretch of
the document that aligns with another text is credited to the single best source for it (the
directed edge into the document with the highest similarity over that stretch), and the
sources are ranked by how much of the document they explain. Only directed edges count: an
undirected link says that two texts share wording, not which one took it. Outside sources the
document cites follow the corpus documents, as the answer when no document explains it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from . import progress
from .trace.model import Edge

DOCUMENT_KINDS = ("reuse", "translation", "shared-source")
"""Edge kinds between two texts whose wording one took from the other."""
CITATION_SCORE_SCALE = 0.5
"""An outside source the document only cites ranks below any corpus document that explains
its wording; its score is the citation edge's score times this."""


@dataclass(frozen=True)
class SourceClaim:
    """One answer to "where does this text come from?": a document or an outside source."""

    id: str
    kind: str
    score: float
    cue: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``documents[].derived_from[]`` item, plus the deciding cue."""
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 4), "cue": self.cue}


def attribute_sources(edges: Iterable[Edge], doc_ids: Sequence[str]) -> dict[str, list[SourceClaim]]:
    """Each document's most likely sources, best first (an empty list: none the tool can see);
    reports each document ranked."""
    known = set(doc_ids)
    incoming: dict[str, list[Edge]] = defaultdict(list)
    cited: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        if not edge.directed or edge.target not in known:
            continue
        if edge.kind in DOCUMENT_KINDS and edge.source in known:
            incoming[edge.target].append(edge)
        elif edge.kind == "citation" and edge.source not in known:
            cited[edge.target].append(edge)
    answers = {}
    for doc in sorted(known):
        claims = _seriatim(incoming.get(doc, []))
        claims += [SourceClaim(e.source, e.kind, e.score * CITATION_SCORE_SCALE, "cited in the text")
                   for e in sorted(cited.get(doc, []), key=lambda e: (-e.score, e.source))]
        answers[doc] = claims
        progress.advance()
    return answers


def _seriatim(edges: Sequence[Edge]) -> list[SourceClaim]:
    """Rank the documents behind ``edges`` (all pointing into one document) by the share of the
    document's aligned characters for which each is the best source."""
    spans = [(e.to_start, e.to_end, edge.score if e.similarity is None else e.similarity, edge.source)
             for edge in edges for e in edge.evidence
             if e.to_start is not None and e.to_end is not None and e.to_end > e.to_start]
    cuts = sorted({p for start, end, _, _ in spans for p in (start, end)})
    credited: dict[str, int] = defaultdict(int)
    for left, right in pairwise(cuts):
        covering = [(similarity, source) for start, end, similarity, source in spans if start <= left and right <= end]
        if covering:
            # the most similar source wins the stretch; ties go to the smaller id
            _, source = min(covering, key=lambda c: (-c[0], c[1]))
            credited[source] += right - left
    covered = max(1, sum(credited.values()))
    by_source = {e.source: e for e in sorted(edges, key=lambda e: e.score)}
    ranked = sorted(by_source.values(), key=lambda e: (-credited.get(e.source, 0), -e.score, e.source))
    return [SourceClaim(e.source, e.kind, e.score, _cue(e, credited.get(e.source, 0) / covered)) for e in ranked]


def _cue(edge: Edge, share: float) -> str:
    """Why the edge points this way, and how much of the document the source explains."""
    reason = edge.note.split("; ")[0] if edge.note else edge.kind
    return f"best source of {share:.0%} of the aligned text; {reason}"
