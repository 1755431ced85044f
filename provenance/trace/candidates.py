"""Matching keys for every word of a document, and candidate pairs from an n-gram index.

A document becomes a sequence of :class:`KeyToken`: each word keeps its original offsets and
gets a matching key that survives the drift between renderings of one text. Name mentions
linked to an entity collapse into one token keyed by the entity (so *Kazemi* and *Kadhimi*
match), other words are folded (case, accents, hyphens), stemmed (Snowball) and mapped to a
synonym set (``data/synonyms.tsv``). Each token carries a weight for how much a match on it
says: rare words weigh up to 1, function words nothing (wordfreq's Zipf frequency), damped by
how many documents of the corpus use the key.

Candidate pairs come from an inverted index of unordered key pairs within a short window
(order-tolerant 2-grams of content words). A key pair held by few documents pairs them all; one
held by more than a cap (as passim caps it) pairs each document only with a few of its holders:
each document takes its rarest such key pairs and, for each, the holders just before it, the
first ones (in date order) and the last ones dated before its own date. A text copied from one
that many others also quote stays a candidate, and the work grows with the corpus, not with the
square of a phrase's spread.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .. import progress
from ..corpus import Document, leading_date
from ..names.model import Mention
from ..pickling import pickled_by_fields
from ..text import Token, words
from ..text import zipf as word_zipf
from ..text.fold import strip_marks
from ..text.stem import stem

if TYPE_CHECKING:
    from .packed import PackedCorpus

DATA_DIR = Path(__file__).parent / "data"
SYNONYMS_PATH = DATA_DIR / "synonyms.tsv"

#: Zipf frequency at and above which a word carries no weight ("the", "of").
FUNCTION_WORD_ZIPF = 7.0
#: Zipf span over which the weight rises from 0 to 1 (Zipf 3 and below weigh 1).
ZIPF_SPAN = 4.0
#: Tokens lighter than this neither seed alignments nor enter the index.
CONTENT_WEIGHT = 0.15
#: Weight of an all-capitals word (an acronym), whose lower-case frequency would mislead.
ACRONYM_WEIGHT = 0.5
#: Share of a token's weight kept however many documents use it.
IDF_FLOOR = 0.5

_INNER_MARKS = str.maketrans("", "", "-'’‐‑")
#: Words a lexicon remembers the keys of before it forgets them all (a few tens of MB).
KEYED_WORDS = 300_000
_UNSEEN = ("", "", 0.0)


class KeyToken(NamedTuple):
    """A word (or a whole linked name mention) with its matching key and weight (a named tuple, built
    with interned key strings: a corpus holds millions of tokens over a small vocabulary, and the
    alignment workers rebuild them by the million)."""

    start: int
    end: int
    key: str
    stem: str
    weight: float

    @property
    def is_content(self) -> bool:
        """Whether the token is informative enough to seed an alignment."""
        return self.weight >= CONTENT_WEIGHT


@dataclass(frozen=True)
class PreparedDoc:
    """A document as the trace stage matches it."""

    id: str
    text: str
    tokens: tuple[KeyToken, ...]
    date: str | None = None
    language: str = "en"
    outlet: str | None = None
    part_of: str | None = None
    """The file the document is a part of (a big file read in parts), else None."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Two documents (indexes into the prepared list) sharing ``shared`` indexed keys."""

    a: int
    b: int
    shared: int


def fold(word: str) -> str:
    """Case, accents and inner hyphens/apostrophes folded away; a trailing possessive dropped."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            word = word[: -len(suffix)]
    return strip_marks(word).casefold().translate(_INNER_MARKS)


@lru_cache(maxsize=500_000)
def rarity(word: str, lang: str = "en") -> float:
    """How much a match on ``word`` says, 0 (function word) to 1 (rare), from its Zipf frequency."""
    zipf = word_zipf(word, lang)
    return min(1.0, max(0.0, (FUNCTION_WORD_ZIPF - zipf) / ZIPF_SPAN))


@dataclass(frozen=True)
class Lexicon:
    """Synonym sets by language, keyed by stem: ``(lang, stem) -> set name``; ``keyed`` remembers
    the key, stem and weight of each word seen (a word recurs thousands of times in a corpus)."""

    synonyms: Mapping[tuple[str, str], str]
    keyed: dict[tuple[str, str], tuple[str, str, float] | None] = field(default_factory=dict, compare=False,
                                                                        repr=False)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled without the words it remembers."""
        return Lexicon, (self.synonyms,)

    def key_of(self, folded: str, lang: str) -> tuple[str, str]:
        """The matching key and the stem of a folded word."""
        word_stem = stem(folded, lang)
        synonym = self.synonyms.get((lang, word_stem)) or self.synonyms.get((lang, folded))
        return (f"syn:{synonym}" if synonym else word_stem), word_stem


