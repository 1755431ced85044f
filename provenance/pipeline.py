"""The analysis pipeline: the ordered list of stages :func:`analyze` runs over a corpus.

Every step is a named stage in :data:`STAGES`, in the order it runs::

    corpus -> language -> names -> artifacts -> original-spellings -> embed -> trace
           -> attribute -> original-languages

``original-spellings`` and ``original-languages`` are feedback stages: they revise what an
earlier stage found with what a later one learned. ``attribute`` is a follow-up: it runs
whenever the trace does, and adds each document's most likely sources. Each stage enriches the :class:`RunState`
(the :class:`~provenance.document.AnalyzedDoc` of every document and the corpus-level
:class:`~provenance.document.Analysis`); stages that were not run leave ``None`` in the result,
and the reports leave their sections out.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import progress as report_progress
from .artifacts.originals import group_originals, verdicts_from_originals
from .corpus import CorpusWarning, Document, Warn, read_corpus
from .document import Analysis, AnalyzedDoc, DocumentResult
from .engine import Engine, current_engine, using
from .engine.tasks import DetectLanguage, EmbedSentences, FindArtifacts
from .interrupt import check as check_interrupted
from .parts import PART_SIZE
from .types import EdgeKind, StageKind

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["OPTIONAL_STAGES", "STAGES", "Analysis", "AnalyzedDoc", "DocumentResult", "RunState", "Stage",
           "analyze", "analyze_documents", "plan"]

Progress = Callable[[int], None]
TRANSLATION: EdgeKind = "translation"
SEGMENT_READER = "artifacts"
"""The stage that reads the sentences in other languages: without it, language finds none."""


@dataclass
class RunState:
    """What the stages read and enrich during one run."""

    analysis: Analysis
    inputs: Iterable[Document]
    progress: Progress | None = None

    @property
    def documents(self) -> list[AnalyzedDoc]:
        """The analysed documents, in corpus order."""
        return self.analysis.documents


class Stage(Protocol):
    """One step of the pipeline.

    ``requires`` names the earlier stages whose results it reads. An ``optional`` stage runs
    when it is chosen or a chosen stage requires it; a ``core`` stage always runs; a
    ``follow-up`` or ``feedback`` stage runs whenever every stage it requires runs.
    """

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> StageKind: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    def run(self, state: RunState) -> None: ...


@dataclass(frozen=True)
class Step:
    """A stage made of a function of the run state."""

    name: str
    step: Callable[[RunState], None]
    kind: StageKind = "optional"
    requires: tuple[str, ...] = ()
    per_document: bool = False  # reports its progress one document at a time

    def run(self, state: RunState) -> None:
        """Run the stage's function on ``state``."""
        self.step(state)


# ---- the stages, in the order they run -------------------------------------------------

def detect_languages(state: RunState) -> None:
    """language: wrap each document read in an AnalyzedDoc with its detected language."""
    read: list[Document] = []

    def reading() -> Iterator[Document]:
        for doc in state.inputs:
            check_interrupted()
            read.append(doc)
            yield doc

    task = DetectLanguage(segments=SEGMENT_READER in state.analysis.stages)
    for doc_index, language in enumerate(current_engine().map(task, reading(), state.progress)):
        state.documents.append(AnalyzedDoc(doc=read[doc_index], language=language))
        report_progress.advance()


def link_names(state: RunState) -> None:
    """names: find the names of every document and link them to entities."""
    from .names import link_documents

    stages = state.analysis.stages
    state.analysis.names = link_documents([d.stage_doc for d in state.documents], state.analysis.glossary,
                                          state.analysis.ner, stages_follow=stages.index("names") < len(stages) - 1)
    _give_mentions(state)


def find_artifacts(state: RunState) -> None:
    """artifacts: the translation artifacts and the translation verdict of every document."""
    _run_artifacts(state.analysis)


def rename_after_originals(state: RunState) -> None:
    """original-spellings: name discovered entities after their spelling in English originals,
    when the corpus mixes originals and translations (machine translation garbles names:
    Al Kazemi), and look again for artifacts in the documents whose mentions were renamed
    (a garbled spelling shows against the original one)."""
    from .names.discovery import prefer_trusted_spellings

    analysis = state.analysis
    originals = {d.doc.id for d in analysis.documents if d.translation is not None
                 and not d.translation.is_translation and d.language.lang == "en"}
    if analysis.names is None or not originals or len(originals) == len(analysis.documents):
        return
    before = analysis.names
    analysis.names = prefer_trusted_spellings(before, originals)
    if analysis.names is not before:
        pairs = zip(before.mentions, analysis.names.mentions, strict=False)
        renamed = {new.doc for old, new in pairs if old.entity != new.entity}
        _give_mentions(state)
        _run_artifacts(analysis, renamed)


