"""What normalize rewrites, decided in one place: a proposed change or a skip with its reason, per mention.

A mention is a candidate when it is of a type asked for and linked to an entity whose name it
does not already write. It becomes a proposed change only when all of these hold:

- the span is a name, not a title or a role ("Wali"); a leading article or title is cut off
  the span ("Le Centcom", "President Bashar al-Asad": only the name part changes);
- the entity is in the glossary, or, with ``include_discovered``, a discovered one whose name
  holds no title, article or organization ("Estado Islámico Abú Yaser Al Issawi");
- the text is a spelling of the canonical name (:func:`.rewrite.canonical_form`);
- a short form (a surname, a kunya, a given name) can be carried by exactly one person
  (:mod:`.carriers`): two Gaddafis in one text, a lone "Gheddafi" stays as written;
- the link's score is at least ``min_score``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..corpus import Document
from ..glossary import Glossary
from ..names.model import Mention, NamesResult
from ..names.resources import plain, title_lengths, titles
from ..resources import data_lines
from ..text.wordlists import articles
from .carriers import DocumentPeople, GlossaryPeople, is_short_form, name_parts
from .rewrite import Edit, canonical_form

DEFAULT_MIN_SCORE = 0.8
"""The default ``--min-score``: chosen on benchmarks/bench_normalize_precision.py (see the README)."""

REASONS: dict[str, str] = {
    "title": "a title or a role, not a name",
    "discovered": "a name the glossary does not know (see --include-discovered)",
    "suspect-entity": "the canonical name holds a title, an article or an organization",
    "not-a-spelling": "not a spelling of the canonical name (a birth name, an abbreviation, another script)",
    "shared-name": "more than one person can carry this short name",
    "low-score": "linked below --min-score",
    "overlap": "overlaps another change",
    "longer-name": "part of a longer name than the glossary lists (--listed-only)",
    "short-form": "a surname or given name alone (--listed-only rewrites full names only)",
}
"""Why a candidate is skipped, by reason code."""

_WORD = re.compile(r"\S+")
_ARTICLED_NAME = re.compile(r"^(\w+)[\s\-\u2010\u2011]")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "normalize"


@dataclass(frozen=True)
class PlanOptions:
    """What a plan may rewrite: mention ``types``, the lowest score, and discovered names or not."""

    min_score: float = DEFAULT_MIN_SCORE
    types: tuple[str, ...] = ("person",)
    include_discovered: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The options as the report writes them."""
        return {"min_score": self.min_score, "types": list(self.types), "include_discovered": self.include_discovered}


@dataclass(frozen=True)
class Decision:
    """One candidate mention: a proposed change (``reason`` None) or a skip with its reason.

    ``start``/``end``/``surface`` are the span to rewrite: the mention's span with any leading
    article or title cut off. ``text`` is the canonical name written in its place (None when
    skipped before it was known); ``candidates`` the other people who could carry the name: in
    the document or the glossary (a short form is skipped only for the document's, unless the
    document never names its person in full).
    """

    doc: str
    start: int
    end: int
    surface: str
    text: str | None
    entity: str
    entity_id: str | None
    type: str
    method: str
    score: float
    reason: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """A stable change id: document, span and surface."""
        return change_id(self.doc, self.start, self.end, self.surface)

    @property
    def proposed(self) -> bool:
        """Whether this is a change to make (not a skip)."""
        return self.reason is None

    def edit(self) -> Edit:
        """The change to make (only for a proposed one, whose canonical text is known)."""
        if self.text is None:
            raise ValueError(f"{self.id}: a skipped candidate has no change to make")
        return Edit(self.doc, self.start, self.end, self.surface, self.text, self.entity, self.entity_id, self.type,
                    self.method, self.score)

    def to_dict(self) -> dict[str, Any]:
        """The decision as the report's ``normalization`` entry."""
        record: dict[str, Any] = {"id": self.id, "doc": self.doc, "start": self.start, "end": self.end,
                                  "surface": self.surface, "text": self.text, "entity": self.entity,
                                  "method": self.method, "score": round(self.score, 4)}
        if self.reason is not None:
            record["reason"] = self.reason
        if self.candidates:
            record["candidates"] = list(self.candidates)
        return record


