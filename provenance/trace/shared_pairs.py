"""Counting the document pairs that share key pairs, as integer arrays, with work bounded per
key pair and per document (as passim bounds it), so that it grows with the corpus, not with its
square."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, NamedTuple

import numpy as np

MAX_DF = 100
"""Most documents a key pair may occur in and still pair documents: an absolute cap, so that
the work per key stays bounded however large the corpus grows (generic phrasing pairs nothing)."""
CODES_AT_ONCE = 4_000_000
"""Postings rows or document-pair codes handled at a time by a step that needs temporaries (32 MB)."""
BLOCK_CODES = 24_000_000
"""Document-pair codes counted at once (192 MB): beyond, the pairs are counted a block of first
documents at a time (:func:`shared_counts`)."""
MAX_CANDIDATES = 32
"""Most candidate partners kept per document, those sharing the most key pairs first."""
RARE_KEYS = 128
"""Key pairs above the ``MAX_DF`` cap each document still pairs on: its rarest ones."""
RAREST_KEYS = 128
"""Of the key pairs held by 2 to ``MAX_DF`` documents, those a document pairs on: its rarest
(fewest holders first), and every one held by at most ``FEW_HOLDERS``; a pair of documents
counts a key pair that is one of either's. A text of 3 KB has about 700 key pairs, most of them
in dozens of unrelated texts, and pairing every holder of each took nearly all of the
counting's time and memory; a passage two texts share is made of key pairs rare for both."""
FEW_HOLDERS = 10
"""Key pairs held by this many documents or fewer pair all their holders (see ``RAREST_KEYS``)."""
REACH = 4
"""For such a key pair, the holders just before the document (in date order) it pairs with."""
FIRST_HOLDERS = 2
"""For such a key pair, the earliest holders it pairs with too (the likely original)."""
EARLIER_DAYS = 2
"""For such a key pair, the holders just before the document's date it pairs with too: where many
documents of one day hold the phrase, the ``REACH`` holders just before the document are of its
own day, and a pair of one day has no date to orient it."""


class Postings(NamedTuple):
    """The inverted index of the key pairs: each distinct key pair code, sorted, with the number of
    documents holding it, and those documents, key pair after key pair (32-bit). Kept as runs, not
    as a key pair code a row: at 100,000 documents of 3 KB, 13.4 million key pairs for 75.9 million
    rows (the code a row took 607 MB)."""

    keys: np.ndarray
    sizes: np.ndarray
    holders: np.ndarray

    @classmethod
    def of(cls, rows: np.ndarray, holders: np.ndarray) -> Postings:
        """The postings of rows (each row's key pair code, sorted) and their holders."""
        starts, sizes = sorted_runs(rows)
        return cls(rows[starts], sizes, holders)

    def starts(self) -> np.ndarray:
        """Where each key pair's holders start."""
        return np.cumsum(self.sizes) - self.sizes


