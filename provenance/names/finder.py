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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .evidence import context_evidence, word_evidence
from .frequency import COMMON_PHRASE_ZIPF, COMMON_WORD_ZIPF, VERY_COMMON_ZIPF, common_word, guess_language
from .headlines import headline_case
from .inflection import (
    POSSESSIVE,
    ending_length,
    genitive_length,
    leading_noun,
    noun_after_genitive,
    noun_after_name,
    noun_before_name,
)
from .keys import parse_name
from .lexicon import (
    INSTITUTION_JOINERS,
    camel_title,
    compound_title,
    cue_type,
    hyphen_particle,
    is_acronym,
    is_connector,
    is_demonym,
    is_gerund,
    is_given_name,
    is_institution,
    misplaced_connector,
    only_titles,
    sentence_word,
    title_length,
    written_particle,
)
from .resources import (
    calendar_words,
    compound_adjectives,
    function_words,
    governing_nouns,
    name_suffixes,
    particles,
    plain,
    titles,
    type_cues,
)

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019\-\u2010\u2011][^\W_]+)*")
_HYPHENS = frozenset("-\u2010\u2011")
_PREFIX_BEFORE = re.compile(r"(?<!\w)([a-z]{1,5})[\-\u2010\u2011]\Z")
_JOINER_GAP_LENGTHS = frozenset(len(joiner) + 2 for joiner in INSTITUTION_JOINERS)  # " of ", " for "
MAX_NAME_WORDS = 7
VERB_CUT_PENALTY = 2.0  # what follows an -ing verb is a person's name only with more evidence (a given name)
MAX_NAME_SYLLABLE = 3  # a short function word (Un, Il, In) that ends a run of names is part of it


@dataclass(slots=True)
class Candidate:
    """A capitalised span with the cues found around it."""

    start: int
    end: int
    surface: str
    words: tuple[str, ...]
    cue_type: str | None = None
    title: bool = False
    evidence: float = 0.0
    leader: bool = False  # a governing noun followed it ("Biden Administration"): a leader's name


def _char_class(chars: list[str]) -> str:
    """A regex character class for ``chars`` written as ranges."""
    codes = sorted(ord(c) for c in chars)
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


@lru_cache(maxsize=2)
def _run_pattern(ascii_only: bool = False) -> re.Pattern[str]:
    """Runs of name words: capitalised words (U.S.-style abbreviations too, and al-Name forms
    inside a run) joined by one space, an ayn mark and a space, or lowercase particles (bin,
    al, van ...). A short word may keep its dot (an initial, Col., Gen.); runs are cut later at
    dots that end a sentence. Words with digits never belong to a name. The pattern starts
    with a plain character class so that the regex engine skips lowercase prose quickly.
    ``ascii_only``: the same pattern for ASCII text, with ASCII classes (faster to scan)."""
    upper = "[A-Z]" if ascii_only else _char_class([chr(c) for c in range(0x10000) if chr(c).isupper()])
    letter = r"[^\W\d_]"
    by_length = lambda p: (-len(p), p)  # noqa: E731 - longest alternative first
    prefixes = "|".join(re.escape(p) for p in sorted((p for p in particles() if p.isascii()), key=by_length))
    connectors = "|".join(re.escape(p) for p in sorted((p for p, v in particles().items()
                                                        if not v.hyphen_only and p.isascii()), key=by_length))
    rest_of_word = rf"{letter}*(?:['\u2019\-\u2010\u2011]{letter}+)*(?![\w\-])"
    after_capital = rf"(?:(?:\.{letter})+\.|{letter}{{0,4}}\.(?=[ \u00a0])|{rest_of_word})"
    element = rf"(?:{upper}{after_capital}|(?:{prefixes})[\-\u2010\u2011]{upper}{rest_of_word})"
    gap = rf"(?:[ \u00a0]|['\u2019\u02bf\u02be] )(?:(?:{connectors})[ \u00a0])*"
    return re.compile(rf"{upper}{after_capital}(?:{gap}{element})*", re.ASCII if ascii_only else 0)


Offsets = tuple[tuple[int, int], ...]


