"""Linking name spans to glossary entries, and partial mentions to full ones in a document.

Per span: an exact alias (found by an Aho-Corasick automaton over the text, in any script,
on word boundaries), else a transliteration key shared with an alias, else a rapidfuzz
match among the entries that share the surname's key; every candidate must agree with the
span on given names and kunya (so namesakes that share a surname stay apart), and context
(roles and titles near the mention, places, dates, co-occurring names) chooses between
namesakes. Then, per document, a surname, kunya or given name alone resolves to the full
name it belongs to, and "X, known as Y" / "X, born Y" make Y another name of X.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import ahocorasick
from rapidfuzz import fuzz, process

from ..corpus import Document
from .finder import (COMMON_PHRASE_ZIPF, COMMON_WORD_ZIPF, HYPHEN_BREAKS, Candidate, common_word, find_candidates,
                     guess_language, is_acronym, is_given_name, place_kind, says_after, sentence_start, sentence_word,
                     speaks)
from .keys import NameWord, ParsedName, parse_name, parse_name_uncached
from .resources import alias_cues, plain, titles

if TYPE_CHECKING:
    from ..glossary import Entry, Glossary

SKIPPED_ALIAS_KINDS = frozenset({"surname", "given", "title"})
KEY_SCORE = 0.85
FUZZY_MIN = 86.0
SPELLING_MIN = 90.0
KEYED_SPELLING_MIN = 60.0
MAX_BLOCK = 400
ROLE_WINDOW = 160
TITLE_WINDOW = 40  # characters before a mention searched for its title
PERSON_EVIDENCE_MIN = 1.0
SURNAME_ONLY_SCORE = 0.6  # a lone surname linked because one entry has it
NAMESAKE_FLOOR = 0.6  # the score kept by a link that context could not separate from a namesake
CLEAR_MARGIN = 0.4  # a context margin that separates namesakes fully
_AUTOMATON_FOLD = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2019": "'",
                                 "\u2018": "'", "\u02bc": "'", "\u00a0": " "})
_ARABIC_PROCLITICS = frozenset("وفبلك")
_PARENTHESIS = re.compile(r"^\([^)]{0,40}\)\s*")
MAX_CUE_GAP = 80
VERY_COMMON_ZIPF = 5.0
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku"})
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")
_LIST_JOINER = re.compile(r"\s*(?:,|,?\s+(?:and|or|et|y|e|und))\s*")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures (an index,
    a corpus of drafts): its full passes rescan every live object, which made linking time grow
    faster than the corpus. Reference counting still frees everything these stages drop.

    On the way out, the objects made meanwhile go straight to the oldest generation (a freeze
    and unfreeze moves them as one list), so that the first young collection after the pause
    does not walk millions of them. Skipped when something else froze objects, to leave those
    frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


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
    anchor: "Draft | None" = None
    single: bool = False
    evidence: float = 0.0
    cue: bool = False
    title: bool = False
    by_key: bool = False  # found only because its key is a glossary key (Arabic script)
    thing: bool = False  # a listed alias of an organization or place ("Houthi": the movement)

    def root(self) -> "Draft":
        """The full mention this one resolves to (itself when it is not partial)."""
        seen = self
        while seen.anchor is not None:
            seen = seen.anchor
        return seen


@dataclass
class _EntryNames:
    """An entry's aliases, parsed, with the given names and kunyas they establish."""

    entry: "Entry"
    names: list[tuple[str, ParsedName]] = field(default_factory=list)

    @cached_property
    def givens(self) -> list[NameWord]:
        """Given names of the full aliases, and aliases of kind ``given`` (read once the
        index is built)."""
        found = [p.given for _, p in self.names if p.given is not None]
        return found + [p.words[0] for kind, p in self.names if kind == "given" and p.words]

    @cached_property
    def kunyas(self) -> list[NameWord]:
        """The names after Abu/Umm in the aliases (read once the index is built)."""
        return [w for _, p in self.names for w in p.kunya]

    @cached_property
    def suffixes(self) -> frozenset[str]:
        """The generational suffixes (jr, iii) of the aliases."""
        return frozenset(w.text for _, p in self.names for w in p.words if w.role == "suffix")

    @cached_property
    def surnames(self) -> list[NameWord]:
        """The surnames of the aliases (read once the index is built)."""
        return [p.surname for _, p in self.names if p.surname is not None]


