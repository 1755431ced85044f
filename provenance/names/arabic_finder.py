"""Person names in Arabic-script documents found without knowing the person beforehand.

Arabic script has no capitals, so the finder of :mod:`.finder` sees nothing there, and
:mod:`.cross_script` only finds the people the glossary or Latin-script text already knows.
This finder reads the words around a name instead (``arabic_name_cues.tsv``) and a lexicon of
Arabic given names (``arabic_given_names.tsv``, from Wikidata):

- a title right before a name (السيدة فريدة الجريتلي, الدكتور ...): the name words after it;
- an office, which one or two common words may complete (وزير الخارجية ...), then a name that
  opens with a given name or has two name words;
- a kunya: أبو and the name words after it (أبو بكر البغدادي);
- a given name of the lexicon followed by one to three name words: another given name, an
  article word that is no common word (a nisba, الجريتلي), or a word that is no common word.

A name word is no common word of the language (wordfreq), no preposition, pronoun or reporting
verb (قال، أكد ...); a name stops at punctuation, digits and such words. A given name alone is
no person: too many are common words (أمل "hope", جميل "beautiful"). A one-letter proclitic
(و ف ب ل ك) before the first word is left out of the span.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import read_rows
from .discovery import unused_id
from .frequency import common_word
from .keys import parse_name
from .link import NameLinker
from .model import Entity, Mention, NamesResult, merge_document, unchanged_by_merging, with_entities
from .resources import DATA_DIR, arabic_proclitics, linking_weights
from .spans import ARABIC_SCRIPT_LANGUAGES

_WORD = re.compile(r"[\u0620-\u064a\u064b-\u065f\u0670\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARTICLE = "ال"
_SETTINGS_KEY = "arabic_finder"


@dataclass(frozen=True)
class GivenName:
    """A lexicon given name: its most common Latin spelling and how many people bear it."""

    latin: str
    count: int


@dataclass(frozen=True)
class Found:
    """A person name the finder found: ``text[start:end]``, and the evidence that made it one
    (``title``, ``role``, ``kunya`` or ``given``)."""

    start: int
    end: int
    cue: str


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    form: str  # folded, without a leading one-letter proclitic when ``bare`` is set
    raw: str  # folded, as written
    zipf: float


@cache
def _settings() -> dict:
    return dict(linking_weights()[_SETTINGS_KEY])


@cache
def _fold_table() -> dict[int, str]:
    return str.maketrans({**linking_weights()["cross_script"]["letter_fold"], "ٱ": "ا"})


def fold_arabic(text: str) -> str:
    """``text`` as the lexicon and the cues are compared: no short vowels or tatweel, hamza
    forms of alef, ى/ي, ة/ه and Persian letters made one (``letter_fold`` in linking.json)."""
    return _MARKS.sub("", text).translate(_fold_table())


@cache
def given_names() -> dict[str, GivenName]:
    """The Arabic-script given names of ``arabic_given_names.tsv``, by folded spelling."""
    return {row["arabic"]: GivenName(row["latin"], int(row["count"]))
            for row in read_rows(DATA_DIR / "arabic_given_names.tsv")}


@cache
def name_cues() -> dict[str, str]:
    """Folded cue word or phrase -> its kind (title, role, kunya, link, stop, verb, place, not)."""
    return {fold_arabic(row["word"]): row["kind"] for row in read_rows(DATA_DIR / "arabic_name_cues.tsv")}


@cache
def _one_letter_proclitics() -> tuple[str, ...]:
    return tuple(p for p in arabic_proclitics() if len(p) == 1)


def _words(text: str, lang: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        raw = fold_arabic(match.group())
        words.append(_Word(match.start(), match.end(), raw, raw, common_word(match.group(), lang)))
    return words


def _cue(word: _Word) -> str | None:
    """The cue kind of a word, as written or without a proclitic (والرئيس, للرئيس)."""
    cues = name_cues()
    if word.raw in cues:
        return cues[word.raw]
    for clitic in arabic_proclitics():
        rest = word.raw[len(clitic):]
        if word.raw.startswith(clitic) and len(rest) >= 2:
            for form in (rest, _ARTICLE + rest) if clitic.endswith(_ARTICLE) else (rest,):
                if form in cues:
                    return cues[form]
    return None


def _rests(raw: str) -> Iterator[tuple[int, str]]:
    """A folded word without one or two leading one-letter proclitics (وبفاطمة: "and with"
    Fatima): (letters left out, rest of three letters or more)."""
    for cut in (1, 2):
        if all(letter in _one_letter_proclitics() for letter in raw[:cut]) and len(raw) - cut >= 3:
            yield cut, raw[cut:]


def _bare(word: _Word, lang: str) -> _Word:
    """The first word of a name without one-letter proclitics, when that leaves a given name or
    an article word (وفريدة: "and" Farida) and the word is no very common one as written (وجود
    "existence" is not و + جود, Jude); the word itself otherwise."""
    if word.raw in given_names() or word.zipf >= _settings()["bare_word_zipf"]:
        return word
    for cut, rest in _rests(word.raw):
        if rest in given_names() or rest.startswith(_ARTICLE):
            return _Word(word.start + cut, word.end, rest, word.raw, common_word(rest, lang))
    return word


def _kind(word: _Word, first: bool, lang: str, after_link: bool = False) -> str | None:
    """What a word is inside a name: ``given``, ``nisba`` (a rare article word), ``rare`` (a
    rare word), ``link`` (بن، عبد، أبو) or None (it ends the name). After a link word any
    word but the most common ones is a name (بن سلمان, أبو بكر)."""
    settings = _settings()
    cue = _cue(word) if word.form == word.raw else name_cues().get(word.form)
    if cue in ("link", "kunya"):
        return "link"
    if cue is not None or any(c.isdigit() for c in word.raw):
        return None
    if word.form in given_names():
        return "given"
    if after_link:
        return "rare" if word.zipf < settings["after_link_zipf"] else None
    if not first and any(rest in given_names() or rest.startswith(_ARTICLE)
                         or common_word(rest, lang) >= settings["proclitic_rest_zipf"] for _, rest in _rests(word.raw)):
        return None  # محمد وعلي: "and" Ali, a second person; بنظيره "with his counterpart"
    if word.form.startswith(_ARTICLE) and len(word.form) > 4:
        return "nisba" if word.zipf < settings["nisba_zipf"] else None
    return "rare" if word.zipf < settings["name_word_zipf"] else None


def _joined(text: str, left: _Word, right: _Word) -> bool:
    return text[left.end:right.start] in (" ", "\u00a0")


def _name_run(text: str, words: list[_Word], i: int, lang: str) -> tuple[int, list[tuple[str, float]]]:
    """The name words from ``words[i]`` on (at most ``max_words``): (index after the run,
    (kind, Zipf frequency) of each); عبد and the word after it that make a given name of the
    lexicon (عبد الله) are one, and a link word must have a name word after it."""
    kinds: list[tuple[str, float]] = []
    j = i
    limit = _settings()["max_words"]
    while j < len(words) and len(kinds) < limit:
        if j > i and not _joined(text, words[j - 1], words[j]):
            break
        word = _bare(words[j], lang) if j == i else words[j]
        if j + 1 < len(words) and _joined(text, word, words[j + 1]) \
                and f"{word.form} {words[j + 1].raw}" in given_names():
            kinds.append(("given", min(word.zipf, words[j + 1].zipf)))
            j += 2
            continue
        kind = _kind(word, j == i, lang, bool(kinds) and kinds[-1][0] == "link")
        if kind is None:
            break
        kinds.append((kind, word.zipf))
        j += 1
    while kinds and kinds[-1][0] == "link":
        kinds.pop()
        j -= 1
    return j, kinds


def _enough(kinds: list[tuple[str, float]], cue: str) -> bool:
    """Whether a run of name words (:func:`_name_run`) after ``cue`` is a person's name."""
    names = [(k, z) for k, z in kinds if k != "link"]
    if not names:
        return False
    if cue == "title":
        return len(names) >= 2 or names[0][0] in ("given", "rare")
    if cue == "kunya":
        return True
    if cue == "role":
        return len(names) >= 2 and names[0][0] in ("given", "rare")
    # a given name alone is no evidence; a common word as a given name (حسن "good") needs a
    # second given name, a nisba or a very rare word after it
    settings = _settings()
    if kinds[0][0] != "given" or len(names) < 2:
        return False
    if kinds[1][0] == "link":
        return True  # محمد بن سلمان
    second, zipf = names[1]
    return kinds[0][1] < settings["common_given_zipf"] or second in ("given", "nisba") \
        or zipf < settings["after_common_given_zipf"]


