"""The analysis pipeline: corpus -> text -> lang -> names -> artifacts -> trace.

:func:`analyze` runs the stages over a corpus and returns an :class:`Analysis`, which the
report writers turn into files. Stages that were not run are ``None`` in the result and are
left out of the reports.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from . import __version__
from .corpus import Document, Warn, read_corpus
from .lang import DocLanguage, detect_document
from .text import sentences

if TYPE_CHECKING:
    from .artifacts import Artifact, Verdict
    from .glossary import Glossary
    from .names import NamesResult
    from .trace.model import TraceResult

Progress = Callable[[int], None]
STAGES = ("names", "artifacts", "trace")
"""The optional stages, in the order data flows through them (language always runs)."""


@dataclass
class DocumentResult:
    """What the per-document stages found in one document."""

    doc: Document
    language: DocLanguage
    artifacts: list[Artifact] | None = None
    translation: Verdict | None = None


@dataclass
class Analysis:
    """Everything the pipeline found in a corpus, ready for the report writers."""

    root: str
    documents: list[DocumentResult]
    glossary: Glossary | None = None
    names: NamesResult | None = None
    trace: TraceResult | None = None
    stages: tuple[str, ...] = ()
    version: str = __version__

    @property
    def glossary_sources(self) -> list[str]:
        """The glossary files that were loaded, relative to the working folder where they
        lie below it (so that reports do not depend on where the tool is installed)."""
        return [_display_path(s) for s in self.glossary.sources] if self.glossary is not None else []


def _display_path(path: str) -> str:
    """``path`` relative to the working folder, or to the installed package's parent."""
    resolved = Path(path).resolve()
    for base in (Path.cwd().resolve(), Path(__file__).resolve().parent.parent):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return Path(path).as_posix()


def analyze_documents(
    docs: Iterable[Document],
    root: str,
    *,
    glossary: Glossary | None = None,
    stages: Sequence[str] = STAGES,
    progress: Progress | None = None,
) -> Analysis:
    """Run the language stage and the chosen optional ``stages`` over documents."""
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    results: list[DocumentResult] = []
    for doc in docs:
        results.append(DocumentResult(doc=doc, language=detect_document(doc.text, sentences(doc.text))))
        if progress:
            progress(1)
    chosen = tuple(s for s in STAGES if s in stages or (s == "names" and set(stages) & {"artifacts", "trace"}))
    analysis = Analysis(root=root, documents=results, glossary=glossary, stages=chosen)
    # later stages read a document's language: the declared one, else the detected one
    stage_docs = [r.doc if r.doc.language else replace(r.doc, language=r.language.lang) for r in results]
    if "names" in chosen:
        from .names import link_corpus

        analysis.names = link_corpus(stage_docs, glossary)
    if "artifacts" in chosen:
        _run_artifacts(analysis)
        _prefer_original_spellings(analysis)
    if "trace" in chosen:
        from .trace import trace_corpus

        verdicts = {r.doc.id: r.translation for r in results if r.translation is not None}
        analysis.trace = trace_corpus(stage_docs, analysis.names, verdicts)
        _sources_from_originals(analysis, {d.id: d.language for d in stage_docs})
    return analysis


def _sources_from_originals(analysis: Analysis, languages: dict[str, str | None]) -> None:
    """A translation whose original is in the corpus (a directed translation edge) takes the
    original's language as its source language: the artifacts only guess it."""
    results = {r.doc.id: r for r in analysis.documents}
    for edge in analysis.trace.edges if analysis.trace is not None else ():
        result = results.get(edge.target)
        if edge.kind != "translation" or not edge.directed or result is None or result.translation is None:
            continue
        verdict, language = result.translation, languages.get(edge.source)
        if verdict.is_translation and language and verdict.source_language != language:
            result.translation = replace(verdict, source_language=language, reasons=verdict.reasons + (
                f"its original is in the corpus: {edge.source} ({language})",))


def _prefer_original_spellings(analysis: Analysis) -> None:
    """Name discovered entities after their spelling in English originals, when the corpus
    mixes originals and translations (machine translation garbles names: Al Kazemi), and look
    again for artifacts in the documents whose mentions were renamed (a garbled spelling shows
    against the original one)."""
    from .names.discovery import prefer_trusted_spellings

    originals = {r.doc.id for r in analysis.documents if r.translation is not None
                 and not r.translation.is_translation and r.language.lang == "en"}
    if analysis.names is None or not originals or len(originals) == len(analysis.documents):
        return
    before = analysis.names
    analysis.names = prefer_trusted_spellings(before, originals)
    if analysis.names is not before:
        renamed = {new.doc for old, new in zip(before.mentions, analysis.names.mentions) if old.entity != new.entity}
        _run_artifacts(analysis, renamed)


def _run_artifacts(analysis: Analysis, only: set[str] | None = None) -> None:
    """Artifacts and the translation verdict of every document (or of the ids in ``only``)."""
    from .artifacts import detect_artifacts, translation_verdict

    by_doc = analysis.names.by_doc() if analysis.names is not None else {}
    for result in analysis.documents:
        if only is not None and result.doc.id not in only:
            continue
        lang = result.language.lang
        result.artifacts = detect_artifacts(result.doc, lang, by_doc.get(result.doc.id, []), analysis.glossary,
                                            foreign_segments=result.language.segments)
        result.translation = translation_verdict(result.doc, lang, result.artifacts)


def analyze(
    path: str | Path,
    *,
    glossary: Glossary | None = None,
    stages: Sequence[str] = STAGES,
    warn: Warn | None = None,
    progress: Progress | None = None,
    **read_options,
) -> Analysis:
    """Read the corpus at ``path`` and run the stages over it."""
    if warn is not None:
        read_options["warn"] = warn
    docs = read_corpus(path, **read_options)
    return analyze_documents(docs, root=str(path), glossary=glossary, stages=stages, progress=progress)
