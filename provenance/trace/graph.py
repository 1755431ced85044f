"""The provenance graph: citation, reuse and shared-source edges, and the direction of reuse.

- Citation edges run from an outside source to each document that names it, with the citing
  spans as evidence.
- Reuse edges join two documents whose wording aligns (:mod:`provenance.trace.align`); each
  aligned passage is an evidence item with offsets in both documents.
- Shared-source edges join two documents that render one outside source: both cite the same
  specific source, or both carry matched quotes of one speaker (who then becomes a
  ``statement`` source node that both documents link to).
- Direction of a reuse edge comes from votes: dates (earlier is the origin), containment (the
  document whose wording is mostly covered by the other's derives from it), explicit
  citation of the other document's outlet, and translation evidence (a machine translation is
  further from the source than an original; two translations from different languages
  render a common source rather than each other).
"""
from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import combinations
from pathlib import Path

import numpy as np

from .. import progress
from ..artifacts.model import Verdict
from ..engine import current_engine
from ..engine.tasks import AlignPair
from .align import AlignParams, Passage, pair_score
from .candidates import CONTENT_WEIGHT, CandidatePair, CandidatePairs, PreparedDoc
from .close_stems import CloseStems
from .model import Citation, Edge, Evidence, Quote
from .packed import KeyPairSpread, PackedCorpus, kept_recently, visiting_order
from .quote_match import same_speaker
from .sources import source_slug
from .sources.catalog import statement_source

SOURCE_KINDS_PATH = Path(__file__).parent / "data" / "source_kinds.tsv"

#: How many times more of its content weight the contained document must have aligned.
CONTAINMENT_RATIO = 1.5
#: Least difference between the two documents' aligned shares for containment to vote.
CONTAINMENT_MARGIN = 0.15
#: Net vote from which a reuse edge is directed.
DIRECTION_VOTE = 1.0
#: Documents that share a passage's wording when it is evidence for one pair alone.
SHARED_BY_PAIR = 2
#: Key tokens at the start of a document that hold its masthead, dateline and lead-in formula (about
#: 50 words: a headline, a few header lines, one formula sentence).
OPENING_TOKENS = 40
#: Share of their evidence that passages aligned only in both documents' openings keep.
OPENING_SHARE = 0.25
#: Most documents one source may be cited by and still pair them (a document-frequency cap).
MAX_SHARED_CITERS = 20
#: Documents the parent keeps read off the packed corpus while it orients the aligned pairs: as many
#: as an alignment worker keeps views of (about 7 KB each).
KEPT_SIDES = AlignPair.kept
#: Content tokens apart that two keys may be and still make a key pair of a passage's spread.
SPREAD_WINDOW = 3
#: Content words from which a matched quote is full evidence of a shared source.
FULL_QUOTE_WORDS = 6


@lru_cache(maxsize=4)
def source_kind_scores(path: Path = SOURCE_KINDS_PATH) -> dict[str, float]:
    """Shared-source score by source kind, from ``data/source_kinds.tsv``."""
    scores: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, score = line.split("\t")
            scores[kind.strip()] = float(score)
    return scores


def combine(scores: Iterable[float]) -> float:
    """Noisy-or of independent pieces of evidence."""
    remaining = 1.0
    for score in scores:
        remaining *= 1.0 - max(0.0, min(1.0, score))
    return 1.0 - remaining


# -- citations ---------------------------------------------------------------------------

def citation_edges(citations: Iterable[Citation]) -> list[Edge]:
    """One directed edge per (source, document), with every citing span as evidence."""
    spans: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for citation in citations:
        spans[(citation.source.id, citation.doc)].append(citation)
    edges = []
    for (source_id, doc), found in sorted(spans.items()):
        found.sort(key=lambda c: (c.start, c.end))
        evidence = tuple(Evidence(None, None, c.start, c.end, None) for c in found)
        cues = sorted({c.cue for c in found if c.cue})
        edges.append(Edge(source_id, doc, "citation", 1.0, True, evidence, "; ".join(cues)))
    return edges


