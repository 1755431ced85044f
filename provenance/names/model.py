"""Result types of the names stage: mentions, entities and the corpus-level result."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import Any, get_args

from ..pickling import pickled_by_fields
from ..types import EntityType, MentionMethod

METHODS: tuple[str, ...] = get_args(MentionMethod)
TYPES: tuple[str, ...] = get_args(EntityType)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a document: ``doc.text[start:end] == surface``.

    ``entity`` is the canonical name (glossary) or the representative of a discovered
    cluster, None when unresolved; ``method`` tells how it was linked (see METHODS).
    """

    doc: str
    start: int
    end: int
    surface: str
    type: str
    entity: str | None
    entity_id: str | None
    score: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's mention object (plus ``entity_id``)."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "surface": self.surface,
                "type": self.type, "entity": self.entity, "score": round(self.score, 4),
                "method": self.method, "entity_id": self.entity_id}


@dataclass
class Entity:
    """A glossary entry or a discovered cluster, with the spellings seen in the corpus."""

    id: str
    name: str
    type: str
    in_glossary: bool
    variants: dict[str, int] = field(default_factory=dict)
    docs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's entity object (plus ``id`` and ``docs``)."""
        return {"entity": self.name, "type": self.type, "in_glossary": self.in_glossary,
                "variants": dict(self.variants), "id": self.id, "docs": list(self.docs)}


@dataclass
class NamesResult:
    """Every mention of the corpus (document order, then start) and the entities they name."""

    mentions: list[Mention]
    entities: list[Entity]

    def by_doc(self) -> dict[str, list[Mention]]:
        """Mentions grouped by document id, in document order."""
        grouped: dict[str, list[Mention]] = {}
        for doc, mentions in groupby(self.mentions, key=attrgetter("doc")):
            grouped.setdefault(doc, []).extend(mentions)
        return grouped


def unchanged_by_merging(result: NamesResult, texts: Sequence[tuple[str, str, str]],
                         languages: Collection[str]) -> bool:
    """Whether a corpus step that adds mentions to the documents of ``texts`` ((id, text,
    language), corpus order) in ``languages`` may return ``result`` as it is: no document of
    ``texts`` is in one, and merging nothing into each document in turn (:func:`merge_document`)
    would leave the mentions in their order (each document's together, by position, in corpus order)."""
    if any(text and lang in languages for _, text, lang in texts):
        return False
    position = {doc: at for at, (doc, _, _) in enumerate(texts)}
    if len(position) != len(texts):
        return False  # a document id twice: merging would repeat its mentions
    last = (-1, -1, -1)
    for mention in result.mentions:
        at = position.get(mention.doc)
        if at is None or (at, mention.start, mention.end) < last:
            return False
        last = (at, mention.start, mention.end)
    return True


def merge_document(mentions: list[Mention], held: Sequence[Mention], added: Sequence[Mention],
                   entities: Mapping[str, Entity]) -> None:
    """Append one document's mentions to ``mentions``: ``added`` and the ``held`` ones none of them
    overlaps, by position; each added mention counts as a variant of its entity, in its document."""
    kept = [m for m in held if not any(m.start < n.end and n.start < m.end for n in added)]
    mentions += sorted([*kept, *added], key=lambda m: (m.start, m.end))
    count_mentions(added, entities)


def count_mentions(added: Iterable[Mention], entities: Mapping[str, Entity]) -> None:
    """Count each added mention as a variant of its entity, and its document among the entity's
    (the documents kept sorted, each once)."""
    for mention in added:
        entity = entities[mention.entity_id or ""]
        entity.variants[mention.surface] = entity.variants.get(mention.surface, 0) + 1
        at = bisect_left(entity.docs, mention.doc)
        if at == len(entity.docs) or entity.docs[at] != mention.doc:
            entity.docs.insert(at, mention.doc)


def with_entities(result: NamesResult, mentions: list[Mention], entities: Mapping[str, Entity]) -> NamesResult:
    """``mentions`` with ``result``'s entities, then the ``entities`` it did not have, by id."""
    known = {e.id for e in result.entities}
    listed = [e for entity_id, e in entities.items() if entity_id not in known]
    return NamesResult(mentions, [*result.entities, *sorted(listed, key=lambda e: e.id)])