def words_match(a: NameWord, b: NameWord) -> bool:
    """Whether two name words are spellings of one name (shared key and close spelling)."""
    if a.text == b.text:
        return True
    if a.text.isascii() != b.text.isascii():
        return bool(set(a.keys) & set(b.keys))  # two scripts: only the sound classes compare
    similarity = fuzz.ratio(a.text, b.text)
    return similarity >= SPELLING_MIN or (similarity >= KEYED_SPELLING_MIN and bool(set(a.keys) & set(b.keys)))


def any_match(word: NameWord, others: Sequence[NameWord]) -> bool:
    """Whether ``word`` is a spelling of one of ``others`` (a plain loop: this runs per mention)."""
    text = word.text
    for other in others:
        if other.text == text or words_match(word, other):
            return True
    return False


def all_match(words: Iterable[NameWord], others: Sequence[NameWord]) -> bool:
    """Whether every one of ``words`` is a spelling of one of ``others``."""
    for word in words:
        if not any_match(word, others):
            return False
    return True


def compatible(name: ParsedName, target: _EntryNames) -> bool:
    """Whether ``name`` may name the entry: its given name, kunya and surname do not contradict it."""
    givens, kunyas = target.givens, target.kunyas
    suffix = name.words[-1].text if name.words and name.words[-1].role == "suffix" else None
    if suffix is not None and suffix not in target.suffixes:
        return False  # "Donald Trump Jr." is not Donald Trump (without a suffix, a name may be either)
    if name.given is not None and givens and not any_match(name.given, givens):
        return False
    if name.kunya and kunyas and not any(any_match(k, kunyas) for k in name.kunya):
        return False
    surname = name.surname
    if surname is not None and len(name.core) >= 2:
        surnames = target.surnames
        if surnames and not any_match(surname, surnames):
            return False
    return True


def name_similarity(a: ParsedName, b: ParsedName) -> float:
    """Similarity of two parsed names in 0..100 (spelling of the core words, order-insensitive)."""
    if not a.words or not b.words:
        return 0.0
    spelled = fuzz.token_sort_ratio(a.folded, b.folded)
    keyed = 100.0 if a.keys() & b.keys() else 0.0
    return max(spelled, keyed * 0.97)


