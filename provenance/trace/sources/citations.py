"""Outside sources a document cites: agencies, newspapers, reports, statements, social posts.

Each citation is the span of the document that names the source, with a :class:`Source`
whose id is the same across documents for the same outside source:

- known agencies, outlets and institutions with their aliases and translations
  (``data/sources/sources.tsv``, ``aliases.tsv``: "The New York Times"/"NYT"/"نيويورك تايمز"
  are ``src:new-york-times``; "Anatolia"/"الأناضول" are ``src:anadolu``), found anywhere for
  distinctive names, and next to a citation cue or as a credit ("(AFP)") for ambiguous ones;
- other named organizations and outlets next to a citation cue ("according to", "reported",
  "communicated by", "selon", "según", "laut", "وفقا ل"; ``data/sources/cues.tsv``),
  with acronyms defined in the text ("Iraqi Security Media Cell (ISMC)") tied to their name;
- posts on social platforms ("tweeted", "took to Twitter", "said on its Facebook page"), the
  owner being the speaker of the sentence, and tweets embedded as ``— Name (@handle) date``;
- back-references ("according to the report") to the last cited source of that kind.

Boilerplate lines ("Follow us on Twitter") and the document's own outlet are not citations.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ...corpus import Document
from ...names.model import Mention
from ..attribution.frames import DocumentFrames
from ..model import Citation
from .catalog import alias_key, catalog
from .known import known_citations
from .named import acronym_known, defined_acronyms, named_spans, quoted_citations, unknown_citations, without_acronym
from .statements import back_references, social_citations, spokesperson_citations, statement_citations


def extract_citations(doc: Document, mentions: Sequence[Mention], analysis: DocumentFrames) -> list[Citation]:
    """The outside sources ``doc`` cites, one citation per naming span, sorted by position;
    ``analysis`` is the document's resolved reporting frames (:func:`analyze_frames`)."""
    mentions = [m for m in mentions if m.doc == doc.id]
    known = known_citations(doc)
    named = named_spans(doc.text, mentions)
    acronyms = defined_acronyms(doc.text, named)
    unknown = unknown_citations(doc, named, acronyms, known)
    definitions = acronym_known(acronyms)
    unknown = [replace(c, source=catalog().sources[definitions[alias_key(without_acronym(c.source.name))]])
               if alias_key(without_acronym(c.source.name)) in definitions else c for c in unknown]
    social = social_citations(doc, analysis)
    statements = statement_citations(doc, analysis) + spokesperson_citations(doc)
    quoted = quoted_citations(doc, known + unknown)
    cited = known + unknown + quoted + social + statements
    cited += back_references(doc, cited)
    return _merge_overlaps(cited)


def _merge_overlaps(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per stretch of text naming one source (overlapping cues merged)."""
    merged: list[Citation] = []
    for c in sorted(citations, key=lambda c: (c.source.id, c.start, -c.end)):
        last = merged[-1] if merged else None
        if last is not None and last.source.id == c.source.id and c.start < last.end:
            merged[-1] = replace(last, end=max(last.end, c.end))
        else:
            merged.append(c)
    return sorted(merged, key=lambda c: (c.start, c.end, c.source.id))
