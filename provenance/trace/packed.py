"""The prepared corpus packed into flat arrays, as the trace holds it in every process.

Every worker aligns pairs from anywhere in the corpus, so each holds all of it, and the parent
holds it to orient the aligned pairs. As objects (a :class:`KeyToken` per word) that is about
35 KB per small document, 6.5 GB per process at 100,000 files; packed, a token is five array
cells (24 bytes; character offsets take 32 bits, as the reader parts long files) and its key and
stem are indexes into one vocabulary. The alignment, the orientation of aligned pairs and the
key-pair postings of the candidates read the arrays directly; key pairs are numbered by
vocabulary ids, which follow the corpus order, so the candidates do not depend on the order a
set of strings happens to iterate in.
"""
from __future__ import annotations

from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from typing import TypeVar

import numpy as np

from .. import progress
from ..corpus import Document
from ..names.model import Mention
from .candidates import CONTENT_WEIGHT, KeyToken, Lexicon, PreparedDoc, idf_damping, keyed_columns
from .shared_pairs import CODES_AT_ONCE, Postings

T = TypeVar("T")
_ARRAYS = ("bounds", "starts", "ends", "keys", "stems", "weights")
"""The token arrays of a :class:`PackedCorpus`, shared with the workers."""
ONE_CODE_BELOW = 2**63
"""The postings sort (key pair, document) as one code below this (see :meth:`PackedCorpus.postings`)."""


