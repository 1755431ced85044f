"""Reversible name normalization: write canonical names in place of variants, and undo it.

:func:`normalize_corpus` writes a normalized copy of every document into ``out_dir`` (a
folder corpus keeps its relative paths and its manifest of metadata; any other corpus
becomes ``normalized.jsonl``): each linked name spelled differently from its entity's
canonical name is rewritten to it when :mod:`.plan` finds the link certain (see
:func:`canonical_form`: spellings only, never a birth name, an abbreviation or another
script), ``mentions.jsonl`` with one line per change
(the original span and surface, the new span and text), and ``normalization.json`` with
what restoring each document byte for byte needs. :func:`undo_normalization` reads those
files back and writes the original documents into ``restore_dir``, checking each one
against its recorded SHA-256.

:mod:`.listed` is the fast pass for archives (``--listed-only``): full names spelt as the glossary
lists them, one automaton pass per document, no name finding.

:mod:`.plan` decides what is certain enough to rewrite (every other candidate is skipped with
its reason; :mod:`.carriers` tells who can carry a short name), :mod:`.rewrite` rewrites one
text, :mod:`.store` writes a normalization and its manifest, :mod:`.undo` restores it.
"""
from __future__ import annotations

from .listed import ListedNames, listed_plan
from .plan import DEFAULT_MIN_SCORE, REASONS, Decision, NormalizationPlan, Planner, PlanOptions, plan_corpus
from .rewrite import MODES, Change, Edit, NormalizeError, canonical_form, normalize_text, restore_text, rewrite_text
from .store import (
    FORMAT,
    JSONL_FILE,
    MANIFEST_FILE,
    MENTIONS_FILE,
    ORIGINALS_DIR,
    ManifestEntry,
    NormalizeSummary,
    normalize_corpus,
    write_normalization,
    write_plan,
)
from .undo import UndoSummary, undo_normalization

__all__ = [
    "DEFAULT_MIN_SCORE",
    "FORMAT",
    "JSONL_FILE",
    "MANIFEST_FILE",
    "MENTIONS_FILE",
    "MODES",
    "ORIGINALS_DIR",
    "REASONS",
    "Change",
    "Decision",
    "Edit",
    "ListedNames",
    "ManifestEntry",
    "NormalizationPlan",
    "NormalizeError",
    "NormalizeSummary",
    "PlanOptions",
    "Planner",
    "UndoSummary",
    "canonical_form",
    "listed_plan",
    "normalize_corpus",
    "normalize_text",
    "plan_corpus",
    "restore_text",
    "rewrite_text",
    "undo_normalization",
    "write_normalization",
    "write_plan",
]