def _runs(text: str) -> list[tuple[int, tuple[str, ...], Offsets]]:
    """Runs of name words: (base, the words, their (start, end) offsets from base). Offsets
    stay relative to the run (a cached tuple per distinct run), so that a run costs no new
    list. A run ending in an institution word joins the next over one lowercase joiner
    ("Ministry of Defence", "Institute for Near East Policy", "Resistance in Iraq")."""
    runs: list[tuple[int, tuple[str, ...], Offsets]] = []
    skip = function_words()
    last_end = -10  # where the previous run ends
    for run in _run_pattern(text.isascii()).finditer(text):
        begin, end = run.span()
        before = text[begin - 1] if begin else ""
        if before.isalnum():
            continue  # a capital inside a word (iPhone)
        word = run.group()
        if word.lower() in skip:
            continue  # a lone capitalised function word (The, According)
        if begin > 1 and before in _HYPHENS:
            prefix = _PREFIX_BEFORE.search(text, max(0, begin - 6), begin)
            if prefix and prefix.group(1) in particles():
                begin = prefix.start()
                word = text[begin:end]
        pieces: Iterable[tuple[tuple[str, ...], Offsets]] = _run_words(word)
        if before == "/" and begin > 1 and text[begin - 2].isalpha():
            pieces = _after_slash(pieces)  # "M/V Sounion": V is the end of an abbreviation
        for words, offsets in pieces:
            start = begin + offsets[0][0]
            if start - last_end in _JOINER_GAP_LENGTHS and _joins(text, runs[-1], start):
                last_base, last_words, last_offsets = runs[-1]
                spans = [(last_base + a, last_base + b) for a, b in last_offsets]
                joiner_start = spans[-1][1] + 1
                spans.append((joiner_start, start - 1))
                spans.extend((begin + a, begin + b) for a, b in offsets)
                runs[-1] = (0, (*last_words, text[joiner_start:start - 1], *words), tuple(spans))
            else:
                runs.append((begin, words, offsets))
            last_end = begin + offsets[-1][1]
    return runs


@lru_cache(maxsize=500_000)
def _run_words(run: str) -> tuple[tuple[tuple[str, ...], Offsets], ...]:
    """The words of a run with their offsets in it, cut at dots that end a sentence (cached:
    runs repeat across a corpus)."""
    spans = tuple((m.start(), m.end()) for m in _TOKEN.finditer(run))
    words = tuple(run[a:b] for a, b in spans)
    pieces = []
    cut = 0
    if "." in run:
        for i in range(1, len(spans)):
            if run[spans[i - 1][1]] == "." and len(words[i - 1]) > 1 and plain(words[i - 1]) not in titles():
                pieces.append((words[cut:i], spans[cut:i]))
                cut = i
    pieces.append((words[cut:], spans[cut:]))
    return tuple(pieces)


def _after_slash(pieces: Iterable[tuple[tuple[str, ...], Offsets]]) -> list[tuple[tuple[str, ...], Offsets]]:
    """The pieces of a run without its first word."""
    pieces = list(pieces)
    words, spans = pieces[0]
    return ([(words[1:], spans[1:])] if len(words) > 1 else []) + pieces[1:]