@dataclass(frozen=True)
class PackedCorpus:
    """Prepared documents with their tokens in arrays: document ``i`` owns the tokens from
    ``bounds[i]`` to ``bounds[i + 1]``."""

    docs: tuple[PreparedDoc, ...]  # each with no tokens
    bounds: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    keys: np.ndarray
    stems: np.ndarray
    weights: np.ndarray
    vocabulary: tuple[str, ...]

    @classmethod
    def of(cls, prepared: Iterable[PreparedDoc]) -> PackedCorpus:
        """Pack ``prepared`` (its order kept)."""
        packer = _Packer()
        for doc in prepared:
            packer.add(doc)
        return packer.packed()

    @classmethod
    def prepare(cls, docs: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]] | None = None,
                lexicon: Lexicon | None = None) -> PackedCorpus:
        """Every document prepared and packed (:meth:`gather`), its tokens weighed (:meth:`weighed`)."""
        return cls.weighed(cls.gather(docs, mentions_by_doc, lexicon))

    @staticmethod
    def gather(docs: Sequence[Document], mentions_by_doc: Mapping[str, Sequence[Mention]] | None = None,
               lexicon: Lexicon | None = None) -> _Packer:
        """Prepare every document on the current engine's workers, each returning it packed on a
        vocabulary of its own, and pack them as they come."""
        from ..engine import current_engine
        from ..engine.tasks import PrepareForTrace

        mentions_by_doc = mentions_by_doc or {}
        packer = _Packer()
        items = ((doc, mentions_by_doc.get(doc.id, ())) for doc in docs)
        for doc, packed in zip(docs, current_engine().map(PrepareForTrace(lexicon), items, progress.advance)):
            packer.add_packed(replace(packed, doc=replace(packed.doc, text=doc.text)))  # the text is not sent back
        return packer

    @staticmethod
    def weighed(packer: _Packer) -> PackedCorpus:
        """The gathered corpus, each token's weight damped by its key's document frequency
        (:func:`idf_damping`), its arrays shared with the workers (:meth:`shared`). This process
        works alone here: the trace has its workers find the statements meanwhile."""
        corpus = packer.packed()  # the packer is left empty: each array goes as it is shared
        frequency = corpus.document_frequency().tolist()
        damping = np.array([idf_damping(count, len(corpus)) for count in frequency], dtype=np.float64)
        for at in range(0, len(corpus.weights), CODES_AT_ONCE):
            corpus.weights[at:at + CODES_AT_ONCE] *= damping[corpus.keys[at:at + CODES_AT_ONCE]]
        for name in _ARRAYS:  # one array at a time, its unshared copy let go before the next is written
            corpus = corpus.shared(name)
        return corpus

    def document_frequency(self, documents_at_once: int = 2048) -> np.ndarray:
        """How many documents hold each word of the vocabulary as a key, a few thousand documents at
        a time (at 100,000 documents of 3 KB one pass over all 55 million tokens took 1.5 GB)."""
        words = max(len(self.vocabulary), 1)
        frequency = np.zeros(words, np.int64)
        for lo, hi, owners in self._token_blocks(documents_at_once):
            held = np.unique(owners * words + self.keys[lo:hi]) % words  # each key once per document holding it
            frequency += np.bincount(held, minlength=words)
        return frequency

    def _token_blocks(self, documents_at_once: int) -> Iterator[tuple[int, int, np.ndarray]]:
        """The tokens of a few thousand documents at a time: where they start and end in the
        arrays, and each one's document (64-bit). The pages of the shared arrays read for a block
        are handed back before the next (:meth:`~provenance.engine.base.Engine.release`): reading
        them all would keep the keys and weights resident in this process (0.66 GB at 100,000
        documents of 3 KB), which the alignment workers map for themselves."""
        from ..engine import current_engine

        engine = current_engine()
        for first in range(0, len(self), documents_at_once):
            last = min(first + documents_at_once, len(self))
            owners = np.repeat(np.arange(first, last, dtype=np.int64), np.diff(self.bounds[first:last + 1]))
            yield int(self.bounds[first]), int(self.bounds[last]), owners
            engine.release()

    def shared(self, name: str) -> PackedCorpus:
        """The corpus with its token array ``name`` shared with the current engine's workers: a
        pool's workers and this process map it read-only from a file (the arrays take 0.6 GB at
        100,000 files, once instead of once a process)."""
        from ..engine import current_engine

        (array,) = current_engine().share((getattr(self, name),))
        return replace(self, **{name: array})

    def without_texts(self) -> PackedCorpus:
        """The corpus without its documents' texts, as the alignment workers take it: they align
        the arrays, and the texts (132 MB at 100,000 files) would be copied into every worker."""
        return replace(self, docs=tuple(replace(doc, text="") for doc in self.docs))

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[PreparedDoc]:
        return (self[i] for i in range(len(self)))

    def postings(self, window: int, documents_at_once: int = 2048) -> Postings:
        """The inverted index of the content key pairs (at most ``window`` content tokens apart):
        each key pair once per document holding it, the documents of a key pair in order. Read off
        the arrays a few thousand documents at a time; then, when a key pair code times the
        documents fits 63 bits, sorted as one (key pair, document) code in place (at 100,000
        documents of 3 KB, 76 million rows: an index array and sorted copies of both columns took
        1.8 GB more)."""
        words = max(len(self.vocabulary), 1)
        total = max(len(self), 1)
        codes, holders = [np.empty(0, np.int64)], [np.empty(0, np.int32)]
        for lo, hi, owners in self._token_blocks(documents_at_once):
            content = self.weights[lo:hi] >= CONTENT_WEIGHT
            found, held = key_pair_codes(self.keys[lo:hi][content], owners[content], window, words)
            order = np.lexsort((found, held))  # by document, then code: repeats side by side
            found, held = found[order], held[order]
            first_seen = np.ones(len(found), dtype=bool)
            first_seen[1:] = (found[1:] != found[:-1]) | (held[1:] != held[:-1])
            codes.append(found[first_seen])
            holders.append(held[first_seen].astype(np.int32))
        if words * words * total >= ONE_CODE_BELOW:  # too wide for one code: sorted by an index instead
            key_column = np.concatenate(codes)
            codes.clear()
            order = np.argsort(key_column, kind="stable")  # the documents come in order: they stay so within a key
            doc_column = np.concatenate(holders)[order]
            return Postings.of(key_column[order], doc_column)
        rows = sum(len(c) for c in codes)
        compound = np.empty(rows, np.int64)
        at = 0
        while codes:  # (key pair, document) codes, each block freed as it is copied
            found, held = codes.pop(0), holders.pop(0)
            compound[at:at + len(found)] = found * total + held
            at += len(found)
        compound.sort()
        doc_column = np.empty(rows, np.int32)
        for at in range(0, rows, CODES_AT_ONCE):  # the compound turned into the key column in place
            part = compound[at:at + CODES_AT_ONCE]
            doc_column[at:at + CODES_AT_ONCE] = part % total
            part //= total
        return Postings.of(compound, doc_column)

    def __getitem__(self, i: int) -> PreparedDoc:
        """Document ``i`` with its tokens, as it was prepared."""
        lo, hi = int(self.bounds[i]), int(self.bounds[i + 1])
        words = self.vocabulary
        keys = [words[k] for k in self.keys[lo:hi].tolist()]
        stems = [words[k] for k in self.stems[lo:hi].tolist()]
        fields = zip(self.starts[lo:hi].tolist(), self.ends[lo:hi].tolist(), keys, stems, self.weights[lo:hi].tolist())
        tokens = tuple(map(tuple.__new__, repeat(KeyToken), fields))  # the named tuple's own __new__ is Python
        doc = self.docs[i]
        return PreparedDoc(doc.id, doc.text, tokens, doc.date, doc.language, doc.outlet, doc.part_of)


