"""Source attribution: for each document, where its wording most likely comes from.

The trace stage links documents by directed and undirected edges. Attribution answers the
reader's question for one document at a time, in passim's ``seriatim`` spirit: each stretch of
the document that aligns with another text is credited to the single best source for it (the
directed edge into the document with the highest similarity over that stretch). Only directed
edges count: an undirected link says that two texts share wording, not which one took it.

Sources are ranked in three steps (docs/scale-derivations.md):

- **Holders of the whole text first.** Among the sources whose aligned stretches cover nearly
  as much of the document as the widest one (:data:`WHOLE_COVER`), the earliest dated comes
  first and the next earliest second (:data:`HOLDERS_KEPT`), of those rendering it about as
  closely as the closest (:data:`HOLDER_SLACK`): the other documents that hold the
  same text are copies of it or of its own source, and one that holds only part of the copied
  text cannot be where all of it comes from. A source that lends only its own opening to a
  later part of the document (a headline or lead appended as a lead-in) is a holder only when no
  other source is; so is one whose aligned text lies in such a lead-in (another document that
  carries the same lead-in below its own text), where the lead-in closes the document's aligned
  text after a seam that no source runs across. Of holders in one language, those whose wording
  (every character between their first and last aligned ones) differs from the document's in
  more places than the closest holder's are set aside: a copy keeps the changes of the version
  it copied, so of an original and an edited copy of it, the one the document took is the one
  whose changes it shares (:func:`_wording_distances`).
- **Then by credit.** The other sources follow by the share of the aligned characters they
  are credited with, then by edge score.
- **Repeats left out.** A further source whose aligned text lies inside that of sources ranked
  before it, dated earlier and rendering it at least as closely (:data:`COVERED_EXTRA`,
  :data:`SIMILARITY_SLACK`), adds nothing and is dropped. One of the same date stays: within a
  day, which text came first is unknown.

A text the trace found no direction for against the document (same date, neither holding the
other) is named as a holder of the whole text, with the direction unknown, where it holds more of
the document than every source a directed edge names: those hold only part of what it holds. A document
no directed edge explains, but whose wording it shares with such documents, names those (at most
:data:`UNORDERED_KEPT`, at a reduced score, with the cue saying the direction is unknown) rather
than nothing.

Outside sources the document cites follow the corpus documents, as the answer when no
document explains it.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise
from typing import Any

from rapidfuzz.distance import Indel

from . import progress
from .trace.model import Edge, Evidence

DOCUMENT_KINDS = ("reuse", "translation", "shared-source")
"""Edge kinds between two texts whose wording one took from the other."""
UNORDERED_KEPT = 2
"""Documents named, when no directed edge explains a document, among those it shares wording with
in an unknown direction."""
UNORDERED_SCORE_SCALE = 0.5
"""Such a document's score is its edge's score times this."""
CITATION_SCORE_SCALE = 0.5
"""An outside source the document only cites ranks below any corpus document that explains
its wording; its score is the citation edge's score times this."""
WHOLE_COVER = 0.97
"""A source holds the whole copied text when its aligned stretches cover at least this share of
what the widest source covers (alignments of one text end a few characters apart; a missing
sentence is more)."""
HOLDERS_KEPT = 2
"""Holders of the whole text that lead the ranking, earliest first: the second is the answer
when the earliest is another version of the text."""
HOLDER_SLACK = 0.05
"""A holder renders the document at most this much less closely (mean similarity) than the closest
holder: further below it covers the same stretches with a different text of the same kind (two
statements from one template, aligned sentence by sentence across languages)."""
COVERED_EXTRA = 0.9
"""A further source whose aligned text is at least this share inside the text of sources ranked
before it is left out (when they are dated no later and render it as closely)."""
SIMILARITY_SLACK = 0.01
"""Documents holding the same text align with the same similarity: a further source that renders
the document closer than this above the sources covering it is another version and stays."""
WORDING_KINDS = ("reuse",)
"""Edge kinds whose two texts share a language, so that their wording can be compared character
by character (a translation's cannot)."""
WORDING_SIMILARITY = 0.7
"""Two aligned texts whose characters agree less than this (rapidfuzz ``Indel`` normalized
similarity) are not one wording edited but different wordings, as in two languages."""
LEAD_IN_CHARS = 20
"""A source lends only its opening when each of its aligned stretches starts within this many
characters of its start, and lies past as many of the document's."""

