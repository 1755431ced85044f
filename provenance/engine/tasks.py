"""The tasks the pipeline maps over documents and the trace maps over candidate pairs.

Each holds what every item needs and is pickled once per map; ``setup`` builds the heavy part
(a glossary index, an encoder) once per worker. A task's result depends on its item alone, so
any engine, with any number of workers, gives the same results in the same order.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..artifacts.model import Artifact, Verdict
    from ..corpus import Document
    from ..embed import SentenceVectors
    from ..lang import DocLanguage, Segment
    from ..names.link import NameLinker
    from ..names.model import Mention
    from ..names.spans import Draft, Proposal
    from ..neural import Encoder
    from ..neural.lm import CausalLM
    from ..trace.align import AlignParams, AlignView, FuzzyFlags, Passage
    from ..trace.candidates import CandidatePair, Lexicon
    from ..trace.close_stems import CloseStems
    from ..trace.conflicts import Claim
    from ..trace.model import Citation, Quote
    from ..trace.packed import PackedCorpus, PackedDoc

ArtifactsItem = tuple["Document", str, "Sequence[Mention]", "Sequence[Segment]"]


@dataclass(frozen=True)
class DetectLanguage:
    """language: a document's language, and the sentences written in others (``segments``: only
    when a stage reads them; a sentence-by-sentence pass costs more than the rest of normalize)."""

    segments: bool = True

    def setup(self) -> None:
        """Nothing to build: the detectors load their profiles on first use."""

    def run(self, state: None, doc: Document) -> DocLanguage:
        from .. import lang
        from ..text import sentences

        if not self.segments:
            overall = lang.detect(doc.text)
            return lang.DocLanguage(overall.lang, overall.confidence)
        return lang.detect_document(doc.text, sentences(doc.text))


class LinkDocumentNames:
    """names: one document's linked name spans, and the lone names it leaves for the corpus to resolve.

    Pickled as its glossary: a worker builds the index (automaton, keys) once, from it."""

    def __init__(self, linker: NameLinker) -> None:
        self.linker = linker

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _linker_task, (self.linker.glossary,)

    def setup(self) -> NameLinker:
        return self.linker

    def run(self, linker: NameLinker, item: tuple[Document, str, Sequence[Proposal]]
            ) -> tuple[list[Draft], list[Draft]]:
        doc, lang, proposals = item
        return linker.link_document_with_lone_names(doc, lang or None, proposals)


def _linker_task(glossary: Any) -> LinkDocumentNames:
    from ..names.link import NameLinker

    return LinkDocumentNames(NameLinker(glossary))


@dataclass(frozen=True)
class FindArtifacts:
    """artifacts: a document's translation artifacts and its translation verdict."""

    glossary: Any
    lm: str | None = None
    """The causal language model of the fluency detector (``--lm``), loaded once per worker; None: off."""

    def setup(self) -> CausalLM | None:
        """The language model, when one is asked for (the detectors' tables load on first use)."""
        from ..neural.lm import load_language_model

        return load_language_model(self.lm)

    def run(self, language_model: CausalLM | None, item: ArtifactsItem) -> tuple[list[Artifact], Verdict]:
        from ..artifacts import detect_artifacts, translation_verdict

        doc, lang, mentions, segments = item
        found = detect_artifacts(doc, lang, mentions, self.glossary, foreign_segments=segments,
                                 language_model=language_model)
        return found, translation_verdict(doc, lang, found)


@dataclass(frozen=True)
class EmbedSentences:
    """embed: a document's sentence vectors (None when the encoder does not cover its language)."""

    encoder: str
    chunk: ClassVar[int] = 4  # e5 takes about a second a document: a chunk of 16 would hide the progress for 15 s

    def setup(self) -> Encoder:
        from ..neural import load_encoder

        encoder = load_encoder(self.encoder)
        if encoder is None:
            raise ValueError(f"no encoder for {self.encoder!r}")
        return encoder

    def run(self, encoder: Encoder, item: tuple[str, str | None]) -> SentenceVectors | None:
        from ..embed import embed_text

        return embed_text(item[0], item[1], encoder)


