"""Name spans of a document: glossary aliases found by the automaton, Arabic-script runs that
share a glossary key, and finder candidates, merged into drafts without overlaps."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import ahocorasick

from .evidence import speaks
from .finder import Candidate
from .frequency import COMMON_PHRASE_ZIPF, VERY_COMMON_ZIPF, common_word
from .index import AUTOMATON_FOLD, GlossaryIndex, automaton_text
from .keys import ParsedName, parse_name
from .lexicon import HYPHEN_BREAKS, is_acronym, is_demonym, is_given_name, place_kind
from .resources import arabic_proclitics, linking_weights, plain

PERSON_EVIDENCE_MIN: float = linking_weights()["typing"]["person_evidence_min"]
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku"})
# Arabic-script letters and marks, without the script's punctuation (، ؛ ؟ ۔) and digits
_ARABIC_WORD = re.compile(r"[\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f]+")

AliasHit = tuple[int, int, tuple[str, ...]]  # start, end, entry ids
Proposal = tuple[int, int, str]  # a name tagger's span: start, end, name type


@dataclass(slots=True)
class Draft:
    """A mention being linked (mutable until the corpus is done)."""

    start: int
    end: int
    surface: str
    type: str
    parsed: ParsedName
    entity_id: str | None = None
    score: float = 0.0
    method: str = "unlinked"
    anchor: Draft | None = None
    single: bool = False
    evidence: float = 0.0
    cue: bool = False
    title: bool = False
    by_key: bool = False  # found only because its key is a glossary key (Arabic script)
    thing: bool = False  # a listed alias of an organization or place ("Houthi": the movement)
    proposed: bool = False  # a name tagger's span (:mod:`.ner`)

    def root(self) -> Draft:
        """The full mention this one resolves to (itself when it is not partial)."""
        seen = self
        while seen.anchor is not None:
            seen = seen.anchor
        return seen

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled without its parse when that is the parse of its surface, as it is wherever a draft
        is made: the receiving process takes its own cached parse of the surface. The words of each
        parse cost more to pickle and unpickle than the rest of the draft (a worker sends some 20
        drafts a document)."""
        flags = (self.single | self.cue << 1 | self.title << 2 | self.by_key << 3 | self.thing << 4
                 | self.proposed << 5)
        parsed = None if self.parsed is parse_name(self.surface) else self.parsed
        return _draft, (self.start, self.end, self.surface, self.type, parsed, self.entity_id, self.score,
                        self.method, self.anchor, self.evidence, flags)


def _draft(start: int, end: int, surface: str, type_: str, parsed: ParsedName | None, entity_id: str | None,
           score: float, method: str, anchor: Draft | None, evidence: float, flags: int) -> Draft:
    """A pickled draft, rebuilt (:meth:`Draft.__reduce__`: ``flags`` holds single, cue, title, by_key,
    thing and proposed, from the lowest bit up)."""
    return Draft(start, end, surface, type_, parsed if parsed is not None else parse_name(surface), entity_id,
                 score, method, anchor, bool(flags & 1), evidence, bool(flags & 2), bool(flags & 4),
                 bool(flags & 8), bool(flags & 16), bool(flags & 32))


@lru_cache(maxsize=1)
def _single_letter_proclitics() -> frozenset[str]:
    return frozenset(p for p in arabic_proclitics() if len(p) == 1)


def _boundary_before(text: str, start: int, arabic: bool) -> bool:
    if start == 0 or not text[start - 1].isalnum():
        return True
    return arabic and text[start - 1] in _single_letter_proclitics() and (start == 1 or not text[start - 2].isalnum())


def _alias_hit_fits(text: str, start: int, end: int, cases: tuple[str, ...]) -> bool:
    """Whether an automaton hit is a name in ``text``: written as an abbreviation must be, on
    word boundaries, and not a lowercase word of a cased script."""
    if cases and text[start:end].translate(AUTOMATON_FOLD) not in cases:
        return False  # an abbreviation matches only as written (IS, not "is" or "Is")
    arabic = bool(_ARABIC_WORD.match(text[start:end]))
    if not _boundary_before(text, start, arabic) or (end < len(text) and text[end].isalnum()):
        return False
    # a lowercase word of a cased script (Hebrew, Han ... have no case)
    return arabic or not text[start].islower() or not text[start:end].split()[-1][:1].islower()


def alias_spans(automaton: ahocorasick.Automaton | None, text: str) -> list[AliasHit]:
    """Glossary aliases found in ``text`` by an automaton of :class:`.index.AliasPatterns`, on word
    boundaries, leftmost-longest, no overlaps."""
    if automaton is None:
        return []
    folded = automaton_text(text)
    hits: list[AliasHit] = []
    for end_index, (length, ids, cases) in automaton.iter(folded):
        start, end = end_index - length + 1, end_index + 1
        if _alias_hit_fits(text, start, end, cases):
            hits.append((start, end, ids))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[AliasHit] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _keyed_run(index: GlossaryIndex, text: str, chunk: list[re.Match[str]], taken: list[tuple[int, int]],
               lang: str) -> bool:
    """Whether a run of Arabic-script words is a name whose key the glossary has: words apart
    by one space, free of ``taken`` spans, not only very common words."""
    if any(text[a.end():b.start()] not in (" ", "\u00a0") for a, b in pairwise(chunk)):
        return False
    start, end = chunk[0].start(), chunk[-1].end()
    if any(start < t_end and t_start < end for t_start, t_end in taken):
        return False
    if all(common_word(word.group(), lang) >= VERY_COMMON_ZIPF for word in chunk):
        return False
    return any(key in index.keys for key in parse_name(text[start:end]).key_set)