def load_lexicon(path: Path | str = SYNONYMS_PATH) -> Lexicon:
    """Read a synonym file (``LANG<TAB>word, word, ...`` lines; ``#`` comments)."""
    synonyms: dict[tuple[str, str], str] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        lang, _, members = line.partition("\t")
        lang = lang.strip()
        words_of_set = [fold(w.strip()) for w in members.split(",") if w.strip()]
        if not lang or len(words_of_set) < 2:
            raise ValueError(f"{path}:{number}: expected LANG<TAB>word, word, ...")
        name = words_of_set[0]
        for word in words_of_set:
            for form in {word, stem(word, lang)}:
                if synonyms.get((lang, form), name) != name:
                    raise ValueError(f"{path}:{number}: {word!r} is already in set {synonyms[(lang, form)]!r}")
                synonyms[(lang, form)] = name
    return Lexicon(synonyms=synonyms)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with the package."""
    return load_lexicon()


def _entity_weight(canonical: str, lang: str) -> float:
    """An entity weighs what the rarest word of its canonical name weighs."""
    parts = [fold(w.text) for w in words(canonical)]
    return max((rarity(p, lang) for p in parts), default=1.0)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _place_mention(tokens: list[KeyToken], text: str, mention: Mention, lang: str) -> None:
    """Add ``mention`` as one entity token, or extend the last token when it names the same
    entity with nothing but punctuation between ("Islamic State (IS)": one mention)."""
    entity = mention.entity_id or mention.entity or ""
    key = f"ent:{entity}"
    between = text[tokens[-1].end:mention.start] if tokens else ""
    if tokens and tokens[-1].key == key and not any(c.isalnum() for c in between):
        tokens[-1] = tokens[-1]._replace(end=mention.end)
    else:
        weight = _entity_weight(mention.entity or entity, lang)
        tokens.append(KeyToken(mention.start, mention.end, intern(key), intern(key), weight))


def _word_token(word: Token, lexicon: Lexicon, lang: str) -> KeyToken | None:
    """The token of a word outside mentions (:func:`_word_key`, remembered by the lexicon)."""
    seen = (word.text, lang)
    keyed = lexicon.keyed.get(seen, _UNSEEN)
    if keyed is _UNSEEN:
        if len(lexicon.keyed) >= KEYED_WORDS:
            lexicon.keyed.clear()
        keyed = lexicon.keyed[seen] = _word_key(word.text, lexicon, lang)
    return None if keyed is None else KeyToken(word.start, word.end, *keyed)


def _word_key(word: str, lexicon: Lexicon, lang: str) -> tuple[str, str, float] | None:
    """The key, stem and weight of a word: an acronym's ("US" is not "us": its word frequency
    says nothing), else its lexicon key's; None for a word that folds to nothing."""
    folded = fold(word)
    if not folded:
        return None
    if _is_acronym(word):
        return intern(f"acr:{folded}"), intern(folded), ACRONYM_WEIGHT
    key, word_stem = lexicon.key_of(folded, lang)
    return intern(key), intern(word_stem), rarity(folded, lang)


def _body_start(text: str) -> int:
    """Where the text starts after a leading date line (metadata, not wording)."""
    dated = leading_date(text)
    return text.find(dated) + len(dated) if dated else 0


def prepare_document(doc: Document, mentions: Iterable[Mention] = (), lexicon: Lexicon | None = None) -> PreparedDoc:
    """Key every word of ``doc``; linked mentions become one entity token each."""
    lexicon = lexicon or default_lexicon()
    lang = (doc.language or "en").split("-")[0].lower()
    linked = sorted((m for m in mentions if m.entity_id or m.entity), key=lambda m: (m.start, -m.end))
    tokens: list[KeyToken] = []
    cursor = 0  # end of the last mention placed
    pending = iter(linked)
    mention = next(pending, None)
    body_start = _body_start(doc.text)
    for word in words(doc.text):
        if word.start < body_start:
            continue
        while mention is not None and mention.end <= word.start:
            mention = next(pending, None)
        if mention is not None and mention.start < word.end and word.start < mention.end:
            if mention.start >= cursor:
                _place_mention(tokens, doc.text, mention, lang)
                cursor = mention.end
            continue
        token = _word_token(word, lexicon, lang)
        if token is not None:
            tokens.append(token)
    return PreparedDoc(doc.id, doc.text, tuple(tokens), doc.date, lang, doc.outlet, doc.part_of)


