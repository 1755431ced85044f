"""Conflicts between documents: one quote credited to different speakers, one fact with
different figures.

- ``attribution``: matched quotes (:func:`provenance.trace.quote_match.match_quotes`, containment
  included) whose canonical speakers differ between documents. Speakers are the same when
  their entity ids agree or, without ids, when their names are spelling variants.
- ``fact``: figures attached to one entity and attribute that cannot both hold: a person's
  age ("(43 years)", "39-year-old X", "X, 43,"), and casualty figures (killed, wounded) of one
  event, the event being known by its kind (attack, strike, ...), its place and who was
  counted. Bounds and estimates are ranges ("at least 32" agrees with "32", "nearly 30"
  does not contradict "28"). Precision first: casualty figures are compared only between
  documents about the same story (dates within a week, or shared people, or a matched quote),
  and ages across years allow for the time between the documents' dates.

Patterns and word lists live in ``data/conflicts/``.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .. import progress
from ..corpus import Document
from ..names.model import Mention
from ..text import sentences
from ..text.literals import fold_for_match, may_match
from .model import Conflict, ConflictItem, Quote
from .quote_match import same_speaker
from .resources import DATA_DIR, PhraseTable, read_table

CONFLICT_DATA = DATA_DIR / "conflicts"
SAME_STORY_DAYS = 7
"""Casualty figures of documents dated further apart are about different moments or events."""
MIN_SHARED_PEOPLE = 2
MAX_AGE = 120
APPROX_MARGIN = 0.15
MIN_CONFLICT_WORDS = 4
"""Fewest words of a quote credited to two persons for a conflict: shorter ones are terms."""
_WORD = re.compile(r"\w+")
NAME_WINDOW = 60
_NUMBER_DIGITS = r"\d{1,3}(?:[,.\u202f ]\d{3})+|\d+"
_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|near|at|outside|north of|south of|east of|west of)\s+(?:the\s+)?"
    r"(?:(?:central|northern|southern|eastern|western|downtown)\s+)?([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)")


@dataclass(frozen=True)
class FactPatterns:
    """Compiled fact patterns and the word lists they read."""

    by_anchor: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    numbers: dict[str, int]
    qualifiers: dict[str, str]
    events: PhraseTable
    victims: dict[str, str]


@lru_cache(maxsize=1)
def fact_patterns() -> FactPatterns:
    """Load ``data/conflicts/`` once."""
    numbers = {row["word"].casefold(): int(row["value"]) for row in read_table(CONFLICT_DATA / "number_words.tsv")}
    qualifiers = {re.sub(r"\s+", " ", row["phrase"].casefold()): row["relation"]
                  for row in read_table(CONFLICT_DATA / "qualifiers.tsv")}
    victims = {row["noun"].casefold(): row["class"] for row in read_table(CONFLICT_DATA / "victim_nouns.tsv")}
    words = "|".join(re.escape(w) for w in sorted(numbers, key=lambda w: (-len(w), w)))
    number = rf"(?P<num>(?:{_NUMBER_DIGITS})(?!\d)|(?:an?\s+)?(?:{words})(?:[-\s](?:{words}))*)(?!\w)"
    qualifier_words = "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(qualifiers, key=lambda q: (-len(q), q)))
    victim_words = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(victims, key=lambda v: (-len(v), v)))
    qualifier = f"(?:(?P<q>{qualifier_words})\\s+)?"
    victim = f"(?:[\\w’'\\-]+\\s+)??(?P<victim>{victim_words})"
    by_anchor: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    for row in read_table(CONFLICT_DATA / "facts.tsv"):
        attribute, anchor = row["attribute"], row["anchor"]
        pattern = row["pattern"].replace("{Q}", qualifier).replace("{N}", number).replace("{V}", victim)
        by_anchor[anchor].append((attribute, re.compile(pattern, re.IGNORECASE)))
    events = PhraseTable.build((row["noun"], row["class"]) for row in read_table(CONFLICT_DATA / "event_nouns.tsv"))
    return FactPatterns({k: tuple(v) for k, v in by_anchor.items()}, numbers, qualifiers, events, victims)


# ---------------------------------------------------------------------------------------------
# Figures


@dataclass(frozen=True)
class Figure:
    """A figure as written, the number it states and the range it allows."""

    text: str
    value: int
    low: float
    high: float


def parse_number(text: str) -> int | None:
    """The number ``text`` writes in digits or words ("32", "2,500", "thirty-two", "a hundred")."""
    folded = text.casefold().strip()
    digits = re.sub(r"[,.\u202f ]", "", folded)
    if digits.isdigit():
        return int(digits)
    words = fact_patterns().numbers
    total, current = 0, 0
    parts = [p for p in re.split(r"[-\s]+", folded) if p not in ("a", "an", "and")]
    if not parts:
        return None
    for part in parts:
        value = words.get(part)
        if value is None:
            return None
        if value in (100, 1000, 1000000):
            current = max(current, 1) * value
            if value > 100:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def figure(number: str, qualifier: str | None, text: str) -> Figure | None:
    """The range a figure allows, from its number and qualifier; None for vague amounts."""
    value = parse_number(number)
    if value is None:
        return None
    relation = fact_patterns().qualifiers.get(re.sub(r"\s+", " ", qualifier.casefold())) if qualifier else None
    if relation == "vague":
        return None
    low, high = float(value), float(value)
    if relation == "ge":
        high = math.inf
    elif relation == "gt":
        low, high = value + 1.0, math.inf
    elif relation == "le":
        low = 0.0
    elif relation == "lt":
        low, high = 0.0, value - 1.0
    elif relation == "approx":
        low, high = value * (1 - APPROX_MARGIN), value * (1 + APPROX_MARGIN)
    return Figure(text, value, low, high)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be true."""
    return a.low <= b.high and b.low <= a.high