def arabic_key_spans(index: GlossaryIndex, text: str, taken: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Runs of 2-4 Arabic-script words whose key is a glossary name's key (runs made only
    of very common words, such as بشر آزاد "free human", are not names)."""
    if not index.keys or text.isascii() or not _ARABIC_WORD.search(text):
        return []
    lang = lang if lang in ARABIC_SCRIPT_LANGUAGES else "ar"
    words = list(_ARABIC_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        matched = 0
        for size in (4, 3, 2):
            chunk = words[i:i + size]
            if len(chunk) == size and _keyed_run(index, text, chunk, taken, lang):
                found.append((chunk[0].start(), chunk[-1].end()))
                matched = size
                break
        i += matched or 1
    return found


def _candidate_type(text: str, cand: Candidate, parsed: ParsedName, single: bool) -> str:
    """A finder candidate's type from its cues and evidence (a lone word that speaks, "Sudani
    said", or heads an administration, "Biden Administration", is a person)."""
    if cand.cue_type:
        return cand.cue_type
    if not single and is_demonym(plain(cand.surface.split()[-1])):
        return "other"  # "Unjustly Detained Americans": a group of people, not a person
    if cand.title and single:
        return "person"  # "Attorney General Kennedy": the title outweighs a gazetteer's Kennedy
    if place_kind(cand.surface):
        return "place"
    if cand.title or parsed.kunya or (not single and cand.evidence >= PERSON_EVIDENCE_MIN) \
            or (single and not is_acronym(cand.surface) and (cand.leader or speaks(text, cand.start, cand.end))):
        return "person"
    return "other"


def candidate_draft(text: str, cand: Candidate) -> Draft:
    """A draft from a finder candidate, typed by its cues and evidence."""
    parsed = parse_name(cand.surface)
    single = parsed.single or _compound_surname(cand.surface, parsed)
    type_ = _candidate_type(text, cand, parsed, single)
    return Draft(cand.start, cand.end, cand.surface, type_, parsed, single=single, evidence=cand.evidence,
                 cue=type_ in ("place", "organization") or bool(cand.cue_type), title=cand.title)


def _compound_surname(surface: str, parsed: ParsedName) -> bool:
    """One hyphenated word of capitalised names and nothing else ("Wingfield-Hayes",
    "Hennis-Plasschaert"): a double-barrelled surname, which stands alone as any surname does."""
    return len(parsed.core) >= 2 and len(parsed.words) == len(parsed.core) and not any(c.isspace() for c in surface) \
        and all(part[:1].isupper() for part in HYPHEN_BREAKS.split(surface))


def merge(text: str, candidates: list[Candidate], alias_hits: list[AliasHit],
          lang: str, people: Callable[[tuple[str, ...]], bool]) -> list[Draft]:
    """Finder candidates and automaton hits (both sorted, neither overlapping itself), without
    overlaps between them: the longer span wins, a tie goes to the glossary alias, and so does
    a person's alias inside a span whose other words are common ones ("Donald J. Trump
    Provides" in a headline; ``people`` tells whether a hit's entries are people)."""
    drafts: list[Draft] = []
    reached = 0

    def add_hit(start: int, end: int, ids: tuple[str, ...]) -> None:
        nonlocal reached
        if start >= reached:
            parsed = parse_name(text[start:end])
            drafts.append(Draft(start, end, text[start:end], "other", parsed, single=parsed.single, cue=True,
                                thing=not people(ids)))
            reached = end

    h = 0
    for cand in candidates:
        while h < len(alias_hits) and alias_hits[h][1] <= cand.start:
            add_hit(*alias_hits[h])
            h += 1
        overlapping = []
        first_hit = h
        while h < len(alias_hits) and alias_hits[h][0] < cand.end:
            overlapping.append(alias_hits[h])
            h += 1
        if overlapping and (max(b - a for a, b, _ in overlapping) >= cand.end - cand.start
                            or (_padded_alias(text, cand, overlapping, lang) and people(alias_hits[first_hit][2]))):
            for hit in overlapping:
                add_hit(*hit)
        elif cand.start >= reached:
            drafts.append(candidate_draft(text, cand))
            reached = cand.end
    for hit in alias_hits[h:]:
        add_hit(*hit)
    return drafts


def _padded_alias(text: str, cand: Candidate, hits: list[AliasHit], lang: str) -> bool:
    """Whether a span is one alias padded with common words (a headline's verb, a title)."""
    if len(hits) != 1 or not cand.start <= hits[0][0] < hits[0][1] <= cand.end:
        return False
    padding = (text[cand.start:hits[0][0]] + " " + text[hits[0][1]:cand.end]).split()
    return all(common_word(word, lang) >= COMMON_PHRASE_ZIPF and not is_given_name(word) for word in padding)


def with_proposals(text: str, drafts: list[Draft], proposals: Sequence[Proposal]) -> list[Draft]:
    """``drafts`` (in text order) with a draft for each proposed span that overlaps none of them,
    typed as the tagger typed it; a proposal counts as a cue, as a title or a listed alias does."""
    if not proposals:
        return drafts
    added = [Draft(start, end, text[start:end], type_, parse_name(text[start:end]),
                   single=parse_name(text[start:end]).single, cue=True, proposed=True)
             for start, end, type_ in proposals
             if not any(d.start < end and start < d.end for d in drafts)]
    return sorted(drafts + added, key=lambda d: d.start)
