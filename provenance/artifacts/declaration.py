"""Texts that say they are translations: "unofficial translation", "die wir übersetzt haben",
"traducción del inglés".

Patterns live in ``data/common/declarations.tsv``, each for the document languages of its ``in``
column; ``{LANG}`` in a pattern matches a language name of ``data/common/language_names.tsv``,
and the language it names is the artifact's source language. A row marked decisive describes
the text itself, and the verdict takes it as enough on its own (``verdict.json``:
``decisive_kinds``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import COMMON, candidate_list, compile_pattern, read_table

DETECTOR = "declaration"
KIND = "declaration"
_LANG = "{LANG}"


@dataclass(frozen=True)
class Declaration:
    """One row of the declarations table."""

    regex: re.Pattern[str]
    document_languages: tuple[str, ...]
    score: float
    decisive: bool
    explanation: str

    def applies_to(self, language: str) -> bool:
        """Whether the row is for documents in ``language``."""
        return "*" in self.document_languages or language in self.document_languages


@cache
def language_codes() -> dict[str, str]:
    """Language names (case-folded) to ISO 639-1 codes."""
    return {name.strip().casefold(): row["code"] for row in read_table(f"{COMMON}/language_names.tsv")
            for name in row["names"].split("|") if name.strip()}


def _with_language_groups(pattern: str) -> str:
    names = sorted({*language_codes()}, key=lambda n: (-len(n), n))
    alternation = "|".join(re.escape(n) for n in names)
    parts = pattern.split(_LANG)
    return parts[0] + "".join(f"(?P<lang{i}>{alternation}){part}" for i, part in enumerate(parts[1:]))


@cache
def declarations() -> tuple[Declaration, ...]:
    """The rows of the declarations table."""
    return tuple(
        Declaration(compile_pattern(_with_language_groups(row["pattern"])), candidate_list(row["in"]),
                    float(row["score"]), row["decisive"] == "yes", row["explanation"])
        for row in read_table(f"{COMMON}/declarations.tsv")
    )


def _named_language(match: re.Match[str]) -> str | None:
    for name, value in match.groupdict().items():
        if name.startswith("lang") and value:
            return language_codes().get(value.casefold())
    return None


def detect(ctx: Context) -> list[Artifact]:
    """Declaration artifacts of a document: the words where it says it is a translation."""
    hits = []
    for row in declarations():
        if not row.applies_to(ctx.language):
            continue
        for start, end, match in spans(row.regex, ctx.text, ctx.folded):
            language = _named_language(match)
            if language == ctx.language:
                continue
            candidates = (language,) if language else ()
            hits.append(Hit(start, end, KIND, candidates, row.score, row.explanation))
    return merge_hits(ctx, hits, DETECTOR)
