"""Pattern tables: matching data-file regular expressions and merging their hits into artifacts.

Several languages can explain the same words ("umpteenth" renders Spanish *enésimo*, Italian
*ennesimo* and French *énième*): hits on the same span and kind become one artifact whose
candidate languages are all of them, strongest first.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..text.literals import matches
from .model import Artifact, Context, make_artifact
from .tables import language_name


@dataclass(frozen=True)
class Hit:
    """One table row matching one span: the raw material of an artifact."""

    start: int
    end: int
    kind: str
    candidates: tuple[str, ...]
    score: float
    explanation: str
    source: str = ""
    outlet: str | None = None


def spans(regex: re.Pattern[str], text: str, folded: str | None = None) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(start, end, match) of every match; the span is the group ``span`` when the pattern has one.
    ``folded`` (the text's :func:`~provenance.text.literals.fold_for_match` form) lets a pattern
    whose required word the text lacks be skipped unsearched."""
    group = "span" if "span" in regex.groupindex else 0
    for match in regex.finditer(text) if folded is None else matches(regex, text, folded):
        start, end = match.span(group)
        if end > start:
            yield start, end, match


def merge_hits(ctx: Context, hits: list[Hit], detector: str) -> list[Artifact]:
    """One artifact per (span, kind): candidates and renderings of every row that matched it."""
    grouped: dict[tuple[int, int, str], list[Hit]] = defaultdict(list)
    for hit in hits:
        grouped[(hit.start, hit.end, hit.kind)].append(hit)
    artifacts = []
    for (start, end, kind), group in sorted(grouped.items()):
        group.sort(key=lambda h: (-h.score, h.candidates, h.source))
        best = group[0]
        candidates = [lang for hit in group for lang in hit.candidates]
        renderings = [f"{language_name(h.candidates[0])} {h.source}" for h in group if h.source and h.candidates]
        explanation = best.explanation
        if renderings:
            explanation += " [" + "; ".join(dict.fromkeys(renderings)) + "]"
        outlet = next((h.outlet for h in group if h.outlet), None)
        artifacts.append(make_artifact(ctx, start, end, kind, candidates, best.score, explanation, detector, outlet))
    return artifacts
