"""The document model the pipeline enriches stage by stage, and the corpus-level analysis.

A :class:`~provenance.corpus.Document` is what the corpus reader read; an :class:`AnalyzedDoc`
wraps it and each stage fills in what it finds: the language stage ``language``, the names
stage ``mentions``, the artifacts stage ``artifacts`` and ``translation`` (the verdict), the
attribute stage ``derived_from``. A
field a stage did not run for stays ``None``. New per-document results (frames, sentence
vectors) are new fields here, filled by the stage that computes them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .corpus import Document
from .lang import DocLanguage

if TYPE_CHECKING:
    from .artifacts import Artifact, Verdict
    from .attribute import SourceClaim
    from .embed import SentenceVectors
    from .glossary import Glossary
    from .names import Mention, NamesResult
    from .trace.model import TraceResult

__all__ = ["Analysis", "AnalyzedDoc", "Document", "DocumentResult"]


@dataclass
class AnalyzedDoc:
    """One document of the corpus, as read, with what the stages found in it."""

    doc: Document
    language: DocLanguage
    artifacts: list[Artifact] | None = None
    translation: Verdict | None = None
    mentions: list[Mention] | None = field(default=None, kw_only=True)
    sentence_vectors: SentenceVectors | None = field(default=None, kw_only=True)
    """The document's sentences and their vectors (the embed stage; None without an encoder)."""
    fallback_vectors: SentenceVectors | None = field(default=None, kw_only=True)
    """Its vectors from the fallback encoder, when it or a document it may translate is in a
    language the encoder lacks (the embed stage)."""
    derived_from: list[SourceClaim] | None = field(default=None, kw_only=True)
    """Where the document's wording most likely comes from, best first (the attribute stage)."""

    @property
    def stage_language(self) -> str:
        """The language later stages read: the declared one, else the detected one."""
        return self.doc.language or self.language.lang

    @property
    def stage_doc(self) -> Document:
        """The document as the names and trace stages read it: with :attr:`stage_language`."""
        return self.doc if self.doc.language else replace(self.doc, language=self.language.lang)


DocumentResult = AnalyzedDoc
"""The former name of :class:`AnalyzedDoc` (kept for existing code)."""


@dataclass
class Analysis:
    """Everything the pipeline found in a corpus, ready for the report writers."""

    root: str
    documents: list[AnalyzedDoc]
    glossary: Glossary | None = None
    names: NamesResult | None = None
    trace: TraceResult | None = None
    stages: tuple[str, ...] = ()
    version: str = __version__
    encoder: str = "none"
    """The sentence encoder spec the embed stage uses (``none``: no encoder)."""
    lm: str = "none"
    """The causal language model spec of the fluency detector (``none``: off)."""
    ner: str = "none"
    """The token-classification model folder that proposes names (``none``: off)."""
    read_warnings: list[str] = field(default_factory=list)
    """What reading the corpus skipped or decoded with a guess, one line each, paths relative to the root."""

    @property
    def glossary_sources(self) -> list[str]:
        """The glossary files that were loaded, by file name and content hash
        (``iraq.entities.tsv sha256:1a2b3c4d5e6f``): the same glossary gives the same report
        from any working folder and wherever the tool is installed."""
        return [_content_label(s) for s in self.glossary.sources] if self.glossary is not None else []


def _content_label(path: str) -> str:
    """A file's name and the first 12 hex digits of its SHA-256 (the name alone if unreadable)."""
    try:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except OSError:
        return Path(path).name
    return f"{Path(path).name} sha256:{digest}"
