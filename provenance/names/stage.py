"""The names stage's entry point: link a corpus's names to a glossary, then cluster the rest."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .. import progress
from ..allocator import collector_paused
from ..corpus import Document
from ..engine import Engine, SerialEngine, current_engine
from ..engine.forked import forks_workers, inherited_map
from ..engine.tasks import LinkDocumentNames
from .arabic_finder import link_arabic_people
from .cross_script import link_across_scripts
from .discovery import assemble
from .han import HAN_LANGUAGES, link_han
from .link import NameLinker
from .lone_names import resolve_lone_names
from .model import NamesResult
from .ner import NameProposer, mark_proposed
from .spans import ARABIC_SCRIPT_LANGUAGES, Draft

if TYPE_CHECKING:
    from ..glossary import Glossary

APART_FROM_DOCUMENTS = 5_000
"""From this many documents on, the names are linked in a process apart (:meth:`~..engine.Engine.apart`):
the drafts of the documents, some 40 a document, leave the allocator's arenas pinned in the process
that links them (at 10,000 documents of 3 KB the parent grew 84 -> 343 MB linking them in place,
84 -> 201 MB reading the same result back from a process apart), and starting the process costs a
few seconds."""
LINK_SECONDS_PER_CHARACTER = 0.5e-6
"""CPU the finder and linker take per character of text (0.27-0.76 µs on generated news, with the
bundled glossary and with a generated 100,000-entry one)."""
INDEX_SECONDS = 0.35
INDEX_SECONDS_PER_ENTRY = 67e-6
"""CPU a process takes to build the glossary index: about 0.4 s for the bundled glossary, 6.7 s
for 100,000 entries."""


def link_documents(docs: Sequence[Document], glossary: Glossary | None, ner: str, *,
                   stages_follow: bool = True) -> NamesResult:
    """:func:`link_corpus` on the engine in force, with the name tagger ``ner`` (a model spec;
    ``none``: without), in a process apart when the corpus is large (:data:`APART_FROM_DOCUMENTS`) and
    ``stages_follow`` in this process, whose memory the linking would leave grown. When the names are
    the last stage (normalize), they are linked here: the process apart would only add the time to
    start it and to send it the documents and the result back (50 MB of news: 2.5 s of 21); the pool's
    workers are let go first when the linking forks its own."""
    engine = current_engine()
    if stages_follow and len(docs) >= APART_FROM_DOCUMENTS:
        return engine.apart(_link_with_tagger, docs, glossary, ner)
    if not stages_follow and forks_workers(engine):
        engine.rest()  # the linking forks workers of its own and no stage maps after it: the pool's would idle
    return _link_with_tagger(docs, glossary, ner)


def _link_with_tagger(docs: Iterable[Document], glossary: Glossary | None, ner: str) -> NamesResult:
    """:func:`link_corpus` with the name tagger ``ner`` loaded here."""
    from .ner import load_proposer

    return link_corpus(docs, glossary, proposer=load_proposer(ner))


def link_corpus(docs: Iterable[Document], glossary: Glossary | None = None, *,
                linker: NameLinker | None = None, languages: Mapping[str, str] | None = None,
                proposer: NameProposer | None = None) -> NamesResult:
    """Find, link and cluster the names of a corpus: documents are linked one by one
    (on the engine in force, in order), then the unlinked names are clustered across the corpus, the lone names a
    document left open are resolved where one person of its story fits (:mod:`.lone_names`),
    and the people found are looked for in the Arabic-script documents (:mod:`.cross_script`), where
    people the corpus does not know yet are found by their titles and given names
    (:mod:`.arabic_finder`). Pass ``linker`` to reuse a glossary index built before
    (``NameLinker(glossary)``), and ``languages`` (document id -> ISO 639-1, e.g. from the
    language stage) to spare the quick guess per document.
    A ``proposer`` (a name tagger, :mod:`.ner`) adds the spans it finds that no other span
    overlaps; their mentions record the method ``ner``."""
    linker = linker or NameLinker(glossary)
    languages = languages or {}
    texts: list[tuple[str, str, str]] = []
    proposed: list[tuple[str, int, int]] = []
    lone: list[tuple[str, str, list[Draft]]] = []
    with collector_paused():
        per_doc = []
        items = [(doc, lang, proposer.propose(doc.text, lang) if proposer is not None else [])
                 for doc, lang in ((doc, languages.get(doc.id) or doc.language or "") for doc in docs)]
        engine = current_engine()
        if not forks_workers(engine):  # forked workers inherit this process's index: spawned ones build their own
            engine = _linking_engine(len(linker.index.entries), sum(len(doc.text) for doc, _, _ in items))
        linked = inherited_map(engine, LinkDocumentNames(linker), items)
        for (doc, lang, _), (drafts, left_out) in zip(items, linked):
            proposed += [(doc.id, d.start, d.end) for d in drafts if d.proposed]
            per_doc.append((doc.id, drafts))
            lone.append((doc.id, lang or "en", left_out))
            texts.append((doc.id, doc.text if lang in ARABIC_SCRIPT_LANGUAGES or lang in HAN_LANGUAGES else "", lang))
            progress.advance()
        result = resolve_lone_names(assemble(per_doc, linker), lone)
        result = link_arabic_people(link_across_scripts(result, texts, linker.index), texts, linker)
        return mark_proposed(link_han(result, texts), proposed)


def _linking_engine(entries: int, characters: int) -> Engine:
    """The engine to link with: the current one, or this process when its workers would spend
    longer building their glossary indexes (each its own, about twice as slow when they build at
    once) than they would save sharing out the linking (a large glossary, a small corpus: with
    100,000 entries two workers took 70 s on 10 MB, one process 42 s)."""
    engine = current_engine()
    linking = characters * LINK_SECONDS_PER_CHARACTER
    building = INDEX_SECONDS + entries * INDEX_SECONDS_PER_ENTRY
    if engine.workers > 1 and linking * (1 - 1 / engine.workers) <= 2 * building:
        return SerialEngine()
    return engine
