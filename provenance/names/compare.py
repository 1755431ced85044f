"""Comparing name words and parsed names: spellings of one name, and names that may be one entry's."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from .keys import NameWord, ParsedName
from .resources import hypocorisms, linking_weights

if TYPE_CHECKING:
    from .index import EntryNames

_WEIGHTS = linking_weights()["compare"]
SPELLING_MIN: float = _WEIGHTS["spelling_min"]
KEYED_SPELLING_MIN: float = _WEIGHTS["keyed_spelling_min"]
SHARED_KEY_SIMILARITY: float = _WEIGHTS["shared_key_similarity"]


def words_match(a: NameWord, b: NameWord) -> bool:
    """Whether two name words are spellings of one name (shared key and close spelling)."""
    if a.text == b.text:
        return True
    if a.text.isascii() != b.text.isascii():
        return bool(set(a.keys) & set(b.keys))  # two scripts: only the sound classes compare
    if (a.text.lower(), b.text.lower()) in hypocorisms():
        return True  # Bob and Robert
    similarity = fuzz.ratio(a.text, b.text)
    return similarity >= SPELLING_MIN or (similarity >= KEYED_SPELLING_MIN and bool(set(a.keys) & set(b.keys)))


def words_matching(word: NameWord, others: Sequence[NameWord]) -> list[bool]:
    """:func:`words_match` of ``word`` with each of ``others``, the similarities computed at once
    (rapidfuzz ``cdist``) and the keys compared only where the rule needs them."""
    if not others:
        return []
    texts = [other.text for other in others]
    similarity = process.cdist([word.text], texts, scorer=fuzz.ratio, dtype=np.float64)[0]
    script = word.text.isascii()
    same_script = np.fromiter((text.isascii() == script for text in texts), bool, len(texts))
    found = same_script & (similarity >= SPELLING_MIN)
    keys = set(word.keys)
    for at in np.flatnonzero(~same_script | (same_script & ~found & (similarity >= KEYED_SPELLING_MIN))).tolist():
        found[at] = bool(keys.intersection(others[at].keys))
    partners = _hypocorism_partners().get(word.text.lower())
    if partners:
        for at in np.flatnonzero(same_script & ~found).tolist():
            found[at] = texts[at].lower() in partners
    return found.tolist()


@lru_cache(maxsize=1)
def _hypocorism_partners() -> dict[str, frozenset[str]]:
    """Each given name's hypocorisms and full forms (:func:`~.resources.hypocorisms`), lowercase."""
    partners: dict[str, set[str]] = {}
    for a, b in hypocorisms():
        partners.setdefault(a, set()).add(b)
    return {name: frozenset(found) for name, found in partners.items()}


def any_match(word: NameWord, others: Sequence[NameWord]) -> bool:
    """Whether ``word`` is a spelling of one of ``others`` (a plain loop: this runs per mention)."""
    text = word.text
    for other in others:  # noqa: SIM110 - faster than any() over a generator on this hot path
        if other.text == text or words_match(word, other):
            return True
    return False


def all_match(words: Iterable[NameWord], others: Sequence[NameWord]) -> bool:
    """Whether every one of ``words`` is a spelling of one of ``others``."""
    for word in words:  # noqa: SIM110 - faster than all() over a generator on this hot path
        if not any_match(word, others):
            return False
    return True


def compatible(name: ParsedName, target: EntryNames) -> bool:
    """Whether ``name`` may name the entry: its given name, kunya and surname do not contradict it."""
    givens, kunyas = target.givens, target.kunyas
    suffix = name.words[-1].text if name.words and name.words[-1].role == "suffix" else None
    if suffix is not None and suffix not in target.suffixes:
        return False  # "Donald Trump Jr." is not Donald Trump (without a suffix, a name may be either)
    if name.given is not None and givens and not any_match(name.given, givens):
        return False
    if name.kunya and kunyas and not any(any_match(k, kunyas) for k in name.kunya):
        return False
    surname = name.surname
    if surname is not None and len(name.core) >= 2:
        surnames = target.surnames
        if surnames and not any_match(surname, surnames):
            return False
    return True


def name_similarity(a: ParsedName, b: ParsedName) -> float:
    """Similarity of two parsed names in 0..100 (spelling of the core words, order-insensitive)."""
    if not a.words or not b.words:
        return 0.0
    spelled = fuzz.token_sort_ratio(a.folded, b.folded)
    keyed = 100.0 if a.key_set & b.key_set else 0.0
    return max(spelled, keyed * SHARED_KEY_SIMILARITY)


def short_form_of(a: ParsedName, b: ParsedName) -> bool:
    """Whether two names differ only in a given name one goes by for the other (Bob Levinson,
    Robert Levinson)."""
    if a.given is None or b.given is None or a.surname is None or b.surname is None or len(a.words) != len(b.words):
        return False
    return (a.given.text.lower(), b.given.text.lower()) in hypocorisms() and a.surname.text == b.surname.text
