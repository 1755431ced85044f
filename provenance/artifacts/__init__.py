"""Translation artifacts: evidence that a text is a translation, and from which language.

:func:`detect_artifacts` runs small independent detectors over one document, each returning
spans with a kind, a score, an explanation and source-language hints; :func:`translation_verdict`
combines them into a verdict. See docs/artifacts.md.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..corpus import Document
from ..lang import Segment
from ..names.model import Mention
from . import boilerplate, calques, declaration, fluency, fragments, grammar, transliteration, typography, untranslated
from .model import KINDS, Artifact, Context, Verdict
from .verdict import best_language, language_votes, translation_verdict

if TYPE_CHECKING:
    from ..neural.lm import CausalLM

Detector = Callable[[Context], list[Artifact]]

DETECTORS: dict[str, Detector] = {
    transliteration.DETECTOR: transliteration.detect,
    calques.DETECTOR: calques.detect,
    fragments.DETECTOR: fragments.detect,
    typography.DETECTOR: typography.detect,
    grammar.DETECTOR: grammar.detect,
    boilerplate.DETECTOR: boilerplate.detect,
    declaration.DETECTOR: declaration.detect,
}
"""The detectors that need only the document context (untranslated also takes language segments)."""

__all__ = ["DETECTORS", "KINDS", "Artifact", "Context", "Verdict", "detect_artifacts", "translation_verdict"]


def _merge_contained(artifacts: list[Artifact]) -> list[Artifact]:
    """Drop artifacts lying inside another of the same kind, keeping their candidate languages."""
    kept: list[Artifact] = []
    for artifact in sorted(artifacts, key=lambda a: (a.start, -a.end, a.kind, a.detector, a.text)):
        for i, other in enumerate(kept):
            if other.kind == artifact.kind and other.start <= artifact.start and artifact.end <= other.end:
                merged = tuple(dict.fromkeys(other.candidates + artifact.candidates))
                kept[i] = replace(other, candidates=merged, score=max(other.score, artifact.score))
                break
        else:
            kept.append(artifact)
    return kept


def _resolve_languages(artifacts: list[Artifact]) -> list[Artifact]:
    """Give artifacts with several candidate languages the one the whole document favours."""
    votes = language_votes(artifacts)
    return [
        replace(a, source_language=best_language(votes, a.candidates)) if len(a.candidates) > 1 else a
        for a in artifacts
    ]


def detect_artifacts(
    doc: Document,
    language: str,
    mentions: Sequence[Mention] = (),
    glossary: Any = None,
    *,
    foreign_segments: Sequence[Segment] | None = None,
    language_model: CausalLM | None = None,
) -> list[Artifact]:
    """Every translation artifact of ``doc`` (written in ``language``), sorted by position.

    ``mentions`` are the names stage's mentions (those of other documents are ignored);
    ``glossary`` gives their entries' aliases by language; ``foreign_segments`` are the
    language layer's sentences in other languages (``DocLanguage.segments``), computed here
    when not given. With a ``language_model``, the fluency detector adds unusual wording that
    the other detectors did not report (:mod:`.fluency`).
    """
    own = [m for m in mentions if m.doc == doc.id]
    ctx = Context(doc, language, own, glossary)
    found: list[Artifact] = []
    for detect in DETECTORS.values():
        found.extend(detect(ctx))
    found.extend(untranslated.detect(ctx, foreign_segments))
    if language_model is not None:
        found.extend(fluency.detect(ctx, found, language_model))
    found = _resolve_languages(_merge_contained(found))
    return sorted(found, key=lambda a: (a.start, a.end, a.kind, a.detector))
