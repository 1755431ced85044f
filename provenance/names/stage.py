"""The names stage's entry point: link a corpus's names to a glossary, then cluster the rest."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..corpus import Document
from .cross_script import link_across_scripts
from .discovery import assemble
from .index import collector_paused
from .link import NameLinker
from .model import NamesResult
from .spans import ARABIC_SCRIPT_LANGUAGES

if TYPE_CHECKING:
    from ..glossary import Glossary


def link_corpus(docs: Iterable[Document], glossary: Glossary | None = None, *,
                linker: NameLinker | None = None, languages: Mapping[str, str] | None = None) -> NamesResult:
    """Find, link and cluster the names of a corpus: documents are linked one by one
    (streamed), then the unlinked names are clustered across the corpus, and the people found
    are looked for in the Arabic-script documents (:mod:`.cross_script`). Pass ``linker`` to
    reuse a glossary index built before (``NameLinker(glossary)``), and ``languages`` (document
    id -> ISO 639-1, e.g. from the language stage) to spare the quick guess per document."""
    linker = linker or NameLinker(glossary)
    languages = languages or {}
    texts: list[tuple[str, str, str]] = []
    with collector_paused():
        per_doc = []
        for doc in docs:
            lang = languages.get(doc.id) or doc.language or ""
            per_doc.append((doc.id, linker.link_document(doc, lang or None)))
            texts.append((doc.id, doc.text if lang in ARABIC_SCRIPT_LANGUAGES else "", lang))
        return link_across_scripts(assemble(per_doc, linker), texts, linker.index)
