"""Translation edges from sentence vectors: documents in two languages that tell one text.

For documents in two languages that the encoder covers, candidate pairs come from the nearest
document vectors; each pair's sentences are aligned (mutual best matches merged into
passages), and the pair score, calibrated per encoder, becomes the edge's score. A document
in a language only the fallback encoder reads is scored against every document in another
language that the fallback embedded, by CSLS margins, and linked to its best few. Edges are
directed by the evidence that decides it, named in the note:
- a translation verdict (:func:`provenance.trace.translation.origin_of`);
- dates, when both are known and differ;
- a common source: a document linked to two translations that are less alike with each other
  than with it is their source, not their sibling;
- the corpus's own direction, last: when every translation whose direction the evidence above
  decided comes from one language (at least three), and none goes into it, an undecided pair
  with that language follows them (official translations of one institution keep one source).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import numpy as np

from ..artifacts.model import Verdict
from ..corpus import Document
from ..embed import SentenceVectors
from ..resources import read_rows
from ..semantic import (
    SentencePassage,
    align_sentences,
    calibrated,
    document_vector,
    margin_pair_score,
    nearest_documents,
    pair_score,
    sentence_backgrounds,
    spans_of,
)
from .model import Edge, Evidence
from .translation import origin_of

NEIGHBOURS = 10
"""Candidate documents per document, by document vector."""
MIN_DECIDED = 3
"""Translations of known direction, all from one language, before an undecided pair follows them."""
ALIGN_THRESHOLD = 0.5
"""Sentence similarity a mutual best match needs to count as aligned."""
Strength = tuple[str, float]
"""A pair's calibration name and its unclipped calibrated score: comparable within one calibration only."""
FALLBACK_RANK = 3
"""Documents in other languages each document read by the fallback encoder may be linked to, best first."""
CALIBRATION = Path(__file__).resolve().parent.parent / "data" / "neural" / "calibration.tsv"


@dataclass(frozen=True)
class Calibration:
    """How one encoder's pair scores map to edge scores (see ``data/neural/calibration.tsv``)."""

    name: str
    unrelated: float
    translation: float
    min_score: float


@lru_cache(maxsize=1)
def calibrations() -> dict[str, Calibration]:
    """Each encoder's calibration, read by column name."""
    return {r["name"]: Calibration(r["name"], float(r["unrelated"]), float(r["translation"]), float(r["min_score"]))
            for r in read_rows(CALIBRATION)}


def semantic_translation_edges(docs: Sequence[Document], vectors: Mapping[str, SentenceVectors | None],
                               verdicts: Mapping[str, Verdict] | None = None,
                               fallback: Mapping[str, SentenceVectors] | None = None) -> list[Edge]:
    """Translation edges between documents in two languages whose sentences align: by the
    encoder's ``vectors``, and by the ``fallback`` encoder's for the documents the encoder lacks."""
    by_id = {d.id: d for d in docs}
    edges, strength = _encoder_edges(docs, vectors)
    if fallback:
        uncovered = {i for i in fallback if vectors.get(i) is None}
        more, more_strength = _fallback_edges(by_id, fallback, uncovered)
        edges += more
        strength.update(more_strength)
    return direct(edges, by_id, verdicts or {}, strength)


def _encoder_edges(docs: Sequence[Document], vectors: Mapping[str, SentenceVectors | None]
                   ) -> tuple[list[Edge], dict[frozenset[str], Strength]]:
    """The undirected edges of the nearest documents in two languages, with each pair's unclipped
    calibrated score."""
    embedded = [(d, found) for d in sorted(docs, key=lambda d: d.id)
                if d.language and (found := vectors.get(d.id)) is not None and found.vectors.shape[0] > 0]
    if len(embedded) < 2:
        return [], {}
    matrix = np.vstack([document_vector(found.vectors) for _, found in embedded])
    pairs = {(min(i, j), max(i, j)) for i, near in enumerate(nearest_documents(matrix, NEIGHBOURS)) for j, _ in near
             if embedded[i][0].language != embedded[j][0].language}
    edges, strength = [], {}
    for i, j in sorted(pairs):
        (a, va), (b, vb) = embedded[i], embedded[j]
        scale = calibrations().get(va.encoder, calibrations()["default"])
        raw = pair_score(va.vectors, vb.vectors)
        scored = _edge(a, va, b, vb, raw, scale, align_sentences(va.vectors, vb.vectors, ALIGN_THRESHOLD),
                       f"the sentence encoder {va.encoder} (pair score {raw:.2f})")
        if scored is not None:
            edges.append(scored[0])
            strength[frozenset((a.id, b.id))] = scored[1]
    return edges, strength