# ---------------------------------------------------------------------------------------------
# Claims


@dataclass(frozen=True)
class Claim:
    """A figure a document states for an attribute of something (``subject`` is its key)."""

    doc: str
    start: int
    end: int
    attribute: str
    subject: str
    label: str
    figure: Figure
    needs_same_story: bool


def _entity_key(mention: Mention) -> tuple[str, bool]:
    """A mention's identity key and whether it is a resolved entity."""
    if mention.entity_id:
        return f"id:{mention.entity_id}", True
    if mention.entity:
        return f"name:{mention.entity.casefold()}", False
    return f"name:{mention.surface.casefold()}", False


def _claim(doc: Document, match: re.Match[str], attribute: str, subject: str, label: str,
           needs_same_story: bool, offset: int = 0) -> Claim | None:
    qualifier = match.groupdict().get("q")
    start = match.start("q") if qualifier else match.start("num")
    start, end = start + offset, match.end("num") + offset
    found = figure(match.group("num"), qualifier, doc.text[start:end])
    if found is None or (attribute == "age" and not 0 < found.value <= MAX_AGE):
        return None
    return Claim(doc.id, start, end, attribute, subject, label, found, needs_same_story)


def age_claims(doc: Document, mentions: Sequence[Mention]) -> list[Claim]:
    """Ages written next to a person's name."""
    text = doc.text
    after_name, before_name = _may_match_in(text, "after_name"), _may_match_in(text, "before_name")
    claims = []
    for mention in mentions:
        if mention.type != "person":
            continue
        key, resolved = _entity_key(mention)
        label = mention.entity or mention.surface
        after = text[mention.end:mention.end + NAME_WINDOW]
        for attribute, pattern in after_name:
            m = pattern.match(after)
            if m:
                claim = _claim(doc, m, attribute, key, label, not resolved, offset=mention.end)
                if claim:
                    claims.append(claim)
                break
        lo = max(0, mention.start - NAME_WINDOW)
        before = text[lo:mention.start]
        for attribute, pattern in before_name:
            m = pattern.search(before)
            if m:
                claim = _claim(doc, m, attribute, key, label, not resolved, offset=lo)
                if claim:
                    claims.append(claim)
                break
    return claims


def _may_match_in(text: str, anchor: str) -> list[tuple[str, re.Pattern[str]]]:
    """The ``anchor`` patterns that may match somewhere in ``text`` (a part of a text holds no
    required word the whole lacks), in table order."""
    folded = fold_for_match(text)
    return [(attribute, pattern) for attribute, pattern in fact_patterns().by_anchor.get(anchor, ())
            if may_match(pattern, folded)]


def _event(words: Sequence[str]) -> str | None:
    events = fact_patterns().events
    for k, word in enumerate(words):
        hit = events.match(words, k) if word in events.by_first else None
        if hit:
            return hit[1]
    return None