# -- reuse -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Direction:
    """The outcome of the direction votes for a pair: the origin (or None) and why."""

    origin: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """One document of an aligned pair, as orienting and weighing the pair needs it: its id and
    date, its tokens' keys (vocabulary ids, 64-bit), each token's content weight (0 for a token
    that is not content) and their sum."""

    id: str
    date: str | None
    keys: np.ndarray
    content: np.ndarray
    total: float

    @classmethod
    def packed(cls, corpus: PackedCorpus, index: int) -> Side:
        """Document ``index`` of ``corpus``, read off its arrays."""
        lo, hi = int(corpus.bounds[index]), int(corpus.bounds[index + 1])
        doc = corpus.docs[index]
        return cls.of_arrays(doc.id, doc.date, corpus.keys[lo:hi], corpus.weights[lo:hi])

    @classmethod
    def of(cls, doc: PreparedDoc, vocabulary: dict[str, int]) -> Side:
        """A prepared document, its keys numbered in ``vocabulary`` (extended as needed)."""
        keys = np.array([vocabulary.setdefault(t.key, len(vocabulary)) for t in doc.tokens], dtype=np.int64)
        return cls.of_arrays(doc.id, doc.date, keys, np.array([t.weight for t in doc.tokens], dtype=np.float64))

    @classmethod
    def of_arrays(cls, doc_id: str, date: str | None, keys: np.ndarray, weights: np.ndarray) -> Side:
        content = np.where(weights >= CONTENT_WEIGHT, weights, 0.0)
        return cls(doc_id, date, keys.astype(np.int64), content, sum(content.tolist()))


def coverage(side: Side, ranges: Iterable[tuple[int, int]]) -> float:
    """Share of the document's content weight inside the given token ranges (inclusive)."""
    if not side.total:
        return 0.0
    inside = np.zeros(len(side.content), dtype=bool)
    for first, last in ranges:
        inside[first:last + 1] = True
    return sum(side.content[inside].tolist()) / side.total  # summed in token order


_Vote = tuple[float, list[str]]
"""A vote on the direction (> 0: the first document is the origin) and the reasons for it."""


def _date_vote(a: Side, b: Side) -> _Vote:
    if a.date and b.date and a.date != b.date:
        return (1.0 if a.date < b.date else -1.0), [f"dates {a.date} / {b.date}"]
    return 0.0, []


def _containment_vote(a: Side, b: Side, passages: Sequence[Passage]) -> _Vote:
    """A document whose aligned share is much larger than the other's is contained in it."""
    vote, reasons = 0.0, []
    cover_a = coverage(a, ((p.a_first, p.a_last) for p in passages))
    cover_b = coverage(b, ((p.b_first, p.b_last) for p in passages))
    for contained, other, cover, other_cover, sign in ((b, a, cover_b, cover_a, 1.0), (a, b, cover_a, cover_b, -1.0)):
        if cover >= CONTAINMENT_RATIO * other_cover and cover - other_cover >= CONTAINMENT_MARGIN:
            vote += sign
            reasons.append(f"{contained.id} contained in {other.id} "
                           f"({cover:.0%} of it aligned, {other_cover:.0%} of the other)")
    return vote, reasons


def _citation_vote(a: Side, b: Side, cited_outlets: Mapping[str, set[str]],
                   outlets: Mapping[str, str | None]) -> _Vote:
    """A document that cites the other's outlet derives from it."""
    vote, reasons = 0.0, []
    for origin, derived, sign in ((a, b, 1.0), (b, a, -1.0)):
        outlet = outlets.get(origin.id)
        if outlet and source_slug(outlet) in cited_outlets.get(derived.id, set()):
            vote += 2.0 * sign
            reasons.append(f"{derived.id} cites {outlet}")
    return vote, reasons


