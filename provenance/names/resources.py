"""The names stage's data files (``provenance/data/names/``), loaded once and cached."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..resources import data_lines, read_rows
from ..text.fold import fold_diacritics

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "names"


def _entries(name: str) -> Iterator[str]:
    """The entries of a word list (one a line) in ``data/names/``."""
    return data_lines(DATA_DIR / name)


def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a table in ``data/names/``, by column name."""
    return read_rows(DATA_DIR / name)


def plain(text: str) -> str:
    """``text`` lowercased, without diacritics (for comparing cue words)."""
    return fold_diacritics(text)


@dataclass(frozen=True)
class Particle:
    """A name particle (al, Abu, bin, Abd, van ...), its role, and where it may stand."""

    role: str
    hyphen_only: bool = False
    after: frozenset[str] = frozenset()  # only right after one of these particles (von *der*)
    leads: bool = False  # may open a surname written without its given name (Di Maio, De Santis)


@lru_cache(maxsize=1)
def particles() -> dict[str, Particle]:
    """Particles by lowercase form."""
    found: dict[str, Particle] = {}
    for row in _rows("particles.tsv"):
        option = row.get("option", "")
        after = frozenset(option[len("after:"):].split("|")) if option.startswith("after:") else frozenset()
        found.setdefault(row["form"], Particle(row["role"], option == "hyphen_only", after,
                                                   option == "leads"))
    return found


def _word_set(name: str) -> frozenset[str]:
    return frozenset(plain(entry) for entry in _entries(name))


@lru_cache(maxsize=1)
def arabic_proclitics() -> tuple[str, ...]:
    """What Arabic script writes onto the front of a word (و, ب, ال ...), longest first."""
    return tuple(sorted(_entries("arabic_proclitics.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles and roles that announce a person (lowercase, no diacritics, no final dot)."""
    return _word_set("titles.txt")


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """Last parts of closed-compound titles (minister, präsident, sprecher), folded like titles."""
    return _word_set("title_heads.txt")


@lru_cache(maxsize=1)
def title_lengths() -> tuple[int, ...]:
    """Word counts of the titles, longest first."""
    return tuple(sorted({len(title.split()) for title in titles()}, reverse=True))


@lru_cache(maxsize=1)
def language_words() -> dict[str, frozenset[str]]:
    """Frequent function words by language (ISO 639-1), for the quick language guess."""
    return {row["lang"]: frozenset(row["words"].split()) for row in _rows("language_words.tsv")}


@lru_cache(maxsize=1)
def language_conventions() -> dict[str, frozenset[str]]:
    """How each language writes names (``language_conventions.tsv``): lang -> conventions."""
    return {row["lang"]: frozenset(row["conventions"].split()) for row in _rows("language_conventions.tsv")}


@lru_cache(maxsize=1)
def governing_words() -> dict[str, frozenset[str]]:
    """By language, the words through which a capitalised noun governs a name (German von, des)."""
    return {row["lang"]: frozenset(row.get("governing", "").split()) for row in _rows("language_conventions.tsv")}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verbs of saying that follow a speaker's name (said, told, tweeted ...)."""
    return _word_set("speech_verbs.txt")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Capitalised words that never begin a name."""
    return _word_set("function_words.txt")


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names."""
    return _word_set("calendar.txt")


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Nationality adjectives (Iraqi, Iranian ...)."""
    return _word_set("demonyms.txt")


@lru_cache(maxsize=1)
def alias_cues() -> tuple[str, ...]:
    """Phrases that introduce another name of the same person (known as, born ...)."""
    return tuple(sorted((plain(entry) for entry in _entries("alias_cues.txt")), key=lambda c: (-len(c), c)))


@lru_cache(maxsize=1)
def type_cues() -> dict[str, dict[str, str]]:
    """Type cue words by position (``first``, ``last``, ``any``, ``before``): word -> type."""
    cues: dict[str, dict[str, str]] = {"first": {}, "last": {}, "any": {}, "before": {}}
    for row in _rows("type_cues.tsv"):
        cues[row["position"]].setdefault(plain(row["word"]), row["type"])
    return cues


@lru_cache(maxsize=1)
def governing_nouns() -> frozenset[str]:
    """Nouns that follow a leader's name ("Biden Administration", "Assad Regime")."""
    return _word_set("governing_nouns.txt")


@lru_cache(maxsize=1)
def compound_adjectives() -> frozenset[str]:
    """Last parts of hyphenated adjectives (controlled, backed, led ...): "Iran-Backed" is no name word."""
    return _word_set("compound_adjectives.txt")


@lru_cache(maxsize=1)
def name_suffixes() -> frozenset[str]:
    """Generational suffixes (jr, sr, iii ...) that end a name without being its surname."""
    return _word_set("suffixes.txt")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names in any script, lowercase without diacritics, with the short forms people go
    by (Ned, Bob: hypocorisms.tsv)."""
    return _word_set("given_names.txt") | {short for short, _ in short_given_names()}


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Place names (countries, regions, large cities), plain form -> kind."""
    found: dict[str, str] = {}
    for row in _rows("places.tsv"):
        found.setdefault(plain(row["name"]), row["kind"])
    return found


@lru_cache(maxsize=3)
def folding_table(name: str) -> dict[str, tuple[str, ...]]:
    """A letter-sequence folding table: sequence -> sound classes ("" for a vowel)."""
    table: dict[str, tuple[str, ...]] = {}
    for row in _rows(name):
        table.setdefault(row["sequence"], tuple("" if c == "-" else c for c in row["classes"].split("|")))
    return table


@lru_cache(maxsize=1)
def linking_weights() -> dict[str, Any]:
    """The linker's scores and thresholds (``linking.json``), by section and name."""
    with open(DATA_DIR / "linking.json", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def person_evidence_weights() -> dict[str, float]:
    """The weight of each person-evidence rule (``person_evidence.tsv``), by rule name."""
    return {row["rule"]: float(row["weight"]) for row in _rows("person_evidence.tsv")}


@lru_cache(maxsize=1)
def short_given_names() -> frozenset[tuple[str, str]]:
    """Pairs (short, full) of given names one person goes by (bob, robert)."""
    return frozenset((plain(row["short"]), plain(row["full"])) for row in _rows("hypocorisms.tsv"))


@lru_cache(maxsize=1)
def hypocorisms() -> frozenset[tuple[str, str]]:
    """:func:`short_given_names`, both ways round."""
    pairs = short_given_names()
    return pairs | frozenset((full, short) for short, full in pairs)