def _named_places(mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """The place mentions of a document, (position, name), in text order."""
    return sorted((m.start, (m.entity or m.surface).casefold()) for m in mentions if m.type == "place")


def _places(text: str, start: int, end: int, named: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Places named in ``text[start:end]`` (``named`` place mentions, in text order, else
    "in/near X"), with positions."""
    places = list(named[bisect_left(named, (start,)):bisect_left(named, (end,))])
    if not places:
        places = [(p.start(1), p.group(1).casefold()) for p in _PLACE_AFTER_PREPOSITION.finditer(text, start, end)]
    return places


def _nearest(places: Sequence[tuple[int, str]], at: int) -> str:
    return min(places, key=lambda p: (abs(p[0] - at), p[1]))[1]


def casualty_claims(doc: Document, mentions: Sequence[Mention]) -> list[Claim]:
    """Killed and wounded figures with the event (kind, place) and the group they count.

    A sentence that states a figure without naming the event or its place borrows them from
    the previous sentence of the same paragraph ("... blasts in Baghdad. At least 32 people
    were killed.").
    """
    patterns = fact_patterns()
    text = doc.text
    candidates = _may_match_in(text, "sentence")
    if not candidates:
        return []
    claims = []
    previous: tuple[int, str | None, list[tuple[int, str]]] | None = None
    named = _named_places(mentions)
    for sent in sentences(text):
        words = [w.casefold() for w in _WORD.findall(sent.text)]
        event = _event(words)
        places = _places(text, sent.start, sent.end, named)
        same_paragraph = previous is not None and "\n" not in text[previous[0]:sent.start]
        if same_paragraph and previous is not None:
            event = event or previous[1]
            places = places or previous[2]
        previous = (sent.end, event, places)
        if event is None or not places:
            continue
        folded = fold_for_match(sent.text)
        for attribute, pattern in candidates:
            if not may_match(pattern, folded):
                continue
            for m in pattern.finditer(sent.text):
                victim = m.groupdict().get("victim")
                group = patterns.victims.get(victim.casefold(), "people") if victim else "people"
                place = _nearest(places, sent.start + m.start())
                subject = f"{event}|{place}|{group}"
                label = f"{attribute} ({group}) in the {event} at {place.title()}"
                claim = _claim(doc, m, attribute, subject, label, True, offset=sent.start)
                if claim:
                    claims.append(claim)
    return _unique_claims(claims)


def _unique_claims(claims: Sequence[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int, str, str], Claim] = {}
    for c in claims:
        seen.setdefault((c.doc, c.start, c.end, c.attribute, c.subject), c)
    return [seen[k] for k in sorted(seen)]


# ---------------------------------------------------------------------------------------------
# Same story


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class _Stories:
    """Which document pairs are about the same story, and the years between them."""

    dates: dict[str, date | None]
    people: dict[str, frozenset[str]]
    quoted: frozenset[tuple[str, str]]

    def same_story(self, a: str, b: str) -> bool:
        da, db = self.dates.get(a), self.dates.get(b)
        if da and db and abs((da - db).days) > SAME_STORY_DAYS:
            return False
        if da and db:
            return True
        shared = self.people.get(a, frozenset()) & self.people.get(b, frozenset())
        return len(shared) >= MIN_SHARED_PEOPLE or tuple(sorted((a, b))) in self.quoted

    def years_between(self, a: str, b: str) -> float | None:
        da, db = self.dates.get(a), self.dates.get(b)
        return abs((da - db).days) / 365.25 if da and db else None


def _stories(docs: Sequence[Document], quote_matches: Sequence[tuple[Quote, Quote, float]],
             mentions_by_doc: Mapping[str, Sequence[Mention]]) -> _Stories:
    people = {doc_id: frozenset(_entity_key(m)[0] for m in mentions if m.type == "person")
              for doc_id, mentions in mentions_by_doc.items()}
    quoted = frozenset((min(a.doc, b.doc), max(a.doc, b.doc)) for a, b, _ in quote_matches)
    return _Stories({d.id: _parse_date(d.date) for d in docs}, people, quoted)


def _contradict(a: Claim, b: Claim, stories: _Stories) -> bool:
    if a.doc == b.doc or compatible(a.figure, b.figure):
        return False
    if (a.needs_same_story or b.needs_same_story) and not stories.same_story(a.doc, b.doc):
        return False
    if a.attribute == "age":
        years = stories.years_between(a.doc, b.doc)
        if years is not None and abs(abs(a.figure.value - b.figure.value) - years) <= 1.0:
            return False
    return True


def contradicted(claims: Sequence[Claim], files: Mapping[str, str], stories: _Stories) -> list[Claim]:
    """The claims that a claim of another file contradicts, in the order given. Contradiction is
    symmetric, so each claim only needs one contradicting partner: it looks for one among the
    claims whose figures it cannot share (by figure range; a wire story reprinted a thousand times
    states the same figure a thousand times), and the answer is kept for claims of one document
    stating one figure. Every pair is still tried where no partner is found (figures years apart)."""
    by_range: dict[tuple[float, float], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_range[(claim.figure.low, claim.figure.high)].append(claim)
    ranges = sorted(by_range)
    found: dict[tuple[str, Figure, bool], bool] = {}
    involved = []
    for claim in claims:
        key = (claim.doc, claim.figure, claim.needs_same_story)
        if key not in found:
            low, high = claim.figure.low, claim.figure.high
            found[key] = any(files[other.doc] != files[claim.doc] and _contradict(claim, other, stories)
                             for other_low, other_high in ranges if not (low <= other_high and other_low <= high)
                             for other in by_range[(other_low, other_high)])
        if found[key]:
            involved.append(claim)
    return involved


def stated_figures(doc: Document, mentions: Sequence[Mention]) -> list[Claim]:
    """The ages and the casualty figures ``doc`` states."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    return age_claims(doc, ordered) + casualty_claims(doc, ordered)


def fact_conflicts(docs: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]],
                   quote_matches: Sequence[tuple[Quote, Quote, float]] = (),
                   claims: Iterable[Claim] | None = None) -> list[Conflict]:
    """Figures for one entity and attribute that differ between documents about one story (the
    parts of one big file are one document): ``claims`` are the figures the documents state
    (found here with :func:`stated_figures` when None); the figures of each entity are compared
    as a nested stage."""
    stories = _stories(docs, quote_matches, mentions_by_doc)
    files = {doc.id: doc.part_of or doc.id for doc in docs}
    if claims is None:
        claims = [claim for doc in docs for claim in stated_figures(doc, mentions_by_doc.get(doc.id, ()))]
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[(claim.attribute, claim.subject)].append(claim)
    conflicts = []
    for (attribute, _), stated in progress.tracked(sorted(groups.items()), "trace: comparing stated figures"):
        ordered = sorted(contradicted(stated, files, stories), key=lambda c: (c.doc, c.start))
        if ordered:
            label = ordered[0].label
            summary = f"{attribute} of {label}: " if attribute == "age" else f"{label}: "
            summary += " vs ".join(sorted({c.figure.text for c in ordered}))
            conflicts.append(Conflict("fact", summary, tuple(
                ConflictItem(c.doc, c.start, c.end, c.figure.text) for c in ordered)))
    return conflicts


# ---------------------------------------------------------------------------------------------
# Attribution


def attribution_conflicts(quote_matches: Sequence[tuple[Quote, Quote, float]],
                          speaker_types: Mapping[str, str] | None = None) -> list[Conflict]:
    """The same words credited as speech to two different persons in different documents: not
    a term of a few words in quotation marks ("deputy caliph"), and not a speaker the names
    stage typed as an organization or place (``speaker_types``: entity id -> type)."""
    grouped: dict[tuple[tuple[str, str], tuple[str, str]], set[Quote]] = defaultdict(set)
    excerpts: dict[tuple[tuple[str, str], tuple[str, str]], str] = {}
    types = speaker_types or {}
    for a, b, _ in quote_matches:
        if a.doc == b.doc or not a.speaker or not b.speaker or same_speaker(a, b):
            continue
        if min(len(_WORD.findall(a.text)), len(_WORD.findall(b.text))) < MIN_CONFLICT_WORDS \
                or any(types.get(q.speaker_id or "", "person") != "person" for q in (a, b)):
            continue
        side_a, side_b = sorted(((a.doc, a.speaker), (b.doc, b.speaker)))
        key = (side_a, side_b)
        grouped[key].update((a, b))
        shorter = min((a, b), key=lambda q: (len(q.text), q.doc))
        if key not in excerpts or len(shorter.text) < len(excerpts[key]):
            excerpts[key] = shorter.text
    conflicts = []
    for key in sorted(grouped):
        quotes = sorted(grouped[key], key=lambda q: (q.doc, q.start))
        (doc_a, speaker_a), (doc_b, speaker_b) = key
        summary = (f'one quote, two speakers: "{excerpts[key]}" credited to {speaker_a} ({doc_a}) '
                   f'and {speaker_b} ({doc_b})')
        conflicts.append(Conflict("attribution", summary, tuple(
            ConflictItem(q.doc, q.start, q.end, q.speaker or "") for q in quotes)))
    return conflicts


def find_conflicts(docs: Sequence[Document], quotes: Sequence[Quote],
                   quote_matches: Sequence[tuple[Quote, Quote, float]],
                   mentions_by_doc: Mapping[str, Sequence[Mention]],
                   claims: Iterable[Claim] | None = None) -> list[Conflict]:
    """Attribution conflicts from matched quotes, then fact conflicts from the figures the
    documents state (``claims``, see :func:`fact_conflicts`)."""
    known = {(q.doc, q.start, q.end) for q in quotes}
    matches = [m for m in quote_matches if (m[0].doc, m[0].start, m[0].end) in known
               and (m[1].doc, m[1].start, m[1].end) in known]
    types = {m.entity_id: m.type for held in mentions_by_doc.values() for m in held if m.entity_id}
    return attribution_conflicts(matches, types) + fact_conflicts(docs, mentions_by_doc, matches, claims)
