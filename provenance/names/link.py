"""Linking name spans to glossary entries (per span, then per document).

Per span: an exact alias (found by an Aho-Corasick automaton over the text, in any script,
on word boundaries), else a transliteration key shared with an alias, else a rapidfuzz
match among the entries that share the surname's key; every candidate must agree with the
span on given names and kunya (so namesakes that share a surname stay apart), and context
(roles and titles near the mention, places, dates, co-occurring names) chooses between
namesakes. Then, per document, a surname, kunya or given name alone resolves to the full
name it belongs to, and "X, known as Y" / "X, born Y" make Y another name of X (coref.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..corpus import Document
from .compare import compatible, name_similarity
from .coref import alias_cue_links, resolve_partials, sentence_start_surnames, type_lists, type_relatives
from .finder import find_candidates, sentence_start
from .frequency import COMMON_WORD_ZIPF, common_word, guess_language
from .index import GlossaryIndex
from .keys import ParsedName, parse_name
from .resources import linking_weights, plain, titles
from .spans import Draft, Proposal, alias_spans, arabic_key_spans, merge, with_proposals

if TYPE_CHECKING:
    from ..glossary import Entry, Glossary

LinkResult = tuple[str | None, float, str, list[str]]  # entry id, score, method, other candidate ids

_LINK = linking_weights()["link"]
KEY_SCORE: float = _LINK["key_score"]
FUZZY_MIN: float = _LINK["fuzzy_min"]
FUZZY_FACTOR: float = _LINK["fuzzy_factor"]
NAMESAKE_NAME_FACTOR: float = _LINK["namesake_name_factor"]
NAMESAKE_FLOOR: float = _LINK["namesake_floor"]  # the score kept by a link context could not separate
CLEAR_MARGIN: float = _LINK["clear_margin"]  # a context margin that separates namesakes fully
SURNAME_ONLY_SCORE: float = _LINK["surname_only_score"]  # a lone surname linked because one entry has it
SURNAME_CONTEXT_FACTOR: float = _LINK["surname_context_factor"]
CONTEXT: dict[str, float] = linking_weights()["context"]
MAX_BLOCK = 400
MAX_CACHED_NAMES = 500_000
ROLE_WINDOW = 160
LONE_KEYED_MIN_RATIO = 80.0
"""A lone word linked to an organization or place by key must also be spelt like one of its names."""
TITLE_WINDOW = 40  # characters before a mention searched for its title


class DocText:
    """A document and its language, with its folded text computed only when context needs it."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang

    @cached_property
    def folded(self) -> str:
        return plain(self.doc.text)