def idf_damping(document_frequency: int, documents: int) -> float:
    """Factor in [IDF_FLOOR, 1]: 1 for a key in one document, the floor for a key in all."""
    if documents <= 1:
        return 1.0
    idf = math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))
    top = math.log(1 + (documents - 0.5) / 1.5)
    return IDF_FLOOR + (1 - IDF_FLOOR) * max(0.0, idf / top)


def prepare_corpus(docs: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]] | None = None,
                   lexicon: Lexicon | None = None) -> list[PreparedDoc]:
    """Prepare every document, then damp each token's weight by its key's corpus frequency (the
    documents as objects: :meth:`~provenance.trace.packed.PackedCorpus.prepare` unpacked)."""
    from .packed import PackedCorpus

    return list(PackedCorpus.prepare(docs, mentions_by_doc, lexicon))


MAX_DF = 100
"""Most documents a key pair may occur in and still pair documents: an absolute cap, so that
the work per key stays bounded however large the corpus grows (generic phrasing pairs nothing)."""
CODES_AT_ONCE = 4_000_000
"""Document-pair codes counted at a time while the candidates are counted (32 MB of codes)."""
MAX_CANDIDATES = 32
"""Most candidate partners kept per document, those sharing the most key pairs first."""
RARE_KEYS = 128
"""Key pairs above the ``MAX_DF`` cap each document still pairs on: its rarest ones."""
REACH = 4
"""For such a key pair, the holders just before the document (in date order) it pairs with."""
FIRST_HOLDERS = 2
"""For such a key pair, the earliest holders it pairs with too (the likely original)."""
EARLIER_DAYS = 2
"""For such a key pair, the holders just before the document's date it pairs with too: where many
documents of one day hold the phrase, the ``REACH`` holders just before the document are of its
own day, and a pair of one day has no date to orient it."""


