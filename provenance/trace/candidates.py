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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, NamedTuple, overload

import numpy as np

from .. import progress
from ..corpus import Document, leading_date
from ..names.model import Mention
from ..pickling import pickled_by_fields
from ..text import word_matches, words
from ..text import zipf as word_zipf
from ..text.fold import strip_marks
from ..text.stem import stem
from .shared_pairs import MAX_CANDIDATES, MAX_DF, RARE_KEYS, RAREST_KEYS, Postings, shared_counts

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


class CandidatePairs(Sequence[CandidatePair]):
    """A list of candidate pairs held as three integer arrays, each :class:`CandidatePair` made when
    read (iterating too, one at a time: never a list of them all): at 100,000 documents of 3 KB
    there are millions, about 110 bytes each as objects, 12 here."""

    __slots__ = ("a", "b", "shared")

    def __init__(self, a: np.ndarray, b: np.ndarray, shared: np.ndarray) -> None:
        self.a, self.b, self.shared = a.astype(np.int32), b.astype(np.int32), shared.astype(np.int32)

    def __len__(self) -> int:
        return len(self.a)

    @overload
    def __getitem__(self, at: int) -> CandidatePair: ...

    @overload
    def __getitem__(self, at: slice) -> CandidatePairs: ...

    def __getitem__(self, at: int | slice) -> CandidatePair | CandidatePairs:
        if isinstance(at, slice):
            return CandidatePairs(self.a[at], self.b[at], self.shared[at])
        return CandidatePair(int(self.a[at]), int(self.b[at]), int(self.shared[at]))

    def taken(self, order: np.ndarray) -> CandidatePairs:
        """The pairs at the indexes ``order``, in that order."""
        return CandidatePairs(self.a[order], self.b[order], self.shared[order])

    def ends(self) -> np.ndarray:
        """The pairs' two documents, one row a pair (64-bit)."""
        return np.stack((self.a, self.b), axis=1).astype(np.int64)

    @classmethod
    def of(cls, pairs: Iterable[CandidatePair]) -> CandidatePairs:
        """``pairs`` held as arrays (themselves when they are)."""
        if isinstance(pairs, CandidatePairs):
            return pairs
        rows = np.array([(p.a, p.b, p.shared) for p in pairs], np.int64).reshape(-1, 3)
        return cls(rows[:, 0], rows[:, 1], rows[:, 2])


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


def _place_mention(columns: KeyedColumns, text: str, mention: Mention, lang: str) -> None:
    """Add ``mention`` as one entity token, or extend the last token when it names the same
    entity with nothing but punctuation between ("Islamic State (IS)": one mention)."""
    entity = mention.entity_id or mention.entity or ""
    key = intern(f"ent:{entity}")
    keys, ends = columns.keys, columns.ends
    if keys and keys[-1] == key and not any(c.isalnum() for c in text[ends[-1]:mention.start]):
        ends[-1] = mention.end
    else:
        columns.add(mention.start, mention.end, (key, key, _entity_weight(mention.entity or entity, lang)))


def _remembered_key(word: str, lexicon: Lexicon, lang: str) -> tuple[str, str, float] | None:
    """:func:`_word_key` of a word the lexicon does not remember yet, remembered (all forgotten
    past :data:`KEYED_WORDS`)."""
    if len(lexicon.keyed) >= KEYED_WORDS:
        lexicon.keyed.clear()
    keyed = lexicon.keyed[(word, lang)] = _word_key(word, lexicon, lang)
    return keyed


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


@dataclass(frozen=True)
class KeyedColumns:
    """A document's tokens as columns (what :class:`KeyToken` holds, a list each): the trace
    packs them into arrays without making a token object per word."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, start: int, end: int, keyed: tuple[str, str, float]) -> None:
        """Append a token: its offsets, and its key, stem and weight."""
        self.starts.append(start)
        self.ends.append(end)
        self.keys.append(keyed[0])
        self.stems.append(keyed[1])
        self.weights.append(keyed[2])


def keyed_columns(doc: Document, mentions: Iterable[Mention] = (), lexicon: Lexicon | None = None
                  ) -> tuple[str, KeyedColumns]:
    """The language ``doc`` is keyed in, and every word of it keyed (linked mentions one entity
    token each), as columns."""
    lexicon = lexicon or default_lexicon()
    lang = (doc.language or "en").split("-")[0].lower()
    linked = sorted((m for m in mentions if m.entity_id or m.entity), key=lambda m: (m.start, -m.end))
    columns = KeyedColumns()
    cursor = 0  # end of the last mention placed
    pending = iter(linked)
    mention = next(pending, None)
    text = doc.text
    body_start = _body_start(text)
    remembered = lexicon.keyed
    add = columns.add
    for match in word_matches(text):
        start, end = match.span()
        if start < body_start:
            continue
        while mention is not None and mention.end <= start:
            mention = next(pending, None)
        if mention is not None and mention.start < end and start < mention.end:
            if mention.start >= cursor:
                _place_mention(columns, text, mention, lang)
                cursor = mention.end
            continue
        word = match.group()
        keyed = remembered.get((word, lang), _UNSEEN)
        if keyed is _UNSEEN:
            keyed = _remembered_key(word, lexicon, lang)
        if keyed is not None:
            add(start, end, keyed)
    return lang, columns


def prepare_document(doc: Document, mentions: Iterable[Mention] = (), lexicon: Lexicon | None = None) -> PreparedDoc:
    """Key every word of ``doc``; linked mentions become one entity token each."""
    lang, columns = keyed_columns(doc, mentions, lexicon)
    tokens = tuple(map(KeyToken, columns.starts, columns.ends, columns.keys, columns.stems, columns.weights))
    return PreparedDoc(doc.id, doc.text, tokens, doc.date, lang, doc.outlet, doc.part_of)


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
                    rarest_keys: int = RAREST_KEYS,
                    postings: Postings | None = None) -> CandidatePairs:
    """Document pairs sharing at least ``min_shared`` indexed key pairs, most shared first.

    A key pair found in more than ``max_df`` documents pairs each document only with a few of
    its holders, for the document's ``rare_keys`` rarest such key pairs (0: none); one held by
    fewer pairs two documents where it is among the ``rarest_keys`` rarest of either (and always
    where it is held by ``FEW_HOLDERS`` or fewer; 0: every such key pair counts); and each
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
        order = _date_order(packed.docs)
        codes, counts = shared_counts(postings if postings is not None else packed.postings(window), order, max_df,
                                      rare_keys, day_starts=_day_starts(packed.docs, order), rarest=rarest_keys,
                                      min_shared=min_shared)
    files = _file_numbers(packed.docs)
    apart = files[codes // max(total, 1)] != files[codes % max(total, 1)]
    first, second, shared = codes[apart] // max(total, 1), codes[apart] % max(total, 1), counts[apart]
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
    codes = kept_codes[ranked]
    return CandidatePairs(codes // max(total, 1), codes % max(total, 1), kept_shared[ranked])