def _capped_pairs(postings: Postings, documents_total: int, max_df: int, at_once: int,
                  rare: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Every document pair (``a * documents_total + b``, a < b, once per key pair) sharing a key
    pair held by 2 to ``max_df`` documents, about ``at_once`` codes at a time; with ``rare``
    (:func:`rare_rows`), only the pairs where the key pair is rare for either document."""
    starts, sizes, documents = postings.starts(), postings.sizes, postings.holders
    # key pairs none of whose holders counts them pair nobody (a key pair held by FEW_HOLDERS or
    # fewer is counted by all its holders)
    paired = np.logical_or.reduceat(rare, starts) if rare is not None and len(starts) else np.ones(len(starts), bool)
    for size in range(2, max_df + 1):
        firsts = starts[(sizes == size) & paired]
        left, right = np.triu_indices(size, 1)
        rows = max(1, at_once // len(left))
        for at in range(0, len(firsts), rows):
            held = firsts[at:at + rows, None] + np.arange(size)
            members = documents[held].astype(np.int64)
            codes = members[:, left] * documents_total + members[:, right]
            if rare is None or size <= FEW_HOLDERS:
                yield codes.ravel()
            else:
                chosen = rare[held]
                yield codes[chosen[:, left] | chosen[:, right]]


def rare_rows(postings: Postings, documents_total: int, max_df: int, rarest: int = RAREST_KEYS,
              at_once: int = CODES_AT_ONCE) -> np.ndarray | None:
    """For each postings row, whether its key pair is one its document pairs on
    (``RAREST_KEYS``): held by 2 to ``FEW_HOLDERS`` documents, or by at most ``max_df`` and among
    the document's ``rarest`` (fewest holders, then the key pair's rank, first). None: every row
    is (``rarest`` 0, or codes too wide for 64 bits)."""
    starts, sizes, documents = postings.starts(), postings.sizes, postings.holders
    key_bits, size_bits = max(1, len(sizes).bit_length()), max_df.bit_length()
    shift = key_bits + size_bits
    if rarest <= 0 or shift + max(1, documents_total.bit_length()) > 62:
        return None

    def rarity(begin: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows' rarity codes ((document, holders, key pair) in one number) and holders."""
        key = np.searchsorted(starts, np.arange(begin, end), side="right") - 1
        size = sizes[key]
        return documents[begin:end].astype(np.int64) << shift | size << key_bits | key, size

    # each document's threshold: the rarity of its rarest-th eligible row (codes sorted in place)
    codes = np.empty(int(sizes[(sizes >= 2) & (sizes <= max_df)].sum()), np.int64)
    filled = 0
    for begin in range(0, len(documents), at_once):
        code, size = rarity(begin, min(len(documents), begin + at_once))
        code = code[(size >= 2) & (size <= max_df)]
        codes[filled:filled + len(code)] = code
        filled += len(code)
    codes.sort()
    first = np.searchsorted(codes, np.arange(documents_total, dtype=np.int64) << shift)
    last = np.append(first[1:], len(codes))
    threshold = np.full(documents_total, np.iinfo(np.int64).max, np.int64)
    enough = last - first >= rarest
    threshold[enough] = codes[first[enough] + rarest - 1]
    del codes, first, last, enough
    rare = np.empty(len(documents), bool)
    for begin in range(0, len(documents), at_once):
        end = min(len(documents), begin + at_once)
        code, size = rarity(begin, end)
        ranked = code <= threshold[documents[begin:end]]
        rare[begin:end] = (size >= 2) & (size <= max_df) & ((size <= FEW_HOLDERS) | ranked)
    return rare


class SpreadRows(NamedTuple):
    """The postings rows of widely held key pairs that pair documents (:func:`spread_rows`)."""

    holders: np.ndarray
    """Each row's document, the rows of a key pair in date order (32-bit)."""
    chosen: np.ndarray
    """The rows whose document pairs on the key pair (among its ``rare_keys`` rarest)."""
    start: np.ndarray
    """For each chosen row, the first row of its key pair."""
    day_begins: np.ndarray | None
    """For each chosen row, the first row of its key pair dated no earlier than it (None: no dates)."""
    total: int