def _capped_pairs(keys: np.ndarray, documents: np.ndarray, documents_total: int, max_df: int,
                  at_once: int) -> Iterator[np.ndarray]:
    """Every document pair (``a * documents_total + b``, a < b, once per key pair) sharing a key
    pair held by 2 to ``max_df`` documents, about ``at_once`` codes at a time."""
    starts, sizes = sorted_runs(keys)
    for size in range(2, max_df + 1):
        firsts = starts[sizes == size]
        left, right = np.triu_indices(size, 1)
        rows = max(1, at_once // len(left))
        for at in range(0, len(firsts), rows):
            members = documents[firsts[at:at + rows, None] + np.arange(size)]
            yield (members[:, left] * documents_total + members[:, right]).ravel()


def _spread_pairs(keys: np.ndarray, documents: np.ndarray, order: np.ndarray, max_df: int,
                  rare_keys: int, day_starts: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Document pairs (codes as above, once per key pair) from key pairs held by more than
    ``max_df`` documents: each document takes its ``rare_keys`` rarest and, for each, pairs with
    the ``REACH`` holders before it, the ``FIRST_HOLDERS`` first and the ``EARLIER_DAYS`` last
    ones dated before it (``order``: each document's rank by date; ``day_starts``: the rank where
    its date begins, its own rank when it has none; without them, no pairs of this last kind).
    At 100,000 documents such key pairs have tens of millions of holders: they are ordered by
    sorting compound codes in place (no index arrays), a few million rows at a time where a step
    needs a temporary, and the holders are 32-bit."""
    total = len(order)
    _, sizes = sorted_runs(keys)
    wide = sizes > max_df
    if rare_keys <= 0 or not wide.any():
        return
    held = np.repeat(wide, sizes)  # the postings rows of widely held key pairs
    sizes = sizes[wide]
    groups = len(sizes)
    group_start = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    # each key pair's holders in date order: (key pair, date rank) codes sorted in place
    dated = np.repeat(np.arange(groups, dtype=np.int64) * total, sizes)
    for at, rows in _row_slices(documents, held):
        dated[at:at + len(rows)] += order[rows]
    del held
    dated.sort()
    by_rank = np.argsort(order).astype(np.int32)  # the document of each date rank
    holders = np.empty(len(dated), np.int32)
    for at in range(0, len(dated), CODES_AT_ONCE):
        holders[at:at + CODES_AT_ONCE] = by_rank[dated[at:at + CODES_AT_ONCE] % total]
    del dated, by_rank
    # each document's rarest key pairs: key pairs ranked by (holders, rank), a document's rows
    # sorted by that rarity in place, and the rarity of its rare_keys-th kept as its threshold
    rarity = np.empty(groups, np.int64)
    rarity[np.lexsort((np.arange(groups), sizes))] = np.arange(groups)
    row_rarity = np.repeat(rarity.astype(np.int32), sizes)
    del rarity
    by_document = holders.astype(np.int64) * groups + row_rarity
    by_document.sort()
    first = np.searchsorted(by_document, np.arange(total, dtype=np.int64) * groups)
    last = np.append(first[1:], len(by_document))
    threshold = np.full(total, groups, np.int64)
    enough = last - first >= rare_keys
    threshold[enough] = by_document[first[enough] + rare_keys - 1] % groups
    del by_document, first, last, enough
    keep = np.empty(len(holders), bool)
    for at in range(0, len(holders), CODES_AT_ONCE):
        keep[at:at + CODES_AT_ONCE] = row_rarity[at:at + CODES_AT_ONCE] <= threshold[holders[at:at + CODES_AT_ONCE]]
    del row_rarity, threshold
    chosen = np.flatnonzero(keep)
    del keep
    start = group_start[np.searchsorted(group_start, chosen, side="right") - 1]
    del group_start
    for step in range(1, REACH + 1):
        partner = chosen - step
        valid = partner >= start
        yield _pair_codes(holders[chosen[valid]], holders[partner[valid]], total)
    for rank_among_first in range(FIRST_HOLDERS):  # those not already just before
        partner = start + rank_among_first
        valid = partner < chosen - REACH
        yield _pair_codes(holders[chosen[valid]], holders[partner[valid]], total)
    if day_starts is None or EARLIER_DAYS <= 0:
        return
    for at in range(0, len(chosen), CODES_AT_ONCE):  # the search's temporaries, a few million rows at a time
        rows, first = chosen[at:at + CODES_AT_ONCE], start[at:at + CODES_AT_ONCE]
        day_begins = _first_of_day(holders, rows, first, order, day_starts)
        for step in range(1, EARLIER_DAYS + 1):  # those neither just before nor among the first
            partner = day_begins - step
            valid = (partner >= first + FIRST_HOLDERS) & (partner < rows - REACH)
            yield _pair_codes(holders[rows[valid]], holders[partner[valid]], total)


def _first_of_day(holders: np.ndarray, chosen: np.ndarray, start: np.ndarray, order: np.ndarray,
                  day_starts: np.ndarray) -> np.ndarray:
    """For each chosen row, the first row of its key pair (rows ``start`` to ``chosen``, in date
    order) whose holder is dated no earlier than the chosen row's holder: a binary search over
    all chosen rows at once, reading only their rows."""
    low, high = start.copy(), chosen.copy()
    begins = day_starts[holders[chosen]]
    while (searching := low < high).any():
        middle = (low + high) // 2
        before = searching & (order[holders[middle]] < begins)
        low = np.where(before, middle + 1, low)
        high = np.where(searching & ~before, middle, high)
    return low


def _row_slices(documents: np.ndarray, held: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """The documents of the rows ``held`` marks, a few million postings rows at a time, with the
    position of each slice among the marked rows."""
    at = 0
    for begin in range(0, len(documents), CODES_AT_ONCE):
        rows = documents[begin:begin + CODES_AT_ONCE][held[begin:begin + CODES_AT_ONCE]]
        yield at, rows
        at += len(rows)


def _pair_codes(first: np.ndarray, second: np.ndarray, total: int) -> np.ndarray:
    """The codes (``a * total + b``, a < b) of the document pairs ``first[i]``, ``second[i]``."""
    first, second = first.astype(np.int64), second.astype(np.int64)
    return np.minimum(first, second) * total + np.maximum(first, second)


def _shared_counts(keys: np.ndarray, documents: np.ndarray, order: np.ndarray, max_df: int,
                   rare_keys: int, at_once: int = CODES_AT_ONCE,
                   day_starts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate document pair (``a * documents_total + b``, a < b) and how many key pairs
    pair it: all of those held by 2 to ``max_df`` documents, and the more widely held ones
    :func:`_spread_pairs` picks. The codes are counted a batch at a time: a pair of documents
    sharing a long passage is coded once per key pair they share, hundreds of times, and all the
    codes of 100,000 documents at once took gigabytes."""
    counted: list[tuple[np.ndarray, np.ndarray]] = []
    pending = 0
    for codes in chain(_capped_pairs(keys, documents, len(order), max_df, at_once),
                       _spread_pairs(keys, documents, order, max_df, rare_keys, day_starts)):
        counted.append(np.unique(codes, return_counts=True))
        pending += len(counted[-1][0])
        if pending > at_once and len(counted) > 1:
            counted = [_summed(counted)]
            pending = len(counted[0][0])
    return _summed(counted)


def _summed(counted: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The (code, count) lists of ``counted`` as one, sorted by code, each code once."""
    codes = np.concatenate([c for c, _ in counted] or [np.empty(0, np.int64)])
    counts = np.concatenate([n for _, n in counted] or [np.empty(0, np.int64)])
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    if not len(codes):
        return codes, counts
    first, _ = sorted_runs(codes)
    return codes[first], np.add.reduceat(counts, first)


def sorted_runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values of the sorted ``values`` starts, and its length (what
    ``np.unique`` tells of them, without sorting a copy)."""
    if not len(values):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    return starts, np.diff(np.append(starts, len(values)))


def _date_order(prepared: Sequence[PreparedDoc]) -> np.ndarray:
    """Each document's rank by date (undated ones last), corpus order breaking ties."""
    ranked = sorted(range(len(prepared)), key=lambda i: (prepared[i].date is None, prepared[i].date or "", i))
    order = np.empty(len(prepared), dtype=np.int64)
    order[ranked] = np.arange(len(prepared))
    return order


def _day_starts(prepared: Sequence[PreparedDoc], order: np.ndarray) -> np.ndarray:
    """For each document, the date rank (:func:`_date_order`) where its date begins: the rank
    of the first document of its day; an undated document's own rank."""
    starts = order.copy()
    first: dict[str, int] = {}
    for index in np.argsort(order).tolist():
        date = prepared[index].date
        if date is not None:
            starts[index] = first.setdefault(date, int(order[index]))
    return starts


def _file_numbers(prepared: Sequence[PreparedDoc]) -> np.ndarray:
    """Each document's file: the parts of one big file share the number of its first part, any
    other document has its own index."""
    first_part: dict[str, int] = {}
    return np.array([first_part.setdefault(p.part_of, i) if p.part_of is not None else i
                     for i, p in enumerate(prepared)], dtype=np.int64)


def candidate_pairs(prepared: Sequence[PreparedDoc] | PackedCorpus, *, window: int = 3, max_df: int = MAX_DF,
                    min_shared: int = 4, max_candidates: int = MAX_CANDIDATES, rare_keys: int = RARE_KEYS,
                    postings: tuple[np.ndarray, np.ndarray] | None = None) -> list[CandidatePair]:
    """Document pairs sharing at least ``min_shared`` indexed key pairs, most shared first.

    A key pair found in more than ``max_df`` documents pairs each document only with a few of
    its holders, for the document's ``rare_keys`` rarest such key pairs (0: none), and each
    document keeps its ``max_candidates`` partners that share the most (a pair stays when either
    document keeps it), as passim bounds its candidate work: the pairs grow with the corpus, not
    its square. Two parts of one big file are never a pair: they are one text, which the trace
    does not compare with itself (as it did not when the file was read whole).
    The postings and pair counts are integer arrays (numpy), not objects per token or pair;
    ``postings`` are ``prepared``'s at ``window`` when the caller has them already.
    """
    from .packed import PackedCorpus

    total = len(prepared)
    packed = prepared if isinstance(prepared, PackedCorpus) else PackedCorpus.of(prepared)
    with progress.stage("trace: counting shared word pairs"):
        keys, holders = postings if postings is not None else packed.postings(window)
        order = _date_order(packed.docs)
        codes, counts = _shared_counts(keys, holders, order, max_df, rare_keys,
                                       day_starts=_day_starts(packed.docs, order))
        del keys, holders
    files = _file_numbers(packed.docs)
    strong = (counts >= min_shared) & (files[codes // max(total, 1)] != files[codes % max(total, 1)])
    first, second, shared = codes[strong] // max(total, 1), codes[strong] % max(total, 1), counts[strong]
    # each document's partners, most shared first (ties: the smaller partner), ranked within the document
    doc, partner = np.concatenate((first, second)), np.concatenate((second, first))
    both = np.concatenate((shared, shared))
    order = np.lexsort((partner, -both, doc))
    doc, partner, both = doc[order], partner[order], both[order]
    group_start = np.searchsorted(doc, doc, side="left")
    keep = np.arange(len(doc)) - group_start < max_candidates
    low, high = np.minimum(doc, partner)[keep], np.maximum(doc, partner)[keep]
    kept_codes, where = np.unique(low * max(total, 1) + high, return_index=True)
    kept_shared = both[keep][where]
    ranked = np.lexsort((kept_codes, -kept_shared))
    return [CandidatePair(int(code // total), int(code % total), int(count))
            for code, count in zip(kept_codes[ranked], kept_shared[ranked])]