def _automaton_text(text: str) -> str:
    """``text`` folded for the automaton without changing its length."""
    if text.isascii():
        return text.replace("-", " ").lower()  # the only ASCII character the folding maps
    folded = text.translate(_AUTOMATON_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _boundary_before(text: str, start: int, arabic: bool) -> bool:
    if start == 0 or not text[start - 1].isalnum():
        return True
    return arabic and text[start - 1] in _ARABIC_PROCLITICS and (start == 1 or not text[start - 2].isalnum())


class NameLinker:
    """Links the names of documents to a glossary (or to nothing, with ``glossary=None``)."""

    def __init__(self, glossary: "Glossary | None" = None) -> None:
        self.glossary = glossary
        self._entries: dict[str, _EntryNames] = {}
        self._exact: dict[str, list[str]] = {}
        self._abbreviations: dict[str, list[str]] = {}
        self._keys: dict[str, list[str]] = {}
        self._surnames: dict[str, list[str]] = {}
        self._given_names: dict[str, list[str]] = {}
        self._surname_choices: dict[str, list[tuple[str, str]]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._cache: dict[str, tuple[str | None, float, str, list[str]]] = {}
        if glossary is not None:
            with collector_paused():
                self._index(glossary)

    # ------------------------------------------------------------------ glossary index

    def _index(self, glossary: "Glossary") -> None:
        automaton = ahocorasick.Automaton()
        patterns: dict[str, list[str]] = {}
        exact_case: dict[str, set[str]] = {}  # abbreviations match only as written (IS, not "is")
        loose: set[str] = set()
        for alias, entry in glossary.aliases():
            names = self._entries.setdefault(entry.id, _EntryNames(entry))
            parsed = parse_name_uncached(alias.text)
            if not parsed.words:
                continue
            names.names.append((alias.kind, parsed))
            if alias.kind in SKIPPED_ALIAS_KINDS:
                continue
            written = " ".join(alias.text.split())
            pattern = _automaton_text(written)
            if len(pattern) >= 2:
                _add(patterns, pattern, entry.id)
                if alias.kind == "abbreviation":
                    exact_case.setdefault(pattern, set()).add(written.translate(_AUTOMATON_FOLD))
                else:
                    loose.add(pattern)
            if alias.kind == "abbreviation":
                _add(self._abbreviations, written, entry.id)
                continue
            _add(self._exact, parsed.folded, entry.id)
            for key in parsed.keys():
                _add(self._keys, key, entry.id)
            if parsed.given is not None:
                _add(self._given_names, parsed.given.text, entry.id)
            if parsed.surname is not None:
                for key in parsed.surname.keys:
                    _add(self._surnames, key, entry.id)
                    self._surname_choices.setdefault(key, []).append((parsed.folded, entry.id))
        for pattern in sorted(patterns):
            cases = tuple(sorted(exact_case[pattern])) if pattern in exact_case and pattern not in loose else ()
            automaton.add_word(pattern, (len(pattern), tuple(patterns[pattern]), cases))
        if patterns:
            automaton.make_automaton()
            self._automaton = automaton

    def entry(self, entity_id: str) -> "Entry | None":
        """The glossary entry with this id."""
        names = self._entries.get(entity_id)
        return names.entry if names else None

    # ------------------------------------------------------------------ spans

    def _alias_spans(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Glossary aliases found in ``text`` on word boundaries, leftmost-longest, no overlaps."""
        if self._automaton is None:
            return []
        folded = _automaton_text(text)
        hits: list[tuple[int, int, tuple[str, ...]]] = []
        for end_index, (length, ids, cases) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if cases and text[start:end].translate(_AUTOMATON_FOLD) not in cases:
                continue  # an abbreviation matches only as written (IS, not "is" or "Is")
            arabic = bool(_ARABIC_WORD.match(text[start:end]))
            if not _boundary_before(text, start, arabic) or (end < len(text) and text[end].isalnum()):
                continue
            if not arabic and text[start].islower() and text[start:end].split()[-1][:1].islower():
                continue  # a lowercase word of a cased script (Hebrew, Han ... have no case)
            hits.append((start, end, ids))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, tuple[str, ...]]] = []
        for hit in hits:
            if kept and hit[0] < kept[-1][1]:
                continue
            kept.append(hit)
        return kept

    def _arabic_key_spans(self, text: str, taken: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
        """Runs of 2-4 Arabic-script words whose key is a glossary name's key (runs made only
        of very common words, such as بشر آزاد "free human", are not names)."""
        if not self._keys or text.isascii() or not _ARABIC_WORD.search(text):
            return []
        lang = lang if lang in ARABIC_SCRIPT_LANGUAGES else "ar"
        words = list(_ARABIC_WORD.finditer(text))
        found: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            matched = 0
            for size in (4, 3, 2):
                chunk = words[i:i + size]
                if len(chunk) < size or any(text[a.end():b.start()] not in (" ", "\u00a0")
                                            for a, b in zip(chunk, chunk[1:])):
                    continue
                start, end = chunk[0].start(), chunk[-1].end()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                if all(common_word(word.group(), lang) >= VERY_COMMON_ZIPF for word in chunk):
                    continue
                if any(key in self._keys for key in parse_name(text[start:end]).keys()):
                    found.append((start, end))
                    matched = size
                    break
            i += matched or 1
        return found

    # ------------------------------------------------------------------ linking one name

    def link_name(self, surface: str) -> tuple[str | None, float, str, list[str]]:
        """(entry id, score, method, other candidate ids) for a name, before context."""
        cached = self._cache.get(surface)
        if cached is None:
            cached = self._link_uncached(surface)
            if len(self._cache) < 500_000:
                self._cache[surface] = cached
        return cached

    def _link_uncached(self, surface: str) -> tuple[str | None, float, str, list[str]]:
        if not self._entries:
            return None, 0.0, "unlinked", []
        abbreviation = self._abbreviations.get(" ".join(surface.split()))
        if abbreviation:
            return abbreviation[0], 1.0, "alias", abbreviation[1:]
        parsed = parse_name(surface)
        if not parsed.words:
            return None, 0.0, "unlinked", []
        exact = [i for i in self._exact.get(parsed.folded, []) if compatible(parsed, self._entries[i])]
        if exact:
            return exact[0], 1.0, "alias", exact[1:]
        scored: list[tuple[float, str, str]] = []
        keyed = sorted({i for key in parsed.keys() for i in self._keys.get(key, [])})
        for entry_id in keyed:
            names = self._entries[entry_id]
            if compatible(parsed, names):
                best = max(fuzz.token_sort_ratio(parsed.folded, p.folded) for _, p in names.names)
                scored.append((KEY_SCORE + (1 - KEY_SCORE) * best / 100, entry_id, "key"))
        if not scored and parsed.surname is not None and len(parsed.words) >= 2:
            scored = self._fuzzy(parsed)
        if not scored:
            return None, 0.0, "unlinked", []
        scored.sort(key=lambda s: (-s[0], s[1]))
        return scored[0][1], scored[0][0], scored[0][2], [s[1] for s in scored[1:]]

    def _fuzzy(self, parsed: ParsedName) -> list[tuple[float, str, str]]:
        """Entries sharing the surname's key whose aliases are spelled closely enough."""
        lists = [self._surname_choices.get(key, ()) for key in parsed.surname.keys]
        if sum(len(held) for held in lists) > MAX_BLOCK:
            return []
        block = [choice for held in lists for choice in held]
        if not block:
            return []
        best: dict[str, float] = {}
        for _, similarity, index in process.extract(parsed.folded, [c[0] for c in block], scorer=fuzz.token_sort_ratio,
                                                     score_cutoff=FUZZY_MIN, limit=None):
            entry_id = block[index][1]
            best[entry_id] = max(best.get(entry_id, 0.0), similarity)
        return [(0.9 * similarity / 100, entry_id, "fuzzy") for entry_id, similarity in sorted(best.items())
                if compatible(parsed, self._entries[entry_id])]

    def _context_score(self, entry: "Entry", doc: "_DocText", start: int) -> float:
        """How well the document's context fits an entry: roles near the mention, places,
        active dates, co-occurring names (0..1)."""
        score = _date_fit(entry, doc.doc)
        near = plain(doc.doc.text[max(0, start - ROLE_WINDOW):start + ROLE_WINDOW])
        if any(plain(role) in near for role in entry.roles):
            score += 0.4
        elif _title_before(doc.doc.text, start, entry.roles):
            score += 0.4  # "President Trump": the title of one of the entry's roles, right before the name
        elif any(plain(role) in doc.folded for role in entry.roles):
            score += 0.15
        if any(plain(place) in doc.folded for place in entry.places):
            score += 0.2
        for other_id in entry.cooccurs:
            other = self.entry(other_id)
            if plain(other.canonical if other else other_id) in doc.folded:
                score += 0.2
                break
        return min(1.0, score)

    def _choose(self, draft: Draft, doc: "_DocText") -> None:
        """Link a draft to the best glossary candidate, context deciding between namesakes."""
        entry_id, score, method, others = self.link_name(draft.surface)
        if entry_id is None:
            return
        if draft.single and method != "alias" and (
                common_word(draft.surface, doc.lang) >= COMMON_WORD_ZIPF
                or draft.type in ("place", "organization", "person")
                and self._entries[entry_id].entry.type != draft.type):
            return  # "Heads" shares a key with "Houthis", "Gaza" with "Qaeda", "spokesman Saree" with Syria: a
            # lone common word, or a word the text already typed, links to another type only as a listed alias
        if others:
            ranked = sorted(
                ((self._context_score(self._entries[i].entry, doc, draft.start)
                  + (score if i == entry_id else self._name_score(draft.surface, i)), i)
                 for i in [entry_id, *others]), key=lambda r: (-r[0], r[1]))
            entry_id = ranked[0][1]
            margin = ranked[0][0] - ranked[1][0]  # how clearly context told the namesakes apart
            score *= NAMESAKE_FLOOR + (1 - NAMESAKE_FLOOR) * min(1.0, margin / CLEAR_MARGIN)
        draft.entity_id, draft.score, draft.method = entry_id, round(score, 4), method
        draft.type = self._entries[entry_id].entry.type

    def _name_score(self, surface: str, entry_id: str) -> float:
        """The name score of one candidate entry for a surface."""
        parsed = parse_name(surface)
        names = self._entries[entry_id]
        return max(name_similarity(parsed, p) for _, p in names.names) / 100 * 0.9

    # ------------------------------------------------------------------ one document

    def link_document(self, doc: Document, lang: str | None = None) -> list[Draft]:
        """The mentions of one document, linked to the glossary and to each other. ``lang``
        (ISO 639-1) defaults to the document's own, else a quick guess from its words."""
        text = doc.text
        lang = lang or doc.language or guess_language(text)
        candidates = find_candidates(text, lang)
        alias_hits = self._alias_spans(text)
        drafts = _merge(text, candidates, alias_hits, lang,
                        lambda ids: all(self._entries[i].entry.type == "person" for i in ids))
        taken = [(d.start, d.end) for d in drafts]
        for start, end in self._arabic_key_spans(text, taken, lang):
            surface = text[start:end]
            drafts.append(Draft(start, end, surface, "person", parse_name(surface), evidence=1.0, by_key=True))
        drafts += _sentence_start_surnames(text, drafts, lang)
        drafts.sort(key=lambda d: d.start)
        context = _DocText(doc, lang)
        for draft in drafts:
            if not draft.single or draft.thing:
                self._choose(draft, context)  # a listed organization or place is never a surname alone
        _type_lists(text, drafts)
        _type_relatives(drafts)
        _alias_cue_links(text, drafts)
        _resolve_partials(text, drafts, lambda draft, root: self._link_titled(draft, root, context))
        for draft in drafts:
            if draft.single and draft.entity_id is None and draft.anchor is None:
                self._link_single(draft, context)
        return [d for d in drafts if _keep(d)]

    def _link_single(self, draft: Draft, doc: "_DocText") -> bool:
        """Link a lone name to the glossary (as a listed alias or key, else as a surname that
        context attributes); whether it linked."""
        self._choose(draft, doc)
        if draft.entity_id is None:
            self._choose_single(draft, doc)
        return draft.entity_id is not None

    def _link_titled(self, draft: Draft, root: Draft, doc: "_DocText") -> bool:
        """Link a titled lone name ("King Salman") to the one listed person whose title precedes
        it, when that is not the person ``root`` (the full name it would resolve to) already is
        or, being unlisted, cannot be; whether it linked."""
        if not draft.title or draft.parsed.surname is None or not self._entries:
            return False
        text = doc.doc.text
        if root.entity_id and _title_before(text, draft.start, self._entries[root.entity_id].entry.roles):
            return False
        fitting = sorted(i for i in self._lone_name_candidates(draft, doc) if i != root.entity_id
                         and self._entries[i].entry.type == "person"
                         and _title_before(text, draft.start, self._entries[i].entry.roles))
        if len(fitting) != 1:
            return False
        context = self._context_score(self._entries[fitting[0]].entry, doc, draft.start)
        draft.entity_id, draft.score, draft.method = fitting[0], SURNAME_ONLY_SCORE + 0.2 * context, "key"
        return True

    def _lone_name_candidates(self, draft: Draft, doc: "_DocText") -> set[str]:
        """Entries a lone name may be: those with it as surname and, after a title of theirs,
        those with it as given name ("King Salman", "Pope Francis")."""
        word = draft.parsed.surname
        ids = {i for key in word.keys for i in self._surnames.get(key, [])
               if any(p.surname is not None and p.surname.text == word.text for _, p in self._entries[i].names)}
        if draft.title:
            ids.update(i for i in self._given_names.get(word.text, ())
                       if _title_before(doc.doc.text, draft.start, self._entries[i].entry.roles))
        return ids

    def _choose_single(self, draft: Draft, doc: "_DocText") -> None:
        """A lone surname links to the glossary when exactly one entry has it, or when context
        (a role near the mention, the date, places, co-occurring names) clearly picks one of
        the people who share it ("President Trump": not Donald Trump Jr.). After a title, a
        given name counts too when the title is one of the person's ("King Salman")."""
        if not self._entries or draft.type != "person" or draft.parsed.surname is None or len(draft.parsed.core) > 1:
            return  # a double-barrelled name ("Biden-Harris") is no one's surname alone
        ids = self._lone_name_candidates(draft, doc)
        ranked = sorted(((self._context_score(self._entries[i].entry, doc, draft.start), i) for i in sorted(ids)
                         if self._entries[i].entry.type == "person"), key=lambda r: (-r[0], r[1]))
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
            context, entity_id = ranked[0]
            draft.entity_id, draft.score, draft.method = entity_id, SURNAME_ONLY_SCORE + 0.2 * context, "key"


class _DocText:
    """A document and its language, with its folded text computed only when context needs it."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang

    @cached_property
    def folded(self) -> str:
        return plain(self.doc.text)


@lru_cache(maxsize=10_000)
def _role_title(role: str) -> str | None:
    """The title a role starts or ends with ("President of the United States" -> "president",
    "United States Senator" -> "senator")."""
    words = plain(role).split()
    for size in range(len(words), 0, -1):
        for phrase in (" ".join(words[:size]), " ".join(words[-size:])):
            if phrase in titles():
                return phrase
    return None


def _title_before(text: str, start: int, roles: tuple[str, ...]) -> bool:
    """Whether the words right before ``start`` end with the title of one of ``roles``."""
    before = " ".join(plain(text[max(0, start - TITLE_WINDOW):start]).replace(".", "").split())
    return any(title is not None and (before == title or before.endswith(" " + title))
               for title in map(_role_title, roles))


def _date_fit(entry: "Entry", doc: Document) -> float:
    """+0.2 when the document's date falls in the entry's active years (or the year after:
    news goes on naming people after their term or death); 0 otherwise. Dates only tell
    namesakes apart: a person is still named outside their active years."""
    first, last = entry.active
    if not doc.date or not (first or last):
        return 0.0
    year = int(doc.date[:4])
    if (first and doc.date[:len(first)] < first) or (last and year > int(last[:4]) + 1):
        return 0.0
    return 0.2


def _add(index: dict[str, list[str]], key: str, value: str) -> None:
    """Append ``value`` under ``key`` (values arrive grouped, so a repeat is the last one)."""
    held = index.get(key)
    if held is None:
        index[key] = [value]
    elif held[-1] != value:
        held.append(value)


def _draft(text: str, cand: Candidate) -> Draft:
    """A draft from a finder candidate, typed by its cues and evidence (a lone word that
    speaks, "Sudani said", or heads an administration, "Biden Administration", is a person)."""
    parsed = parse_name(cand.surface)
    single = parsed.single or _compound_surname(cand.surface, parsed)
    if cand.cue_type:
        type_ = cand.cue_type
    elif cand.title and single:
        type_ = "person"  # "Attorney General Kennedy": the title outweighs a gazetteer's Kennedy
    elif place_kind(cand.surface):
        type_ = "place"
    elif cand.title or parsed.kunya or (not single and cand.evidence >= PERSON_EVIDENCE_MIN) \
            or single and not is_acronym(cand.surface) and (cand.leader or speaks(text, cand.start, cand.end)):
        type_ = "person"
    else:
        type_ = "other"
    return Draft(cand.start, cand.end, cand.surface, type_, parsed, single=single, evidence=cand.evidence,
                 cue=type_ in ("place", "organization") or bool(cand.cue_type), title=cand.title)


def _compound_surname(surface: str, parsed: ParsedName) -> bool:
    """One hyphenated word of capitalised names and nothing else ("Wingfield-Hayes",
    "Hennis-Plasschaert"): a double-barrelled surname, which stands alone as any surname does."""
    return len(parsed.core) >= 2 and len(parsed.words) == len(parsed.core) and not any(c.isspace() for c in surface) \
        and all(part[:1].isupper() for part in HYPHEN_BREAKS.split(surface))


def _merge(text: str, candidates: list[Candidate], alias_hits: list[tuple[int, int, tuple[str, ...]]],
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
                            or _padded_alias(text, cand, overlapping, lang) and people(alias_hits[first_hit][2])):
            for hit in overlapping:
                add_hit(*hit)
        elif cand.start >= reached:
            drafts.append(_draft(text, cand))
            reached = cand.end
    for hit in alias_hits[h:]:
        add_hit(*hit)
    return drafts


def _padded_alias(text: str, cand: Candidate, hits: list[tuple[int, int, tuple[str, ...]]], lang: str) -> bool:
    """Whether a span is one alias padded with common words (a headline's verb, a title)."""
    if len(hits) != 1 or not cand.start <= hits[0][0] < hits[0][1] <= cand.end:
        return False
    padding = (text[cand.start:hits[0][0]] + " " + text[hits[0][1]:cand.end]).split()
    return all(common_word(word, lang) >= COMMON_PHRASE_ZIPF and not is_given_name(word) for word in padding)


def _type_lists(text: str, drafts: list[Draft]) -> None:
    """In a list of places ("Kirkuk, Salah al Din and Diyala") a weakly typed member is a place."""
    for i, draft in enumerate(drafts):
        if draft.cue or draft.entity_id or draft.type not in ("person", "other") or draft.evidence >= 3:
            continue
        neighbours = [drafts[j] for j in (i - 1, i + 1) if 0 <= j < len(drafts)]
        for other in neighbours:
            lo, hi = (other, draft) if other.start < draft.start else (draft, other)
            between = text[lo.end:hi.start]
            if other.type == "place" and _LIST_JOINER.fullmatch(between):
                draft.type = "place"
                break


def _sentence_start_surnames(text: str, drafts: list[Draft], lang: str) -> list[Draft]:
    """Drafts for the surnames of the document's full names where a sentence starts with one
    that is also a common word ("Johnson said", "Trump added"): the finder leaves such words
    out, since most capitalised common words at a sentence start are no names."""
    surnames = {d.surface.split()[-1] for d in drafts if not d.single and d.parsed.surname is not None
                and (d.type == "person" or d.type == "other" and d.cue and not d.thing)}  # people, listed names
    common = sorted(word for word in surnames if word.isalpha() and word[:1].isupper() and sentence_word(word, lang))
    if not common:
        return []
    found = []
    for word in common:
        for match in re.finditer(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", text):
            start, end = match.span()
            if sentence_start(text, start) and not any(d.start < end and start < d.end for d in drafts):
                parsed = parse_name(word)
                type_ = "person" if speaks(text, start, end) else "other"
                found.append(Draft(start, end, word, type_, parsed, single=parsed.single))
    return found


def _type_relatives(drafts: list[Draft]) -> None:
    """A two-word name that only its common words kept from being a person ("Maddie Collins":
    both words are frequent in English text) is one when a person of the document has its
    surname and another given name (a relative: Wilmot Collins)."""
    surnames = {d.parsed.surname.text: d.parsed.given.text for d in drafts
                if d.type == "person" and not d.single and d.parsed.surname is not None and d.parsed.given is not None}
    for draft in drafts:
        parsed = draft.parsed
        if draft.type != "other" or draft.cue or draft.single or len(parsed.words) != 2 or parsed.given is None:
            continue
        given = surnames.get(parsed.surname.text)
        if given is not None and given != parsed.given.text:
            draft.type = "person"


def _union(keep: Draft, other: Draft) -> bool:
    """Make two drafts name one person within a document; False when they cannot."""
    a, b = keep.root(), other.root()
    if a is b:
        return True
    if a.entity_id and b.entity_id and a.entity_id != b.entity_id:
        return False
    leader, follower = (a, b) if _leads(a, b) else (b, a)
    follower.anchor = leader
    return True


def _leads(a: Draft, b: Draft) -> bool:
    """Which of two roots leads a merged group: a linked one, a full name, the earlier one."""
    return (not a.entity_id, a.single, a.start) <= (not b.entity_id, b.single, b.start)


@lru_cache(maxsize=1)
def _alias_cue_pattern() -> re.Pattern[str]:
    """A cue phrase, optionally after up to two short words ("also known as", "later born")."""
    cues = "|".join(re.escape(cue) for cue in alias_cues())
    return re.compile(rf"(?:\S{{1,11}}\s+){{0,1}}(?:{cues})")


def _alias_cue_links(text: str, drafts: list[Draft]) -> None:
    """ "X, known as Y", "X, born Y": X and Y name one person (an abbreviation such as ISIS
    is never one of them: "the leader of ISIS, known as Hajji Abdullah")."""
    people = [d for d in drafts if (d.type == "person" or d.single) and not is_acronym(d.surface)]
    cue = _alias_cue_pattern()
    for first, second in zip(people, people[1:]):
        if second.start - first.end > MAX_CUE_GAP:
            continue
        between = plain(text[first.end:second.start]).strip()
        between = _PARENTHESIS.sub("", between).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
        if between and cue.fullmatch(between):
            if _union(first, second):
                first.type = second.type = "person"
                for draft in (first, second):
                    if draft.entity_id is None:
                        draft.method = "partial"


def _match_rank(part: ParsedName, full: ParsedName) -> int | None:
    """How a partial name matches a full one: 0 surname, 1 kunya, 2 other word; None if not."""
    if part.kunya and not part.core:
        return 1 if full.kunya and any(any_match(k, full.kunya) for k in part.kunya) else None
    word = part.surname
    if word is None:
        return None
    if len(part.core) > 1:  # a double-barrelled surname: every part of it, the last as the surname
        return 0 if full.surname is not None and words_match(word, full.surname) \
            and all_match(part.core, full.core) else None
    if full.surname is not None and words_match(word, full.surname):
        return 0
    if any(words_match(word, k) for k in full.kunya):
        return 1
    if any(words_match(word, w) for w in full.core[:-1]):
        return 2
    return None


def _full_index(fulls: list[Draft]) -> dict[str, list[Draft]]:
    """Full names of a document by the keys of their words (surname, kunya, other words)."""
    index: dict[str, list[Draft]] = {}
    for full in fulls:
        for word in full.parsed.words:
            for key in word.keys:
                held = index.setdefault(key, [])
                if not held or held[-1] is not full:
                    held.append(full)
    return index


def _resolve_partials(text: str, drafts: list[Draft], link_titled: Callable[[Draft, Draft], bool]) -> None:
    """A surname, kunya or given name alone resolves to the full name nearby in the document,
    one named before it when there is one ("Kim said" after "Kim Jong Un", not the reporter
    Youmi Kim of the byline). A word that is also a place resolves only as the surname, or as
    the subject of a verb of saying ("Tyler says" for Tyler Skluzacek, not Tyler, Texas), and
    then everywhere in the document. A titled name goes to ``link_titled`` (the glossary)
    first when its title is another person's: "President Biden" in a headline is not the Beau
    Biden named further down, "King Salman" not Crown Prince Mohammed bin Salman."""
    fulls = [d for d in drafts if not d.single and d.type == "person"]
    index = _full_index(fulls)
    resolved: dict[str, Draft] = {}  # surface -> the person it was resolved to
    held_back: list[tuple[Draft, Draft, float]] = []  # place-like words, until a verb of saying settles them
    for draft in drafts:
        if not draft.single or draft.entity_id:
            continue
        own = draft.root()
        words = draft.parsed.kunya if draft.parsed.kunya and not draft.parsed.core else draft.parsed.words[-1:]
        candidates = {id(full): full for word in words for key in word.keys for full in index.get(key, ())}
        matches: list[tuple[int, Draft]] = []
        for full in sorted(candidates.values(), key=lambda d: d.start):
            rank = _match_rank(draft.parsed, full.parsed)
            if rank is not None and full.root() is not own:
                matches.append((rank, full))
        if not matches:
            continue
        if matches[0][1].start < draft.start:
            matches = [(rank, full) for rank, full in matches if full.start < draft.start]  # news names people first
        best_rank = min(rank for rank, _ in matches)
        best = [full for rank, full in matches if rank == best_rank]
        if len({id(full.root()) for full in best}) > 1:
            if draft.anchor is not None:
                continue
            preceding = [full for full in best if full.start < draft.start]
            chosen = max(preceding, key=lambda d: d.start) if preceding else min(best, key=lambda d: d.start)
            score = 0.6
        else:
            chosen = min(best, key=lambda d: (d.start > draft.start, abs(d.start - draft.start)))
            score = 0.9 if best_rank == 0 else 0.8
        if link_titled(draft, chosen.root()):
            continue
        surname = chosen.parsed.surname
        if place_kind(draft.surface) and (surname is None or draft.parsed.surname is None
                                          or draft.parsed.surname.text != surname.text) \
                and not says_after(text, draft.end):
            held_back.append((draft, chosen, score))
            continue
        if _union(chosen, draft):
            draft.method, draft.score, draft.type = "partial", score, "person"
            resolved[draft.surface] = chosen.root()
    for draft, chosen, score in held_back:
        if resolved.get(draft.surface) is chosen.root() and _union(chosen, draft):
            draft.method, draft.score, draft.type = "partial", score, "person"


def _keep(draft: Draft) -> bool:
    """Whether a draft is reported: linked, resolved, typed by cues, or a name on its own."""
    if draft.entity_id or draft.anchor is not None:
        return True
    if draft.by_key:
        return False  # its key matched a glossary name, but the name did not
    if draft.single:
        return draft.cue or bool(draft.parsed.kunya) or draft.title
    return True
