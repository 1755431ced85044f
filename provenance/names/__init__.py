"""Names stage: find name mentions, link them to a glossary, cluster the rest.

``link_corpus(docs, glossary)`` is the entry point; ``translit_keys`` and ``fold_name``
compare spellings; ``suggest_entries`` drafts glossary entries from discovered clusters.
"""
from __future__ import annotations

from .discovery import news_style, suggest_entries
from .keys import fold_name, parse_name, translit_keys
from .link import NameLinker
from .model import METHODS, TYPES, Entity, Mention, NamesResult
from .stage import link_corpus, link_documents

__all__ = ["METHODS", "TYPES", "Entity", "Mention", "NameLinker", "NamesResult", "fold_name", "link_corpus",
           "link_documents", "news_style", "parse_name", "suggest_entries", "translit_keys"]
