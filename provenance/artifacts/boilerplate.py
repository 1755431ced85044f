"""Translated site chrome: reading-time lines, related-link headings, captions, source lines.

Patterns live in ``data/<lang>/boilerplate.tsv`` and are matched line by line; the group
``outlet`` of a pattern, when it matches, names the outlet the chrome belongs to. Native
English chrome ("Follow X on Facebook", "Subscribe to our newsletter") is in no table, so
it is never reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import compile_pattern, language_rows

DETECTOR = "boilerplate"


@dataclass(frozen=True)
class ChromeEntry:
    """One row of a boilerplate table."""

    lang: str
    regex: re.Pattern[str]
    source: str
    score: float
    explanation: str


@lru_cache(maxsize=1)
def chrome_entries() -> tuple[ChromeEntry, ...]:
    """Every boilerplate-table row of every language."""
    return tuple(
        ChromeEntry(lang, compile_pattern(row["pattern"], re.MULTILINE), row["source"], float(row["score"]),
                    row["explanation"])
        for lang, row in language_rows("boilerplate.tsv")
    )


def detect(ctx: Context) -> list[Artifact]:
    """Boilerplate artifacts of an English document."""
    if ctx.language != "en":
        return []
    hits = []
    for entry in chrome_entries():
        for start, end, match in spans(entry.regex, ctx.text):
            outlet = match.groupdict().get("outlet")
            explanation = entry.explanation + (f"; outlet: {outlet.strip()}" if outlet else "")
            hits.append(Hit(start, end, "boilerplate", (entry.lang,), entry.score, explanation, entry.source,
                            outlet.strip() if outlet else None))
    return merge_hits(ctx, hits, DETECTOR)