def embed_sentences(state: RunState) -> None:
    """embed: each document's sentence vectors from the multilingual encoder (none when it is off)."""
    from .embed import EmbedItem, embed_fallback
    from .neural import fallback_encoder, load_encoder

    with report_progress.stage("embed: loading the encoder"):
        encoder = load_encoder(state.analysis.encoder)
    if encoder is None:
        return
    texts = ((d.doc.text, d.stage_language) for d in state.documents)
    embedded = current_engine().map(EmbedSentences(state.analysis.encoder), texts, report_progress.advance)
    for document, vectors in zip(state.documents, embedded):
        document.sentence_vectors = vectors
    fallback = fallback_encoder(state.analysis.encoder)
    if fallback is not None:
        items = [EmbedItem(d.doc.id, d.doc.text, d.stage_language, d.doc.date) for d in state.documents]
        found = embed_fallback(items, encoder, fallback)
        for document in state.documents:
            document.fallback_vectors = found.get(document.doc.id)


def trace_documents(state: RunState) -> None:
    """trace: reuse, citations, quotes, translations and conflicts between the documents; with
    sentence vectors, also translation edges between documents whose sentences align."""
    from .trace import trace_corpus
    from .trace.semantic_edges import merge_translation_edges, semantic_translation_edges

    verdicts = {d.doc.id: d.translation for d in state.documents if d.translation is not None}
    docs = [d.stage_doc for d in state.documents]
    result = trace_corpus(docs, state.analysis.names, verdicts)
    vectors = {d.doc.id: d.sentence_vectors for d in state.documents if d.sentence_vectors is not None}
    fallback = {d.doc.id: d.fallback_vectors for d in state.documents if d.fallback_vectors is not None}
    if vectors or fallback:
        with report_progress.stage("trace: aligned sentences across languages"):
            semantic = semantic_translation_edges(docs, vectors, verdicts, fallback)
        result.edges = merge_translation_edges(result.edges, semantic)
    state.analysis.trace = result


def attribute_documents(state: RunState) -> None:
    """attribute: each document's most likely sources, best first, and the passage clusters, both from
    all the trace's edges (the clusters in a forked child meanwhile, with two workers or more); then
    the edges kept in the report are bounded per document."""
    from .attribute import attribute_sources
    from .engine.forked import ForkedCall
    from .trace.clusters import bound_edges, passage_clusters

    trace = state.analysis.trace
    if trace is None:
        return
    docs = {d.stage_doc.id: d.stage_doc for d in state.documents}
    with ForkedCall(current_engine(), passage_clusters, trace.edges, docs) as clusters:
        answers = attribute_sources(trace.edges, [d.doc.id for d in state.documents],
                                    {d.doc.id: d.doc.date for d in state.documents},
                                    {d.doc.id: d.doc.text for d in state.documents})
        trace.clusters = clusters.result()
    for document in state.documents:
        document.derived_from = answers.get(document.doc.id, [])
    trace.edges = bound_edges(trace.edges)


def languages_from_originals(state: RunState) -> None:
    """original-languages: a translation whose original the trace found in the corpus takes
    the original's language as its source language."""
    _sources_from_originals(state.analysis)


STAGES: tuple[Stage, ...] = (
    Step("language", detect_languages, kind="core"),
    Step("names", link_names, requires=("language",), per_document=True),
    Step("artifacts", find_artifacts, requires=("language", "names"), per_document=True),
    Step("original-spellings", rename_after_originals, kind="feedback", requires=("names", "artifacts")),
    Step("embed", embed_sentences, requires=("language",), per_document=True),
    Step("trace", trace_documents, requires=("language", "names", "embed")),
    Step("attribute", attribute_documents, kind="follow-up", requires=("trace",), per_document=True),
    Step("original-languages", languages_from_originals, kind="feedback", requires=("artifacts", "trace")),
)
"""Every stage of the pipeline, in the order they run."""

OPTIONAL_STAGES = tuple(s.name for s in STAGES if s.kind == "optional")
"""The stages a caller can choose (``stages=``); the others run on their own."""


# ---- choosing and running the stages ---------------------------------------------------

def plan(chosen: Iterable[str], stages: Sequence[Stage] = STAGES) -> list[Stage]:
    """The stages to run, in order, for the ``chosen`` optional stages (plus what they require)."""
    wanted = set(chosen)
    unknown = wanted - {s.name for s in stages if s.kind == "optional"}
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    wanted |= {s.name for s in stages if s.kind == "core"}
    for stage in reversed(stages):  # a chosen stage brings the earlier ones it requires
        if stage.name in wanted:
            wanted.update(stage.requires)
    run: list[Stage] = []
    for stage in stages:
        ran = {s.name for s in run}
        if stage.name in wanted or (stage.kind in ("follow-up", "feedback") and set(stage.requires) <= ran):
            if not set(stage.requires) <= ran:
                missing = ", ".join(sorted(set(stage.requires) - ran))
                raise ValueError(f"stage {stage.name!r} requires {missing}, which do not run before it")
            run.append(stage)
    return run


