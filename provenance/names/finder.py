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
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

from wordfreq import available_languages, get_frequency_dict, get_language_info, zipf_frequency

from ..text import script_of
from .keys import fold_word, parse_name, word_keys
from .resources import (calendar_words, compound_adjectives, demonyms, function_words, given_names, governing_nouns,
                        language_words, particles, places, plain, speech_verbs, title_lengths, titles, type_cues)

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019\-\u2010\u2011][^\W_]+)*")
_HYPHEN_PREFIX = re.compile(r"^([^\W\d_]{1,4})[\-\u2010\u2011](\w)")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_HYPHENS = frozenset("-\u2010\u2011")
HYPHEN_BREAKS = re.compile(r"[\-\u2010\u2011]")
_WORD_PART_BREAKS = re.compile(r"[\-\u2010\u2011'\u2019]")
_PREFIX_BEFORE = re.compile(r"(?<!\w)([a-z]{1,5})[\-\u2010\u2011]\Z")
_APPOSITION_END = re.compile(r"[,.;:()\"\u201c\u201d]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ARTICLES = frozenset({"the", "The", "a", "an"})
COMMON_WORD_ZIPF = 4.0
UNKNOWN_WORD_ZIPF = 0.0  # wordfreq's Zipf frequency of a word it has never seen
INSTITUTION_JOINERS = frozenset({"of", "for", "in"})
_JOINER_GAP_LENGTHS = frozenset(len(joiner) + 2 for joiner in INSTITUTION_JOINERS)  # " of ", " for "
LANGUAGE_SAMPLE = 800
MIN_LANGUAGE_HITS = 3
_WORDS = re.compile(r"\w+")
COMMON_PHRASE_ZIPF = 3.0
SENTENCE_START_STRIP_ZIPF = 4.3
MAX_NAME_WORDS = 7
GERUND_STEM_ZIPF = 2.5  # a verb stem at least this frequent in English (underscore: 2.97)
VERB_CUT_PENALTY = 2.0  # what follows an -ing verb is a person's name only with more evidence (a given name)
DOUBLED_STEM_ZIPF = 4.5  # the same for a stem whose last consonant -ing doubles (run, plan; not chan)
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


def is_acronym(word: str) -> bool:
    """ISIS, US, U.S.: an abbreviation rather than a name word."""
    return "." in word or (len(word) >= 2 and word.isupper())


def _hyphen_particle(word: str) -> bool:
    """``al-Issawi``, ``el-Sisi``, ``bin-Laden``: a lowercase particle hyphened to a name."""
    match = _HYPHEN_PREFIX.match(word)
    return bool(match and match.group(2).isupper() and match.group(1).lower() in particles())


def _written_particle(token: str) -> bool:
    """Whether a word is written as a name particle: "As" alone is the English word, only
    "as-" (as-Sadr) is the article."""
    particle = particles().get(plain(token))
    return particle is not None and not particle.hyphen_only


def _connector(word: str) -> bool:
    """A lowercase particle that may sit inside a name (al, bin, de, van ...)."""
    particle = particles().get(word) if word.islower() else None
    return bool(particle and not particle.hyphen_only)


@lru_cache(maxsize=200_000)
def common_word(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in the document's language (English when wordfreq lacks it)."""
    folded = word.casefold()
    lang = lang if lang in _wordfreq_languages() else "en"
    table = _plain_word_frequencies(lang)
    if table is not None and folded.isascii():
        parts = folded.split("-")  # wordfreq's tokens of an ASCII word of letters and hyphens
        if all(part.isalpha() for part in parts) and any(part not in table for part in parts):
            return UNKNOWN_WORD_ZIPF  # most names: spares wordfreq's tokenizer, which would find the same
    return zipf_frequency(folded, lang)


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    return frozenset(available_languages())


@lru_cache(maxsize=None)
def _plain_word_frequencies(lang: str) -> dict[str, float] | None:
    """wordfreq's table for a language whose tokenizer keeps an ASCII word whole (the regex
    one), so that a word missing from it has the unknown word's frequency; None for the
    others (Chinese, Japanese, Korean), whose words all go through wordfreq."""
    if get_language_info(lang)["tokenizer"] != "regex":
        return None
    return get_frequency_dict(lang)


@lru_cache(maxsize=1)
def _top_words() -> dict[str, tuple[str, ...]]:
    """For each frequent function word of language_words.tsv, the languages it belongs to;
    name particles (al, de, bin) left out, since names carry them in any language."""
    languages: dict[str, list[str]] = {}
    for lang, words in language_words().items():
        for word in words:
            if word not in particles():
                languages.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in languages.items()}


@lru_cache(maxsize=1)
def _ascii_word_breaks() -> bytes:
    """A bytes.translate table that turns every ASCII byte outside ``\\w`` into a space."""
    return bytes(b if chr(b).isalnum() or b == 0x5F else 0x20 for b in range(256))


def _sample_words(text: str) -> list[str] | list[bytes]:
    """The ``\\w+`` words of the text's start, casefolded (as bytes for ASCII text: the common
    case, split in C without a regex)."""
    sample = text[:LANGUAGE_SAMPLE]
    if sample.isascii():
        return sample.lower().encode("ascii").translate(_ascii_word_breaks()).split()
    return _WORDS.findall(sample.casefold())


@lru_cache(maxsize=1)
def _top_words_bytes() -> dict[bytes, tuple[str, ...]]:
    """:func:`_top_words` keyed by ASCII bytes (for ASCII samples)."""
    return {word.encode("ascii"): langs for word, langs in _top_words().items() if word.isascii()}


def guess_language(text: str) -> str:
    """A quick language guess from function words (for word frequencies, not for reports):
    the language whose most frequent words the text's first words use most; English on ties
    and for texts too short to tell."""
    words = _sample_words(text)
    top = _top_words_bytes() if words and isinstance(words[0], bytes) else _top_words()
    scores: dict[str, int] = {}
    for word in words:
        langs = top.get(word)
        if langs is not None:
            for lang in langs:
                scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        return "en"
    best = max(sorted(scores), key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] >= MIN_LANGUAGE_HITS and scores[best] > scores.get("en", 0) else "en"


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


def _title_length(words: tuple[str, ...]) -> int:
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
                runs[-1] = (0, last_words + (text[joiner_start:start - 1],) + words, tuple(spans))
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
    return gap[1:-1] in INSTITUTION_JOINERS and gap[0] == gap[-1] == " " and _institution(words[-1])


def _institution(word: str) -> bool:
    """A word that heads an institution's or a place's name (Ministry, Institute, Province)."""
    cues = type_cues()
    folded = _without_article(plain(word))
    return cues["last"].get(folded) in ("organization", "place") or cues["any"].get(folded) == "organization"


def _without_article(word: str) -> str:
    """``al-hashd`` -> ``hashd``: a folded word without a hyphened Arabic article."""
    head, _, rest = word.partition("-")
    particle = particles().get(head)
    return rest if rest and particle is not None and particle.role == "article" else word


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or a line, or follows an opening quote)."""
    if start > 1 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # the common case: a word and a space before
    before = text[max(0, start - 12):start].rstrip(" \t\u00a0\"'\u201c\u2018\u00ab([")
    return start < 12 and not before or bool(before) and before[-1] in ".!?:;\n\r\u2026"


def _split(words: tuple[str, ...], lang: str) -> list[tuple[int, int]]:
    """Split a run's words at dates, capitalised function words and possessives: (start, end)
    word indexes of the pieces."""
    pieces: list[tuple[int, int]] = []
    begin = 0
    for i, token in enumerate(words):
        word = plain(token)
        if word in calendar_words():
            pieces.append((begin, i))
            begin = i + 1
        elif word in INSTITUTION_JOINERS and token.islower() and i > begin and _institution(words[i - 1]):
            continue  # "Ministry of Defence"
        elif i > begin + 1 and words[i - 1] in INSTITUTION_JOINERS and _institution(words[i - 2]):
            continue  # "Institute for Near East Policy": the joined name goes on
        elif word in function_words() and not _written_particle(token) and i > begin:
            if i == len(words) - 1 and i - begin >= 2 and len(token) <= MAX_NAME_SYLLABLE and token.istitle() \
                    and common_word(words[i - 1], lang) < COMMON_WORD_ZIPF:
                continue  # "Kim Jong Un", "Moon Jae In": a syllable that ends a run of names
            pieces.append((begin, i))
            begin = i
        elif _POSSESSIVE.search(token) and i + 1 < len(words):
            pieces.append((begin, i + 1))  # "Donald Trump's Presidency": the name ends at 's
            begin = i + 1
        elif "-" in token and token.rsplit("-", 1)[1].lower() in compound_adjectives():
            pieces.append((begin, i))  # "Houthi-Controlled Areas": an adjective, not a name word
            begin = i + 1
        elif i > begin and _misplaced_connector(token, words[i - 1]):
            pieces.append((begin, i))  # "Geist der Brüderlichkeit": der is an article here
            begin = i + 1
    pieces.append((begin, len(words)))
    return [(a, b) for a, b in pieces if b > a]


def _misplaced_connector(token: str, previous: str) -> bool:
    """A lowercase particle that needs another before it (der after von) but lacks it."""
    particle = particles().get(token) if token.islower() else None
    return bool(particle and particle.after and previous.lower() not in particle.after)


def _trim(words: tuple[str, ...], first: int, last: int, at_sentence_start: bool, lang: str
          ) -> tuple[int, int, bool, bool]:
    """Cut titles, function words, demonyms, acronyms and -ing verbs off the start of ``words[first:last]``
    (and particles off its end); returns the kept (first, last), whether a title was cut and
    whether a verb was ("Revitalizing Transatlantic Partnerships": what is left is a heading's)."""
    title = verb = False
    changed = True
    while first < last and changed:
        changed = False
        token = words[first]
        word = plain(token)
        rest = last - first > 1
        size = _title_length(words[first:last]) or _camel_title(token)
        if size:
            if size >= last - first:
                return first, first, title, verb
            first, title, changed = first + size, True, True
            continue
        if word in particles() and particles()[word].role in ("article", "connector") and not rest:
            return first, first, title, verb
        if token[:1].islower() and not _hyphen_particle(token):
            first, changed = first + 1, True
            continue
        if (word in function_words() and (not _written_particle(token) or particles()[word].role == "connector")) \
                or word in calendar_words():
            first, changed = first + 1, True
            continue
        if rest and (_is_demonym(word) or is_acronym(token)):
            first, changed = first + 1, True
            continue
        if rest and lang == "en" and _gerund(token):
            first, verb, changed = first + 1, True, True  # "Welcoming Giorgia Meloni"
            continue
        if rest and first == 0 and at_sentence_start and word not in particles() and sentence_word(token, lang):
            first, changed = first + 1, True
            continue
    first, inner_title = _inner_cut(words, first, last, lang)
    title = title or inner_title
    while last > first and (_connector(words[last - 1]) or words[last - 1] in INSTITUTION_JOINERS
                            or plain(words[last - 1]) in particles() and last - first > 1
                            and particles()[plain(words[last - 1])].role != "kunya" and words[last - 1][:1].islower()):
        last -= 1
    return first, last, title, verb


def sentence_word(word: str, lang: str) -> bool:
    """A capitalised word that starts a sentence only because it is first: a common English
    word that is neither a given name nor a place ("Officials said", "Several towns")."""
    return common_word(word, lang) >= SENTENCE_START_STRIP_ZIPF and not is_given_name(word) and not place_kind(word)


def _is_demonym(word: str) -> bool:
    """Iraqi, Iraqis, Americans: a nationality word (plural too)."""
    return word in demonyms() or (word.endswith("s") and word[:-1] in demonyms())


def _inner_cut(words: tuple[str, ...], first: int, last: int, lang: str) -> tuple[int, bool]:
    """Where a name starts inside a longer capitalised run: after its last title word when a
    given name or two name words follow ("Operations Project Scientist Jane Rigby", "Kurdistan
    Region President Nechirvan Barzani"), or at a given name that follows common words
    ("Associate Administrator for Science Thomas Zurbuchen"), or, in a span no cue word types,
    where two or more uncommon words follow common ones ("Foreign Affairs Sameh Shoukry", not
    "Waldorf Astoria Jeddah"). Returns (first, title cut)."""
    for i in range(last - 2, first, -1):
        title = plain(words[i]).replace(".", "")
        initial = len(title) == 1  # the M. of "Nita M. Lowey" is no title there
        if title in titles() and (is_given_name(words[i + 1])
                                  or not initial and _looks_like_full_name(words[i + 1:last], lang)):
            return i + 1, True
    for i in range(first + 1, last - 1):
        if is_given_name(words[i]) and all(common_word(w, lang) >= COMMON_PHRASE_ZIPF and not is_given_name(w)
                                           and plain(w) not in particles() for w in words[first:i]):
            return i, False
    if cue_type(words[first:last]) is None:
        for i in range(first + 1, last - 1):
            if all(common_word(w, lang) < COMMON_WORD_ZIPF for w in words[i:last]) \
                    and all(common_word(w, lang) >= COMMON_WORD_ZIPF and not is_given_name(w)
                            and plain(w) not in particles() for w in words[first:i]):
                return i, False
    return first, False


def _looks_like_full_name(words: tuple[str, ...], lang: str) -> bool:
    """Two name words or more (particles aside), not all of them common words."""
    named = [w for w in words if plain(w) not in particles()]
    return len(named) >= 2 and not all(_is_common(w, lang) for w in named)


def _is_common(word: str, lang: str) -> bool:
    """A common English word (every part of a hyphenated word common): headings are made of them."""
    parts = _WORD_PART_BREAKS.split(word)
    return all(common_word(part, lang) >= COMMON_PHRASE_ZIPF for part in parts if part)


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
                and not _only_titles(words[first:last]):
            pieces.append((first, last, title, verb, leader))
    return tuple(pieces)


def _camel_title(token: str) -> int:
    """1 for a title written as one word with a capital inside ("PrimeMinister", a machine
    translation's glue), else 0."""
    if token.isascii() and token[1:].islower() or not _CAMEL.search(token):
        return 0
    return int(plain(_CAMEL.sub(" ", token)) in titles())


def _only_titles(words: tuple[str, ...]) -> bool:
    """A span of titles and particles and nothing else ("Le Premier", "El Presidente")."""
    return all(plain(w).replace(".", "") in titles() or plain(w) in particles() for w in words)


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


@lru_cache(maxsize=200_000)
def _word_evidence(words: tuple[str, ...], title: bool, lang: str) -> float:
    """Evidence for a person's name from the span's own words (cached by words): a title cut
    off it, a kunya, bin/Abd, a known given name, an al- surname; against: only common
    words, a place first, an acronym, too many words."""
    parsed = parse_name(" ".join(words))
    score = 3.0 if title else 0.0
    if parsed.kunya:
        score += 2
    if any(w.role == "patronym" for w in parsed.words) or (parsed.words and parsed.words[0].text.startswith("abd")
                                                            and len(parsed.words[0].text) > 4):
        score += 1.5
    if len(parsed.core) >= 2 and is_given_name(words[0].split("-")[0]):
        score += 2
    elif len(parsed.core) >= 2 and sounds_like_given_name(words[0]):
        score += 1
    if len(parsed.core) >= 2 and parsed.surname is not None and parsed.surname.articled:
        score += 1
    if 2 <= len(words) <= 5:
        score += 1
    informative = [w for w in words if plain(w) not in particles()]
    if informative and all(common_word(w, lang) >= COMMON_WORD_ZIPF and not is_given_name(w) for w in informative):
        score -= 3
    elif len(informative) > 1 and not is_given_name(words[0]) and all(_is_common(w, lang) for w in informative):
        score -= 3  # a title-case heading ("Enduring Partnership", "Logistical Support")
    if len(words) > 1 and place_kind(words[0]) and not is_given_name(words[0]):
        score -= 2
    if any(is_acronym(w) for w in words):
        score -= 2
    if len(words) > MAX_NAME_WORDS - 2:
        score -= 2
    return score


def _gerund(word: str) -> bool:
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


@lru_cache(maxsize=1)
def _title_first_words() -> frozenset[str]:
    """The first word of every title (a quick test before looking phrases up)."""
    return frozenset(title.split()[0] for title in titles())


@lru_cache(maxsize=1)
def _title_last_words() -> frozenset[str]:
    """The last word of every title (a quick test before looking phrases up)."""
    return frozenset(title.split()[-1] for title in titles())


def _head_before(text: str, start: int) -> str | None:
    """The type that the lowercase word right before a span gives it ("the tanker Marlin
    Luanda", "storm Daniel", "the broadcaster Rudaw", "M/V Sounion"), or None."""
    if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return None  # one space must follow the word
    word = text[max(0, start - 16):start - 1].rsplit(None, 1)[-1].lower()
    return type_cues()["before"].get(word[:word.index("/") + 1] if "/" in word else word)


def _context_evidence(text: str, cand: Candidate) -> None:
    """Add what the words around a span say: a verb of saying or a role after it ("X said",
    "X, an analyst at"), a title or role before it, an article before it (not a person)."""
    if says_after(text, cand.end):
        cand.evidence += 1
    elif (after := text[cand.end:cand.end + 60].lstrip(" ")).startswith(","):
        apposition = _APPOSITION_END.split(after[1:], 1)[0].split()[:5]
        if any(plain(word) in titles() for word in apposition):
            cand.evidence += 2
    before = text[max(0, cand.start - 40):cand.start].rsplit(None, 3)[-3:]
    if before and before[-1] in _ARTICLES:
        cand.evidence -= 2
    elif before and plain(before[-1].rstrip(",.")) in _title_last_words():
        words = [w.rstrip(",") for w in before]
        if any(plain(" ".join(words[-n:])).replace(".", "") in titles() for n in range(1, len(words) + 1)):
            cand.evidence += 2


def says_after(text: str, end: int) -> bool:
    """Whether a verb of saying follows a span ending at ``end`` ("X said", "X (43) told")."""
    return _speech_pattern().match(text, end, end + 60) is not None


def speaks(text: str, start: int, end: int) -> bool:
    """Whether the text makes a span a speaker: "X said", "according to X"."""
    return says_after(text, end) or text[max(0, start - 13):start].lower().endswith("according to ")


@lru_cache(maxsize=1)
def _speech_pattern() -> re.Pattern[str]:
    """A verb of saying right after a span ("X said", "X (43) told", "X has warned")."""
    verbs = "|".join(re.escape(v).replace("\\ ", r"\s+") for v in sorted(speech_verbs(), key=lambda v: (-len(v), v)))
    return re.compile(rf"[\s,]*(?:\([^)]{{0,40}}\)\s*)?(?:(?:has|had|also|then|later|previously|further)\s+)?"
                      rf"(?:{verbs})\b")


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
        cut = 0
        if _POSSESSIVE.search(piece[-1]):
            cut = 2
            piece = piece[:-1] + (piece[-1][:-2],)
        evidence = _word_evidence(piece, title, lang) - (VERB_CUT_PENALTY if verb else 0.0)
        pieces.append(_Piece(first, last, cut, piece, cue_type(piece), title, evidence,
                             parse_name(" ".join(piece)).single, leader))
    return tuple(pieces)


def find_candidates(text: str, lang: str | None = None) -> list[Candidate]:
    """Capitalised name spans of ``text`` with their cue type and person evidence; ``lang``
    (ISO 639-1, guessed when None) chooses the word frequencies that tell names from words."""
    lang = lang or guess_language(text)
    found: list[Candidate] = []
    for base, words, offsets in _runs(text):
        at_sentence_start = sentence_start(text, base + offsets[0][0])
        for first, last, cut, piece, cue, title, evidence, single, leader in _run_pieces(words, at_sentence_start,
                                                                                          lang):  # a _Piece
            start, end = base + offsets[first][0], base + offsets[last - 1][1] - cut
            cand = Candidate(start, end, text[start:end], piece, cue or _head_before(text, start), title, evidence,
                             leader)
            if not single:
                _context_evidence(text, cand)
            found.append(cand)
    return found
