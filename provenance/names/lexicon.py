"""What single words and short word sequences are: acronyms, particles, given names, places,
titles, demonyms, common words, -ing verbs, institution words, and the type cues of a span."""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import script_of
from .frequency import COMMON_PHRASE_ZIPF, common_word
from .keys import fold_word, word_keys
from .resources import (
    demonyms,
    given_names,
    particles,
    places,
    plain,
    title_heads,
    title_lengths,
    titles,
    type_cues,
)

_HYPHEN_PREFIX = re.compile(r"^([^\W\d_]{1,4})[\-\u2010\u2011](\w)")
HYPHEN_BREAKS = re.compile(r"[\-\u2010\u2011]")
_WORD_PART_BREAKS = re.compile(r"[\-\u2010\u2011'\u2019]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
INSTITUTION_JOINERS = frozenset({"of", "for", "in", "de", "del", "di", "della", "du", "des", "da", "do", "van", "voor",
                                 "für"})
"""Lowercase words joining an institution word to the rest of its name (Ministry of Defence,
Ministerio de Defensa, Ministero della Difesa, ministerie van Defensie)."""
SENTENCE_START_STRIP_ZIPF = 4.3
GERUND_STEM_ZIPF = 2.5  # a verb stem at least this frequent in English (underscore: 2.97)
DOUBLED_STEM_ZIPF = 4.5  # the same for a stem whose last consonant -ing doubles (run, plan; not chan)


def is_acronym(word: str) -> bool:
    """ISIS, US, U.S.: an abbreviation rather than a name word."""
    return "." in word or (len(word) >= 2 and word.isupper())


def hyphen_particle(word: str) -> bool:
    """``al-Issawi``, ``el-Sisi``, ``bin-Laden``: a lowercase particle hyphened to a name."""
    match = _HYPHEN_PREFIX.match(word)
    return bool(match and match.group(2).isupper() and match.group(1).lower() in particles())


def written_particle(token: str) -> bool:
    """Whether a word is written as a name particle: "As" alone is the English word, only
    "as-" (as-Sadr) is the article."""
    particle = particles().get(plain(token))
    return particle is not None and not particle.hyphen_only


def is_connector(word: str) -> bool:
    """A lowercase particle that may sit inside a name (al, bin, de, van ...)."""
    particle = particles().get(word) if word.islower() else None
    return bool(particle and not particle.hyphen_only)


def is_given_name(word: str) -> bool:
    """Whether a word is a known given name."""
    return plain(word) in given_names()


@lru_cache(maxsize=1)
def _arabic_given_keys() -> frozenset[str]:
    """Keys of the Arabic-script given names: Latin spellings of them share a key."""
    return frozenset(key for name in given_names() if not name.isascii() and script_of(name) == "Arabic"
                     for key in word_keys(name))


def sounds_like_given_name(word: str) -> bool:
    """Whether a Latin-script word shares a key with an Arabic-script given name (Sajjad, Faleh)."""
    return len(word) >= 4 and any(key in _arabic_given_keys() for key in word_keys(fold_word(word)))


@lru_cache(maxsize=100_000)
def place_kind(name: str) -> str | None:
    """The gazetteer kind of a name (country, region, city), articles ignored."""
    table = places()
    folded = plain(" ".join(name.replace("-", " ").split()))
    found = table.get(folded)
    if found:
        return found
    words = folded.split()
    if len(words) > 1 and words[0] in ("al", "el", "ad", "ar", "as", "an", "at", "the"):
        return table.get(" ".join(words[1:]))
    return table.get("al " + folded) if len(words) == 1 else None


@lru_cache(maxsize=1)
def _title_first_words() -> frozenset[str]:
    """The first word of every title (a quick test before looking phrases up)."""
    return frozenset(title.split()[0] for title in titles())


def title_length(words: tuple[str, ...]) -> int:
    """Number of words of a title at the start of ``words`` (0 when none)."""
    if plain(words[0]).replace(".", "") not in _title_first_words():
        return 0
    for size in title_lengths():
        if size > len(words):
            continue
        phrase = plain(" ".join(words[:size])).replace(".", "")
        if phrase in titles():
            return size
    return 0


@lru_cache(maxsize=1)
def title_last_words() -> frozenset[str]:
    """The last word of every title (a quick test before looking phrases up)."""
    return frozenset(title.split()[-1] for title in titles())


def sentence_word(word: str, lang: str) -> bool:
    """A capitalised word that starts a sentence only because it is first: a common English
    word that is neither a given name nor a place ("Officials said", "Several towns")."""
    return common_word(word, lang) >= SENTENCE_START_STRIP_ZIPF and not is_given_name(word) and not place_kind(word)


def is_demonym(word: str) -> bool:
    """Iraqi, Iraqis, Americans: a nationality word (plural too)."""
    return word in demonyms() or (word.endswith("s") and word[:-1] in demonyms())


def is_common(word: str, lang: str) -> bool:
    """A common English word (every part of a hyphenated word common): headings are made of them."""
    parts = _WORD_PART_BREAKS.split(word)
    return all(common_word(part, lang) >= COMMON_PHRASE_ZIPF for part in parts if part)


def is_gerund(word: str) -> bool:
    """An English -ing form of a common verb (removing, underscoring, strengthening): it
    starts headings and phrases ("Welcoming Prime Minister ..."), never a person's name.
    Given names are never one."""
    folded = word.casefold()
    if len(folded) < 7 or not folded.endswith("ing") or not folded.isalpha() or is_given_name(word):
        return False
    stem = folded[:-3]
    if stem[-1] == stem[-2] and common_word(stem[:-1]) >= DOUBLED_STEM_ZIPF:
        return True  # running, planning (a very common stem: Channing is no chan-ing)
    return common_word(stem) >= GERUND_STEM_ZIPF or common_word(stem + "e") >= GERUND_STEM_ZIPF


def camel_title(token: str) -> int:
    """1 for a title written as one word with a capital inside ("PrimeMinister", a machine
    translation's glue), else 0."""
    if (token.isascii() and token[1:].islower()) or not _CAMEL.search(token):
        return 0
    return int(plain(_CAMEL.sub(" ", token)) in titles())


MIN_COMPOUND_TITLE_PREFIX = 3
"""Letters a closed compound needs before its title head (Verkehrsminister; not "administer")."""


@lru_cache(maxsize=100_000)
def compound_title(token: str) -> int:
    """1 for a title written as a closed compound ending in a title head ("Verkehrsminister",
    "Staatspräsident", "Regierungssprecher"), or a hyphenated word whose last part is a title or
    such a compound ("Wikinews-Mitbegründer"), else 0 (cached: every capitalised word of a run
    is asked, against every title head)."""
    word = plain(token)
    if not token[:1].isupper():
        return 0
    if "-" in word:
        word = word.rsplit("-", 1)[1]
        if word in titles() or word in title_heads():
            return 1
    if not word.isalpha():
        return 0
    if word in title_heads():
        return 1  # an inflected title alone ("Präsidenten Milošević")
    return int(any(word.endswith(head) and len(word) - len(head) >= MIN_COMPOUND_TITLE_PREFIX
                   for head in title_heads()))


def only_titles(words: tuple[str, ...]) -> bool:
    """A span of titles and particles and nothing else ("Le Premier", "El Presidente")."""
    return all(plain(w).replace(".", "") in titles() or plain(w) in particles() for w in words)


def is_institution(word: str) -> bool:
    """A word that heads an institution's or a place's name (Ministry, Institute, Province)."""
    cues = type_cues()
    folded = _without_article(plain(word))
    return cues["last"].get(folded) in ("organization", "place") or cues["any"].get(folded) == "organization"


def _without_article(word: str) -> str:
    """``al-hashd`` -> ``hashd``: a folded word without a hyphened Arabic article."""
    head, _, rest = word.partition("-")
    particle = particles().get(head)
    return rest if rest and particle is not None and particle.role == "article" else word


@lru_cache(maxsize=200_000)
def cue_type(words: tuple[str, ...]) -> str | None:
    """The type that the span's own words announce (Square, Brigades, Wadi ...), or None.
    In "Ministry of Defence" the word before the joiner is the head."""
    cues = type_cues()
    folded = [_without_article(plain(w).replace("\u2019", "'")) for w in words]
    parts = [p for w in folded for p in HYPHEN_BREAKS.split(w) if p]
    for part in parts:
        if part in cues["any"]:
            return cues["any"][part]
    for i, word in enumerate(folded[1:-1], 1):
        if word in INSTITUTION_JOINERS and words[i].islower() and folded[i - 1] in cues["last"]:
            return cues["last"][folded[i - 1]]
    if len(folded) > 1 or parts[-1:] != parts[:1]:
        if folded[-1] in cues["last"]:
            return cues["last"][folded[-1]]
        if len(folded) > 1 and folded[0] in cues["first"]:
            return cues["first"][folded[0]]
    return None


def misplaced_connector(token: str, previous: str) -> bool:
    """A lowercase particle that needs another before it (der after von) but lacks it."""
    particle = particles().get(token) if token.islower() else None
    return bool(particle and particle.after and previous.lower() not in particle.after)