def _starts(text: str, words: list[_Word], lang: str) -> Iterator[tuple[int, str]]:
    """Where a name may begin (index of its first word) and why: after a title or an office,
    at a kunya, at a given name."""
    settings = _settings()
    for i, word in enumerate(words):
        cue = _cue(word)
        if cue == "title" and i + 1 < len(words):
            gap = text[word.end:words[i + 1].start]
            if (gap in (" ", "\u00a0") and len(word.raw) > 1) or (len(word.raw) == 1 and gap.strip() == "."):
                yield i + 1, "title"
        elif cue == "role":
            j = i + 1
            for _ in range(settings["role_complement_words"] + 1):
                if j >= len(words) or not _joined(text, words[j - 1], words[j]):
                    break
                if _kind(_bare(words[j], lang), True, lang) is not None:
                    yield j, "role"
                    break
                if _cue(words[j]) is not None:
                    break
                j += 1
        elif cue == "kunya" and (i == 0 or _cue(words[i - 1]) not in ("link", "kunya")):
            yield i, "kunya"
        elif _bare(word, lang).form in given_names() or (
                i + 1 < len(words) and f"{word.raw} {words[i + 1].raw}" in given_names()):
            yield i, "given"


def find_arabic_people(text: str, lang: str = "ar") -> list[Found]:
    """The person names of an Arabic-script text, in text order, none overlapping another;
    none in a language whose cues and word frequencies the finder lacks (``languages``)."""
    if lang not in _settings()["languages"]:
        return []
    words = _words(text, lang)
    found: list[Found] = []
    reached = 0
    for i, cue in _starts(text, words, lang):
        if words[i].start < reached:
            continue
        if i > 0 and _cue(words[i - 1]) == "place" and _joined(text, words[i - 1], words[i]):
            continue  # مؤسسة محمد بن راشد: a foundation's name
        end, kinds = _name_run(text, words, i, lang)
        first = _bare(words[i], lang)
        if cue == "kunya" and (not kinds or kinds[0][0] != "link"):
            continue
        if not _enough(kinds, cue):
            continue
        start = first.start
        phrase = fold_arabic(text[start:words[end - 1].end])
        if any(phrase.startswith(not_person) for not_person, kind in name_cues().items() if kind == "not"):
            continue
        found.append(Found(start, words[end - 1].end, cue))
        reached = words[end - 1].end
    return found


