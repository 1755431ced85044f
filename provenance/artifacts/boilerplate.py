"""Translated site chrome: reading-time lines, related-link headings, captions, source lines.

Patterns live in ``data/<lang>/boilerplate.tsv`` and are matched line by line; the group
``outlet`` of a pattern, when it matches, names the outlet the chrome belongs to. Native
English chrome ("Follow X on Facebook", "Subscribe to our newsletter") is in no table, so
it is never reported in English text; ``data/en/boilerplate.tsv`` holds English press-release
chrome translated into other languages ("PARA DIVULGAÇÃO IMEDIATA"), its rows naming the
document languages they apply to in the ``in`` column (default: English).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.literals import Prefilter
from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import DEFAULT_DOCUMENT_LANGUAGE, compile_pattern, document_languages, language_rows

DETECTOR = "boilerplate"


@dataclass(frozen=True)
class ChromeEntry:
    """One row of a boilerplate table."""

    lang: str
    regex: re.Pattern[str]
    source: str
    score: float
    explanation: str
    document_languages: tuple[str, ...] = (DEFAULT_DOCUMENT_LANGUAGE,)


@lru_cache(maxsize=1)
def chrome_entries() -> tuple[ChromeEntry, ...]:
    """Every boilerplate-table row of every language."""
    return tuple(
        ChromeEntry(lang, compile_pattern(row["pattern"], re.MULTILINE), row["source"], float(row["score"]),
                    row["explanation"], document_languages(row))
        for lang, row in language_rows("boilerplate.tsv")
    )


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    """The quick test of every row's expression."""
    return Prefilter([entry.regex for entry in chrome_entries()])


def detect(ctx: Context) -> list[Artifact]:
    """Boilerplate artifacts of a document, by the rows for its language."""
    hits = []
    entries = chrome_entries()
    for row in _prefilter().candidates(ctx.folded):
        entry = entries[row]
        if ctx.language not in entry.document_languages or entry.lang == ctx.language:
            continue
        for start, end, match in spans(entry.regex, ctx.text):
            outlet = match.groupdict().get("outlet")
            explanation = entry.explanation + (f"; outlet: {outlet.strip()}" if outlet else "")
            hits.append(Hit(start, end, "boilerplate", (entry.lang,), entry.score, explanation, entry.source,
                            outlet.strip() if outlet else None))
    return merge_hits(ctx, hits, DETECTOR)