def analyze_documents(
    docs: Iterable[Document],
    root: str,
    *,
    glossary: Glossary | None = None,
    stages: Sequence[str] = OPTIONAL_STAGES,
    progress: Progress | None = None,
    encoder: str | None = None,
    engine: Engine | None = None,
    lm: str | None = None,
    ner: str | None = None,
) -> Analysis:
    """Run the core stages and the chosen optional ``stages`` (with those they require) over documents,
    the per-document ones and the trace's alignments on ``engine`` (by default the one in force)."""
    steps = plan(stages)
    from .neural import encoder_spec
    from .neural.lm import lm_spec
    from .neural.tagger import ner_spec

    analysis = Analysis(root=root, documents=[], glossary=glossary,
                        stages=tuple(s.name for s in steps if s.kind == "optional"), encoder=encoder_spec(encoder),
                        lm=lm_spec(lm), ner=ner_spec(ner))
    state = RunState(analysis, docs, progress)
    with nullcontext() if engine is None else using(engine):
        for step in steps:
            check_interrupted()
            per_document = getattr(step, "per_document", False) and step.kind != "core"
            with report_progress.stage(step.name, len(state.documents) if per_document else None):
                step.run(state)
    check_interrupted()
    return analysis


def analyze(
    path: str | Path,
    *,
    glossary: Glossary | None = None,
    stages: Sequence[str] = OPTIONAL_STAGES,
    warn: Warn | None = None,
    progress: Progress | None = None,
    encoder: str | None = None,
    engine: Engine | None = None,
    lm: str | None = None,
    ner: str | None = None,
    part_size: int | None = PART_SIZE,
    **read_options: Any,
) -> Analysis:
    """Read the corpus at ``path`` (streamed into the language stage) and run the stages over it;
    what reading skipped is passed to ``warn`` and kept in :attr:`Analysis.read_warnings`. A text
    file of more bytes than ``part_size`` is read and analysed in parts (None: every file whole)."""
    noted: list[str] = []
    folder = Path(path) if Path(path).is_dir() else Path(path).parent  # a record file's own name stays
    prefix = f"{folder}/"

    def note(message: str) -> None:
        noted.append(message.removeprefix(prefix))
        if warn is not None:
            warn(message)
        else:
            warnings.warn(message, CorpusWarning, stacklevel=2)

    docs = read_corpus(path, warn=note, part_size=part_size, **read_options)
    analysis = analyze_documents(docs, root=str(path), glossary=glossary, stages=stages, progress=progress,
                                 encoder=encoder, engine=engine, lm=lm, ner=ner)
    analysis.read_warnings = noted
    return analysis


# ---- helpers of the stages -------------------------------------------------------------

def _give_mentions(state: RunState) -> None:
    """Hand each document its mentions from the corpus-level names result."""
    by_doc = state.analysis.names.by_doc() if state.analysis.names is not None else {}
    for document in state.documents:
        document.mentions = by_doc.get(document.doc.id, [])


def _run_artifacts(analysis: Analysis, only: set[str] | None = None) -> None:
    """Artifacts and the translation verdict of every document (or of the ids in ``only``)."""
    chosen = [d for d in analysis.documents if only is None or d.doc.id in only]
    items = ((d.doc, d.language.lang, d.mentions or [], d.language.segments) for d in chosen)
    task = FindArtifacts(analysis.glossary, analysis.lm)
    for document, (found, verdict) in zip(chosen, current_engine().map(task, items)):
        document.artifacts, document.translation = found, verdict
        report_progress.advance()


def _sources_from_originals(analysis: Analysis, languages: Mapping[str, str | None] | None = None) -> None:
    """A document whose original the trace found in the corpus (a directed translation edge) is
    a translation, from the original's language (``languages``, by default each document's stage
    language): the artifacts only guess it, and miss careful human translations."""
    if languages is None:
        languages = {d.doc.id: d.stage_language for d in analysis.documents}
    edges = [(e.source, e.target, e.score) for e in (analysis.trace.edges if analysis.trace is not None else ())
             if e.kind == TRANSLATION and e.directed]
    documents = {d.doc.id: d for d in analysis.documents}
    verdicts = {i: d.translation for i, d in documents.items() if d.translation is not None}
    artifacts = {i: d.artifacts or [] for i, d in documents.items()}
    changed = verdicts_from_originals(verdicts, artifacts, group_originals(edges, languages))
    for doc_id, verdict in changed.items():
        documents[doc_id].translation = verdict