def key_pair_codes(keys: np.ndarray, owners: np.ndarray, window: int, words: int) -> tuple[np.ndarray, np.ndarray]:
    """Unordered pairs of different keys at most ``window`` places apart in ``keys`` (vocabulary
    ids of content tokens), repeats included, never across two ``owners``: each pair's code
    (``low * words + high``, ``words``: the vocabulary size) and its owner."""
    codes, held = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    keys = keys.astype(np.int64)
    for step in range(1, window + 1):
        first, second = keys[:-step], keys[step:]
        valid = (owners[:-step] == owners[step:]) & (first != second)
        low, high = np.minimum(first, second)[valid], np.maximum(first, second)[valid]
        codes.append(low * words + high)
        held.append(owners[:-step][valid])
    return np.concatenate(codes), np.concatenate(held)


@dataclass(frozen=True)
class KeyPairSpread:
    """How many documents hold each key pair held by two or more: the sorted codes (of
    :func:`key_pair_codes`) and their counts, both 64-bit. A key pair absent is held by one
    document or none, which the passages' shares do not tell apart (at 100,000 documents of 3 KB,
    8 million of the 13.4 million key pairs)."""

    codes: np.ndarray
    documents: np.ndarray

    @classmethod
    def of(cls, postings: Postings) -> KeyPairSpread:
        """The spread of the key pairs of ``postings``."""
        shared = postings.sizes >= 2
        return cls(postings.keys[shared], postings.sizes[shared])


def visiting_order(pairs: Sequence[tuple[int, int]] | np.ndarray, documents: int) -> list[int]:
    """The indexes of ``pairs`` in an order that brings the pairs of neighbouring documents
    together, so that a document's view, built for one pair, is still kept for its next ones.

    Documents are numbered breadth first over the graph of the pairs, each component from its
    document with the fewest partners and each document's partners fewest first (Cuthill-McKee),
    and the pairs sorted by their two numbers. In the input order (by first document) nearly
    every pair needs a view of its second document built afresh."""
    if len(pairs) == 0:
        return []
    ends = np.asarray(pairs, np.int64).reshape(-1, 2)  # an array of ends as it is, no copy
    first, second = np.concatenate((ends[:, 0], ends[:, 1])), np.concatenate((ends[:, 1], ends[:, 0]))
    degree = np.bincount(first, minlength=documents)
    by_document = np.lexsort((second, degree[second], first))
    partners = second[by_document].tolist()
    bounds = np.searchsorted(first[by_document], np.arange(documents + 1)).tolist()
    number = [-1] * documents
    visited = 0
    for start in np.lexsort((np.arange(documents), degree)).tolist():
        if number[start] >= 0:
            continue
        number[start], visited = visited, visited + 1
        queue = deque((start,))
        while queue:
            document = queue.popleft()
            for partner in partners[bounds[document]:bounds[document + 1]]:
                if number[partner] < 0:
                    number[partner], visited = visited, visited + 1
                    queue.append(partner)
    numbers = np.array(number, np.int64)[ends]
    return np.lexsort((numbers.max(axis=1), numbers.min(axis=1))).tolist()