def _fallback_edges(docs: Mapping[str, Document], vectors: Mapping[str, SentenceVectors], uncovered: set[str]
                    ) -> tuple[list[Edge], dict[frozenset[str], Strength]]:
    """The undirected edges of each ``uncovered`` document (a language only the fallback encoder
    reads) to its best-scoring documents in other languages, scored by CSLS margins, which keep
    apart what plain cosines of that encoder crowd together."""
    ids = sorted(i for i in vectors if i in docs and vectors[i].vectors.shape[0] > 0)
    backgrounds = dict(zip(ids, sentence_backgrounds([vectors[i].vectors for i in ids])))
    edges, strength = [], {}
    for u in sorted(uncovered & set(ids)):
        scale = calibrations().get(f"{vectors[u].encoder} margin", calibrations()["default"])
        mine = vectors[u].vectors
        ranked = sorted(((margin_pair_score(mine, vectors[o].vectors, (backgrounds[u], backgrounds[o])), o)
                         for o in ids if docs[o].language != docs[u].language), key=lambda x: (-x[0], x[1]))
        for raw, other in ranked[:FALLBACK_RANK]:
            key = frozenset((u, other))
            if key in strength:
                continue
            a, b = sorted((u, other))
            pair = (backgrounds[a], backgrounds[b])
            passages = align_sentences(vectors[a].vectors, vectors[b].vectors, 0.0, backgrounds=pair)
            scored = _edge(docs[a], vectors[a], docs[b], vectors[b], raw, scale, passages,
                           f"the fallback sentence encoder {vectors[u].encoder}, for {docs[u].language}, "
                           f"which the default encoder lacks (CSLS pair score {raw:.3f})")
            if scored is not None:
                edges.append(scored[0])
                strength[key] = scored[1]
    return edges, strength


def _edge(a: Document, va: SentenceVectors, b: Document, vb: SentenceVectors, raw: float, scale: Calibration,
          passages: Sequence[SentencePassage], by: str) -> tuple[Edge, Strength] | None:
    """The undirected edge of two documents whose sentences align, with its strength, or None
    when the pair scores below the calibration's least score or nothing aligns."""
    score = calibrated(raw, scale.unrelated, scale.translation)
    if score < scale.min_score or not passages:
        return None
    evidence = tuple(Evidence(*spans_of(p, va.spans, vb.spans), round(p.similarity, 4)) for p in passages)
    aligned = sum(p.a_last - p.a_first + 1 for p in passages)
    note = f"{aligned} of {len(va.spans)} sentences aligned across languages ({a.language} / {b.language}) by {by}"
    return Edge(a.id, b.id, "translation", score, False, evidence, note), \
        (scale.name, (raw - scale.unrelated) / (scale.translation - scale.unrelated))


def direct(edges: Sequence[Edge], docs: Mapping[str, Document], verdicts: Mapping[str, Verdict],
           similarity: Mapping[frozenset[str], Strength] | None = None) -> list[Edge]:
    """The edges, each directed from its origin when a verdict, the dates or a common source decide it
    (``similarity``: the pairs' strengths, which the common-source test compares)."""
    hubs = common_sources(edges, similarity)
    decided: list[tuple[Edge, Document | None, str]] = []
    for edge in edges:
        a, b = docs[edge.source], docs[edge.target]
        origin, cue = origin_of(a, b, verdicts), "translation verdict"
        if origin is None and a.date and b.date and a.date != b.date:
            origin, cue = (a if a.date < b.date else b), f"dates {a.date} / {b.date}"
        if origin is None:
            votes = (len(hubs[(a.id, b.id)]), len(hubs[(b.id, a.id)]))
            if votes[0] != votes[1]:
                origin = a if votes[0] > votes[1] else b
                siblings = sorted(hubs[(origin.id, (b if origin is a else a).id)])
                cue = f"common source of {len(siblings) + 1} translations (with {', '.join(siblings)})"
        decided.append((edge, origin, cue))
    sources = Counter((o.language, (docs[e.target] if o.id == e.source else docs[e.source]).language)
                      for e, o, _ in decided if o is not None)
    directed = []
    for edge, origin, cue in decided:
        if origin is None:
            origin, cue = _by_corpus_direction(docs[edge.source], docs[edge.target], sources)
        directed.append(_oriented(edge, origin, cue))
    return directed