class NameLinker:
    """Links the names of documents to a glossary (or to nothing, with ``glossary=None``)."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self.index = GlossaryIndex(glossary)
        self._cache: dict[str, LinkResult] = {}

    def entry(self, entity_id: str) -> Entry | None:
        """The glossary entry with this id."""
        return self.index.entry(entity_id)

    def _entry_of(self, entity_id: str) -> Entry:
        return self.index.entries[entity_id].entry

    # ------------------------------------------------------------------ linking one name

    def link_name(self, surface: str) -> LinkResult:
        """(entry id, score, method, other candidate ids) for a name, before context."""
        cached = self._cache.get(surface)
        if cached is None:
            cached = self._link_uncached(surface)
            if len(self._cache) < MAX_CACHED_NAMES:
                self._cache[surface] = cached
        return cached

    def _link_uncached(self, surface: str) -> LinkResult:
        index = self.index
        if not index.entries:
            return None, 0.0, "unlinked", []
        abbreviation = index.abbreviations.get(" ".join(surface.split()))
        if abbreviation:
            return abbreviation[0], 1.0, "alias", abbreviation[1:]
        parsed = parse_name(surface)
        if not parsed.words:
            return None, 0.0, "unlinked", []
        exact = [i for i in index.exact.get(parsed.folded, []) if compatible(parsed, index.entries[i])]
        if exact:
            return exact[0], 1.0, "alias", exact[1:]
        scored = self._keyed(parsed)
        if not scored and parsed.surname is not None and len(parsed.words) >= 2:
            scored = self._fuzzy(parsed)
        if not scored:
            return None, 0.0, "unlinked", []
        scored.sort(key=lambda s: (-s[0], s[1]))
        return scored[0][1], scored[0][0], scored[0][2], [s[1] for s in scored[1:]]

    def _keyed(self, parsed: ParsedName) -> list[tuple[float, str, str]]:
        """Compatible entries that share a transliteration key with the name."""
        index = self.index
        scored: list[tuple[float, str, str]] = []
        for entry_id in sorted({i for key in parsed.key_set for i in index.keys.get(key, [])}):
            names = index.entries[entry_id]
            if compatible(parsed, names):
                best = max(fuzz.token_sort_ratio(parsed.folded, p.folded) for _, p in names.names)
                scored.append((KEY_SCORE + (1 - KEY_SCORE) * best / 100, entry_id, "key"))
        return scored

    def _fuzzy(self, parsed: ParsedName) -> list[tuple[float, str, str]]:
        """Entries sharing the surname's key whose aliases are spelled closely enough."""
        if parsed.surname is None:
            return []
        lists = [self.index.surname_choices.get(key, []) for key in parsed.surname.keys]
        if sum(len(held) for held in lists) > MAX_BLOCK:
            return []
        block = [choice for held in lists for choice in held]
        if not block:
            return []
        best: dict[str, float] = {}
        for _, similarity, position in process.extract(parsed.folded, [c[0] for c in block],
                                                        scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_MIN,
                                                        limit=None):
            entry_id = block[position][1]
            best[entry_id] = max(best.get(entry_id, 0.0), similarity)
        return [(FUZZY_FACTOR * similarity / 100, entry_id, "fuzzy") for entry_id, similarity in sorted(best.items())
                if compatible(parsed, self.index.entries[entry_id])]

    def _context_score(self, entry: Entry, doc: DocText, start: int) -> float:
        """How well the document's context fits an entry: roles near the mention, places,
        active dates, co-occurring names (0..1)."""
        score = _date_fit(entry, doc.doc)
        near = plain(doc.doc.text[max(0, start - ROLE_WINDOW):start + ROLE_WINDOW])
        if any(plain(role) in near for role in entry.roles):
            score += CONTEXT["role_near"]
        elif _title_before(doc.doc.text, start, entry.roles):
            score += CONTEXT["role_title_before"]  # "President Trump": one of the entry's titles, right before
        elif any(plain(role) in doc.folded for role in entry.roles):
            score += CONTEXT["role_in_document"]
        if any(plain(place) in doc.folded for place in entry.places):
            score += CONTEXT["place_in_document"]
        for other_id in entry.cooccurs:
            other = self.entry(other_id)
            if plain(other.canonical if other else other_id) in doc.folded:
                score += CONTEXT["cooccurring_name"]
                break
        return min(1.0, score)

    def _choose(self, draft: Draft, doc: DocText) -> None:
        """Link a draft to the best glossary candidate, context deciding between namesakes."""
        entry_id, score, method, others = self.link_name(draft.surface)
        if entry_id is None:
            return
        if draft.single and method != "alias" and (
                common_word(draft.surface, doc.lang) >= COMMON_WORD_ZIPF
                or (draft.type in ("place", "organization", "person")
                and self._entry_of(entry_id).type != draft.type)):
            return  # "Heads" shares a key with "Houthis", "Gaza" with "Qaeda", "spokesman Saree" with Syria: a
            # lone common word, or a word the text already typed, links to another type only as a listed alias
        if draft.single and method == "key" and self._entry_of(entry_id).type in ("organization", "place") \
                and score < KEY_SCORE + (1 - KEY_SCORE) * LONE_KEYED_MIN_RATIO / 100:
            return  # "Yaser" shares a key with "Jazeera" but is spelt nothing like it: no organization or place
        if others:
            ranked = sorted(
                ((self._context_score(self._entry_of(i), doc, draft.start)
                  + (score if i == entry_id else self._name_score(draft.surface, i)), i)
                 for i in [entry_id, *others]), key=lambda r: (-r[0], r[1]))
            entry_id = ranked[0][1]
            margin = ranked[0][0] - ranked[1][0]  # how clearly context told the namesakes apart
            score *= NAMESAKE_FLOOR + (1 - NAMESAKE_FLOOR) * min(1.0, margin / CLEAR_MARGIN)
        draft.entity_id, draft.score, draft.method = entry_id, round(score, 4), method
        draft.type = self._entry_of(entry_id).type

    def _name_score(self, surface: str, entry_id: str) -> float:
        """The name score of one candidate entry for a surface."""
        parsed = parse_name(surface)
        names = self.index.entries[entry_id]
        return max(name_similarity(parsed, p) for _, p in names.names) / 100 * NAMESAKE_NAME_FACTOR

    # ------------------------------------------------------------------ one document

    def link_document(self, doc: Document, lang: str | None = None) -> list[Draft]:
        """The mentions of one document, linked to the glossary and to each other. ``lang``
        (ISO 639-1) defaults to the document's own, else a quick guess from its words."""
        return self.link_document_with_lone_names(doc, lang)[0]

    def link_document_with_lone_names(self, doc: Document, lang: str | None = None,
                                      proposals: Sequence[Proposal] = ()) -> tuple[list[Draft], list[Draft]]:
        """:meth:`link_document`, and the lone names it leaves out for want of evidence in this
        document alone ("arrested Baquer as well"), which the corpus may resolve. ``proposals``
        (a name tagger's spans, :mod:`.ner`) join the spans that no other span overlaps."""
        text = doc.text
        lang = lang or doc.language or guess_language(text)
        drafts = with_proposals(text, self._spans(text, lang), proposals)
        context = DocText(doc, lang)
        for draft in drafts:
            if not draft.single or draft.thing:
                self._choose(draft, context)  # a listed organization or place is never a surname alone
        type_lists(text, drafts)
        type_relatives(drafts)
        alias_cue_links(text, drafts)
        resolve_partials(text, drafts, lambda draft, root: self._link_titled(draft, root, context))
        for draft in drafts:
            if draft.single and draft.entity_id is None and draft.anchor is None:
                self._link_single(draft, context)
        lone = [d for d in drafts if not _keep(d) and d.single and not d.by_key and d.parsed.surname is not None
                and d.type in ("person", "other")]
        return [d for d in drafts if _keep(d)], lone

    def _spans(self, text: str, lang: str) -> list[Draft]:
        """The document's name spans as drafts, in text order: finder candidates and glossary
        aliases, Arabic-script runs keyed like a glossary name, surnames starting sentences."""
        entries = self.index.entries
        drafts = merge(text, find_candidates(text, lang), alias_spans(self.index.automaton, text), lang,
                       lambda ids: all(entries[i].entry.type == "person" for i in ids))
        taken = [(d.start, d.end) for d in drafts]
        for start, end in arabic_key_spans(self.index, text, taken, lang):
            surface = text[start:end]
            drafts.append(Draft(start, end, surface, "person", parse_name(surface), evidence=1.0, by_key=True))
        drafts += sentence_start_surnames(text, drafts, lang)
        drafts.sort(key=lambda d: d.start)
        return drafts

    def _link_single(self, draft: Draft, doc: DocText) -> bool:
        """Link a lone name to the glossary (as a listed alias or key, else as a surname that
        context attributes); whether it linked."""
        self._choose(draft, doc)
        if draft.entity_id is None:
            self._choose_single(draft, doc)
        return draft.entity_id is not None

    def _link_titled(self, draft: Draft, root: Draft, doc: DocText) -> bool:
        """Link a titled lone name ("King Salman") to the one listed person whose title precedes
        it, when that is not the person ``root`` (the full name it would resolve to) already is
        or, being unlisted, cannot be; whether it linked."""
        if not draft.title or draft.parsed.surname is None or not self.index.entries:
            return False
        text = doc.doc.text
        if root.entity_id and _title_before(text, draft.start, self._entry_of(root.entity_id).roles):
            return False
        fitting = sorted(i for i in self._lone_name_candidates(draft, doc) if i != root.entity_id
                         and self._entry_of(i).type == "person"
                         and _title_before(text, draft.start, self._entry_of(i).roles))
        if len(fitting) != 1:
            return False
        context = self._context_score(self._entry_of(fitting[0]), doc, draft.start)
        draft.entity_id, draft.score = fitting[0], SURNAME_ONLY_SCORE + SURNAME_CONTEXT_FACTOR * context
        draft.method = "key"
        return True

    def _lone_name_candidates(self, draft: Draft, doc: DocText) -> set[str]:
        """Entries a lone name may be: those with it as surname and, after a title of theirs,
        those with it as given name ("King Salman", "Pope Francis")."""
        word = draft.parsed.surname
        if word is None:
            return set()
        index = self.index
        written = word.text.casefold()
        ids = {i for key in word.keys for i in index.surnames.get(key, [])
               if any(p.surname is not None and p.surname.text.casefold() == written
                      for _, p in index.entries[i].names)}
        if draft.title:
            ids.update(i for i in index.given_names.get(word.text, ())
                       if _title_before(doc.doc.text, draft.start, self._entry_of(i).roles))
        return ids

    def _choose_single(self, draft: Draft, doc: DocText) -> None:
        """A lone surname links to the glossary when exactly one entry has it, or when context
        (a role near the mention, the date, a title in a document dated within the person's
        active years, places, co-occurring names) clearly picks one of the people who share it
        ("President Trump": not Donald Trump Jr.; "Präsident Assad" in 2016: not Hafez al-Assad). After a title, a
        given name counts too when the title is one of the person's ("King Salman")."""
        if not self.index.entries or draft.parsed.surname is None or len(draft.parsed.core) > 1:
            return  # a double-barrelled name ("Biden-Harris") is no one's surname alone
        ids = self._lone_name_candidates(draft, doc)
        if draft.type != "person":
            if draft.type != "other":
                return
            ids = self._listed_alone(draft, ids, doc)
        ranked = sorted(((self._context_score(self._entry_of(i), doc, draft.start)
                          + _titled_in_office(draft, self._entry_of(i), doc.doc), i) for i in sorted(ids)
                         if self._entry_of(i).type == "person"), key=lambda r: (-r[0], r[1]))
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
            context, entity_id = ranked[0]
            draft.entity_id, draft.score = entity_id, SURNAME_ONLY_SCORE + SURNAME_CONTEXT_FACTOR * context
            draft.method, draft.type = "key", "person"

    def _listed_alone(self, draft: Draft, ids: set[str], doc: DocText) -> set[str]:
        """Those of ``ids`` whose glossary entry lists an untyped lone word as its surname alone
        ("Obama" in "the Obama administration", "governo Obama"), when the word is capitalised
        inside a sentence or written in capitals: the glossary says the word alone names that
        person, so word frequencies, which count famous surnames as common words, do not decide."""
        if sentence_start(doc.doc.text, draft.start) and not draft.surface.isupper():
            return set()  # "Trump cards are ..."
        folded = draft.parsed.folded
        return {i for i in ids if any(kind == "surname" and parsed.folded == folded
                                      for kind, parsed in self.index.entries[i].names)}


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