def _translation_vote(a: Side, b: Side, verdicts: Mapping[str, Verdict]) -> _Vote | None:
    """A translation derives from the original; None when both translate from different languages
    (they share a common source, neither is the origin)."""
    va, vb = verdicts.get(a.id), verdicts.get(b.id)
    if va is None or vb is None:
        return 0.0, []
    if va.is_translation and vb.is_translation and va.source_language and vb.source_language \
            and va.source_language != vb.source_language:
        return None
    if va.is_translation != vb.is_translation:
        return (-0.5 if va.is_translation else 0.5), [f"{a.id if va.is_translation else b.id} is a translation"]
    return 0.0, []


def orient(a: Side, b: Side, passages: Sequence[Passage], *,
           verdicts: Mapping[str, Verdict] | None = None,
           cited_outlets: Mapping[str, set[str]] | None = None,
           outlets: Mapping[str, str | None] | None = None) -> Direction:
    """Vote on which of two documents sharing wording is the origin: dates, containment,
    citations of the other's outlet, translation verdicts. Containment and a translation's vote count
    only when the dates do not tell the two apart: a later document holding all of an earlier,
    shorter one took it and added to it (a follow-up), it is not the earlier one's source; a later
    text sharing a translation's wording took it from the translation, which was made from a third
    text, not from the later one. Two translations from different languages share a common source
    whatever their dates."""
    vote = 0.0  # > 0: a is the origin
    reasons: list[str] = []
    dated = _date_vote(a, b)
    votes = [dated, _containment_vote(a, b, passages) if not dated[0] else (0.0, []),
             _citation_vote(a, b, cited_outlets or {}, outlets or {})]
    for part, why in votes:
        vote += part
        reasons += why
    translation = _translation_vote(a, b, verdicts or {})
    if translation is None:
        va, vb = (verdicts or {})[a.id], (verdicts or {})[b.id]
        reasons.append(f"translations from {va.source_language} and {vb.source_language}: a common source")
        return Direction(None, tuple(reasons))
    if not dated[0]:
        vote += translation[0]
        reasons += translation[1]
    if abs(vote) >= DIRECTION_VOTE:
        return Direction(a.id if vote > 0 else b.id, tuple(reasons))
    return Direction(None, tuple(reasons))


def passage_shares(a: Side, passages: Sequence[Passage], spread: KeyPairSpread, words: int,
                   window: int = SPREAD_WINDOW, compiled: bool = True) -> list[float]:
    """How much of each passage's evidence belongs to the pair: 1 for wording only the two
    documents share, 2/n for wording n documents of the corpus share (a closing formula such
    as "May God protect our troops", a transcript header), from the median spread of the
    passage's key pairs (``words``: the vocabulary size the key ids are numbered in; compiled,
    :func:`~.chain.spread_medians`, or its plain Python: ``compiled``)."""
    from .chain import steps

    medians = steps(compiled).spread_medians(a.keys, a.content > 0,
                                             np.fromiter((p.a_first for p in passages), np.int64, len(passages)),
                                             np.fromiter((p.a_last for p in passages), np.int64, len(passages)),
                                             window, words, spread.codes, spread.documents, SHARED_BY_PAIR)
    return [min(1.0, SHARED_BY_PAIR / max(median, 1)) for median in medians.tolist()]


def openings_only(a: Side, b: Side, passages: Sequence[Passage]) -> bool:
    """Whether every passage lies in the openings of both documents, covering less than half of
    the shorter one: the masthead, dateline or lead-in formula ("The following is attributable
    to the spokesperson: the Secretary spoke today with") that unrelated texts of one outlet
    share, rather than a reprint."""
    if not passages or any(p.a_last >= OPENING_TOKENS or p.b_last >= OPENING_TOKENS for p in passages):
        return False
    aligned = min(sum(p.a_last - p.a_first + 1 for p in passages), sum(p.b_last - p.b_first + 1 for p in passages))
    return aligned < 0.5 * min(len(a.keys), len(b.keys))