def kept_recently(kept: OrderedDict[int, T], index: int, make: Callable[[int], T], limit: int) -> T:
    """``kept[index]``, made by ``make`` when it is not there; the oldest of ``kept`` is dropped
    beyond ``limit`` (pairs come in :func:`visiting_order`: the last ones are the ones asked again)."""
    found = kept.get(index)
    if found is None:
        if len(kept) >= limit:
            kept.popitem(last=False)  # a plain dict would look for its first key past every one deleted
        found = kept[index] = make(index)
    return found


@dataclass(frozen=True)
class PackedDoc:
    """One prepared document packed on a vocabulary of its own (its keys' and stems' words in the
    order they first occur, all keys before the stems), as a worker returns it."""

    doc: PreparedDoc  # with no tokens (and, from a worker, no text)
    words: tuple[str, ...]
    keys: array
    stems: array
    starts: array
    ends: array
    weights: array

    @classmethod
    def of(cls, doc: PreparedDoc) -> PackedDoc:
        """Pack ``doc``."""
        tokens = doc.tokens
        return cls._packed(replace(doc, tokens=()), [t.key for t in tokens], [t.stem for t in tokens],
                           [t.start for t in tokens], [t.end for t in tokens], [t.weight for t in tokens])

    @classmethod
    def prepare(cls, doc: Document, mentions: Iterable[Mention] = (), lexicon: Lexicon | None = None) -> PackedDoc:
        """``doc`` prepared (:func:`~.candidates.prepare_document`) and packed, without making its tokens."""
        lang, columns = keyed_columns(doc, mentions, lexicon)
        return cls._packed(PreparedDoc(doc.id, doc.text, (), doc.date, lang, doc.outlet, doc.part_of), columns.keys,
                           columns.stems, columns.starts, columns.ends, columns.weights)

    @classmethod
    def _packed(cls, doc: PreparedDoc, keys: list[str], stems: list[str], starts: list[int], ends: list[int],
                weights: list[float]) -> PackedDoc:
        index: dict[str, int] = {}
        key_ids = array("i", [index.setdefault(key, len(index)) for key in keys])
        stem_ids = array("i", [index.setdefault(word_stem, len(index)) for word_stem in stems])
        return cls(doc, tuple(index), key_ids, stem_ids, array("i", starts), array("i", ends), array("d", weights))


class _Packer:
    """Packs prepared documents one at a time into growing arrays, numbering their words in the
    order they first occur (each document's keys, then its stems)."""

    def __init__(self) -> None:
        self._empty()

    def _empty(self) -> None:
        self.index: dict[str, int] = {}
        self.docs: list[PreparedDoc] = []
        self.bounds, self.starts, self.ends = array("q", [0]), array("i"), array("i")
        self.keys, self.stems, self.weights = array("i"), array("i"), array("d")

    def add(self, doc: PreparedDoc) -> None:
        """Append ``doc``: its tokens into the arrays, the document without them."""
        self.add_packed(PackedDoc.of(doc))

    def add_packed(self, packed: PackedDoc) -> None:
        """Append a document packed on its own vocabulary, renumbered into the corpus's."""
        index = self.index
        ids = np.fromiter((index.setdefault(word, len(index)) for word in packed.words), np.int32, len(packed.words))
        self.docs.append(packed.doc)
        self.bounds.append(self.bounds[-1] + len(packed.keys))
        self.starts.extend(packed.starts)
        self.ends.extend(packed.ends)
        self.keys.frombytes(ids[np.frombuffer(packed.keys, dtype=np.int32)].tobytes())
        self.stems.frombytes(ids[np.frombuffer(packed.stems, dtype=np.int32)].tobytes())
        self.weights.extend(packed.weights)

    def packed(self) -> PackedCorpus:
        """The corpus packed (numpy views of the arrays, not copies). The packer lets go of it and
        starts empty: the corpus alone holds the arrays, and frees each as it replaces it."""
        corpus = PackedCorpus(
            docs=tuple(self.docs), bounds=np.frombuffer(self.bounds, dtype=np.int64),
            starts=np.frombuffer(self.starts, dtype=np.int32), ends=np.frombuffer(self.ends, dtype=np.int32),
            keys=np.frombuffer(self.keys, dtype=np.int32), stems=np.frombuffer(self.stems, dtype=np.int32),
            weights=np.frombuffer(self.weights, dtype=np.float64), vocabulary=tuple(self.index))
        self._empty()
        return corpus
