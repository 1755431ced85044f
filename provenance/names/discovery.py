"""Corpus level: cluster the names no glossary entry took into new entities, build the result.

Unlinked people are grouped per document first (a full name with its partial mentions and
the names "known as" it), then across documents: groups that share a transliteration key, or
whose spellings are close (rapidfuzz) among groups sharing a surname key, merge, most similar
first, unless their given names or kunyas disagree (two full names with different given
names never merge, whatever their surname). Other types merge only on identical folded
spelling. Each cluster gets a representative (the most frequent, then most complete,
spelling, written in news style: "al-" lowercase inside a name) and an id ``new:<slug>``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from ..text.fold import unicode_slug
from .compare import short_form_of, words_match
from .keys import NameWord, ParsedName, fold_name, parse_name
from .link import NameLinker
from .model import Entity, Mention, NamesResult
from .resources import plain, short_given_names
from .spans import Draft

if TYPE_CHECKING:
    from ..glossary import Glossary

CLUSTER_FUZZY_MIN = 88.0
DISCOVERED_PREFIX = "new:"
PARTIAL_WEIGHT = 0.5
MAX_PAIR_BLOCK = 300
_ARTICLE_INSIDE = re.compile(r"(?<=\s)(?:Al|AL|al|El|EL|el)[\s\-\u2010\u2011]+(?=\w)")
_PARTICLE_HYPHEN = re.compile(r"\b(Abu|Abou|Umm|Abd|Bin|Ibn|bin|ibn)[\-\u2010\u2011](?=\w)")
_AYN_MARKS = re.compile(r"(?<=\w)['\u2019\u02bf\u02be](?=\s|$)")


@dataclass
class _Group:
    """One person (or thing) in one document: a root draft and every draft resolved to it."""

    doc: str
    root: Draft
    members: list[Draft] = field(default_factory=list)

    @cached_property
    def full_names(self) -> list[Draft]:
        """The members that write the name in full, or a kunya alone (read once every member is in)."""
        return [d for d in self.members if not d.single or (d.parsed.kunya and not d.parsed.core)]


@dataclass
class _Cluster:
    """Spellings that name one entity, with the given names and kunyas they carry."""

    spellings: list[str]
    givens: dict[str, NameWord]
    kunyas: dict[str, NameWord]
    type_votes: Counter
    groups: list[_Group] = field(default_factory=list)

    def absorb(self, other: _Cluster) -> None:
        self.spellings += other.spellings
        self.givens.update(other.givens)
        self.kunyas.update(other.kunyas)
        self.type_votes += other.type_votes
        self.groups += other.groups


@lru_cache(maxsize=100_000)
def news_style(name: str) -> str:
    """A representative spelling in news style: "al-" lowercase inside a name, "Abu Ali" not
    "Abu-Ali", "Abd al-Jalil", no trailing ayn marks, single spaces."""
    styled = " ".join(name.split())
    styled = _PARTICLE_HYPHEN.sub(lambda m: m.group(1) + " ", styled)
    styled = _ARTICLE_INSIDE.sub(lambda m: m.group().strip(" -\u2010\u2011")[:2].lower() + "-", styled)
    return _AYN_MARKS.sub("", styled)


def _slug(name: str) -> str:
    return unicode_slug(name) or "name"


def _groups(per_doc: list[tuple[str, list[Draft]]]) -> list[_Group]:
    """Unlinked in-document identity groups, in corpus order."""
    groups: list[_Group] = []
    for doc_id, drafts in per_doc:
        by_root: dict[int, _Group] = {}
        for draft in drafts:
            root = draft.root()
            if root.entity_id:
                continue
            group = by_root.get(id(root))
            if group is None:
                group = by_root[id(root)] = _Group(doc_id, root)
                groups.append(group)
            group.members.append(draft)
    return [g for g in groups if g.full_names]


def _compatible(a: _Cluster, b: _Cluster) -> bool:
    """Clusters may merge: their given names (and kunyas) match both ways, their kind agrees."""
    for mine, theirs in ((a.givens, b.givens), (a.kunyas, b.kunyas)):
        if mine and theirs:
            if not all(any(words_match(x, y) for y in theirs.values()) for x in mine.values()):
                return False
            if not all(any(words_match(y, x) for x in mine.values()) for y in theirs.values()):
                return False
    person_a = a.type_votes["person"] * 2 >= sum(a.type_votes.values())
    person_b = b.type_votes["person"] * 2 >= sum(b.type_votes.values())
    return person_a == person_b


def _spelling_clusters(groups: list[_Group]) -> tuple[list[_Cluster], dict[str, int]]:
    """One cluster per distinct full spelling (folded), and the index of each spelling."""
    clusters: list[_Cluster] = []
    index: dict[str, int] = {}
    for group in groups:
        for draft in group.full_names:
            folded = draft.parsed.folded
            at = index.get(folded)
            if at is None:
                at = index[folded] = len(clusters)
                clusters.append(_Cluster([folded], {}, {}, Counter()))
            cluster = clusters[at]
            if draft.parsed.given is not None:
                cluster.givens[draft.parsed.given.text] = draft.parsed.given
            for word in draft.parsed.kunya:
                cluster.kunyas[word.text] = word
            cluster.type_votes[draft.type] += 1
    return clusters, index


def _pairs(clusters: list[_Cluster], parsed: dict[str, Draft]) -> list[tuple[float, int, int]]:
    """Candidate merges of spellings (similarity, index, index), most similar first."""
    by_key: dict[str, list[int]] = {}
    by_surname: dict[str, list[int]] = {}
    for index, cluster in enumerate(clusters):
        draft = parsed[cluster.spellings[0]]
        for key in draft.parsed.key_set:
            by_key.setdefault(key, []).append(index)
        if draft.type == "person" and draft.parsed.surname is not None:
            for key in draft.parsed.surname.keys:
                by_surname.setdefault(key, []).append(index)
    pairs: dict[tuple[int, int], float] = {}
    for block in by_key.values():
        for i in block[1:]:
            pairs[(block[0], i)] = 100.0
    for block in by_surname.values():
        if 1 < len(block) <= MAX_PAIR_BLOCK:
            names = [parsed[clusters[i].spellings[0]].parsed for i in block]
            for x, y, similarity in _close_pairs(names):
                pairs.setdefault((block[x], block[y]), similarity)
    return sorted(((s, i, j) for (i, j), s in pairs.items()), key=lambda p: (-p[0], p[1], p[2]))


def _close_pairs(names: list[ParsedName]) -> list[tuple[int, int, float]]:
    """The pairs (x, y, similarity), x < y, of ``names`` (one surname block) spelt alike enough to
    merge: every similarity computed at once (rapidfuzz ``cdist``), and a given name one goes by
    for the other (Bob and Robert Levinson) counted as just enough."""
    folded = [name.folded for name in names]
    similarity = process.cdist(folded, folded, scorer=fuzz.token_sort_ratio, dtype=np.float64)
    close = np.triu(similarity >= CLUSTER_FUZZY_MIN, 1)
    found = [(x, y, float(similarity[x, y])) for x, y in zip(*np.nonzero(close), strict=True)]
    by_surname: dict[tuple[str, int], list[int]] = {}
    for x, name in enumerate(names):
        if name.given is not None and name.surname is not None:
            by_surname.setdefault((name.surname.text, len(name.words)), []).append(x)
    for held in by_surname.values():
        for at, x in enumerate(held):
            for y in held[at + 1:]:
                if not close[x, y] and short_form_of(names[x], names[y]):
                    found.append((x, y, CLUSTER_FUZZY_MIN))
    return found


def _cluster(groups: list[_Group]) -> list[_Cluster]:
    """Merge spellings greedily, most similar first, never across contradicting given names or
    kunyas; then the spellings one document gives one person join (when they agree too)."""
    clusters, index = _spelling_clusters(groups)
    parsed = {d.parsed.folded: d for g in groups for d in g.full_names}
    owner = list(range(len(clusters)))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    def merge(i: int, j: int) -> int:
        a, b = find(i), find(j)
        if a != b and _compatible(clusters[a], clusters[b]):
            keep, gone = min(a, b), max(a, b)
            owner[gone] = keep
            clusters[keep].absorb(clusters[gone])
            return keep
        return a

    for _, i, j in _pairs(clusters, parsed):
        merge(i, j)
    for group in groups:
        spellings = [index[d.parsed.folded] for d in group.full_names]
        for other in spellings[1:]:
            merge(spellings[0], other)
        home = find(spellings[0])
        clusters[home].groups.append(group)
        for draft in group.members:
            if draft.single:
                clusters[home].type_votes[draft.type] += 1
    return [clusters[i] for i in range(len(clusters)) if find(i) == i and clusters[i].groups]


def _representative(cluster: _Cluster) -> str:
    """The cluster's representative spelling (see :func:`_most_consistent`)."""
    counts: Counter = Counter()
    for group in cluster.groups:
        for draft in group.full_names:
            counts[news_style(draft.surface)] += 1
    if not counts:
        return news_style(cluster.groups[0].root.surface)
    written: defaultdict[str, float] = defaultdict(float)
    for group in cluster.groups:
        for draft in group.members:
            written[fold_name(draft.surface)] += PARTIAL_WEIGHT if draft.single else 1.0
    return _most_consistent(counts, written)


