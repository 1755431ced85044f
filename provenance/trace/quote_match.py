"""Quotes that render the same words in different documents, and whether two quotes share a speaker."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from .. import progress
from .model import Quote
from .resources import conventions

SPEAKER_NAME_SIMILARITY = 75
"""Two speaker names this similar (rapidfuzz, 0-100) are spelling variants of one name."""


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    small = conventions().function_words
    words = [w.casefold() for w in re.findall(r"\w+", text)]
    return tuple(w for w in words if w not in small and not (len(w) < 3 and not w.isdigit()))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """``word`` without its longest inflection ending (``data/quotes/suffixes.tsv``)."""
    for suffix in conventions().suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=262144)
def same_word(a: str, b: str) -> bool:
    """Fuzzy word equality: inflection ("thunderous"/"thundering") and spelling drift."""
    if a == b:
        return True
    if a[:1] != b[:1] or a.isdigit() or b.isdigit():
        return False  # spelling drift and inflection keep a word's first letter
    if stem(a) == stem(b):
        return True
    shorter = min(len(a), len(b))
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    if shorter >= 4 and prefix >= max(4, 0.7 * shorter):
        return True
    return shorter >= 5 and fuzz.ratio(a, b) >= 85


def _window_match(short: Sequence[str], long: Sequence[str], weights: Sequence[float]) -> tuple[float, int]:
    """Best one-to-one matching of ``short``'s words inside one window of ``long``: the
    matched words' weight and their number."""
    by_initial: dict[str, list[int]] = defaultdict(list)
    for j, other in enumerate(long):
        by_initial[other[:1]].append(j)
    positions = [[j for j in by_initial.get(word[:1], ()) if same_word(word, long[j])] for word in short]
    anywhere = sum(w for w, p in zip(weights, positions) if p)
    if anywhere < MIN_QUOTE_SIMILARITY * sum(weights):
        return anywhere, sum(1 for p in positions if p)  # no window can do better than the whole
    size = min(len(long), len(short) + max(2, len(short) // 2))
    best: tuple[float, int] = (0.0, 0)
    for at in sorted({max(0, min(j, len(long) - size)) for p in positions for j in p}):
        used: set[int] = set()
        score = 0.0
        for weight, candidates in zip(weights, positions):
            hit = next((j for j in candidates if at <= j < at + size and j not in used), None)
            if hit is not None:
                used.add(hit)
                score += weight
        best = max(best, (score, len(used)))
        if len(used) == len(short):
            break
    return best


def quote_similarity(a: str, b: str, weight: Callable[[str], float] | None = None) -> float:
    """Share of the shorter quote's content words rendered in one passage of the longer one,
    each word counting by ``weight`` (its rarity in the corpus; 1 when not given). Under
    :data:`MIN_QUOTE_SIMILARITY` the value is an upper bound: windows are not searched."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    weights = [weight(w) if weight else 1.0 for w in short]
    matched, count = _window_match(short, long, weights)
    return matched / sum(weights) if count >= 2 else 0.0


MIN_QUOTE_SIMILARITY = 0.7
MAX_KEY_QUOTES = 200
"""Blocking keys shared by more quotes than this are formulaic and not used to pair (a cap on
document frequency, as passim has): the cost grows with related quotes, not with all pairs."""
KEY_WINDOW = 3


def _blocking_keys(text: str) -> set[tuple[str, str]]:
    """Unordered pairs of nearby content words (stem prefixes): word order may change in
    translation, a pair of rare words seldom meets by chance."""
    words = [stem(w)[:4] for w in _content_words(text)]
    keys = set()
    for i, first in enumerate(words):
        for second in words[i + 1:i + 1 + KEY_WINDOW]:
            if first != second:
                keys.add((min(first, second), max(first, second)))
    return keys


def match_quotes(quotes: Sequence[Quote], files: Mapping[str, str] | None = None) -> list[tuple[Quote, Quote, float]]:
    """Pairs of quotes from different documents rendering the same words, with a similarity;
    ``files`` gives the file of each document that is a part of a big file, whose parts are one
    document here (their quotes are not paired, as a document's own are not).

    Containment counts: a short quote matches a longer one that renders its words. Words
    weigh by their rarity among the quotes, so that a shared formula ("everyone has the right
    to") does not make two different quotes one. Candidate pairs share a blocking key
    (:func:`_blocking_keys`) under a frequency cap. Reports the quotes indexed, then the pairs
    compared (a nested stage).
    """
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    frequency: Counter[str] = Counter()
    for n, q in enumerate(quotes):
        for key in sorted(_blocking_keys(q.text)):
            index[key].append(n)
        frequency.update({stem(w) for w in _content_words(q.text)})
        progress.advance()
    total = len(quotes)
    files = files or {}
    source = [files.get(q.doc, q.doc) for q in quotes]

    def rarity(word: str) -> float:
        """Inverse quote frequency: formulas shared by many quotes weigh little."""
        return 1.0 + math.log((total + 1) / (frequency[stem(word)] + 1))

    shared: set[tuple[int, int]] = set()
    for key in sorted(index):
        members = index[key]
        if len(members) > MAX_KEY_QUOTES:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if source[a] != source[b]:
                    shared.add((a, b))
    pairs = []
    for a, b in progress.tracked(sorted(shared), "trace: comparing quote pairs"):
        sim = quote_similarity(quotes[a].text, quotes[b].text, rarity)
        if sim >= MIN_QUOTE_SIMILARITY:
            qa, qb = sorted((quotes[a], quotes[b]), key=lambda q: (q.doc, q.start, q.end))
            pairs.append((qa, qb, round(sim, 4)))
    for cached in (same_word, _content_words, stem):
        cached.cache_clear()  # up to 262,144 word pairs, of no use once the quotes are paired
    return sorted(pairs, key=lambda p: (p[0].doc, p[0].start, p[1].doc, p[1].start))


def _name_key(name: str) -> str:
    folded = name.casefold().replace("-", " ")
    return " ".join(w for w in folded.split() if w not in ("al", "el", "the"))


def same_speaker(a: Quote, b: Quote) -> bool:
    """Whether two quotes' speakers are one person: their entity ids when both have one, else their
    names as spelling variants ("Kadhimi", "al-Kadhimi", "Mustafa al-Kadhimi" are one speaker)."""
    if a.speaker_id and b.speaker_id:
        return a.speaker_id == b.speaker_id
    if not a.speaker or not b.speaker:
        return False
    ka, kb = _name_key(a.speaker), _name_key(b.speaker)
    if fuzz.token_sort_ratio(ka, kb) >= SPEAKER_NAME_SIMILARITY:
        return True
    last_a, last_b = ka.split()[-1:], kb.split()[-1:]
    return bool(last_a and last_b) and fuzz.ratio(last_a[0], last_b[0]) >= SPEAKER_NAME_SIMILARITY and \
        (len(ka.split()) == 1 or len(kb.split()) == 1)
