"""Verdicts from originals found in the corpus: a document that the trace found translated from
another document is a translation, and its source language follows from that original.

- Among several originals of one document, one that is itself translated from another of them
  is a middle link: the document is read as translated from the first link of the chain (a
  Hindi text aligned with an English statement and with its Spanish translation comes from
  the English one).
- When the document's own artifacts favour another language than its original's, and the
  document or its original is judged a translation from that language, the two are siblings:
  both translate a common original in that language (a Spanish and an Italian translation of
  an English statement, a day apart; the Spanish text carries English press-release chrome).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .model import Artifact, Verdict
from .verdict import language_votes


@dataclass(frozen=True)
class Original:
    """A directed translation edge as the verdict reads it: the original, its language, the edge score."""

    source: str
    language: str
    score: float


def first_links(originals: Sequence[Original], derived_pairs: set[tuple[str, str]]) -> list[Original]:
    """The originals that are not translated from another original of the same document."""
    ids = {o.source for o in originals}
    return [o for o in originals if not any((other, o.source) in derived_pairs for other in ids if other != o.source)]


def common_original(original: Original, own: Verdict, own_artifacts: Sequence[Artifact],
                    original_verdict: Verdict | None) -> str | None:
    """The language of a common original that the document and its corpus "original" both
    translate, or None: the document's own evidence favours that language over the original's,
    and the document itself or its original is judged a translation from it."""
    votes = language_votes(own_artifacts)
    if not votes:
        return None
    pivot = max(sorted(votes), key=lambda lang: votes[lang])
    if pivot == original.language or votes[pivot] <= votes.get(original.language, 0.0):
        return None
    said = {v.source_language for v in (own, original_verdict) if v is not None and v.is_translation}
    return pivot if pivot in said else None


def verdicts_from_originals(verdicts: Mapping[str, Verdict], artifacts: Mapping[str, Sequence[Artifact]],
                            originals: Mapping[str, Sequence[Original]]) -> dict[str, Verdict]:
    """The verdicts changed by the originals found in the corpus (``originals``: per document id,
    the directed translation edges into it). Originals are resolved before what derives from them.

    When a document and its original translate a common original (:func:`common_original`), the
    "original" is a translation too: from the language its own evidence favours, else the
    common original's."""
    derived_pairs = {(o.source, target) for target, found in originals.items() for o in found}
    changed: dict[str, Verdict] = {}
    resolving: set[str] = set()

    def verdict_of(doc_id: str) -> Verdict | None:
        if doc_id in changed:
            return changed[doc_id]
        if doc_id in resolving or doc_id not in originals:  # a cycle, or no original
            return verdicts.get(doc_id)
        resolving.add(doc_id)
        resolve(doc_id)
        return changed.get(doc_id, verdicts.get(doc_id))

    def resolve(doc_id: str) -> None:
        verdict = verdicts.get(doc_id)
        chosen = first_links(originals[doc_id], derived_pairs) or list(originals[doc_id])
        if verdict is None or not chosen:
            return
        best = max(chosen, key=lambda o: (o.score, o.source))
        own = artifacts.get(doc_id, ())
        original_verdict = verdict_of(best.source)
        reason = f"its original is in the corpus: {best.source} ({best.language})"
        language = common_original(best, verdict, own, original_verdict)
        if language is None:
            language = best.language
        else:
            reason = (f"shares its text with {best.source} ({best.language}), but its own evidence points to "
                      f"{language}: both translate a common original")
            _mark_sibling(best, language, doc_id, original_verdict)
        if verdict.is_translation and verdict.source_language == language:
            return
        changed[doc_id] = replace(verdict, is_translation=True, source_language=language,
                                  score=max(verdict.score, best.score), reasons=(*verdict.reasons, reason))

    def _mark_sibling(original: Original, language: str, doc_id: str, original_verdict: Verdict | None) -> None:
        if original_verdict is None or original_verdict.is_translation:
            return
        votes = language_votes(artifacts.get(original.source, ()))
        own_best = max(sorted(votes), key=lambda lang: votes[lang]) if votes else None
        source = own_best if own_best and own_best != original.language else language
        changed[original.source] = replace(
            original_verdict, is_translation=True, source_language=source,
            score=max(original_verdict.score, min(original.score, verdicts[doc_id].score)),
            reasons=(*original_verdict.reasons, f"shares its text with {doc_id}, a translation of a common "
                     f"original in {language}: a translation too"))

    for doc_id in sorted(originals):
        verdict_of(doc_id)
    return changed


def group_originals(edges: Sequence[tuple[str, str, float]], languages: Mapping[str, str | None]
                    ) -> dict[str, list[Original]]:
    """Per derived document, its originals from (source, target, score) directed translation edges."""
    grouped: dict[str, list[Original]] = defaultdict(list)
    for source, target, score in edges:
        language = languages.get(source)
        if language:
            grouped[target].append(Original(source, language, score))
    return dict(grouped)
