"""Glossary: canonical entities and their name variants, from pairs of TSV files.

A glossary is one or more pairs of UTF-8 TSV files, ``NAME.entities.tsv`` (one entity a
line) and ``NAME.aliases.tsv`` (one name variant a line); ``docs/glossary.md`` describes
the format. :mod:`.model` holds entries and the name lookup (:meth:`Glossary.candidates`),
:mod:`.tsv` loads and writes the files, :mod:`.check` checks them, :mod:`.tbx` and
:mod:`.tables` convert to and from TBX-Basic and the two-column tables that translation
tools use. (Drafting entries from a corpus is ``provenance.names.suggest_entries``.)
"""
from __future__ import annotations

from .check import Problem, check_glossary
from .model import CANONICAL, KINDS, TYPES, Alias, Entry, Glossary, GlossaryError, fold
from .tables import export_table, import_table
from .tbx import export_tbx, import_tbx
from .tsv import (
    ALIAS_COLUMNS,
    ALIASES_SUFFIX,
    ENTITIES_SUFFIX,
    ENTITY_COLUMNS,
    default_glossary_paths,
    load_glossary,
    write_glossary,
)

__all__ = [
    "ALIASES_SUFFIX",
    "ALIAS_COLUMNS",
    "CANONICAL",
    "ENTITIES_SUFFIX",
    "ENTITY_COLUMNS",
    "KINDS",
    "TYPES",
    "Alias",
    "Entry",
    "Glossary",
    "GlossaryError",
    "Problem",
    "check_glossary",
    "default_glossary_paths",
    "export_table",
    "export_tbx",
    "fold",
    "import_table",
    "import_tbx",
    "load_glossary",
    "write_glossary",
]
