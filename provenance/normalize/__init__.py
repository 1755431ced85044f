"""Reversible name normalization: write canonical names in place of variants, and undo it.

:func:`normalize_corpus` writes a normalized copy of every document into ``out_dir`` (a
folder corpus keeps its relative paths and its manifest of metadata; any other corpus
becomes ``normalized.jsonl``): each linked name spelled differently from its entity's
canonical name is rewritten to it (see :func:`canonical_form`: spellings only, never a
birth name, an abbreviation or another script), ``mentions.jsonl`` with one line per change
(the original span and surface, the new span and text), and ``normalization.json`` with
what restoring each document byte for byte needs. :func:`undo_normalization` reads those
files back and writes the original documents into ``restore_dir``, checking each one
against its recorded SHA-256.

:mod:`.rewrite` rewrites one text, :mod:`.store` writes a normalization and its manifest,
:mod:`.undo` restores it.
"""
from __future__ import annotations

from .rewrite import MODES, Change, NormalizeError, canonical_form, normalize_text, restore_text
from .store import (
    FORMAT,
    JSONL_FILE,
    MANIFEST_FILE,
    MENTIONS_FILE,
    ORIGINALS_DIR,
    ManifestEntry,
    NormalizeSummary,
    normalize_corpus,
)
from .undo import UndoSummary, undo_normalization

__all__ = [
    "FORMAT",
    "JSONL_FILE",
    "MANIFEST_FILE",
    "MENTIONS_FILE",
    "MODES",
    "ORIGINALS_DIR",
    "Change",
    "ManifestEntry",
    "NormalizeError",
    "NormalizeSummary",
    "UndoSummary",
    "canonical_form",
    "normalize_corpus",
    "normalize_text",
    "restore_text",
    "undo_normalization",
]
