"""Typography that does not belong in the document's language.

``data/common/typography.tsv`` lists each mark with the document languages in which it is an
artifact: a space before a colon is normal in French and a trace of French in English;
guillemets are normal in French and Italian text and foreign in English text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.literals import Prefilter
from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import COMMON, candidate_list, compile_pattern, read_table

DETECTOR = "typography"


@dataclass(frozen=True)
class TypographyRule:
    """One row of the typography table."""

    name: str
    regex: re.Pattern[str]
    artifact_in: tuple[str, ...]
    candidates: tuple[str, ...]
    score: float
    explanation: str

    def applies_to(self, language: str) -> bool:
        """Whether the mark is foreign to text in ``language``."""
        return "*" in self.artifact_in or language in self.artifact_in


@lru_cache(maxsize=1)
def typography_rules() -> tuple[TypographyRule, ...]:
    """The rows of the typography table."""
    return tuple(
        TypographyRule(row["name"], compile_pattern(row["pattern"]), candidate_list(row["artifact_in"]),
                       candidate_list(row["candidates"]), float(row["score"]), row["explanation"])
        for row in read_table(f"{COMMON}/typography.tsv")
    )


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    """The quick test of every row's expression."""
    return Prefilter([rule.regex for rule in typography_rules()])


def detect(ctx: Context) -> list[Artifact]:
    """Typography artifacts of a document, by the conventions of its language."""
    hits = []
    rules = typography_rules()
    for row in _prefilter().candidates(ctx.folded):
        rule = rules[row]
        if not rule.applies_to(ctx.language):
            continue
        candidates = tuple(c for c in rule.candidates if c != ctx.language)
        for start, end, _ in spans(rule.regex, ctx.text):
            hits.append(Hit(start, end, "typography", candidates, rule.score, rule.explanation))
    return merge_hits(ctx, hits, DETECTOR)
