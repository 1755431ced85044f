"""The trace stage: which document's wording derives from which source.

:func:`trace_corpus` builds the provenance graph of a corpus: the outside sources documents
cite, reuse edges between documents whose wording aligns (on canonicalized names), shared-source
edges between documents that render one outside source, the quotes with their speakers, and
the conflicts between documents, and translation edges between documents in two languages
whose names and figures come in the same order.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import progress
from ..artifacts.model import Verdict
from ..corpus import Document
from ..engine import current_engine
from ..engine.background import BackgroundCall, BackgroundMap
from ..engine.tasks import FindStatements
from ..names.model import Mention, NamesResult
from .align import AlignParams, fuzzy_flags
from .candidates import candidate_pairs
from .close_stems import close_stems_for
from .conflicts import Claim, find_conflicts
from .graph import SPREAD_WINDOW, citation_edges, reuse_edges, shared_source_edges
from .model import Citation, Conflict, ConflictItem, Edge, Evidence, Quote, Source, TraceResult
from .packed import KeyPairSpread, PackedCorpus
from .quote_match import match_quotes
from .sources import merge_sources
from .translation import relabel_across_languages, translation_edges

__all__ = ["Citation", "Conflict", "ConflictItem", "Edge", "Evidence", "Quote", "Source", "TraceResult",
           "trace_corpus"]

_EDGE_KIND_ORDER = {"citation": 0, "reuse": 1, "shared-source": 2, "translation": 3}


def trace_corpus(docs: Sequence[Document], names: NamesResult | None = None,
                 verdicts: Mapping[str, Verdict] | None = None, *,
                 params: AlignParams | None = None) -> TraceResult:
    """Sources, edges, quotes and conflicts of a corpus; deterministic for a given input.

    The quotes and citations are found by the engine's workers while this process weighs the
    words and counts the candidate pairs alone, and the translations and conflicts on a thread of
    this process while the workers align the pairs (:mod:`provenance.engine.background`)."""
    docs = sorted(docs, key=lambda d: d.id)
    mentions_by_doc: Mapping[str, Sequence[Mention]] = names.by_doc() if names is not None else {}
    engine = current_engine()
    files = {doc.id: doc.part_of for doc in docs if doc.part_of is not None}
    compared = len({files.get(doc.id, doc.id) for doc in docs}) > 1  # the parts of one file alone make no pair
    if compared:
        with progress.stage("trace: preparing documents", len(docs)):
            gathered = PackedCorpus.gather(docs, mentions_by_doc)
    statements = BackgroundMap(engine, FindStatements(), ((doc, mentions_by_doc.get(doc.id, ())) for doc in docs))
    if compared:
        with progress.stage("trace: weighing words"):
            prepared = PackedCorpus.weighed(gathered)
        with progress.stage("trace: candidate pairs"):
            postings = prepared.postings(SPREAD_WINDOW)  # the key pairs the candidates and the reuse weighing count
            candidates = candidate_pairs(prepared, window=SPREAD_WINDOW, postings=postings)
            spread = KeyPairSpread.of(postings)
            del postings
        with progress.stage("trace: close spellings"):
            align_params = params or AlignParams()
            close = close_stems_for(prepared, candidates, fuzzy_flags(prepared.vocabulary, align_params),
                                    align_params.fuzzy_cutoff)
    quotes: list[Quote] = []
    citations: list[Citation] = []
    claims: list[Claim] = []
    for found_quotes, found_citations, found_claims in statements.results("trace: quotes and citations", len(docs)):
        quotes.extend(found_quotes)
        citations.extend(found_citations)
        claims.extend(found_claims)
    del statements
    quotes.sort(key=lambda q: (q.doc, q.start, q.end))
    citations.sort(key=lambda c: (c.doc, c.start, c.end, c.source.id))
    with progress.stage("trace: matching quotes", len(quotes)):
        quote_matches = match_quotes(quotes, files)

    with progress.stage("trace: sources cited and shared"):
        shared, speaker_citations = shared_source_edges(citations, quote_matches, files)
        sources, citations = merge_sources([*citations, *speaker_citations])
    edges = citation_edges(citations) + shared
    reuse: list[Edge] = []
    beside = BackgroundCall(engine, _translations_and_conflicts, docs, mentions_by_doc, verdicts, quotes,
                            quote_matches, claims)
    if compared:
        engine.rest()  # the alignment starts workers of its own
        with progress.stage("trace: aligning pairs", len(candidates)):
            reuse = reuse_edges(prepared, candidates, verdicts=verdicts, citations=citations, params=params,
                                spread=spread, close=close, once_aligning=beside.start)
        del prepared
        engine.rest(wait=False)  # what is left runs here: the workers that aligned stop meanwhile
    with progress.stage("trace: translations between languages and conflicts"):
        translations, conflicts = beside.result()
    edges += relabel_across_languages(reuse, translations, {d.id: d.language for d in docs}) + translations
    edges.sort(key=lambda e: (_EDGE_KIND_ORDER.get(e.kind, 9), e.source, e.target, -e.score))
    return TraceResult(sources=sources, edges=edges, quotes=quotes, conflicts=conflicts)


def _translations_and_conflicts(docs: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]],
                                verdicts: Mapping[str, Verdict] | None, quotes: Sequence[Quote],
                                quote_matches: Sequence[tuple[Quote, Quote, float]], claims: Sequence[Claim]
                                ) -> tuple[list[Edge], list[Conflict]]:
    """The translation edges between languages and the conflicts: neither needs the alignment,
    and the trace finds them on a thread while the workers align the pairs."""
    return translation_edges(docs, mentions_by_doc, verdicts), \
        find_conflicts(docs, quotes, quote_matches, mentions_by_doc, claims)

