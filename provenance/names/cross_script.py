"""Names in Arabic-script documents found through the people the corpus already knows.

Arabic and Persian news write foreign names, and Arabic names that other texts of the corpus
romanize, in Arabic letters, without capitals to find them by: "بلينكن" is Blinken, "ند پرایس"
Ned Price, "سیامک نمازی" Siamak Namazi. A person the names stage knows (from the glossary or
discovered in Latin-script text) is found in an Arabic-script document when its words match the
person's name words by a loose transliteration key: the words' sound-class keys with p/b, v/f,
g/k/q and sh/s folded together and vowels and glides dropped (Arabic script writes no p, v or g,
and writes vowels or not). A clitic (و "and", ال "the" ...) before a word is left out of the span.

- Two or more words of one person's name in a row (an initial such as "ج." may sit between)
  are a mention of that person.
- A word of a name alone (a surname, a given name) is one when the same document names that
  person in full, and no other person named in full there shares it; a given name alone also
  when exactly one person it may be is of the family of a person this document names (same
  surname, named together in some document: "باقر", Baquer, beside Siamak Namazi).
- Otherwise a surname alone is one when its key is long, no other known person's surname
  shares it, and the word is not a common word of the document's language; or when it is the
  surname the glossary lists as naming one person alone ("Trump": ترامپ), written as the
  glossary writes it in Arabic script (Persian and Arabic letter forms made one), or, when the
  glossary has no Arabic-script spelling, with a key of four sounds or more that agrees with it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from .frequency import VERY_COMMON_ZIPF, common_word
from .index import GlossaryIndex
from .keys import NameWord, parse_name
from .lone_names import family_members
from .model import Entity, Mention, NamesResult, merge_document, unchanged_by_merging, with_entities
from .resources import arabic_proclitics, linking_weights
from .spans import ARABIC_SCRIPT_LANGUAGES

_ARABIC_WORD = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+")
_LATIN = re.compile(r"[A-Za-z]")
_INITIAL = re.compile(r"\s+(?:[\u0620-\u064a\u06a9-\u06cc]\.?|[\u0620-\u064a\u06a9-\u06cc]{2}\.)\s+")
"""An initial between a given name and a surname: "ج." (J.) in Arabic, "جی." in Persian."""


@dataclass(frozen=True)
class _Part:
    """One word of a known person's name: the person and whether the word is the surname or the given name."""

    entity: str
    role: str  # "surname", "given", "other", or "listed" (a surname the glossary lists alone)
    word: str
    keys: frozenset[str] = frozenset()
    """A listed surname's own transliteration keys, which a word must share."""
    spellings: frozenset[str] = frozenset()
    """A listed surname's spellings in Arabic script, when the glossary has any: a word must be one
    (خميني, Khomeini, is not خامنئي, Khamenei, though their keys agree)."""


@dataclass(frozen=True)
class _Hit:
    """An Arabic-script word (clitic left out) and the name words it may be."""

    start: int
    end: int
    parts: frozenset[_Part]
    zipf: float
    length: int
    """The length of its longest matching skeleton."""
    keys: frozenset[str]
    form: str
    """The word as the glossary's spellings are compared: folded, clitic left out."""


@cache
def _settings() -> dict:
    return dict(linking_weights()["cross_script"])


def skeletons(keys: Iterable[str]) -> frozenset[str]:
    """The loose forms of sound-class keys (folded classes, no vowels or glides); a class that
    Arabic script may write as a glide (Persian و for v: لوینسون, Levinson) also without it."""
    settings = _settings()
    table = str.maketrans(settings["loose_classes"])
    dropped = re.compile(f"[{settings['dropped_classes']}]")
    optional = re.compile(f"[{settings['optional_classes']}]")
    forms = {form for key in keys for form in (key, optional.sub("", key))}
    return frozenset(dropped.sub("", form.translate(table)) for form in forms)


def _word_skeletons(word: NameWord) -> frozenset[str]:
    return frozenset(s for s in skeletons(word.keys) if len(s) >= _settings()["min_skeleton"])