def _by_corpus_direction(a: Document, b: Document, decided: Counter[tuple[str | None, str | None]]
                         ) -> tuple[Document | None, str]:
    """The origin of an undecided pair when every translation of the corpus whose direction the
    evidence decided, between the two languages or from one of them, goes one way (at least
    ``MIN_DECIDED`` of them): official translations of one institution keep one source language."""
    from_a = sum(n for (source, _), n in decided.items() if source == a.language)
    from_b = sum(n for (source, _), n in decided.items() if source == b.language)
    into_a = sum(n for (_, target), n in decided.items() if target == a.language)
    into_b = sum(n for (_, target), n in decided.items() if target == b.language)
    for origin, out, back, other_out in ((a, from_a, into_a, from_b), (b, from_b, into_b, from_a)):
        if out >= MIN_DECIDED and back == 0 and other_out == 0:
            return origin, (f"the corpus's {out} translations whose direction the evidence decides "
                            f"all come from {origin.language}")
    return None, ""


def common_sources(edges: Sequence[Edge],
                   similarity: Mapping[frozenset[str], Strength] | None = None) -> dict[tuple[str, str], set[str]]:
    """For each (x, y): the documents z such that x is linked to y and z more closely than y and z
    are linked with each other (x renders the text both y and z translate)."""
    score: dict[frozenset[str], Strength] = {frozenset((e.source, e.target)): ("", e.score) for e in edges}
    score.update(similarity or {})
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    hubs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x, linked in neighbours.items():
        for y, z in combinations(sorted(linked), 2):
            between, first, second = score.get(frozenset((y, z))), score[frozenset((x, y))], score[frozenset((x, z))]
            if between is not None and between[0] == first[0] == second[0] and between[1] < min(first[1], second[1]):
                hubs[(x, y)].add(z)
                hubs[(x, z)].add(y)
    return hubs


def _oriented(edge: Edge, origin: Document | None, cue: str) -> Edge:
    """``edge`` pointing from ``origin``, directed, with the deciding cue in its note."""
    if origin is None:
        return edge
    pointing = edge if origin.id == edge.source else _flipped(edge)
    return replace(pointing, directed=True, note=f"{edge.note}; direction: {cue}")


def _flipped(edge: Edge) -> Edge:
    """``edge`` with its two ends (and the evidence spans) swapped."""
    evidence = tuple(Evidence(e.to_start, e.to_end, e.from_start, e.from_end, e.similarity) for e in edge.evidence)
    return replace(edge, source=edge.target, target=edge.source, evidence=evidence)


def merge_translation_edges(existing: Sequence[Edge], semantic: Sequence[Edge]) -> list[Edge]:
    """The trace's edges with the semantic ones added: where a pair has both, one edge with the
    higher score, the direction either one knows, and both notes."""
    by_pair = {frozenset((e.source, e.target)): e for e in semantic}
    merged = []
    for edge in existing:
        key = frozenset((edge.source, edge.target))
        if edge.kind not in ("translation", "reuse") or key not in by_pair:
            merged.append(edge)
            continue
        other = by_pair.pop(key)
        lead, second = (edge, other) if edge.directed or not other.directed else (other, edge)
        if second.source != lead.source:
            second = _flipped(second)
        merged.append(replace(lead, kind="translation", score=max(edge.score, other.score),
                              evidence=lead.evidence + second.evidence,
                              note="; ".join(n for n in (lead.note, second.note) if n)))
    return merged + sorted(by_pair.values(), key=lambda e: (e.source, e.target))