def reuse_edge(a: Side, b: Side, passages: Sequence[Passage], direction: Direction,
               params: AlignParams | None = None, shares: Sequence[float] | None = None,
               notes: Sequence[str] = ()) -> Edge:
    """The reuse edge of an aligned pair; evidence spans follow the edge's from/to."""
    forward = direction.origin != b.id
    evidence = tuple(
        Evidence(p.a_start, p.a_end, p.b_start, p.b_end, p.similarity) if forward
        else Evidence(p.b_start, p.b_end, p.a_start, p.a_end, p.similarity)
        for p in passages)
    source, target = (a.id, b.id) if forward else (b.id, a.id)
    return Edge(source, target, "reuse", pair_score(passages, params, shares), direction.origin is not None,
                evidence, "; ".join((*notes, *direction.reasons)))


def reuse_edges(prepared: Sequence[PreparedDoc] | PackedCorpus, pairs: Iterable[CandidatePair], *,
                verdicts: Mapping[str, Verdict] | None = None, citations: Iterable[Citation] = (),
                params: AlignParams | None = None, spread: KeyPairSpread | None = None,
                close: CloseStems | None = None, once_aligning: Callable[[], None] | None = None) -> list[Edge]:
    """Align every candidate pair and turn the pairs with passages into reuse edges (``spread``:
    how many documents hold each key pair, counted from the corpus's postings when not given;
    ``close``: the corpus's table of close stems, when :func:`~.close_stems.close_stems_for` made one;
    ``once_aligning``: called when the first pair is back, the work handed over and the workers busy)."""
    from .chain import worth_compiling

    cited_outlets: dict[str, set[str]] = defaultdict(set)
    for citation in citations:
        cited_outlets[citation.doc].add(source_slug(citation.source.name))
        cited_outlets[citation.doc].add(citation.source.id.removeprefix("src:"))
    corpus = prepared if isinstance(prepared, PackedCorpus) else PackedCorpus.of(prepared)
    documents = corpus.docs
    outlets = {p.id: p.outlet for p in documents}
    words = max(len(corpus.vocabulary), 1)
    spread = spread if spread is not None else KeyPairSpread.of(corpus.postings(SPREAD_WINDOW))
    edges: dict[int, Edge] = {}  # by the pair's place in document order, the order they are reported in
    held = CandidatePairs.of(pairs)
    pairs = held.taken(np.lexsort((held.b, held.a)))
    compiled = worth_compiling(len(pairs))
    visits = visiting_order(pairs.ends(), len(documents))
    aligned = current_engine().map(AlignPair(corpus.without_texts(), params, compiled, close),
                                   (pairs[i] for i in visits), progress.advance)
    sides: OrderedDict[int, Side] = OrderedDict()  # the last documents of the pairs (neighbours come together)
    for visit, passages in zip(visits, aligned):
        if once_aligning is not None:
            once_aligning()
            once_aligning = None
        pair = pairs[visit]
        if passages:
            first, second = (pair.a, pair.b) if documents[pair.a].id < documents[pair.b].id else (pair.b, pair.a)
            a, b = (kept_recently(sides, i, partial(Side.packed, corpus), KEPT_SIDES) for i in (first, second))
            direction = orient(a, b, passages, verdicts=verdicts, cited_outlets=cited_outlets, outlets=outlets)
            shares, notes = passage_shares(a, passages, spread, words, compiled=compiled), []
            if openings_only(a, b, passages):
                shares = [share * OPENING_SHARE for share in shares]
                notes.append("only the openings align (masthead, dateline or lead-in formula): "
                             f"{OPENING_SHARE:.0%} of the evidence counts")
            edges[visit] = reuse_edge(a, b, passages, direction, params, shares, notes)
    return [edges[visit] for visit in sorted(edges)]


# -- shared sources ----------------------------------------------------------------------

