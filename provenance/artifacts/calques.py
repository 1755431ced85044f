"""Calques, false friends and mistranslations in English text.

Each source language has a table (``data/<lang>/calques.tsv``) of surface patterns with the
expression they render, a kind (``calque`` or ``mistranslation``), a score, optional
``requires`` / ``unless`` patterns checked in the same sentence, and a one-line explanation.
A row applies to documents in English unless its ``in`` column names other document
languages: ``data/en/calques.tsv`` holds English wording rendered literally in French,
Spanish, German or Italian text ("prendre place" for "take place").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.literals import Prefilter
from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import DEFAULT_DOCUMENT_LANGUAGE, compile_pattern, document_languages, language_rows

DETECTOR = "calques"


@dataclass(frozen=True)
class CalqueEntry:
    """One row of a calque table."""

    lang: str
    regex: re.Pattern[str]
    source: str
    kind: str
    score: float
    requires: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    explanation: str
    document_languages: tuple[str, ...] = (DEFAULT_DOCUMENT_LANGUAGE,)


@lru_cache(maxsize=1)
def calque_entries() -> tuple[CalqueEntry, ...]:
    """Every calque-table row of every language."""
    return tuple(
        CalqueEntry(
            lang=lang,
            regex=compile_pattern(row["pattern"]),
            source=row["source"],
            kind=row["kind"],
            score=float(row["score"]),
            requires=compile_pattern(row["requires"]) if row["requires"] else None,
            unless=compile_pattern(row["unless"]) if row["unless"] else None,
            explanation=row["explanation"],
            document_languages=document_languages(row),
        )
        for lang, row in language_rows("calques.tsv")
    )


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    """The quick test of every row's expression."""
    return Prefilter([entry.regex for entry in calque_entries()])


def detect(ctx: Context) -> list[Artifact]:
    """Calque and mistranslation artifacts of a document, by the rows for its language."""
    hits = []
    entries = calque_entries()
    for row in _prefilter().candidates(ctx.folded):
        entry = entries[row]
        if ctx.language not in entry.document_languages or entry.lang == ctx.language:
            continue
        for start, end, _ in spans(entry.regex, ctx.text):
            sentence = ctx.sentence_at(start).text
            if entry.requires and not entry.requires.search(sentence):
                continue
            if entry.unless and entry.unless.search(sentence):
                continue
            hits.append(Hit(start, end, entry.kind, (entry.lang,), entry.score, entry.explanation, entry.source))
    return merge_hits(ctx, hits, DETECTOR)