def _date_fit(entry: Entry, doc: Document) -> float:
    """The active-date weight when the document's date falls in the entry's active years (or
    the year after: news goes on naming people after their term or death); 0 otherwise. Dates
    only tell namesakes apart: a person is still named outside their active years."""
    first, last = entry.active
    if not doc.date or not (first or last):
        return 0.0
    year = int(doc.date[:4])
    if (first and doc.date[:len(first)] < first) or (last and year > int(last[:4]) + 1):
        return 0.0
    return CONTEXT["active_date"]


TITLE_COGNATE_MIN = 80.0
"""rapidfuzz ratio from which a title word of another language is the role's title (Präsident,
président, presidente: president; ministre, ministro: minister)."""


def _titled_in_office(draft: Draft, entry: Entry, doc: Document) -> float:
    """The weight of one of the entry's titles, in any language, before a lone surname in a
    document dated within the entry's active years: "Präsident Assad" in 2016 is the president
    of 2016, not his father, nor the president's wife."""
    if not draft.title or _date_fit(entry, doc) <= 0:
        return 0.0
    before = plain(doc.text[max(0, draft.start - TITLE_WINDOW):draft.start]).replace(".", "").split()
    if not before:
        return 0.0
    titles_of_entry = {title.split()[-1] for title in map(_role_title, entry.roles) if title}
    return CONTEXT["titled_in_office"] if any(fuzz.ratio(before[-1], title) >= TITLE_COGNATE_MIN
                                              for title in titles_of_entry) else 0.0


def _keep(draft: Draft) -> bool:
    """Whether a draft is reported: linked, resolved, typed by cues, or a name on its own."""
    if draft.entity_id or draft.anchor is not None:
        return True
    if draft.by_key:
        return False  # its key matched a glossary name, but the name did not
    if draft.single:
        return draft.cue or bool(draft.parsed.kunya) or draft.title
    return True
