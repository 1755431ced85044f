"""The document verdict: is it a translation, how sure, and from which language.

Evidence is the sum over a document's artifacts of ``weight(kind) * score``; an artifact that
repeats the same words as an earlier one of its kind counts ``repeat_decay`` times as much
as the one before (one misspelt name seen five times is one clue, not five). The density is
that evidence per 1,000 words (short texts count as ``min_words`` long), and the score is a
logistic of the density: ``1 / (1 + exp(-slope * (density - midpoint)))``. The parameters
live in ``data/common/verdict.json``; docs/artifacts.md explains how they were set.

A verdict needs independent evidence: artifacts of two kinds, or two different artifacts of a
strong kind; a single cue caps the score below the threshold (``single_cue_cap``). A decisive
artifact (the text says it is a translation: ``decisive_kinds``, score ``decisive_score`` or
more) is enough alone, and its score is the verdict's floor.

The source language is a weighted vote: each artifact gives its weight to its candidate
languages, halving from one candidate to the next (``candidate_decay``).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..corpus import Document
from ..text import word_count
from .model import Artifact, Verdict
from .tables import language_name, read_json

MAX_REASON_EXAMPLES = 3


def _settings() -> dict:
    return read_json("verdict")


def artifact_weights(artifacts: Sequence[Artifact]) -> list[float]:
    """The evidence weight of each artifact (kind weight x score, decayed for repeats)."""
    settings = _settings()
    seen: Counter[tuple[str, str]] = Counter()
    weights = []
    for artifact in artifacts:
        key = (artifact.kind, artifact.text.casefold())
        decay = settings["repeat_decay"] ** seen[key]
        seen[key] += 1
        weights.append(settings["kind_weights"].get(artifact.kind, 0.5) * artifact.score * decay)
    return weights


def language_votes(artifacts: Sequence[Artifact]) -> dict[str, float]:
    """Votes for each source language, from the artifacts' candidate languages."""
    decay = _settings()["candidate_decay"]
    votes: dict[str, float] = defaultdict(float)
    for artifact, weight in zip(artifacts, artifact_weights(artifacts)):
        candidates = artifact.candidates or ((artifact.source_language,) if artifact.source_language else ())
        shares = [decay ** i for i in range(len(candidates))]
        for lang, share in zip(candidates, shares):
            votes[lang] += weight * share / sum(shares)
    return dict(votes)


def best_language(votes: dict[str, float], among: Sequence[str] | None = None) -> str | None:
    """The language with the most votes (among ``among`` when given; ties: the earlier one there)."""
    pool = list(among) if among is not None else sorted(votes)
    scored = [(votes.get(lang, 0.0), -i, lang) for i, lang in enumerate(pool)]
    if not scored:
        return None
    vote, _, lang = max(scored)
    return lang if vote > 0 else None


def independent_evidence(artifacts: Sequence[Artifact]) -> bool:
    """Whether the artifacts are evidence of two kinds, or two different artifacts of one
    strong kind: a single weak cue (a German "al-Bagdadi") never makes a translation."""
    settings = _settings()
    kinds: dict[str, set[str]] = defaultdict(set)
    for artifact in artifacts:
        kinds[artifact.kind].add(artifact.text.casefold())
    strong = [k for k, texts in kinds.items()
              if len(texts) >= 2 and settings["kind_weights"].get(k, 0.5) >= settings["strong_kind_weight"]]
    decisive = any(a.kind in settings["decisive_kinds"] and a.score >= settings["decisive_score"] for a in artifacts)
    return len(kinds) >= 2 or bool(strong) or decisive


def decisive_floor(artifacts: Sequence[Artifact]) -> float:
    """The score a decisive artifact (the text says it is a translation) guarantees, else 0."""
    settings = _settings()
    scores = [a.score for a in artifacts
              if a.kind in settings["decisive_kinds"] and a.score >= settings["decisive_score"]]
    return max(scores, default=0.0)


def evidence_density(doc: Document, artifacts: Sequence[Artifact]) -> float:
    """Weighted evidence per 1,000 words."""
    settings = _settings()
    length = max(word_count(doc.text), settings["min_words"])
    return 1000.0 * sum(artifact_weights(artifacts)) / length


def translation_verdict(doc: Document, language: str, artifacts: Sequence[Artifact]) -> Verdict:
    """Combine a document's artifacts into a verdict with reasons a reader can check (the
    artifacts of ``evidence_only_detectors`` are shown to the reader but do not count)."""
    settings = _settings()
    artifacts = [a for a in artifacts if a.detector not in settings["evidence_only_detectors"]]
    density = evidence_density(doc, artifacts)
    score = max(1.0 / (1.0 + math.exp(-settings["slope"] * (density - settings["midpoint"]))),
                decisive_floor(artifacts))
    capped = not independent_evidence(artifacts) and score > settings["single_cue_cap"]
    if capped:
        score = settings["single_cue_cap"]
    is_translation = score >= settings["threshold"]
    votes = language_votes(artifacts)
    source = best_language(votes) if is_translation else None
    if source == language:
        source = None
    reasons = [f"translation evidence {density:.1f} per 1,000 words (midpoint {settings['midpoint']:g})"]
    if capped:
        reasons.append("one cue of one kind only: not enough for a verdict")
    by_kind: dict[str, list[str]] = defaultdict(list)
    for artifact in artifacts:
        by_kind[artifact.kind].append(artifact.text)
    for kind in sorted(by_kind, key=lambda k: (-len(by_kind[k]), k)):
        examples = list(dict.fromkeys(by_kind[kind]))[:MAX_REASON_EXAMPLES]
        reasons.append(f"{len(by_kind[kind])} {kind}: " + "; ".join(repr(e) for e in examples))
    if votes:
        ranked = sorted(votes.items(), key=lambda p: (-p[1], p[0]))[:3]
        reasons.append("source-language votes: " + ", ".join(f"{language_name(code)} {v:.2f}" for code, v in ranked))
    return Verdict(is_translation, round(score, 4), source, tuple(reasons))