def _index(entities: Sequence[Entity], glossary: GlossaryIndex | None) -> dict[str, set[_Part]]:
    """Skeleton -> the name words of known people it may be: from their Latin-script spellings,
    and the surnames the glossary lists as naming a person alone ("Trump")."""
    index: dict[str, set[_Part]] = defaultdict(set)
    for entry_id, names in (glossary.entries.items() if glossary is not None else ()):
        if names.entry.type != "person":
            continue
        spellings = frozenset(_letters(p.words[-1].text) for _, p in names.names
                              if p.words and _ARABIC_WORD.search(p.words[-1].text))
        for kind, parsed in names.names:
            if kind == "surname" and len(parsed.words) == 1:
                word = parsed.words[0]
                for skeleton in _word_skeletons(word):
                    index[skeleton].add(_Part(entry_id, "listed", word.text, frozenset(word.keys), spellings))
    for entity in entities:
        if entity.type != "person":
            continue
        for spelling in {entity.name, *entity.variants}:
            if not _LATIN.search(spelling):
                continue
            parsed = parse_name(spelling)
            for word in parsed.core:
                role = "surname" if word is parsed.surname else "given" if word is parsed.given else "other"
                for skeleton in _word_skeletons(word):
                    index[skeleton].add(_Part(entity.id, role, word.text))
    return index


def _hits(text: str, lang: str, index: Mapping[str, set[_Part]]) -> list[_Hit]:
    """The Arabic-script words of ``text`` that may be words of known names."""
    found = []
    for match in _ARABIC_WORD.finditer(text):
        word = match.group()
        hit: _Hit | None = None
        for clitic in ("", *arabic_proclitics()):
            if not word.startswith(clitic) or len(word) - len(clitic) < 2:
                continue
            form = word[len(clitic):]
            parsed = parse_name(form)
            matching = [s for s in _word_skeletons(parsed.words[0]) if s in index] if parsed.words else []
            if not matching:
                continue
            parts = frozenset(p for s in matching for p in index[s])
            if hit is not None and not parts & hit.parts:
                continue  # بلينكن is Blinken, not ب + a word of another name
            hit = _Hit(match.start() + len(clitic), match.end(), parts, common_word(form, lang),
                       max(len(s) for s in matching), frozenset(parsed.words[0].keys), parsed.words[0].text)
            if clitic:
                break  # وسياماك: "and" + Siamak, whose skeleton drops the و anyway
        if hit is not None:
            found.append(hit)
    return found


def _runs(text: str, hits: list[_Hit], rank: Mapping[str, tuple[int, str]]) -> list[tuple[list[_Hit], str]]:
    """Runs of adjacent hits (one space apart, or an initial such as "ج." between) that share
    a person with two or more of that person's words: (hits, entity id); of two people a run
    fits as well, the one ``rank`` puts first."""
    runs = []
    i = 0
    while i < len(hits):
        best: tuple[list[_Hit], str] | None = None
        for entity in sorted({p.entity for p in hits[i].parts if p.role != "listed"}, key=rank.__getitem__):
            run = [hits[i]]
            words = [{p.word for p in hits[i].parts if p.entity == entity}]
            while len(run) < len(hits) - i and _adjacent(text, run[-1], hits[i + len(run)]):
                following = {p.word for p in hits[i + len(run)].parts
                             if p.entity == entity and p.role != "listed"} - words[-1]
                if not following:  # "شرح الوزير" twice the surname Shargi: not a name
                    break
                run.append(hits[i + len(run)])
                words.append(following)
            rare = any(h.zipf < VERY_COMMON_ZIPF for h in run)  # not a phrase of very common words
            if len(run) >= 2 and rare and (best is None or len(run) > len(best[0])):
                best = (run, entity)
        if best is not None:
            runs.append(best)
            i += len(best[0])
        else:
            i += 1
    return runs


def _adjacent(text: str, left: _Hit, right: _Hit) -> bool:
    """Whether two words follow each other in a name: a space apart, or with an initial between."""
    between = text[left.end:right.start]
    return between in (" ", "\u00a0") or _INITIAL.fullmatch(between) is not None