@dataclass(frozen=True)
class PrepareForTrace:
    """trace: a document keyed for matching (:func:`~provenance.trace.candidates.prepare_document`),
    packed on a vocabulary of its own."""

    lexicon: Lexicon | None = None

    def setup(self) -> None:
        """Nothing to build: the default lexicon loads on first use."""

    def run(self, state: None, item: tuple[Document, Sequence[Mention]]) -> PackedDoc:
        from ..trace.packed import PackedDoc

        doc, mentions = item
        packed = PackedDoc.prepare(doc, mentions, self.lexicon)
        return replace(packed, doc=replace(packed.doc, text=""))  # the parent has the text


@dataclass(frozen=True)
class FindStatements:
    """trace: a document's quotes with their speakers, the outside sources it cites, and the ages
    and casualty figures it states (for the fact conflicts): one trip to the workers for the three."""

    def setup(self) -> None:
        """Nothing to build: the cue tables and figure patterns load on first use."""

    def run(self, state: None, item: tuple[Document, Sequence[Mention]]
            ) -> tuple[list[Quote], list[Citation], list[Claim]]:
        from ..trace.attribution import analyze_frames, extract_quotes
        from ..trace.conflicts import stated_figures
        from ..trace.sources import extract_citations

        doc, mentions = item
        frames = analyze_frames(doc, mentions)
        return extract_quotes(doc, frames), extract_citations(doc, mentions, frames), stated_figures(doc, mentions)


@dataclass(frozen=True)
class AlignPair:
    """trace: the aligned passages of a candidate pair, its documents in id order. Each worker holds
    the whole packed corpus, and reads a document's alignment view off its arrays when a pair
    needs it (the state keeps the last ones: pairs come in :func:`~provenance.trace.packed.visiting_order`)."""

    prepared: PackedCorpus
    params: AlignParams | None = None
    compiled: bool = True
    """Whether the chaining runs compiled, or as plain Python (a few pairs: :mod:`~provenance.trace.chain`)."""
    close: CloseStems | None = None
    """The corpus's close stems, looked up instead of compared pair by pair, when it has the table."""
    kept: ClassVar[int] = 8192
    fresh_workers: ClassVar[bool] = True
    """Run on workers started for it: each takes the whole corpus, and what the per-document
    stages left in a worker (half a gigabyte at 100,000 files) is let go first."""

    def setup(self) -> AlignState:
        """No views yet, and which words of the vocabulary are compared fuzzily."""
        from ..trace.align import fuzzy_flags

        return AlignState(OrderedDict(), fuzzy_flags(self.prepared.vocabulary, self.params or _default_align_params()))

    def run(self, state: AlignState, pair: CandidatePair) -> list[Passage]:
        from ..trace.align import align_views
        from ..trace.chain import steps

        a, b = self._view(state, pair.a), self._view(state, pair.b)
        params, chaining = self.params or _default_align_params(), steps(self.compiled)
        return align_views(a, b, params, chaining, self.close) if a.id < b.id \
            else align_views(b, a, params, chaining, self.close)

    def _view(self, state: AlignState, i: int) -> AlignView:
        from ..trace.align import AlignView
        from ..trace.chain import steps
        from ..trace.packed import kept_recently

        chaining = steps(self.compiled)
        return kept_recently(state.views, i, lambda index: AlignView.packed(self.prepared, index, state.fuzzy,
                                                                            self.close, chaining), self.kept)


@dataclass(frozen=True)
class AlignState:
    """What a worker keeps between pairs: the views of the documents aligned lately, by index, and
    which words of the vocabulary are compared fuzzily."""

    views: OrderedDict[int, AlignView]
    fuzzy: FuzzyFlags


def _default_align_params() -> AlignParams:
    from ..trace.align import AlignParams

    return AlignParams()
