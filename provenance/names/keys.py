"""Name folding and transliteration-aware keys.

One Arabic, Persian or Slavic name reaches English news in many spellings: ``Kadhimi``,
``Kazemi``, ``Kadimi``; ``Issawi``, ``Isaui``; ``Zelensky``, ``Selenskyj``. A *key* folds
each word into sound classes (``latin_folding.tsv``, ``arabic_folding.tsv``): vowels are
dropped, letters that different languages use for one sound share a class, doubled letters
count once, articles (al-, el-) go. Letters read several ways yield several keys, so keys
are sets. Keys are for blocking (finding candidates cheaply); scoring uses the folded forms.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from ..text.fold import strip_marks
from .resources import folding_table, name_suffixes, particles

MAX_WORD_KEYS = 8
MAX_NAME_KEYS = 16
KUNYA_MARK = "@"
PATRONYM_MARK = "+"
SERVANT_KEY = "ABD"
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_APOSTROPHES = re.compile("['\u2018\u2019\u201b\u02bc\u02bb\u02bf\u02be`\u00b4\u2032\u02b9]")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
                          "ł": "l", "\u0131": "i", "ħ": "h", "ŧ": "t"})
_WORD_WITH_HYPHEN = re.compile(r"[^\s\-\u2010-\u2015\u2212]+([\-\u2010-\u2015\u2212])?")
_NOT_WORD = re.compile(r"[^\w]+")
_LATIN_VOWELS = frozenset("aeiouy")
_SERVANT_SOLID = re.compile(r"^abd(?:[aeiou]|ou)?l?(?=[^\W\d_]{3})")
_ARABIC_ARTICLE = "ال"
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_CYRILLIC_IOTATED = frozenset("яюєї")
_CYRILLIC_FINAL_I = frozenset("ийіы")


_strip_marks = strip_marks


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """One word lowercased, without diacritics, apostrophes or punctuation."""
    word = _APOSTROPHES.sub("", _ARABIC_MARKS.sub("", word)).casefold().translate(_SPECIAL)
    return _NOT_WORD.sub("", _strip_marks(word)).replace("_", "")


@lru_cache(maxsize=200_000)
def fold_name(name: str) -> str:
    """A readable comparison form: lowercase, no diacritics, hyphens as spaces (cached).

    >>> fold_name("Abu Yasser Al-Issawi")
    'abu yasser al issawi'
    """
    words = (fold_word(match.group().rstrip("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"))
             for match in _WORD_WITH_HYPHEN.finditer(name))
    return " ".join(word for word in words if word)


def _is_arabic(word: str) -> bool:
    return not word.isascii() and _ARABIC_LETTER.search(word) is not None


def _is_cyrillic(word: str) -> bool:
    return not word.isascii() and _CYRILLIC_LETTER.search(word) is not None


def _units(word: str, table: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """Split a folded word into the longest sequences of the folding table (a letter outside it
    stands for itself)."""
    units: list[tuple[str, tuple[str, ...]]] = []
    for seq in _unit_pattern(id(table), table).findall(word):
        classes = table.get(seq)
        units.append((seq, classes if classes is not None else (seq.upper(),) if seq.isalnum() else ("",)))
    return units


_UNIT_PATTERNS: dict[int, re.Pattern[str]] = {}


def _unit_pattern(table_id: int, table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """The sequences of a (cached) folding table as one regex, longest first, then any character:
    the regex engine takes the longest sequence at each place (three times faster than slicing and
    looking up each length)."""
    found = _UNIT_PATTERNS.get(table_id)
    if found is None:
        ordered = sorted(table, key=lambda seq: (-len(seq), seq))
        found = _UNIT_PATTERNS[table_id] = re.compile("|".join(map(re.escape, ordered)) + "|.", re.DOTALL)
    return found


Units = list[tuple[str, tuple[str, ...]]]  # letter sequences of a word and their sound classes


def _vowel(units: Units, k: int) -> bool:
    """Whether unit ``k`` exists and is a vowel (h, silent, does not count)."""
    return 0 <= k < len(units) and units[k][1] == ("",) and units[k][0] != "h"


def _next_sequence(units: Units, k: int) -> str:
    return units[k + 1][0] if k + 1 < len(units) else ""


def _y_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """y is J before a vowel at the start or between vowels, else a vowel."""
    consonant = (k == 0 and _vowel(units, k + 1)) or (_vowel(units, k - 1) and _vowel(units, k + 1))
    return ("J",) if consonant else ("",)


def _w_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """w is V before a consonant, a vowel or V at the start, else a vowel."""
    nxt = _next_sequence(units, k)
    before_consonant = bool(nxt) and not _vowel(units, k + 1) and nxt[0] not in _LATIN_VOWELS
    return ("V",) if before_consonant else ("", "V") if k == 0 else ("",)


def _c_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """c is S before e, i, y, else K."""
    return ("S",) if _next_sequence(units, k)[:1] in ("e", "i", "y") else ("K",)


def _g_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """g is K or J before e, i."""
    return ("K", "J") if _next_sequence(units, k)[:1] in ("e", "i") else None


def _j_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """A final j after i or y is silent."""
    return ("",) if k == len(units) - 1 and k > 0 and units[k - 1][0] in ("i", "y") else None


def _h_rule(units: Units, k: int) -> tuple[str, ...] | None:
    """A final h after a vowel is silent."""
    return ("",) if k == len(units) - 1 and _vowel(units, k - 1) else None


_LATIN_RULES: dict[str, Callable[[Units, int], tuple[str, ...] | None]] = {
    "y": _y_rule, "w": _w_rule, "c": _c_rule, "g": _g_rule, "j": _j_rule, "h": _h_rule}


def _latin_context(units: Units) -> list[tuple[str, ...]]:
    """Apply the context rules of latin_folding.tsv; returns the classes of each unit."""
    out: list[tuple[str, ...]] = []
    for k, (seq, classes) in enumerate(units):
        rule = _LATIN_RULES.get(seq)
        ruled = rule(units, k) if rule is not None else None
        out.append(classes if ruled is None else ruled)
    return out


def _arabic_context(units: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """Context rules for Arabic script: initial ي is J, medial ي is a vowel or J, final \u0647 (heh) is silent."""
    out: list[tuple[str, ...]] = []
    last = len(units) - 1
    for k, (seq, classes) in enumerate(units):
        if seq in ("ي", "ی"):
            classes = ("J",) if k == 0 else ("", "J") if k < last else ("",)
        elif seq == "\u0647" and k == last and k > 0:
            classes = ("",)
        out.append(classes)
    return out


def _cyrillic_context(units: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """я ю є ї start with a J sound at the start of a word, and may after a vowel."""
    out: list[tuple[str, ...]] = []
    for k, (seq, classes) in enumerate(units):
        if seq in _CYRILLIC_IOTATED and k == 0:
            classes = ("J",)
        elif seq in _CYRILLIC_IOTATED and units[k - 1][1] == ("",):
            classes = ("", "J")  # Yulia and Yuliya both write Юлия
        out.append(classes)
    return out


def _final_i(units: list[tuple[str, tuple[str, ...]]], classes: list[tuple[str, ...]]) -> bool:
    """Whether the word ends in an i sound (nisba -i, -y, -ee, -ie, -iy; Arabic final ي)."""
    if len(units) < 2 or classes[-1] != ("",):
        return False
    last, before = units[-1][0], units[-2][0]
    return last in ("i", "y", "ee", "ي", "ی") or last in _CYRILLIC_FINAL_I or (last == "e" and before == "i") or \
        (last == "j" and before in ("i", "y"))


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The sound-class keys of one folded word, sorted (several when a letter is ambiguous)."""
    if not word:
        return ("",)
    if _is_arabic(word):
        units = _units(word, folding_table("arabic_folding.tsv"))
        classes = _arabic_context(units)
    elif _is_cyrillic(word):
        units = _units(word, folding_table("cyrillic_folding.tsv"))
        classes = _cyrillic_context(units)
    else:
        units = _units(word, folding_table("latin_folding.tsv"))
        classes = _latin_context(units)
    final_i = _final_i(units, classes)
    partial: list[str] = [""]
    previous: tuple[str, ...] = ()
    for index, unit_classes in enumerate(classes):
        grown: set[str] = set()
        for stem in partial:
            for cls in unit_classes:
                if not cls:
                    grown.add("A" if index == 0 else stem)
                elif cls in previous and stem.endswith(cls):
                    grown.add(stem)  # a doubled letter counts once
                else:
                    grown.add(stem + cls)
        partial = sorted(grown)[:MAX_WORD_KEYS]
        previous = unit_classes
    return tuple(sorted({stem + ("I" if final_i else "") for stem in partial}))