def _most_consistent(counts: Counter[str], written: Mapping[str, float]) -> str:
    """Of the full spellings ``counts`` (news style), the one most consistent with how the
    corpus writes the name (summed similarity to every written form in ``written``, partial
    ones at half weight); ties go to the more frequent, then the more complete spelling."""
    firsts = {plain(name.split()[0]) for name in counts}
    full = [name for name in counts  # "Robert Levinson" names the cluster, not "Bob Levinson"
            if not any((plain(name.split()[0]), first) in short_given_names() for first in firsts)] or list(counts)
    support = {name: sum(n * fuzz.token_set_ratio(fold_name(name), other) for other, n in written.items())
               for name in full}
    return min(full, key=lambda name: (-support[name], -counts[name], -len(name.split()), name))


def prefer_trusted_spellings(result: NamesResult, trusted: Collection[str]) -> NamesResult:
    """The result with each discovered entity named after the spellings of ``trusted``
    documents (English originals: machine translation garbles names) when they write it in
    full; entities, ids and mentions renamed accordingly. The input is left as it is."""
    trusted = frozenset(trusted)
    counts: dict[str, Counter] = {}
    written: dict[str, defaultdict[str, float]] = {}
    for mention in result.mentions:
        if mention.entity_id is None or not mention.entity_id.startswith(DISCOVERED_PREFIX):
            continue
        parsed = parse_name(mention.surface)
        written.setdefault(mention.entity_id, defaultdict(float))[fold_name(mention.surface)] += \
            PARTIAL_WEIGHT if parsed.single else 1.0
        if mention.doc in trusted and (not parsed.single or (parsed.kunya and not parsed.core)):
            counts.setdefault(mention.entity_id, Counter())[news_style(mention.surface)] += 1
    renamed: dict[str, tuple[str, str]] = {}
    used = {entity.id for entity in result.entities}
    for entity in result.entities:
        if entity.id in counts:
            name = _most_consistent(counts[entity.id], written[entity.id])
            if name != entity.name:
                used.discard(entity.id)
                renamed[entity.id] = (unused_id(name, used), name)
    if not renamed:
        return result
    mentions = [replace(m, entity_id=renamed[m.entity_id][0], entity=renamed[m.entity_id][1])
                if m.entity_id in renamed else m for m in result.mentions]
    entities = [Entity(*renamed[e.id], e.type, e.in_glossary, dict(e.variants), list(e.docs)) if e.id in renamed else e
                for e in result.entities]
    return NamesResult(mentions, sorted(entities, key=_entity_order))