def _mentions_in(text: str, lang: str, index: Mapping[str, set[_Part]], rank: Mapping[str, tuple[int, str]],
                 taken: Mapping[tuple[int, int], str], cooccurs: Mapping[str, set[str]]
                 ) -> list[tuple[int, int, str, float]]:
    """The mentions of known people in one Arabic-script document, free of the ``taken`` spans
    (its linked mentions, with their entities): (start, end, entity id, score). ``cooccurs``:
    each person's family members (:func:`family_members`)."""
    settings = _settings()
    hits = [h for h in _hits(text, lang, index) if not any(h.start < end and start < h.end for start, end in taken)]
    found: dict[int, tuple[int, int, str, float]] = {}
    named: set[str] = set()
    here = set(taken.values())
    for run, entity in _runs(text, hits, rank):
        found[run[0].start] = (run[0].start, run[-1].end, entity, settings["score_full"])
        named.add(entity)
    covered = [(start, end) for start, end, _, _ in found.values()]
    for hit in hits:
        if any(hit.start < end and start < hit.end for start, end in covered) or hit.length < settings["min_single"]:
            continue
        in_full = {p.entity for p in hit.parts if p.entity in named}
        story = {p.entity for p in hit.parts if p.role == "given" and cooccurs.get(p.entity, set()) & (named | here)}
        surnames = {p.entity for p in hit.parts if p.role == "surname"}
        form = _letters(hit.form)
        listed = {p.entity for p in hit.parts if p.role == "listed"
                  and (form in p.spellings if p.spellings else p.keys & hit.keys)}
        long_key = hit.length >= settings["min_surname_skeleton"]
        as_listed = any(form in p.spellings for p in hit.parts if p.role == "listed")  # بايدن as the glossary writes it
        if len(in_full) == 1 and hit.zipf < VERY_COMMON_ZIPF:  # a short form of a person named in full here
            found[hit.start] = (hit.start, hit.end, next(iter(in_full)), settings["score_short_form"])
        elif not in_full and len(story) == 1 and hit.zipf < VERY_COMMON_ZIPF:  # named with someone named here
            found[hit.start] = (hit.start, hit.end, next(iter(story)), settings["score_story"])
        elif not in_full and len(surnames) == 1 and hit.zipf < settings["max_surname_zipf"] and long_key:
            found[hit.start] = (hit.start, hit.end, next(iter(surnames)), settings["score_surname"])
        elif not in_full and len(listed) == 1 and (long_key or as_listed):
            found[hit.start] = (hit.start, hit.end, next(iter(listed)), settings["score_surname"])
    return [found[s] for s in sorted(found)]


def _letters(word: str) -> str:
    """``word`` with the letters Persian and Arabic write differently made one (پ ب, گ ک ك, ی ي ى ...;
    ``letter_fold`` in linking.json): ترامپ, as Persian writes Trump, is the glossary's Arabic ترامب."""
    return word.translate(_letter_table())


@cache
def _letter_table() -> dict[int, str]:
    return str.maketrans(_settings()["letter_fold"])


def link_across_scripts(result: NamesResult, texts: Sequence[tuple[str, str, str]],
                        glossary: GlossaryIndex | None = None) -> NamesResult:
    """``result`` with the mentions of known people added in the Arabic-script documents of
    ``texts`` ((id, text, language) of every document, in corpus order; the text may be empty
    for a document in another script); a mention already linked there stays, an unlinked one a
    new mention covers is replaced."""
    if unchanged_by_merging(result, texts, ARABIC_SCRIPT_LANGUAGES):
        return result  # no Arabic-script document: no index of the corpus's people to build
    index = _index(result.entities, glossary)
    if not index:
        return result
    entities = {e.id: e for e in result.entities}
    rank = {e.id: (-(1000 * e.in_glossary + sum(e.variants.values())), e.id) for e in result.entities}
    by_doc = result.by_doc()
    cooccurs = family_members(result)
    mentions: list[Mention] = []
    for doc, text, lang in texts:
        held = by_doc.get(doc, [])
        taken = {(m.start, m.end): m.entity_id for m in held if m.entity_id is not None}
        found = _mentions_in(text, lang, index, rank, taken, cooccurs) if lang in ARABIC_SCRIPT_LANGUAGES and text \
            else []
        new = [Mention(doc, start, end, text[start:end], "person", _entity(entities, glossary, entity_id).name,
                       entity_id, score, "key") for start, end, entity_id, score in found]
        merge_document(mentions, held, new, entities)
    return with_entities(result, mentions, entities)


def _entity(entities: dict[str, Entity], glossary: GlossaryIndex | None, entity_id: str) -> Entity:
    """The entity with this id, made from its glossary entry when the corpus had not named it yet."""
    if entity_id not in entities:
        entry = glossary.entry(entity_id) if glossary is not None else None
        assert entry is not None, entity_id
        entities[entity_id] = Entity(entity_id, entry.canonical, entry.type, True)
    return entities[entity_id]