def spread_pairs(postings: Postings, order: np.ndarray, max_df: int, rare_keys: int,
                 day_starts: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Document pairs (codes as above, once per key pair) from key pairs held by more than
    ``max_df`` documents: each document takes its ``rare_keys`` rarest and, for each, pairs with
    the ``REACH`` holders before it, the ``FIRST_HOLDERS`` first and the ``EARLIER_DAYS`` last
    ones dated before it (``order``: each document's rank by date; ``day_starts``: the rank where
    its date begins, its own rank when it has none; without them, no pairs of this last kind)."""
    rows = spread_rows(postings, order, max_df, rare_keys, day_starts)
    if rows is not None:
        yield from _spread_codes(rows)


def spread_rows(postings: Postings, order: np.ndarray, max_df: int, rare_keys: int,
                day_starts: np.ndarray | None = None) -> SpreadRows | None:
    """The rows :func:`spread_pairs` pairs on (None: none). At 100,000 documents such key pairs
    have tens of millions of holders: they are ordered by sorting compound codes in place (no
    index arrays), a few million rows at a time where a step needs a temporary, and the holders
    are 32-bit."""
    total = len(order)
    sizes, documents = postings.sizes, postings.holders
    wide = sizes > max_df
    if rare_keys <= 0 or not wide.any():
        return None
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
    day_begins = None
    if day_starts is not None and EARLIER_DAYS > 0:
        day_begins = np.empty(len(chosen), np.int64)
        for at in range(0, len(chosen), CODES_AT_ONCE):  # the search's temporaries, a few million rows at a time
            span = slice(at, at + CODES_AT_ONCE)
            day_begins[span] = _first_of_day(holders, chosen[span], start[span], order, day_starts)
    return SpreadRows(holders, chosen, start, day_begins, total)


def _spread_codes(spread: SpreadRows) -> Iterator[np.ndarray]:
    """The pair codes of :func:`spread_pairs` from its rows."""
    holders, chosen, start, total = spread.holders, spread.chosen, spread.start, spread.total
    for step in range(1, REACH + 1):
        partner = chosen - step
        valid = partner >= start
        yield _pair_codes(holders[chosen[valid]], holders[partner[valid]], total)
    for rank_among_first in range(FIRST_HOLDERS):  # those not already just before
        partner = start + rank_among_first
        valid = partner < chosen - REACH
        yield _pair_codes(holders[chosen[valid]], holders[partner[valid]], total)
    if spread.day_begins is None:
        return
    for step in range(1, EARLIER_DAYS + 1):  # those neither just before nor among the first
        partner = spread.day_begins - step
        valid = (partner >= start + FIRST_HOLDERS) & (partner < chosen - REACH)
        yield _pair_codes(holders[chosen[valid]], holders[partner[valid]], total)


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


def shared_counts(postings: Postings, order: np.ndarray, max_df: int, rare_keys: int,
                  at_once: int = CODES_AT_ONCE,
                  day_starts: np.ndarray | None = None, rarest: int = RAREST_KEYS,
                  min_shared: int = 1, block_codes: int = BLOCK_CODES) -> tuple[np.ndarray, np.ndarray]:
    """Every document pair (``a * documents_total + b``, a < b) that at least ``min_shared`` key
    pairs pair, sorted, and how many: those held by 2 to ``max_df`` documents that are among the
    ``rarest`` of either document (:func:`rare_rows`; 0: all of them), and the more widely held
    ones :func:`spread_pairs` picks.

    A pair of documents sharing a long passage is coded once per key pair they share, hundreds
    of times, and at 100,000 documents of 3 KB the codes number 127 million, for 90 million
    distinct pairs of which one in eighty is shared by four key pairs. So beyond ``block_codes``
    the codes are made once and spilled to a temporary file (:class:`CodeSpill`, 8 bytes a code
    twice over on disk), then counted a block of first documents at a time, each block's codes
    sorted and filtered before the next: the memory stays that of one block, not of every pair."""
    total = len(order)
    rare = rare_rows(postings, total, max_df, rarest, at_once)
    spread = spread_rows(postings, order, max_df, rare_keys, day_starts)

    def every_code() -> Iterator[np.ndarray]:
        yield from _capped_pairs(postings, total, max_df, at_once, rare)
        if spread is not None:
            yield from _spread_codes(spread)

    per_document = np.zeros(max(total, 1), np.int64)  # codes by first document
    with CodeSpill(block_codes) as spill:
        for codes in every_code():
            per_document += np.bincount(codes // max(total, 1), minlength=max(total, 1))
            spill.add(codes)
        if not spill.spilled:
            return _counted(spill.held, min_shared)
        found = [_counted([codes], min_shared)
                 for codes in spill.blocks(list(_blocks(per_document, block_codes, total)), at_once)]
    return np.concatenate([c for c, _ in found]), np.concatenate([n for _, n in found])


class CodeSpill:
    """Document-pair codes held in memory up to ``limit`` of them; beyond, written to a temporary
    file, and read back one range of codes at a time (:meth:`blocks`). Each code is made once: made
    again for each block, as before, the counting grew with the square of the corpus (2 s at 10,000
    documents of 3 KB, 95 s at 100,000)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held: list[np.ndarray] = []
        self.made = 0
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._file: BinaryIO | None = None

    def __enter__(self) -> CodeSpill:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._file is not None:
            self._file.close()
        if self._folder is not None:
            self._folder.cleanup()

    @property
    def spilled(self) -> bool:
        """Whether the codes went to the file (more than ``limit``)."""
        return self._folder is not None

    def add(self, codes: np.ndarray) -> None:
        """Hold ``codes`` (64-bit), or write them to the file once more than ``limit`` were made."""
        self.made += len(codes)
        if self._file is not None:
            codes.tofile(self._file)
            return
        self.held.append(codes)
        if self.made > self.limit:
            self._folder = tempfile.TemporaryDirectory(prefix="provenance-pairs-")
            self._file = (Path(self._folder.name) / "codes").open("wb")
            for part in self.held:
                part.tofile(self._file)
            self.held.clear()

    def blocks(self, ranges: list[tuple[int, int]], at_once: int = CODES_AT_ONCE) -> Iterator[np.ndarray]:
        """The codes in each of ``ranges`` (consecutive ``[low, high)`` ranges covering every
        code), one range after another: the file is read ``at_once`` codes at a time, each part
        sorted by range and appended to that range's own file, which is read whole in its turn."""
        assert self._folder is not None and self._file is not None, "nothing was spilled"
        self._file.close()
        folder = Path(self._folder.name)
        highs = np.array([high for _, high in ranges], np.int64)
        outputs = [(folder / f"block-{n}").open("wb") for n in range(len(ranges))]
        try:
            with (folder / "codes").open("rb") as source:
                while len(part := np.fromfile(source, np.int64, count=at_once)):
                    which = np.searchsorted(highs, part, side="right")
                    order = np.argsort(which, kind="stable")
                    bounds = np.searchsorted(which[order], np.arange(len(ranges) + 1))
                    part = part[order]
                    for n in np.flatnonzero(np.diff(bounds)).tolist():
                        part[bounds[n]:bounds[n + 1]].tofile(outputs[n])
        finally:
            for output in outputs:
                output.close()
        (folder / "codes").unlink()
        for n in range(len(ranges)):
            path = folder / f"block-{n}"
            codes = np.fromfile(path, np.int64)
            path.unlink()
            yield codes


def _blocks(per_document: np.ndarray, block_codes: int, total: int) -> Iterator[tuple[int, int]]:
    """The code ranges of consecutive first documents holding about ``block_codes`` codes each
    (a document with more is a block of its own)."""
    ends = np.cumsum(per_document)
    low = 0
    while low < total:
        below = int(np.searchsorted(ends, (ends[low - 1] if low else 0) + block_codes, side="right"))
        high = min(total, max(low + 1, below))
        yield low * total, high * total
        low = high


def _counted(parts: list[np.ndarray], min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes of ``parts`` held at least ``min_shared`` times, sorted, and how often."""
    codes = np.concatenate(parts or [np.empty(0, np.int64)])
    parts.clear()
    codes.sort()
    starts, sizes = sorted_runs(codes)
    kept = sizes >= min_shared
    return codes[starts[kept]], sizes[kept]


def sorted_runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values of the sorted ``values`` starts, and its length (what
    ``np.unique`` tells of them, without sorting a copy)."""
    if not len(values):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    return starts, np.diff(np.append(starts, len(values)))