def _overlaps(start: int, end: int, mentions: Iterable[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _key_owners(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Transliteration key -> the people the corpus knows whose spellings have it (any script)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type == "person":
            for spelling in {entity.name, *entity.variants}:
                parsed = parse_name(spelling)
                if not parsed.single:
                    for key in parsed.key_set:
                        owners[key].add(entity.id)
    return owners


def _short_forms(text: str, lang: str, span: tuple[int, int], held: list[Mention]) -> list[tuple[int, int]]:
    """Later spans of the last word of a full name found at ``span`` (الجريتلي after فريدة
    الجريتلي), a one-letter proclitic left out, when that word is no given name nor common."""
    words = [w for w in _words(text, lang) if span[0] <= w.start < span[1]]
    if len(words) < 2 or words[-1].form in given_names() or words[-1].zipf >= _settings()["short_form_zipf"]:
        return []
    last = words[-1].raw
    found = []
    for word in _words(text[span[1]:], lang):
        start = span[1] + word.start + (len(word.raw) - len(last))
        if word.raw.endswith(last) and (word.raw == last or word.raw[:-len(last)] in _one_letter_proclitics()) \
                and not _overlaps(start, span[1] + word.end, held):
            found.append((start, span[1] + word.end))
    return found


def link_arabic_people(result: NamesResult, texts: Sequence[tuple[str, str, str]],
                       linker: NameLinker | None = None) -> NamesResult:
    """``result`` with the people :func:`find_arabic_people` finds in the Arabic-script documents
    of ``texts`` ((id, text, language), corpus order) where no linked mention is: linked to the
    glossary (through ``linker``) or to a person the corpus knows when their transliteration
    keys agree, else to a new discovered person (one per key across the corpus); later
    mentions of a new name's last word in its document are its short forms."""
    if unchanged_by_merging(result, texts, ARABIC_SCRIPT_LANGUAGES):
        return result
    settings = _settings()
    entities = {e.id: e for e in result.entities}
    owners = _key_owners(result.entities)
    used = set(entities) | (set(linker.glossary.entries) if linker is not None and linker.glossary else set())
    by_doc = result.by_doc()
    new_ids: dict[str, str] = {}  # a new person's key -> its entity id
    mentions: list[Mention] = []
    for doc, text, lang in texts:
        held = by_doc.get(doc, [])
        added: list[Mention] = []
        if lang in ARABIC_SCRIPT_LANGUAGES and text:
            linked = [m for m in held if m.entity_id is not None]
            for found in find_arabic_people(text, lang):
                if _overlaps(found.start, found.end, linked) or _overlaps(found.start, found.end, added):
                    continue
                surface = text[found.start:found.end]
                entity_id, score, method = _link(surface, linker, owners, entities, new_ids, used)
                added.append(Mention(doc, found.start, found.end, surface, "person", entities[entity_id].name,
                                     entity_id, score, method))
                for start, end in _short_forms(text, lang, (found.start, found.end), linked + added):
                    added.append(Mention(doc, start, end, text[start:end], "person", entities[entity_id].name,
                                         entity_id, settings["score_short_form"], "partial"))
        merge_document(mentions, held, added, entities)
    return with_entities(result, mentions, entities)


def _link(surface: str, linker: NameLinker | None, owners: Mapping[str, set[str]], entities: dict[str, Entity],
          new_ids: dict[str, str], used: set[str]) -> tuple[str, float, str]:
    """(entity id, score, method) of a found name: a glossary person, a known person sharing
    its keys, or a new person (made when no name found before shares a key with it)."""
    settings = _settings()
    if linker is not None:
        entry_id, score, method, _ = linker.link_name(surface)
        entry = linker.entry(entry_id) if entry_id else None
        if entry_id is not None and entry is not None and entry.type == "person":
            if entry_id not in entities:
                entities[entry_id] = Entity(entry_id, entry.canonical, entry.type, True)
            return entry_id, score, method
    keys = parse_name(surface).key_set
    known = {i for key in keys for i in owners.get(key, ())}
    if len(known) == 1:
        return next(iter(known)), settings["score_known"], "key"
    earlier = {new_ids[key] for key in keys if key in new_ids}
    if len(earlier) == 1:
        entity_id = next(iter(earlier))
    else:
        entity_id = unused_id(surface, used)
        entities[entity_id] = Entity(entity_id, surface, "person", False)
    for key in keys:
        new_ids.setdefault(key, entity_id)
    return entity_id, settings["score_new"], "cluster"