def unused_id(name: str, used: set[str]) -> str:
    """``new:<slug>`` for a discovered entity's name, suffixed -2, -3 ... past the ids in ``used``
    (to which it is added)."""
    slug = _slug(name)
    entity_id = f"{DISCOVERED_PREFIX}{slug}"
    suffix = 2
    while entity_id in used:
        entity_id = f"{DISCOVERED_PREFIX}{slug}-{suffix}"
        suffix += 1
    used.add(entity_id)
    return entity_id


def _entity_order(entity: Entity) -> tuple:
    """Glossary entries first, people first, then by name."""
    return (not entity.in_glossary, entity.type != "person", entity.name.casefold(), entity.id)


def _type_of(cluster: _Cluster) -> str:
    votes = cluster.type_votes
    if votes["person"] * 2 >= sum(votes.values()):
        return "person"
    return max(sorted(votes), key=votes.__getitem__)


class _Link(NamedTuple):
    """What a draft is reported as: its entity (None when unresolved) and how it got there."""

    entity_id: str | None
    name: str | None
    type: str
    method: str
    score: float


def _discovered_entities(clusters: list[_Cluster], used_ids: set[str]) -> tuple[dict[str, Entity], dict[int, _Link]]:
    """An entity per cluster (named by its representative, with an unused id), and the link of
    each cluster's group roots (by ``id`` of the root draft)."""
    entities: dict[str, Entity] = {}
    cluster_of: dict[int, _Link] = {}
    for cluster in clusters:
        name = _representative(cluster)
        entity_id = unused_id(name, used_ids)
        type_ = _type_of(cluster)
        entities[entity_id] = Entity(entity_id, name, type_, False)
        for group in cluster.groups:
            cluster_of[id(group.root)] = _Link(entity_id, name, type_, "cluster", 1.0)
    return entities, cluster_of


