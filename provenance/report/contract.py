"""Build the ``provenance-report/1`` dictionary (see CONTRACT.md) from an Analysis."""
from __future__ import annotations

from dataclasses import replace
from operator import methodcaller
from pathlib import Path
from typing import Any

from ..document import Analysis, AnalyzedDoc
from ..normalize.plan import plan_corpus
from ..trace.model import TRACE_SECTIONS
from .records import Records, materialized

SCHEMA = "provenance-report/1"


def _document(result: AnalyzedDoc) -> dict[str, Any]:
    doc = result.doc
    entry: dict[str, Any] = {
        "id": doc.id,
        "outlet": doc.outlet,
        "date": doc.date,
        "language": result.language.lang,
        "language_confidence": result.language.confidence,
        "mixed_language": result.language.mixed,
        "foreign_segments": [
            {"start": s.start, "end": s.end, "language": s.lang, "confidence": s.confidence}
            for s in result.language.segments
        ],
    }
    if doc.url:
        entry["url"] = doc.url
    if doc.part_of is not None:
        entry["part_of"], entry["offset"] = doc.part_of, doc.offset
    if result.translation is not None:
        entry["translation"] = result.translation.to_dict()
    if result.artifacts is not None:
        entry["artifacts"] = [a.to_dict() for a in result.artifacts]
    if result.derived_from is not None:
        entry["derived_from"] = [c.to_dict() for c in result.derived_from]
    return entry


def corpus_name(root: str) -> str:
    """The corpus folder's or file's own name, not the path it was given by: the same corpus
    gives the same report from any working folder ("seeds" for ``seeds``, ``../x/seeds`` or ``.``
    inside it)."""
    path = Path(root)
    return path.name if path.name not in ("", ".", "..") else path.resolve().name


def build_report(analysis: Analysis) -> dict[str, Any]:
    """The report as a JSON-ready dictionary; sections of stages not run are left out.

    ``normalization`` is what ``provenance normalize`` would do with its default options: the
    changes it proposes and the candidates it leaves as written, each with its reason."""
    return materialized(report_view(analysis))


def report_view(analysis: Analysis) -> dict[str, Any]:
    """:func:`build_report`'s dictionary with its long lists (documents, mentions, edges, quotes,
    conflicts, clusters) as :class:`~.records.Records`, each record made when it is read: what the
    report writers read. The view keeps what its records are made of, not the documents'
    texts (the writers take them packed: :class:`~.texts.PackedTexts`), mentions (the mentions'
    section holds them) or sentence vectors."""
    to_dict = methodcaller("to_dict")
    documents = [replace(r, doc=replace(r.doc, text=""), mentions=None, sentence_vectors=None, fallback_vectors=None)
                 for r in analysis.documents]  # what the records read: the writers take the texts apart
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "corpus": {
            "root": corpus_name(analysis.root),
            "documents": len(analysis.documents),
            "glossary": analysis.glossary_sources,
            "version": analysis.version,
            "stages": ["language", *analysis.stages],
            "warnings": list(analysis.read_warnings),
        },
        "documents": Records(documents, _document),
    }
    if analysis.names is not None:
        report["mentions"] = Records(analysis.names.mentions, to_dict)
        report["entities"] = [e.to_dict() for e in analysis.names.entities]
        report["normalization"] = plan_corpus([r.doc for r in analysis.documents], analysis.names,
                                              glossary=analysis.glossary).to_dict()
    if analysis.trace is not None:
        light = {"edges": methodcaller("link_dict")}  # what the reports read of every edge
        report.update({name: Records(getattr(analysis.trace, name), to_dict, light.get(name))
                       for name in TRACE_SECTIONS})
    return report