def _joins(text: str, previous: tuple[int, tuple[str, ...], Offsets], start: int) -> bool:
    """Whether the run before ``start`` ends in an institution word and one lowercase joiner
    (" of ", " for ", " in ") separates the two."""
    base, words, offsets = previous
    gap = text[base + offsets[-1][1]:start]
    return gap[1:-1] in INSTITUTION_JOINERS and gap[0] == gap[-1] == " " and is_institution(words[-1])


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or a line, or follows an opening quote)."""
    if start > 1 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # the common case: a word and a space before
    before = text[max(0, start - 12):start].rstrip(" \t\u00a0\"'\u201c\u2018\u00ab([")
    return (start < 12 and not before) or (bool(before) and before[-1] in ".!?:;\n\r\u2026")


_KEEP, _DROP, _BREAK_BEFORE, _BREAK_AFTER = range(4)  # what _split does at a word


def _joined_institution(words: tuple[str, ...], i: int, begin: int, token: str, word: str) -> bool:
    """A lowercase joiner after an institution word, or the word after it ("Ministry of
    Defence", "Institute for Near East Policy"): the joined name goes on."""
    if word in INSTITUTION_JOINERS and token.islower() and i > begin and is_institution(words[i - 1]):
        return True
    return i > begin + 1 and words[i - 1] in INSTITUTION_JOINERS and is_institution(words[i - 2])


def _closing_syllable(words: tuple[str, ...], i: int, begin: int, token: str, lang: str) -> bool:
    """A short capitalised function word that ends a run of names ("Kim Jong Un", "Moon Jae In")."""
    return i == len(words) - 1 and i - begin >= 2 and len(token) <= MAX_NAME_SYLLABLE and token.istitle() \
        and common_word(words[i - 1], lang) < COMMON_WORD_ZIPF


def _split_action(words: tuple[str, ...], i: int, begin: int, lang: str) -> int:
    """What a run's word does to the piece that ``begin`` starts: keep it, end the piece before
    it and drop it (a date, an adjective, a misplaced article), end the piece before it (a
    function word) or after it (a possessive)."""
    token = words[i]
    word = plain(token)
    if word in calendar_words():
        return _DROP
    if _joined_institution(words, i, begin, token, word):
        return _KEEP
    if word in function_words() and not written_particle(token) and i > begin:
        return _KEEP if _closing_syllable(words, i, begin, token, lang) else _BREAK_BEFORE
    if POSSESSIVE.search(token) and i + 1 < len(words):
        return _BREAK_AFTER  # "Donald Trump's Presidency": the name ends at 's
    if "-" in token and token.rsplit("-", 1)[1].lower() in compound_adjectives():
        return _DROP  # "Houthi-Controlled Areas": an adjective, not a name word
    if i > begin and misplaced_connector(token, words[i - 1]):
        return _DROP  # "Geist der Brüderlichkeit": der is an article here
    return _KEEP


def _split(words: tuple[str, ...], lang: str) -> list[tuple[int, int]]:
    """Split a run's words at dates, capitalised function words and possessives: (start, end)
    word indexes of the pieces."""
    pieces: list[tuple[int, int]] = []
    begin = 0
    for i in range(len(words)):
        action = _split_action(words, i, begin, lang)
        if action == _DROP:
            pieces.append((begin, i))
            begin = i + 1
        elif action == _BREAK_BEFORE:
            pieces.append((begin, i))
            begin = i
        elif action == _BREAK_AFTER:
            pieces.append((begin, i + 1))
            begin = i + 1
    pieces.append((begin, len(words)))
    return [(a, b) for a, b in pieces if b > a]


_NO_CUT = (0, False, False)
_EMPTY = (-1, False, False)  # nothing of the span is left


def _dropped_lead(token: str, word: str, rest: bool) -> bool:
    """Whether a span's first word is no name word: lowercase (not al-Name), a function word
    or a date, a demonym or acronym before other words."""
    if token[:1].islower() and not hyphen_particle(token):
        return True
    if (word in function_words() and (not written_particle(token) or particles()[word].role == "connector")) \
            or word in calendar_words():
        return True
    return rest and (is_demonym(word) or is_acronym(token))


def _leading_cut(words: tuple[str, ...], first: int, last: int, at_sentence_start: bool, lang: str
                 ) -> tuple[int, bool, bool]:
    """What to cut off the start of ``words[first:last]``: (number of words, a title, a verb);
    ``_NO_CUT`` when the span starts with a name word, ``_EMPTY`` when nothing would be left."""
    token = words[first]
    word = plain(token)
    rest = last - first > 1
    size = title_length(words[first:last]) or camel_title(token) or compound_title(token)
    if size:
        return _EMPTY if size >= last - first else (size, True, False)
    if word in particles() and particles()[word].role in ("article", "connector") and not rest:
        return _EMPTY
    if rest and word in particles() and particles()[word].role == "article" and title_length(words[first + 1:last]):
        return 1, False, False  # "Il Segretario Blinken", "El Secretario de Estado Antony Blinken": an article
    if _dropped_lead(token, word, rest):
        return 1, False, False
    if rest and lang == "en" and is_gerund(token):
        return 1, False, True  # "Welcoming Giorgia Meloni"
    if noun_before_name(words, first, last, lang):
        return 1, False, False  # "Tod von Alexej Nawalny"
    if rest and first == 0 and at_sentence_start and word not in particles() and sentence_word(token, lang):
        return 1, False, False
    return _NO_CUT


def _dangling_end(words: tuple[str, ...], first: int, last: int) -> bool:
    """Whether the span's last word is a particle or joiner that cannot end a name."""
    token = words[last - 1]
    if is_connector(token) or token in INSTITUTION_JOINERS:
        return True
    particle = particles().get(plain(token))
    return particle is not None and last - first > 1 and particle.role != "kunya" and token[:1].islower()


def _trim(words: tuple[str, ...], first: int, last: int, at_sentence_start: bool, lang: str
          ) -> tuple[int, int, bool, bool]:
    """Cut titles, function words, demonyms, acronyms and -ing verbs off the start of ``words[first:last]``
    (and particles off its end); returns the kept (first, last), whether a title was cut and
    whether a verb was ("Revitalizing Transatlantic Partnerships": what is left is a heading's)."""
    title = verb = False
    while first < last:
        size, cut_title, cut_verb = _leading_cut(words, first, last, at_sentence_start, lang)
        if size < 0:
            return first, first, title, verb
        if not size:
            break
        if cut_title and first + size < last and words[first + size][:1].islower():
            cut_title = False  # "Ministro de Asuntos Exteriores de España": the office's country, not its holder
        first, title, verb = first + size, title or cut_title, verb or cut_verb
    if not title and leading_noun(words, first, last, lang):
        first += 1  # "Parteien Občanská": a German noun, then the name
    first, inner_title = _inner_cut(words, first, last, lang)
    title = title or inner_title
    while last > first and _dangling_end(words, first, last):
        last -= 1
    if noun_after_genitive(words, first, last, lang) or noun_after_name(words, first, last, lang):
        last -= 1  # "Nawalnys Mut", "Wen Jiabao Gespräche"
    return first, last, title, verb


def _inner_cut(words: tuple[str, ...], first: int, last: int, lang: str) -> tuple[int, bool]:
    """Where a name starts inside a longer capitalised run: after its last title word when a
    given name or two name words follow ("Operations Project Scientist Jane Rigby", "Kurdistan
    Region President Nechirvan Barzani"), or at a given name that follows common words
    ("Associate Administrator for Science Thomas Zurbuchen"), or, in a span no cue word types,
    where two or more uncommon words follow common ones ("Foreign Affairs Sameh Shoukry", not
    "Waldorf Astoria Jeddah"). Returns (first, title cut)."""
    heads = type_cues()
    for i in range(last - 2, first, -1):
        title = plain(words[i]).replace(".", "")
        if title not in titles() and "-" in title:
            title = title.rsplit("-", 1)[1]  # US-Außenminister
        initial = len(title) == 1  # the M. of "Nita M. Lowey" is no title there
        after = i + max(1, title_length(words[i:last]))  # "Ministro de Asuntos Exteriores": the whole title
        if after < last and (title in titles() or compound_title(words[i])) and (
                is_given_name(words[after]) or (not initial and _names_after_title(words[after:last], lang))):
            return after, True
        if (title in heads["last"] or title in heads["any"]) and words[i + 1][:1].isupper() \
                and _names_after_title(words[i + 1:last], lang):
            return i + 1, True  # "Central Foreign Affairs Office Wang Yi": the office, then its head
    for i in range(first + 1, last - 1):
        if is_given_name(words[i]) and all(is_connector(w) or (common_word(w, lang) >= COMMON_PHRASE_ZIPF
                                                               and not is_given_name(w) and plain(w) not in particles())
                                           for w in words[first:i]):
            return i, False  # "Consejo Nacional de Seguridad Ned Price": a body's name, then its spokesman
    if cue_type(words[first:last]) is None:
        for i in range(first + 1, last - 1):
            if all(common_word(w, lang) < COMMON_WORD_ZIPF for w in words[i:last]) \
                    and all(common_word(w, lang) >= COMMON_WORD_ZIPF and not is_given_name(w)
                            and plain(w) not in particles() for w in words[first:i]):
                return i, False
    return first, False


def _names_after_title(words: tuple[str, ...], lang: str) -> bool:
    """Two or three name words after a title ("Director Wang Yi", "Spokesperson Ned Price"):
    not a title again, no word that types the span as an organization or place, not all very
    common words (frequent names such as Wang or Ned are common words to wordfreq)."""
    named = [w for w in words if plain(w) not in particles()]
    return 2 <= len(named) <= 3 and cue_type(words) is None \
        and not any(plain(w).replace(".", "") in titles() for w in named) \
        and not all(common_word(w, lang) >= VERY_COMMON_ZIPF for w in named)


def _analyse_run(words: tuple[str, ...], at_sentence_start: bool, lang: str
                 ) -> tuple[tuple[int, int, bool, bool, bool], ...]:
    """The name pieces of a run of capitalised words: (first word, end word, title cut, verb
    cut, governing noun cut) for each."""
    if len(words) == 1 and at_sentence_start and sentence_word(words[0], lang):
        return ()
    pieces = []
    for first, last in _split(words, lang):
        first, last, title, verb = _trim(words, first, last, at_sentence_start, lang)
        leader = last - first >= 2 and plain(words[first + 1]) in governing_nouns()
        if leader:
            last = first + 1  # "Biden Administration", "Assad Regime Accused": the name alone
        if first < last <= first + MAX_NAME_WORDS and not all(is_acronym(w) for w in words[first:last]) \
                and not only_titles(words[first:last]):
            pieces.append((first, last, title, verb, leader))
    return tuple(pieces)


def _head_before(text: str, start: int) -> str | None:
    """The type that the lowercase word right before a span gives it ("the tanker Marlin
    Luanda", "storm Daniel", "the broadcaster Rudaw", "M/V Sounion"), or None."""
    if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return None  # one space must follow the word
    word = text[max(0, start - 16):start - 1].rsplit(None, 1)[-1].lower()
    return type_cues()["before"].get(word[:word.index("/") + 1] if "/" in word else word)


class _Piece(NamedTuple):
    """A name piece of a run, as cached per distinct run."""

    first: int  # index of its first word in the run
    last: int  # index after its last word
    cut: int  # characters cut off its end (a possessive 's)
    words: tuple[str, ...]
    cue: str | None  # the type its own words announce
    title: bool  # a title was cut off its start
    evidence: float  # evidence from its words that it names a person
    single: bool  # a single name (a surname alone, a given name alone ...)
    leader: bool  # a governing noun followed it ("Biden Administration")


@lru_cache(maxsize=200_000)
def _run_pieces(words: tuple[str, ...], at_sentence_start: bool, lang: str) -> tuple[_Piece, ...]:
    """The name pieces of a run (cached: runs repeat across a corpus)."""
    pieces = []
    for first, last, title, verb, leader in _analyse_run(words, at_sentence_start, lang):
        piece = words[first:last]
        cut = ending_length(piece[-1], lang)
        if cut:
            piece = (*piece[:-1], piece[-1][:-cut])
        evidence = word_evidence(piece, title, lang) - (VERB_CUT_PENALTY if verb else 0.0)
        pieces.append(_Piece(first, last, cut, piece, cue_type(piece), title, evidence,
                             parse_name(" ".join(piece)).single, leader))
    return tuple(pieces)


def find_candidates(text: str, lang: str | None = None) -> list[Candidate]:
    """Capitalised name spans of ``text`` with their cue type and person evidence; ``lang``
    (ISO 639-1, guessed when None) chooses the word frequencies that tell names from words."""
    lang = lang or guess_language(text)
    written, text = text, headline_case(text, lang)
    found: list[Candidate] = []
    for base, words, offsets in _runs(text):
        at_sentence_start = sentence_start(text, base + offsets[0][0])
        for first, last, cut, piece, cue, title, evidence, single, leader in _run_pieces(words, at_sentence_start,
                                                                                          lang):  # a _Piece
            start, end = base + offsets[first][0], base + offsets[last - 1][1] - cut
            end -= genitive_length(text[start:end], text, lang)
            if text[end:end + 1] == "." and plain(words[last - 1]) in name_suffixes():
                end += 1  # "Elliott Roosevelt Jr.": the abbreviation's dot is the name's
            cand = Candidate(start, end, written[start:end], piece, cue or _head_before(text, start), title, evidence,
                             leader)
            if not single:
                cand.evidence += context_evidence(text, start, end)
            found.append(cand)
    return found
