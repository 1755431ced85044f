"""Lone given names and surnames that one document leaves open and the corpus resolves.

A text that names a family or a case it expects the reader to know writes "the Iranian
government arrested Baquer as well" without ever naming Baquer Namazi in full. Alone, such a
word is no evidence of a person, and the names stage leaves it out. Across the corpus it is
resolved when exactly one known person fits, and fits the document's story: a person whose
given name or surname it is (in a Latin-script spelling of the person's name), who is named in
this document, or who is of the family of a person this document names (the same surname, and
named together in some document). A common word of the document's language never resolves
("Price", "Brown").
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .frequency import COMMON_WORD_ZIPF, common_word
from .keys import parse_name
from .model import Entity, Mention, NamesResult, count_mentions
from .resources import linking_weights
from .spans import Draft

LoneNames = Sequence[tuple[str, str, Sequence[Draft]]]
"""(document id, language, the lone names the names stage left out of it), in corpus order."""


def _name_words(entities: Sequence[Entity]) -> dict[str, set[str]]:
    """Folded given name or surname -> the known people with it, from their Latin-script spellings."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type != "person":
            continue
        for spelling in {entity.name, *entity.variants}:
            parsed = parse_name(spelling)
            if parsed.single or not any(c.isalpha() and c.isascii() for c in spelling):  # Latin-script spellings
                continue
            for word in (parsed.given, parsed.surname):
                if word is not None:
                    found[word.text].add(entity.id)
    return found


def family_members(result: NamesResult) -> dict[str, set[str]]:
    """Each person's family in the corpus: the people with the same surname named with them in
    some document (Siamak and Baquer Namazi)."""
    surnames = {e.id: parsed.surname.text for e in result.entities
                if e.type == "person" and (parsed := parse_name(e.name)).surname is not None and not parsed.single}
    family: dict[str, set[str]] = defaultdict(set)
    for held in result.by_doc().values():
        people = {m.entity_id for m in held if m.entity_id in surnames}
        for person in people:
            family[person] |= {other for other in people - {person} if surnames[other] == surnames[person]}
    return family


def resolve_lone_names(result: NamesResult, lone: LoneNames) -> NamesResult:
    """``result`` with the lone names of ``lone`` that exactly one person of the corpus's story
    fits, as ``partial`` mentions of that person."""
    words = _name_words(result.entities)
    if not words or not any(drafts for _, _, drafts in lone):
        return result
    by_doc = result.by_doc()
    people = {e.id for e in result.entities if e.type == "person"}
    named_in = {doc: {m.entity_id for m in mentions if m.entity_id in people} for doc, mentions in by_doc.items()}
    family = family_members(result)
    entities = {e.id: e for e in result.entities}
    score = linking_weights()["partials"]["ambiguous"]
    mentions: list[Mention] = []
    for doc, lang, drafts in lone:
        new = [Mention(doc, d.start, d.end, d.surface, "person", entities[found].name, found, score, "partial")
               for d in drafts if (found := _fitting(d, lang, words, named_in.get(doc, set()), family)) is not None]
        mentions += sorted([*by_doc.get(doc, []), *new], key=lambda m: (m.start, m.end))
        count_mentions(new, entities)
    return NamesResult(mentions, result.entities)


def _fitting(draft: Draft, lang: str, words: Mapping[str, set[str]], named_here: set[str],
             family: Mapping[str, set[str]]) -> str | None:
    """The one person a lone name fits in its document's story, or None."""
    if draft.parsed.surname is None or len(draft.parsed.core) != 1:
        return None  # "Pereira-Moreau" is not the Moreau of Annika Lindqvist-Moreau
    if common_word(draft.surface, lang) >= COMMON_WORD_ZIPF:
        return None
    story = {candidate for candidate in words.get(draft.parsed.surname.text, ())
             if candidate in named_here or family.get(candidate, set()) & named_here}
    return next(iter(story)) if len(story) == 1 else None
