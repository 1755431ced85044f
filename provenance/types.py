"""The closed sets of values the stages report, as ``Literal`` types.

They spell out what the model dataclasses hold in their ``str`` fields; the models' tuples
(``names.model.TYPES``/``METHODS``, ``artifacts.model.KINDS``, ``trace.model.EDGE_KINDS``/
``SOURCE_KINDS``) are derived from them, so the two cannot drift apart.
"""
from __future__ import annotations

from typing import Literal

EntityType = Literal["person", "organization", "place", "other"]
"""The type of a glossary entry, an entity or a mention."""

MentionMethod = Literal["alias", "key", "fuzzy", "partial", "cluster", "unlinked", "ner"]
"""How a mention was linked to its entity."""

ArtifactKind = Literal[
    "transliteration",
    "back-transliteration",
    "calque",
    "mistranslation",
    "fragment",
    "typography",
    "grammar",
    "boilerplate",
    "untranslated",
    "declaration",
]
"""The kind of trace of translation an artifact is (``declaration``: the text says it is one)."""

EdgeKind = Literal["citation", "reuse", "shared-source", "translation"]
"""How the two ends of a provenance edge are related."""

SourceKind = Literal["report", "tweet", "agency", "statement", "social", "newspaper", "organization", "other"]
"""The kind of an outside source documents draw on."""

StageKind = Literal["core", "optional", "follow-up", "feedback"]
"""How a pipeline stage is switched on: always, when chosen (or required), or after the stages it
requires (a follow-up adds to their results, a feedback stage revises them)."""

NormalizeMode = Literal["replace", "annotate"]
"""How ``normalize`` rewrites a name variant."""