@dataclass(frozen=True)
class NameWord:
    """A word of a name: its folded form, keys and role (core, kunya, patronym, or suffix: Jr.,
    III)."""

    text: str
    keys: tuple[str, ...]
    role: str
    articled: bool


@dataclass(frozen=True)
class ParsedName:
    """A name split into its words, particles removed (servant names fused: abd + jalil).

    ``core``: the name proper (no kunya names, no bin/ibn marker, no Jr. or III); ``kunya``:
    the names after Abu/Umm; ``given``: the first word when the name starts with it and has a
    surname too; ``surname``: the last core word; ``folded``: the words joined, kunya names
    after "abu"; ``key_set``: the whole-name keys (at most MAX_NAME_KEYS); ``single``: one
    core word at most with neither kunya nor suffix, or a kunya alone (a partial mention: a
    surname, a given name, "Abu Yasir").
    """

    words: tuple[NameWord, ...]
    core: tuple[NameWord, ...]
    kunya: tuple[NameWord, ...]
    given: NameWord | None
    surname: NameWord | None
    folded: str
    key_set: frozenset[str]
    single: bool

    @classmethod
    def of(cls, words: tuple[NameWord, ...]) -> ParsedName:
        """Derive every field from the words."""
        core = tuple(w for w in words if w.role == "core")
        kunya = tuple(w for w in words if w.role == "kunya")
        given = words[0] if len(words) >= 2 and words[0].role == "core" and len(core) >= 2 else None
        folded = " ".join(("abu " + w.text) if w.role == "kunya" else w.text for w in words)
        options = [w.keys if w.role != "kunya" else tuple(KUNYA_MARK + k for k in w.keys) for w in words]
        found: list[str] = []
        for combo in product(*options):
            found.append(" ".join(combo))
            if len(found) >= MAX_NAME_KEYS:
                break
        return cls(words, core, kunya, given, core[-1] if core else None, folded, frozenset(found),
                   _single(words, core, kunya))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its words; unpickled, the one parse of those words this process keeps (a
        worker's drafts name a few thousand people hundreds of thousands of times: the parent
        would otherwise hold a copy of the parse for each mention)."""
        return _parsed_words, (self.words,)


@lru_cache(maxsize=300_000)
def _parsed_words(words: tuple[NameWord, ...]) -> ParsedName:
    """:meth:`ParsedName.of`, one object for equal words."""
    return ParsedName.of(words)


def _single(words: tuple[NameWord, ...], core: tuple[NameWord, ...], kunya: tuple[NameWord, ...]) -> bool:
    """Whether a name is one word of its own (a kunya or a suffix with a word makes two); a name
    of punctuation only has no words at all."""
    ends_in_suffix = bool(words) and words[-1].role == "suffix"
    return len(core) <= 1 and not ((kunya or ends_in_suffix) and core)


def _raw_words(name: str) -> list[tuple[str, bool]]:
    """(folded word, followed by a hyphen) pairs; Arabic ال split off as an article."""
    words: list[tuple[str, bool]] = []
    for token in name.split():
        words.extend(_token_words(token))
    return words


@lru_cache(maxsize=200_000)
def _token_words(token: str) -> tuple[tuple[str, bool], ...]:
    """:func:`_raw_words` of one whitespace-free token (cached: names share their words)."""
    words: list[tuple[str, bool]] = []
    for match in _WORD_WITH_HYPHEN.finditer(token):
        raw = match.group()
        hyphen = bool(match.group(1))
        word = fold_word(raw)
        if not word:
            continue
        if word.startswith(_ARABIC_ARTICLE) and len(word) > 3 and _is_arabic(word):
            words.append((_ARABIC_ARTICLE, True))
            word = word[2:]
        words.append((word, hyphen))
    return tuple(words)


@lru_cache(maxsize=200_000)
def _name_word(word: str, pending: str | None, articled: bool) -> NameWord:
    """The core word of a name for a folded word, after a kunya or servant particle or not
    (cached: names share their words)."""
    if pending == "servant" or (_SERVANT_SOLID.match(word) and len(word) > 5):
        rest = word if pending == "servant" else _SERVANT_SOLID.sub("", word)
        keys = tuple(sorted({SERVANT_KEY + key.removeprefix("A") for key in word_keys(rest)}))
        return NameWord("abd" + rest, keys, "core", articled)
    return NameWord(word, word_keys(word), "kunya" if pending == "kunya" else "core", articled)


@lru_cache(maxsize=300_000)
def parse_name(name: str) -> ParsedName:
    """Split a name into its core words with their keys and roles (cached)."""
    return parse_name_uncached(name)


def _split_suffixes(raw: list[tuple[str, bool]]) -> list[str]:
    """Take the generational suffixes off the end of ``raw`` and return them in order
    ("Martin Luther King Jr.": the suffix is not the surname)."""
    suffixes: list[str] = []
    while len(raw) > 1 and raw[-1][0] in name_suffixes():
        suffixes.insert(0, raw.pop()[0])
    return suffixes


def _particle_role(word: str, hyphen: bool, is_last: bool, after_words: bool) -> str | None:
    """What a raw word does as a particle: ``article`` (dropped, marks the next word),
    ``kunya`` or ``servant`` (waits for its word), ``patronym`` (a marker word), ``connector``
    (dropped: inside a name, or opening a surname written alone when it ``leads``); None for a
    name word. A name's last word is a name word (or the Arabic article ال)."""
    if word == _ARABIC_ARTICLE:
        return "article"
    particle = particles().get(word)
    if particle is None or is_last:
        return None
    role = particle.role
    if role == "article":
        return "article" if hyphen or not particle.hyphen_only else None
    if role == "patronym":
        return role if after_words or word != "ben" else None
    if role == "connector":
        return role if after_words or particle.leads else None
    return role if role in ("kunya", "servant") else None


def parse_name_uncached(name: str) -> ParsedName:
    """:func:`parse_name` without the cache (for one-off parses such as a glossary index)."""
    raw = _raw_words(name)
    suffixes = _split_suffixes(raw)
    words: list[NameWord] = []
    pending: str | None = None  # "kunya" or "servant" waiting for its word
    articled = False
    for i, (word, hyphen) in enumerate(raw):
        role = _particle_role(word, hyphen, i == len(raw) - 1, bool(words))
        if role == "article":
            articled = True
        elif role in ("kunya", "servant"):
            pending = role
        elif role == "patronym":
            words.append(NameWord(PATRONYM_MARK, (PATRONYM_MARK,), "patronym", False))
        elif role is None:
            words.append(_name_word(word, pending, articled))
            pending = None
            articled = False
    words.extend(NameWord(suffix, (suffix.upper(),), "suffix", False) for suffix in suffixes)
    return ParsedName.of(tuple(words))


def translit_keys(name: str) -> set[str]:
    """Transliteration-aware keys of a name: spellings of one name share at least one key.

    >>> translit_keys("Mustafa al-Kadhimi") & translit_keys("Mostafa Al Kazemi")
    {'MSTF KDMI'}
    """
    return set(parse_name(name).key_set)
