"""The analysis pipeline: corpus -> text -> lang -> names -> artifacts -> trace.

:func:`analyze` runs every stage over a corpus and returns an :class:`Analysis`, which the
report writers turn into files. Stages that were not run are ``None`` in the result and are
left out of the reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import __version__
from .corpus import Document, Warn, read_corpus
from .lang import DocLanguage, detect_document
from .text import sentences

Progress = Callable[[int], None]


@dataclass
class DocumentResult:
    """What the per-document stages found in one document."""

    doc: Document
    language: DocLanguage


@dataclass
class Analysis:
    """Everything the pipeline found in a corpus, ready for the report writers."""

    root: str
    documents: list[DocumentResult]
    glossary_sources: list[str] = field(default_factory=list)
    version: str = __version__


def analyze_documents(docs: Iterable[Document], root: str, progress: Progress | None = None) -> Analysis:
    """Run every stage over already-read documents."""
    results: list[DocumentResult] = []
    for doc in docs:
        spans = sentences(doc.text)
        results.append(DocumentResult(doc=doc, language=detect_document(doc.text, spans)))
        if progress:
            progress(1)
    return Analysis(root=root, documents=results)


def analyze(path: str | Path, *, warn: Warn | None = None, progress: Progress | None = None, **read_options) -> Analysis:
    """Read the corpus at ``path`` and run every stage over it."""
    kwargs = dict(read_options)
    if warn is not None:
        kwargs["warn"] = warn
    return analyze_documents(read_corpus(path, **kwargs), root=str(path), progress=progress)