def _glossary_link(draft: Draft, root: Draft, linker: NameLinker, entities: dict[str, Entity]) -> _Link:
    """The link of a draft whose root is a glossary entry (the entity is added when new)."""
    entity_id = root.entity_id or ""
    entry = linker.entry(entity_id)
    name, type_ = (entry.canonical, entry.type) if entry else (entity_id, root.type)
    if entity_id not in entities:
        entities[entity_id] = Entity(entity_id, name, type_, True)
    method = draft.method if draft is root or draft.entity_id else "partial"
    score = draft.score if draft.entity_id or draft.score else root.score
    return _Link(entity_id, name, type_, method, score)


def _cluster_link(draft: Draft, root: Draft, cluster: _Link) -> _Link:
    """The link of a draft whose root is in a discovered cluster."""
    method = "partial" if draft.method == "partial" else "cluster"
    score = draft.score if method == "partial" and draft.score else 1.0 if draft is root else 0.9
    return cluster._replace(method=method, score=score)


def _count(entity: Entity, surface: str, doc_id: str) -> None:
    """Count a mention's spelling and document for its entity."""
    entity.variants[surface] = entity.variants.get(surface, 0) + 1
    if not entity.docs or entity.docs[-1] != doc_id:
        entity.docs.append(doc_id)


def assemble(per_doc: list[tuple[str, list[Draft]]], linker: NameLinker) -> NamesResult:
    """Cluster the unlinked drafts of every document and build mentions and entities."""
    used_ids: set[str] = set(linker.glossary.entries) if linker.glossary is not None else set()
    entities, cluster_of = _discovered_entities(_cluster(_groups(per_doc)), used_ids)
    mentions: list[Mention] = []
    surfaces: dict[str, str] = {}
    for doc_id, drafts in per_doc:
        for draft in drafts:
            surface = surfaces.setdefault(draft.surface, draft.surface)  # one string for a name's every mention
            root = draft.root()
            if root.entity_id:
                link = _glossary_link(draft, root, linker, entities)
            elif id(root) in cluster_of:
                link = _cluster_link(draft, root, cluster_of[id(root)])
            else:
                link = _Link(None, None, draft.type, "unlinked", 0.0)
            mentions.append(Mention(doc_id, draft.start, draft.end, surface, link.type, link.name,
                                    link.entity_id, link.score, link.method))
            if link.entity_id is not None:
                _count(entities[link.entity_id], surface, doc_id)
    ordered = sorted(entities.values(), key=_entity_order)
    for entity in ordered:
        entity.docs = sorted(set(entity.docs))
    return NamesResult(mentions, [e for e in ordered if e.variants])


def _alias_kind(spelling: str, entity: Entity) -> str:
    """The glossary alias kind of a spelling seen for an entity."""
    parsed, full = parse_name(spelling), parse_name(entity.name)
    if entity.type != "person":
        return "variant"
    if parsed.kunya and not parsed.core:
        return "kunya"
    if len(parsed.words) == 1 and len(full.words) > 1:
        word = parsed.words[0]
        if full.surname is not None and words_match(word, full.surname):
            return "surname"
        if full.given is not None and words_match(word, full.given):
            return "given"
    return "variant"


def suggest_entries(result: NamesResult, glossary: Glossary | None = None, *, min_mentions: int = 1,
                    types: Iterable[str] = ("person", "organization", "place")) -> Glossary:
    """Draft glossary entries for the discovered entities (ids ``new:<slug>``).

    Every spelling seen becomes an alias: full names as ``variant``, a surname or a kunya
    alone as ``surname`` or ``kunya``; the note lists the documents they came from. Entities
    with fewer than ``min_mentions`` mentions, of other types, or whose name the glossary
    already has are left out. Write the result with ``provenance.glossary.write_glossary``.
    """
    from ..glossary import Alias, Entry, Glossary
    from ..text import script_of

    wanted = frozenset(types)
    drafts: list[Entry] = []
    for entity in result.entities:
        if entity.in_glossary or entity.type not in wanted or sum(entity.variants.values()) < min_mentions:
            continue
        if glossary is not None and any(e.type == entity.type for e in glossary.candidates(entity.name)):
            continue
        aliases: list[Alias] = []
        seen = {fold_name(entity.name)}
        for spelling, _ in sorted(entity.variants.items(), key=lambda item: (-item[1], item[0])):
            if fold_name(spelling) in seen:
                continue
            seen.add(fold_name(spelling))
            aliases.append(Alias(spelling, None, script_of(spelling), _alias_kind(spelling, entity)))
        note = f"suggested from {sum(entity.variants.values())} mentions in: {', '.join(entity.docs)}"
        drafts.append(Entry(entity.id, entity.type, entity.name, tuple(aliases), note=note))
    return Glossary(drafts)