def _quote_strength(quote: Quote, similarity: float) -> float:
    """Evidence a matched quote gives: its similarity, scaled down for very short quotes."""
    content_words = sum(1 for word in re.findall(r"\w+", quote.text) if len(word) > 3)
    return similarity * min(1.0, content_words / FULL_QUOTE_WORDS)


def _evidence_order(evidence: Evidence) -> tuple[int, int, int, int, float]:
    """A total order of evidence items (a set's order would follow None's hash, an address)."""
    return (evidence.from_start or 0, evidence.to_start or 0, evidence.from_end or 0, evidence.to_end or 0,
            -1.0 if evidence.similarity is None else evidence.similarity)


@dataclass
class _SharedPair:
    evidence: list[Evidence]
    scores: list[float]
    notes: set[str]


def shared_source_edges(citations: Iterable[Citation], quote_matches: Iterable[tuple[Quote, Quote, float]],
                        files: Mapping[str, str] | None = None) -> tuple[list[Edge], list[Citation]]:
    """Shared-source edges between documents, and the speaker citations they imply.

    Returns ``(shared_edges, speaker_citations)``: when matched quotes in two documents have one
    speaker, both documents cite that speaker's statement (the quotes are the citing spans).
    Two parts of one big file (``files``: the file of each part) are one document: no edge.
    """
    files = files or {}
    pairs: dict[tuple[str, str], _SharedPair] = {}

    def pair_of(doc_a: str, doc_b: str) -> tuple[_SharedPair, bool]:
        key = (doc_a, doc_b) if doc_a < doc_b else (doc_b, doc_a)
        return pairs.setdefault(key, _SharedPair([], [], set())), key[0] == doc_a

    kind_scores = source_kind_scores()
    by_source: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_source[citation.source.id].append(citation)
    for _, cited in sorted(by_source.items()):
        first_by_doc: dict[str, Citation] = {}
        for citation in sorted(cited, key=lambda c: (c.doc, c.start)):
            first_by_doc.setdefault(citation.doc, citation)
        if not 2 <= len(first_by_doc) <= MAX_SHARED_CITERS:
            continue
        for x, y in combinations(sorted(first_by_doc), 2):
            if files.get(x, x) == files.get(y, y):
                continue
            shared, _ = pair_of(x, y)
            cx, cy = first_by_doc[x], first_by_doc[y]
            shared.evidence.append(Evidence(cx.start, cx.end, cy.start, cy.end, None))
            shared.scores.append(kind_scores.get(cx.source.kind, kind_scores.get("other", 0.25)))
            shared.notes.add(f"both cite {cx.source.name}")

    speaker_citations: dict[tuple[str, int, int], Citation] = {}
    for first, second, similarity in quote_matches:
        if first.doc == second.doc:
            continue
        shared, in_order = pair_of(first.doc, second.doc)
        qx, qy = (first, second) if in_order else (second, first)
        shared.evidence.append(Evidence(qx.start, qx.end, qy.start, qy.end, similarity))
        shared.scores.append(_quote_strength(min((first, second), key=lambda q: len(q.text)), similarity))
        if first.speaker and same_speaker(first, second):
            source = statement_source(first.speaker)
            for quote in (first, second):
                speaker_citations[(quote.doc, quote.start, quote.end)] = Citation(
                    quote.doc, quote.start, quote.end, source, "quoted")
            shared.notes.add(f"both quote {first.speaker}")
        elif first.speaker or second.speaker:
            shared.notes.add(f"same words credited to {first.speaker or 'no one'} and {second.speaker or 'no one'}")
        else:
            shared.notes.add("same quoted words")

    edges = [Edge(x, y, "shared-source", combine(s.scores), False,
                  tuple(sorted(set(s.evidence), key=_evidence_order)),
                  "; ".join(sorted(s.notes)))
             for (x, y), s in sorted(pairs.items())]
    return edges, [speaker_citations[k] for k in sorted(speaker_citations)]
