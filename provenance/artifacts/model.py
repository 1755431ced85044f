"""Shared types of the artifacts stage: Artifact, Verdict and the per-document Context."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Any, get_args

from ..corpus import Document
from ..names.model import Mention
from ..text import Token, sentences, word_count
from ..text.literals import fold_for_match
from ..types import ArtifactKind

KINDS: tuple[str, ...] = get_args(ArtifactKind)


@dataclass(frozen=True)
class Artifact:
    """A span of a document that looks like a trace of translation.

    ``source_language`` is the single most likely source language this evidence points to
    (None when it points to none, or to several and the document gives no way to choose);
    ``candidates`` lists every source language it is consistent with, most likely first.
    ``outlet`` is set when the span names or suggests the outlet (site chrome, credits).
    """

    start: int
    end: int
    text: str
    kind: str
    source_language: str | None
    score: float
    explanation: str
    detector: str
    candidates: tuple[str, ...] = ()
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report form (contract fields, then the detector and the optional hints)."""
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "source_language": self.source_language,
            "score": round(self.score, 3),
            "explanation": self.explanation,
            "detector": self.detector,
        }
        if self.candidates:
            data["candidate_languages"] = list(self.candidates)
        if self.outlet:
            data["outlet"] = self.outlet
        return data


@dataclass(frozen=True)
class Verdict:
    """Whether a document is a translation, how sure, from which language, and why."""

    is_translation: bool
    score: float
    source_language: str | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report form of ``documents[].translation``."""
        return {
            "is_translation": self.is_translation,
            "score": round(self.score, 3),
            "source_language": self.source_language,
            "reasons": list(self.reasons),
        }


@dataclass
class Context:
    """One document as the detectors see it: text, language, sentences, names."""

    doc: Document
    language: str
    mentions: Sequence[Mention] = ()
    glossary: Any = None

    @classmethod
    def from_text(cls, text: str, language: str = "en", mentions: Sequence[Mention] = (),
                  glossary: Any = None, doc_id: str = "text", date: str | None = None) -> Context:
        """A context for a bare text (tests, the CLI on a single string)."""
        return cls(Document(id=doc_id, text=text, date=date), language, mentions, glossary)

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def folded(self) -> str:
        """The text casefolded for the pattern tables' quick test (:mod:`provenance.text.literals`)."""
        return fold_for_match(self.text)

    @cached_property
    def sentences(self) -> list[Token]:
        """Sentence spans of the text."""
        return sentences(self.text, self.language if self.language != "und" else "en")

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sent.start for sent in self.sentences]

    @cached_property
    def word_count(self) -> int:
        return word_count(self.text)

    def sentence_at(self, offset: int) -> Token:
        """The sentence containing ``offset`` (or the line around it when none does)."""
        at = bisect_right(self._sentence_starts, offset) - 1
        if at >= 0 and offset < self.sentences[at].end:
            return self.sentences[at]
        line_start = self.text.rfind("\n", 0, offset) + 1
        line_end = self.text.find("\n", offset)
        line_end = len(self.text) if line_end < 0 else line_end
        return Token(self.text[line_start:line_end], line_start, line_end)

    @cached_property
    def year(self) -> int | None:
        """The year of the document's date, when it has one."""
        if self.doc.date and self.doc.date[:4].isdigit():
            return int(self.doc.date[:4])
        return None

    @cached_property
    def latest_year_mentioned(self) -> int | None:
        """The latest year (1900-2099) written in the text."""
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", self.text)]
        return max(years) if years else None


class Spans:
    """Spans of a text, asked whether any overlaps a range in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max, initial=-1))
        """``reach[i]``: the furthest end of the first ``i`` spans."""

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)``."""
        return self.reach[bisect_left(self.starts, end)] > start

    def covers(self, offset: int) -> bool:
        """Whether a span holds ``offset``."""
        return self.overlaps(offset, offset + 1)


def make_artifact(ctx: Context, start: int, end: int, kind: str, candidates: Sequence[str], score: float,
                  explanation: str, detector: str, outlet: str | None = None) -> Artifact:
    """An Artifact over ``ctx.text[start:end]``; the source language is set when unambiguous."""
    unique = tuple(dict.fromkeys(candidates))
    return Artifact(
        start=start,
        end=end,
        text=ctx.text[start:end],
        kind=kind,
        source_language=unique[0] if len(unique) == 1 else None,
        score=round(min(max(score, 0.0), 1.0), 4),
        explanation=explanation,
        detector=detector,
        candidates=unique,
        outlet=outlet,
    )
