"""Finding name spans in running text and typing them from cues.

A candidate is a run of capitalised words, with the particles names carry (al-, Abu, bin,
Abd, van, de ...) and the separators names allow (one space, a hyphen, an ayn mark, the
dot of an initial or of a title). Titles and roles (Prime Minister, Col., spokesman),
nationality adjectives, function words and dates are cut off the run's start; what they
say is kept as evidence for the span's type. Type cues (Square, Province, Institute,
Brigades, Wadi, Kataib ...) and a gazetteer type places and organizations; the rest is a
person when the evidence says so (a given name, a kunya, a title, a verb of saying).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from ..text import script_of
from .keys import fold_word, parse_name, word_keys
from .resources import (calendar_words, demonyms, function_words, given_names, particles, places, plain,
                        title_lengths, titles, type_cues)

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019\-\u2010\u2011][^\W_]+)*")
_HYPHEN_PREFIX = re.compile(r"^([^\W\d_]{1,4})[\-\u2010\u2011](\w)")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_INNER_GAPS = frozenset({" ", "\u00a0", "\u2019 ", "' ", "\u02bf ", "\u02be "})
_DOT_GAPS = frozenset({". ", ".\u00a0"})
_SPEECH_AFTER = re.compile(
    r"^[\s,]*(?:\([^)]{0,40}\)\s*)?(?:has |had |also |then |later |previously |further )?"
    r"(?:said|says|told|added|noted|stated|stressed|tweeted|wrote|declared|explained|affirmed|confirmed|"
    r"announced|insisted|argued|warned|pointed out|underlined|underscored|acknowledged|admitted|claimed|"
    r"described|urged|called|asked|replied|answered|recalled|spoke|commented)\b")
_ROLE_AFTER = re.compile(r"^\s*,\s*(?:(?:a|an|the|his|her|its)\s+)?(?:[\w\-]+\s+){0,4}?(\w+)\b")
_THE_BEFORE = re.compile(r"\b(?:the|The|a|an)\s+$")
COMMON_WORD_ZIPF = 4.0
SENTENCE_START_STRIP_ZIPF = 4.3
MAX_NAME_WORDS = 7


@dataclass
class Candidate:
    """A capitalised span with the cues found around it."""

    start: int
    end: int
    surface: str
    words: tuple[str, ...]
    cue_type: str | None = None
    title: bool = False
    evidence: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def single(self) -> bool:
        """Whether the span has one core word (a surname, a given name, a kunya alone)."""
        parsed = parse_name(self.surface)
        return len(parsed.core) <= 1 and not (parsed.kunya and parsed.core)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


def _is_upper_word(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) or "." in word


def _hyphen_particle(word: str) -> bool:
    """``al-Issawi``, ``el-Sisi``, ``bin-Laden``: a lowercase particle hyphened to a name."""
    match = _HYPHEN_PREFIX.match(word)
    return bool(match and match.group(2).isupper() and match.group(1).lower() in particles())


def _connector(word: str) -> bool:
    """A lowercase particle that may sit inside a name (al, bin, de, van ...)."""
    particle = particles().get(word) if word.islower() else None
    return bool(particle and not particle.hyphen_only)


@lru_cache(maxsize=100_000)
def common_word(word: str) -> float:
    """The word's Zipf frequency in English (0 for unknown words)."""
    return zipf_frequency(word.casefold(), "en")


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


def _title_length(words: list[_Tok], i: int) -> int:
    """Number of words of a title starting at ``words[i]`` (0 when none)."""
    for size in title_lengths():
        if i + size > len(words):
            continue
        phrase = plain(" ".join(w.text for w in words[i:i + size])).replace(".", "")
        if phrase in titles():
            return size
    return 0


def _runs(text: str) -> list[list[_Tok]]:
    """Maximal runs of name-like words joined by the separators names allow."""
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    previous_end = -1
    for match in _TOKEN.finditer(text):
        word = match.group()
        name_like = _is_upper_word(word) or _hyphen_particle(word) or _connector(word)
        if not name_like or any(c.isdigit() for c in word):
            if current:
                runs.append(current)
            current = []
            continue
        tok = _Tok(word, match.start(), match.end())
        if current:
            gap = text[previous_end:tok.start]
            last = current[-1].text
            joined = gap in _INNER_GAPS or (gap in _DOT_GAPS and (len(last) == 1 or plain(last) in titles()))
            if not joined:
                runs.append(current)
                current = []
        current.append(tok)
        previous_end = tok.end
    if current:
        runs.append(current)
    return runs