_Span = tuple[int, int]
_Stretch = tuple[int, int, float, str]
"""Start and end in the document, similarity, source id."""


@dataclass(frozen=True, slots=True)
class SourceClaim:
    """One answer to "where does this text come from?": a document or an outside source."""

    id: str
    kind: str
    score: float
    cue: str
    directed: bool = True
    """False for a document that shares the wording in a direction the trace could not tell."""

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``documents[].derived_from[]`` item, plus the deciding cue and whether the
        direction is known."""
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 4), "cue": self.cue,
                "directed": self.directed}


def attribute_sources(edges: Iterable[Edge], doc_ids: Sequence[str],
                      dates: Mapping[str, str | None] | None = None,
                      texts: Mapping[str, str] | None = None) -> dict[str, list[SourceClaim]]:
    """Each document's most likely sources, best first (an empty list: none the tool can see);
    ``dates`` (ISO dates by document id, where known) order the sources that hold the same text;
    ``texts`` (by document id, where known) tell an original from an edited copy of it by the
    wording the document shares; reports each document ranked."""
    known = set(doc_ids)
    incoming: dict[str, list[Edge]] = defaultdict(list)
    cited: dict[str, list[Edge]] = defaultdict(list)
    unordered: dict[str, list[tuple[str, Edge]]] = defaultdict(list)
    stretches: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for edge in edges:
        if edge.kind in DOCUMENT_KINDS and edge.source in known and edge.target in known:
            for doc, stretch in _stretches(edge):
                stretches[doc].append(stretch)
        if _unvoted(edge) and edge.source in known and edge.target in known:
            unordered[edge.target].append((edge.source, edge))
            unordered[edge.source].append((edge.target, edge))
        if not edge.directed or edge.target not in known:
            continue
        if edge.kind in DOCUMENT_KINDS and edge.source in known:
            incoming[edge.target].append(edge)
        elif edge.kind == "citation" and edge.source not in known:
            cited[edge.target].append(edge)
    answers = {}
    for doc in sorted(known):
        alongside = [_toward(edge, doc) for _, edge in unordered.get(doc, [])] if incoming.get(doc) else []
        claims = _seriatim(incoming.get(doc, []), dates or {}, _lead_ins(stretches.get(doc, [])), texts or {},
                           alongside) or _unordered(unordered.get(doc, []))
        claims += [SourceClaim(e.source, e.kind, e.score * CITATION_SCORE_SCALE, "cited in the text")
                   for e in sorted(cited.get(doc, []), key=lambda e: (-e.score, e.source))]
        answers[doc] = claims
        progress.advance()
    return answers


@dataclass(frozen=True)
class _Aligned:
    """What each source aligns in one document: its merged spans and its mean similarity."""

    spans: Mapping[str, list[_Span]]
    closeness: Mapping[str, float]

    def length(self, source: str) -> int:
        return _length(self.spans.get(source, []))


def _seriatim(edges: Sequence[Edge], dates: Mapping[str, str | None],
              lead_ins: Sequence[_Span] = (), texts: Mapping[str, str] | None = None,
              alongside: Sequence[Edge] = ()) -> list[SourceClaim]:
    """Rank the documents behind ``edges`` (all pointing into one document): the earliest holders
    of the whole copied text, then by the share of the document's aligned characters for which
    each is the best source; sources that only repeat earlier ones' text are left out. Texts the
    trace could not order against the document (``alongside``, turned toward it) are named only
    as holders of the whole text, and only where they hold more of it than every directed source
    (which then holds only part of it)."""
    stretches = _stretches_in(edges)
    credited = _credit(stretches)
    directed = {e.source for e in edges}
    unordered = sorted((e for e in alongside if e.source not in directed), key=lambda e: (-e.score, e.source))
    aligned = _aligned([*stretches, *_stretches_in(unordered)])
    widest = max((aligned.length(source) for source in directed), default=0)
    unordered = [e for e in unordered if WHOLE_COVER * aligned.length(e.source) > widest]
    by_source = {e.source: e for e in sorted(edges, key=lambda e: e.score)}
    ranked = sorted(by_source.values(), key=lambda e: (-credited.get(e.source, 0), -e.score, e.source))
    holders = _holders([*ranked, *unordered], aligned, dates, lead_ins, texts or {})
    kept = _without_repeats([*holders, *(e for e in ranked if e not in holders)], len(holders), aligned, dates)
    covered = max(1, sum(credited.values()))
    return [SourceClaim(e.source, e.kind, e.score * UNORDERED_SCORE_SCALE, _cue(e, 0.0, None, directed=False),
                        directed=False) if e in unordered else
            SourceClaim(e.source, e.kind, e.score, _cue(e, credited.get(e.source, 0) / covered,
                                                        holders.index(e) if e in holders else None))
            for e in kept]


def _stretches_in(edges: Sequence[Edge]) -> list[_Stretch]:
    """The stretches of the document (the edges' target) that each edge aligns, with its similarity."""
    return [(e.to_start, e.to_end, edge.score if e.similarity is None else e.similarity, edge.source)
            for edge in edges for e in edge.evidence
            if e.to_start is not None and e.to_end is not None and e.to_end > e.to_start]


def _toward(edge: Edge, doc: str) -> Edge:
    """An undirected edge of ``doc`` as if it pointed into ``doc`` (its evidence turned round)."""
    if edge.target == doc:
        return edge
    turned = tuple(Evidence(e.to_start, e.to_end, e.from_start, e.from_end, e.similarity) for e in edge.evidence)
    return replace(edge, source=edge.target, target=edge.source, evidence=turned)


def _unordered(partners: Sequence[tuple[str, Edge]]) -> list[SourceClaim]:
    """The documents sharing wording with one no directed edge explains, in an unknown direction:
    the best scored first, at most :data:`UNORDERED_KEPT`."""
    best = sorted(partners, key=lambda p: (-p[1].score, p[0]))[:UNORDERED_KEPT]
    return [SourceClaim(other, edge.kind, edge.score * UNORDERED_SCORE_SCALE,
                        "shares the aligned text; which came first is unknown (nothing dates or orders the two)",
                        directed=False)
            for other, edge in best]


def _unvoted(edge: Edge) -> bool:
    """A reuse edge nothing voted a direction for (no note: the same date, neither text holding the
    other): one of the two took the other's wording. Votes that cancelled, a common source of two
    translations or a shared masthead leave a note, and no such claim."""
    return edge.kind == "reuse" and not edge.directed and not edge.note


def _credit(stretches: Sequence[_Stretch]) -> dict[str, int]:
    """Characters of the document for which each source is the most similar (ties: smaller id)."""
    cuts = sorted({p for start, end, _, _ in stretches for p in (start, end)})
    credited: dict[str, int] = defaultdict(int)
    for left, right in pairwise(cuts):
        covering = [(similarity, source) for start, end, similarity, source in stretches
                    if start <= left and right <= end]
        if covering:
            _, source = min(covering, key=lambda c: (-c[0], c[1]))
            credited[source] += right - left
    return credited


def _aligned(stretches: Sequence[_Stretch]) -> _Aligned:
    """Each source's merged spans and its similarity averaged over its aligned characters."""
    raw: dict[str, list[_Span]] = defaultdict(list)
    weighted: dict[str, float] = defaultdict(float)
    for start, end, similarity, source in stretches:
        raw[source].append((start, end))
        weighted[source] += similarity * (end - start)
    return _Aligned({source: _union(spans) for source, spans in raw.items()},
                    {source: weighted[source] / _length(spans) for source, spans in raw.items()})


def _holders(ranked: Sequence[Edge], aligned: _Aligned, dates: Mapping[str, str | None],
             lead_ins: Sequence[_Span] = (), texts: Mapping[str, str] | None = None) -> list[Edge]:
    """The earliest sources (at most :data:`HOLDERS_KEPT`) that cover nearly as much of the
    document as the widest one, of those whose wording is closest to it where ``texts`` lets it
    be compared; lead-in sources (those lending only their opening to a later part of the
    document, or lending only such a lead-in stretch, ``lead_ins``) only when no other source
    aligns."""
    contenders = [e for e in ranked if e.source in aligned.spans and not _lead_in_only(e)
                  and _inside(aligned.spans[e.source], lead_ins) < COVERED_EXTRA] \
        or [e for e in ranked if e.source in aligned.spans]
    widest = max((aligned.length(e.source) for e in contenders), default=0)
    whole = [e for e in contenders if aligned.length(e.source) >= WHOLE_COVER * widest]
    closest = max((aligned.closeness[e.source] for e in whole), default=0.0)
    distances = _wording_distances(whole, texts or {})
    fewest = min((d for d in distances.values() if d is not None), default=None)

    def kept(edge: Edge) -> bool:  # the closest wording where it compares, else about as close a rendering
        distance = distances[edge.source]
        return distance == fewest if distance is not None else aligned.closeness[edge.source] >= closest - HOLDER_SLACK

    whole = [e for e in whole if kept(e)]
    return sorted(whole, key=lambda e: _date_key(dates.get(e.source)))[:HOLDERS_KEPT]


def _wording_distances(holders: Sequence[Edge], texts: Mapping[str, str]) -> dict[str, int | None]:
    """For each holder, how far its wording is from the document's: the characters to insert or
    delete (rapidfuzz ``Indel``, runs of white space as one) to turn its text from its first
    aligned character to its last into the document's, plus the characters of the document that
    other holders align before or after its own. None for a translation, a text not at hand,
    wording too far apart to compare (below :data:`WORDING_SIMILARITY`: another language), and
    for every holder when fewer than two can be compared."""
    extents: dict[str, tuple[str, int, int]] = {}
    for edge in holders:
        source, document = texts.get(edge.source), texts.get(edge.target)
        spans = [e for e in edge.evidence if None not in (e.from_start, e.from_end, e.to_start, e.to_end)]
        if edge.kind in WORDING_KINDS and source is not None and document is not None and spans:
            source_text = source[min(e.from_start or 0 for e in spans):max(e.from_end or 0 for e in spans)]
            extents[edge.source] = (source_text, min(e.to_start or 0 for e in spans), max(e.to_end or 0 for e in spans))
    if len(extents) < 2:  # nothing to compare with
        return dict.fromkeys((edge.source for edge in holders), None)
    first, last = min(x[1] for x in extents.values()), max(x[2] for x in extents.values())
    measured: dict[tuple[str, int, int], int | None] = {}  # holders of one text in one place are measured once
    distances: dict[str, int | None] = {}
    for edge in holders:
        if edge.source not in extents:
            distances[edge.source] = None
            continue
        source_text, start, end = extents[edge.source]
        if (source_text, start, end) not in measured:
            theirs, ours = _plain(source_text), _plain(texts[edge.target][start:end])
            most = int((1 - WORDING_SIMILARITY) * (len(theirs) + len(ours)))
            changes = Indel.distance(theirs, ours, score_cutoff=most)
            measured[source_text, start, end] = changes if changes <= most else None
        distance = measured[source_text, start, end]
        distances[edge.source] = None if distance is None else distance + (start - first) + (last - end)
    return distances


def _plain(text: str) -> str:
    return " ".join(text.split())


def _without_repeats(ranked: Sequence[Edge], leading: int, aligned: _Aligned,
                     dates: Mapping[str, str | None]) -> list[Edge]:
    """``ranked`` without the sources (after the ``leading`` ones) whose aligned text lies inside
    that of sources kept before them, dated earlier and rendering it at least as closely."""
    kept = list(ranked[:leading])
    for edge in ranked[leading:]:
        closeness, date = aligned.closeness.get(edge.source, 0.0), dates.get(edge.source)
        cover = [span for k in kept if _before(dates.get(k.source), date)
                 and aligned.closeness.get(k.source, 0.0) >= closeness - SIMILARITY_SLACK
                 for span in aligned.spans.get(k.source, [])]
        if not kept or _inside(aligned.spans.get(edge.source, []), cover) < COVERED_EXTRA:
            kept.append(edge)
    return kept


def _lead_in_only(edge: Edge) -> bool:
    """Whether the source lends only its opening, and not to the document's opening: a headline or
    lead appended below the document's own text (a lead-in, not the text it reports)."""
    spans = [(e.from_start, e.to_start) for e in edge.evidence if e.from_start is not None and e.to_start is not None]
    return bool(spans) and all(start <= LEAD_IN_CHARS < to_start for start, to_start in spans)


def _stretches(edge: Edge) -> Iterator[tuple[str, tuple[int, int, bool]]]:
    """For each end of a reuse edge (either way: the direction does not matter here), the
    stretches of that document the other aligns with, and whether the other lends its own
    opening there."""
    for doc, spans in ((edge.target, [(e.from_start, e.to_start, e.to_end) for e in edge.evidence]),
                       (edge.source, [(e.to_start, e.from_start, e.from_end) for e in edge.evidence])):
        for other, start, end in spans:
            if other is not None and start is not None and end is not None and end > start:
                yield doc, (start, end, other <= LEAD_IN_CHARS)


def _lead_ins(stretches: Sequence[tuple[int, int, bool]]) -> list[_Span]:
    """The stretches of a document that another text lends from its own opening, where they
    close the document's aligned text and follow its own at a seam: another alignment ends
    where they start, and none runs on across that point. Such a stretch is a lead-in appended
    below the document's own text."""
    last = max((end for _, end, _ in stretches), default=0)
    closing = [(start, end) for start, end, opening in stretches
               if opening and start > LEAD_IN_CHARS and end >= last - LEAD_IN_CHARS]
    if not closing:
        return []
    own = sorted((start, end) for start, end, opening in stretches if not opening)
    own_ends = sorted(end for _, end in own)
    own_starts = [start for start, _ in own]
    reach = list(accumulate((end for _, end in own), max))  # the furthest end of the own stretches so far

    def at_seam(start: int) -> bool:  # an own stretch ends within LEAD_IN_CHARS of ``start``
        first = bisect_left(own_ends, start - LEAD_IN_CHARS)
        return first < len(own_ends) and own_ends[first] <= start + LEAD_IN_CHARS

    def run_across(start: int) -> bool:  # an own stretch starts and ends LEAD_IN_CHARS either side of ``start``
        before = bisect_left(own_starts, start - LEAD_IN_CHARS)
        return before > 0 and reach[before - 1] > start + LEAD_IN_CHARS

    return _union((start, end) for start, end in closing if at_seam(start) and not run_across(start))


def _date_key(date: str | None) -> tuple[bool, str]:
    """Sort key: known dates first, earliest first (a stable sort keeps the credit order within a date)."""
    return date is None, date or ""


def _before(date: str | None, than: str | None) -> bool:
    """Whether ``date`` is known to be earlier than ``than``."""
    return date is not None and than is not None and date < than


def _union(spans: Iterable[_Span]) -> list[_Span]:
    """Overlapping or touching spans merged, in order."""
    merged: list[_Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(spans: Iterable[_Span]) -> int:
    return sum(end - start for start, end in spans)


def _inside(spans: Sequence[_Span], cover: Sequence[_Span]) -> float:
    """Share of the characters of ``spans`` (merged) that ``cover`` covers (0 when there are none)."""
    total = _length(spans)
    if not total:
        return 0.0
    merged = _union(cover)
    return sum(max(0, min(end, c_end) - max(start, c_start))
               for start, end in spans for c_start, c_end in merged) / total


def _cue(edge: Edge, share: float, holder: int | None, directed: bool = True) -> str:
    """Why the edge points this way, and how much of the document the source explains."""
    if not directed:
        return "holds the whole aligned text, which the directed sources hold only part of; " \
            "which came first is unknown (nothing dates or orders the two)"
    reason = edge.note.split("; ")[0] if edge.note else edge.kind
    rank = "earliest" if holder == 0 else "next earliest"
    held = "" if holder is None else f"{rank} source holding the whole aligned text; "
    return f"{held}best source of {share:.0%} of the aligned text; {reason}"