def change_id(doc: str, start: int, end: int, surface: str) -> str:
    """The id of a change: ``doc:start-end:surface``."""
    return f"{doc}:{start}-{end}:{surface}"


@dataclass
class NormalizationPlan:
    """Every candidate of a corpus, decided, in document order."""

    options: PlanOptions
    decisions: list[Decision] = field(default_factory=list)

    def proposals(self) -> list[Decision]:
        """The proposed changes."""
        return [d for d in self.decisions if d.proposed]

    def skips(self) -> list[Decision]:
        """The skipped candidates."""
        return [d for d in self.decisions if not d.proposed]

    def by_doc(self) -> dict[str, list[Decision]]:
        """The proposed changes of each document."""
        grouped: dict[str, list[Decision]] = {}
        for decision in self.proposals():
            grouped.setdefault(decision.doc, []).append(decision)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        """The report's ``normalization`` object: options, counts, proposed and skipped."""
        skips = self.skips()
        reasons: dict[str, int] = {}
        for skip in skips:
            reasons[skip.reason or ""] = reasons.get(skip.reason or "", 0) + 1
        return {**self.options.to_dict(), "proposed_count": len(self.decisions) - len(skips),
                "skipped_count": len(skips), "skipped_by_reason": dict(sorted(reasons.items())),
                "proposed": [d.to_dict() for d in self.proposals()], "skipped": [d.to_dict() for d in skips]}


class Planner:
    """Decides the candidates of documents under ``options``, with the glossary's people at hand.
    Without ``candidates`` no decision lists the other people who could carry its name (what a
    reviewer reads; a normalized copy does not need them, and a large glossary makes them slow)."""

    def __init__(self, names: NamesResult, options: PlanOptions = PlanOptions(),
                 glossary: Glossary | None = None, *, candidates: bool = True) -> None:
        self.options = options
        self.in_glossary = {e.id for e in names.entities if e.in_glossary}
        self.people = GlossaryPeople(glossary)
        self.candidates = candidates
        self._names = names
        self._glossary = glossary

    @cached_property
    def organizations(self) -> frozenset[str]:
        """Folded names of the organizations of the corpus and the glossary (read only for
        discovered entities)."""
        return _organization_names(self._names, self._glossary)

    def plan_document(self, doc: Document, mentions: Iterable[Mention]) -> list[Decision]:
        """The decisions on one document's candidates, in text order."""
        mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        people = DocumentPeople(mentions)
        decisions: list[Decision] = []
        cursor = 0
        for mention in mentions:
            decision = self.decide(doc, mention, people)
            if decision is None:
                continue
            if decision.proposed:
                if decision.start < cursor:
                    decision = replace(decision, reason="overlap")
                else:
                    cursor = decision.end
            decisions.append(decision)
        return decisions

    def decide(self, doc: Document, mention: Mention, people: DocumentPeople) -> Decision | None:
        """The decision on one mention; None when it is no candidate (another type, no entity,
        already canonical, or its span does not hold its surface)."""
        if mention.type not in self.options.types or not mention.entity or mention.surface == mention.entity:
            return None
        if doc.text[mention.start:mention.end] != mention.surface:
            return None
        cut = leading_cut(mention.surface, mention.entity)
        surface = mention.surface[cut:]
        base = Decision(doc.id, mention.start + cut, mention.end, surface, None, mention.entity, mention.entity_id,
                        mention.type, mention.method, mention.score)
        if cut == len(mention.surface):
            return replace(base, start=mention.start, surface=mention.surface, reason="title")
        if mention.entity_id not in self.in_glossary:
            if not self.options.include_discovered:
                return replace(base, reason="discovered")
            if self.suspect_entity(mention.entity):
                return replace(base, reason="suspect-entity")
        canonical = canonical_form(replace(mention, surface=surface))
        if canonical is None:
            return replace(base, reason="not-a-spelling")
        if canonical == surface:
            return None
        base = replace(base, text=canonical)
        if is_short_form(surface, mention.method):
            carriers = people.carriers(surface, mention.entity_id, mention.entity, self.people)
            if self.candidates:
                known = {*carriers.values(), *self.people.carrying(name_parts(surface)).values()}
                base = replace(base, candidates=tuple(sorted(name for name in known if name != mention.entity)))
            if len(carriers) > 1:
                return replace(base, reason="shared-name")
        elif self.candidates:
            base = replace(base, candidates=people.namesakes(mention.entity_id, mention.entity, self.people))
        if mention.score < self.options.min_score:
            return replace(base, reason="low-score")
        return base

    def suspect_entity(self, entity: str) -> bool:
        """Whether a discovered entity's name starts with a title, a role or an article, or holds
        an organization's name (a span the finder glued together). Glossary names are trusted."""
        if leading_cut(entity, None):
            return True
        folded = f" {plain(entity)} "
        return any(f" {name} " in folded for name in self.organizations)