def _sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or a line, or follows an opening quote)."""
    before = text[max(0, start - 12):start].rstrip(" \t\u00a0\"'\u201c\u2018\u00ab([")
    return start < 12 and not before or bool(before) and before[-1] in ".!?:;\n\r\u2026"


def _split(run: list[_Tok]) -> list[list[_Tok]]:
    """Split a run at dates and at capitalised function words."""
    pieces: list[list[_Tok]] = [[]]
    for tok in run:
        word = plain(tok.text)
        if word in calendar_words() or (word in function_words() and word not in particles() and pieces[-1]):
            pieces.append([])
            if word in calendar_words():
                continue
            pieces[-1].append(tok)
            continue
        pieces[-1].append(tok)
    return [piece for piece in pieces if piece]


def _trim(text: str, run: list[_Tok]) -> tuple[list[_Tok], bool, list[str]]:
    """Cut titles, function words, demonyms and acronyms off the start of a run."""
    title = False
    reasons: list[str] = []
    changed = True
    while run and changed:
        changed = False
        first = run[0]
        word = plain(first.text)
        rest = len(run) > 1
        size = _title_length(run, 0)
        if size:
            if size >= len(run):
                return [], title, reasons
            run, title, changed = run[size:], True, True
            reasons.append("title")
            continue
        if word in particles() and particles()[word].role in ("article", "connector") and not rest:
            return [], title, reasons
        if first.text[:1].islower() and not _hyphen_particle(first.text):
            run, changed = run[1:], True
            continue
        if (word in function_words() and (word not in particles() or particles()[word].role == "connector")) \
                or word in calendar_words():
            run, changed = run[1:], True
            continue
        if rest and (word in demonyms() or _is_acronym(first.text)):
            run, changed = run[1:], True
            reasons.append("demonym" if word in demonyms() else "acronym")
            continue
        if (rest and _sentence_start(text, first.start) and not is_given_name(first.text)
                and word not in particles() and common_word(first.text) >= SENTENCE_START_STRIP_ZIPF):
            run, changed = run[1:], True
            continue
    while run and (_connector(run[-1].text) or plain(run[-1].text) in particles() and len(run) > 1
                   and particles()[plain(run[-1].text)].role != "kunya" and run[-1].text[:1].islower()):
        run = run[:-1]
    return run, title, reasons


def cue_type(words: tuple[str, ...]) -> str | None:
    """The type that the span's own words announce (Square, Brigades, Wadi ...), or None."""
    cues = type_cues()
    folded = [plain(w).replace("\u2019", "'") for w in words]
    parts = [p for w in folded for p in re.split(r"[\-\u2010\u2011]", w) if p]
    for part in parts:
        if part in cues["any"]:
            return cues["any"][part]
    if len(folded) > 1 or parts[-1:] != parts[:1]:
        if folded[-1] in cues["last"]:
            return cues["last"][folded[-1]]
        if len(folded) > 1 and folded[0] in cues["first"]:
            return cues["first"][folded[0]]
    return None


def _person_evidence(text: str, cand: Candidate) -> None:
    """Add up what says the span is a person's name (and what says it is not)."""
    parsed = parse_name(cand.surface)
    words = cand.words
    if cand.title:
        cand.evidence += 3
    if parsed.kunya:
        cand.evidence += 2
        cand.reasons.append("kunya")
    if any(w.role == "patronym" for w in parsed.words) or any(w.text.startswith("abd") and len(w.text) > 4 for w in parsed.words[:1]):
        cand.evidence += 1.5
    if words and is_given_name(words[0].split("-")[0]) and len(parsed.core) >= 2:
        cand.evidence += 2
        cand.reasons.append("given name")
    elif words and len(parsed.core) >= 2 and sounds_like_given_name(words[0]):
        cand.evidence += 1
        cand.reasons.append("given name sound")
    if len(parsed.core) >= 2 and parsed.surname is not None and parsed.surname.articled:
        cand.evidence += 1
    if 2 <= len(words) <= 5:
        cand.evidence += 1
    after = text[cand.end:cand.end + 60]
    if _SPEECH_AFTER.match(after):
        cand.evidence += 1
        cand.reasons.append("speech")
    role = _ROLE_AFTER.match(after)
    if role and plain(role.group(1)) in titles():
        cand.evidence += 2
        cand.reasons.append("role")
    before = text[max(0, cand.start - 40):cand.start]
    lowered = plain(before).split()
    if any(" ".join(lowered[-n:]).strip(".,") in titles() for n in (1, 2, 3) if len(lowered) >= n):
        cand.evidence += 2
        cand.reasons.append("role before")
    if _THE_BEFORE.search(before):
        cand.evidence -= 2
    informative = [w for w in words if plain(w) not in particles()]
    if informative and all(common_word(w) >= COMMON_WORD_ZIPF and not is_given_name(w) for w in informative):
        cand.evidence -= 3
    if words and place_kind(words[0]) and not is_given_name(words[0]) and len(words) > 1:
        cand.evidence -= 2
    if any(_is_acronym(w) for w in words):
        cand.evidence -= 2
    if len(words) > MAX_NAME_WORDS - 2:
        cand.evidence -= 2


def find_candidates(text: str) -> list[Candidate]:
    """Capitalised name spans of ``text`` with their cue type and person evidence."""
    found: list[Candidate] = []
    for run in _runs(text):
        for piece in _split(run):
            piece, title, reasons = _trim(text, piece)
            if not piece or len(piece) > MAX_NAME_WORDS:
                continue
            start, end = piece[0].start, piece[-1].end
            surface = text[start:end]
            possessive = _POSSESSIVE.search(surface)
            if possessive:
                end -= 2
                surface = surface[:-2]
            if not any(c.isalpha() for c in surface) or all(_is_acronym(t.text) for t in piece):
                continue
            words = tuple(t.text for t in piece)
            if possessive:
                words = words[:-1] + (words[-1][:-2],)
            cand = Candidate(start, end, surface, words, cue_type(words), title, 0.0, list(reasons))
            _person_evidence(text, cand)
            found.append(cand)
    return found