def plan_corpus(docs: Iterable[Document], names: NamesResult, options: PlanOptions = PlanOptions(),
                glossary: Glossary | None = None, *, candidates: bool = True) -> NormalizationPlan:
    """The normalization plan of a corpus: every candidate mention, decided (``candidates``: see
    :class:`Planner`)."""
    planner = Planner(names, options, glossary, candidates=candidates)
    by_doc = names.by_doc()
    plan = NormalizationPlan(options)
    for doc in docs:
        plan.decisions.extend(planner.plan_document(doc, by_doc.get(doc.id, ())))
    return plan


# ---------------------------------------------------------------------------------------
# Titles, roles and articles in front of a name


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Titles (names/titles.txt) and the role words normalize adds (normalize/roles.txt), folded."""
    return titles() | frozenset(plain(word) for word in data_lines(DATA_DIR / "roles.txt"))


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return articles(kinds=("definite",))


@lru_cache(maxsize=100_000)
def leading_cut(surface: str, entity: str | None) -> int:
    """How many characters of titles, roles and articles lead ``surface`` (all of it when it is
    made of nothing else). A title that is part of the canonical name ``entity`` (Haji Bakr) and
    an article that the canonical spelling keeps (the Arabic "El" of "El-Sisi") stay."""
    words = list(_WORD.finditer(surface))
    own = frozenset(plain(entity).split()) if entity else frozenset()
    index = 0
    while index < len(words):
        length = _title_length(words, index)
        if length and not own.issuperset(plain(w.group()) for w in words[index:index + length]):
            index += length
            continue
        if index < len(words) - 1 and _is_article(words[index].group()) \
                and not _article_of_name(surface[words[index].start():], entity):
            index += 1
            continue
        break
    if index == len(words):
        return len(surface)
    return words[index].start() if index else 0


def _title_length(words: list[re.Match[str]], index: int) -> int:
    """The number of words of the title or role starting at ``words[index]`` (0: none)."""
    known = role_words()
    for length in (*title_lengths(), 1):
        if index + length <= len(words):
            phrase = plain(" ".join(w.group() for w in words[index:index + length])).rstrip(".,")
            if phrase in known:
                return length
    return 0


def _is_article(word: str) -> bool:
    return word.lower() in _articles()


def _article_of_name(surface: str, entity: str | None) -> bool:
    """Whether the article that starts ``surface`` belongs to the name: the canonical spelling
    keeps it (Arabic al/el)."""
    if entity is None:
        return False
    canonical = canonical_form(Mention("", 0, len(surface), surface, "person", entity, None, 1.0, "key"))
    found = _ARTICLED_NAME.match(canonical or "")
    return found is not None and found.group(1).lower() == surface.split(None, 1)[0].lower()


def _organization_names(names: NamesResult, glossary: Glossary | None) -> frozenset[str]:
    """Folded names of the organizations of the corpus and the glossary (two words or more: a
    single word may well be a surname too)."""
    found = {m.surface for m in names.mentions if m.type == "organization"}
    for entry in glossary or ():
        if entry.type == "organization":
            found.update(entry.names())
    return frozenset(plain(name) for name in found if len(name.split()) >= 2)
