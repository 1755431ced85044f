"""The close spellings among a corpus's plain stems, found once for all its candidate pairs.

The alignment also matches two different words whose stems are close (rapidfuzz ratio at least
:attr:`~.align.AlignParams.fuzzy_cutoff`: spelling and transliteration variants no entity
resolved). Pair by pair, that compares every plain stem of one document with every plain stem of
the other, about 15,000 comparisons for two news articles of 3 KB, the same common words over and
over. Compared once among the corpus's plain stems (only lengths that can reach the cutoff), the
close spellings are a sparse table (13,073 stems of 2,000 generated articles have 6,678 close
pairs), and a pair's close stems a look-up in it. The table is built when it takes fewer
comparisons than the pairs would (:func:`close_stems_for`); both give the same matches.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from .candidates import CONTENT_WEIGHT, CandidatePair, CandidatePairs
from .packed import PackedCorpus
from .shared_pairs import CODES_AT_ONCE

if TYPE_CHECKING:
    from .chain import Steps  # numba: imported where the alignment runs, not with the package

CELLS_AT_ONCE = 4_000_000
"""Most comparisons rapidfuzz makes in one call while the table is built (16 MB of scores)."""
TABLE_ADVANTAGE = 2
"""How many times fewer comparisons the table must take than the pairs, counted in plain tokens
(which overstate the pairs' distinct stems), for it to be built: one process builds it, where
every worker compares pairs, so on two cores it is never slower."""


@dataclass(frozen=True)
class CloseStems:
    """For each plain stem of a corpus, the other plain stems close to it.

    Stems are numbered by ``rank``, their place in string order (the order a view lists its plain
    stems in): the stems close to rank ``r`` are the ranks ``close[first[r]:first[r + 1]]``
    (ascending) with their ratios ``similarity`` (0-100, as rapidfuzz gives them)."""

    rank: np.ndarray
    """For each vocabulary word, its rank among the plain stems, -1 if it is not one."""
    stems: np.ndarray
    """The vocabulary ids of the plain stems, by rank."""
    first: np.ndarray
    close: np.ndarray
    similarity: np.ndarray

    def matches(self, a_ids: np.ndarray, b_ids: np.ndarray, steps: Steps) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each stem of ``a_ids`` with each different stem of ``b_ids`` close to it, and their
        similarity (0-1), as three arrays sorted by the stem of ``a_ids`` (both given as vocabulary
        ids in string order, as :class:`~.align.AlignView` lists its plain stems; ``steps``: the
        alignment's, compiled or plain, :func:`~.chain.close_matches`)."""
        return steps.close_matches(self.rank[a_ids], self.rank[b_ids], self.first, self.close, self.similarity,
                                   self.stems)


def close_stems_for(corpus: PackedCorpus, pairs: Sequence[CandidatePair], fuzzy: tuple[np.ndarray, np.ndarray],
                    cutoff: float) -> CloseStems | None:
    """The table of close stems of ``corpus``, or None when comparing the stems of each of
    ``pairs`` takes fewer comparisons. ``fuzzy``: :func:`~.align.fuzzy_flags` of its vocabulary;
    ``cutoff``: the least ratio (0-1)."""
    stems, plain_per_doc = _plain_stems(corpus, fuzzy)
    if not len(stems) or not pairs or cutoff <= 0:
        return None
    words = [corpus.vocabulary[stem] for stem in stems.tolist()]
    order = sorted(range(len(words)), key=words.__getitem__)
    strings = [words[at] for at in order]
    lengths = np.fromiter(map(len, strings), np.int64, len(strings))
    ends = CandidatePairs.of(pairs).ends()
    pair_cells = int((plain_per_doc[ends[:, 0]] * plain_per_doc[ends[:, 1]]).sum())
    if _table_cells(lengths, cutoff) * TABLE_ADVANTAGE > pair_cells:
        return None
    return _table(strings, lengths, stems[order], len(corpus.vocabulary), cutoff)


def _plain_stems(corpus: PackedCorpus, fuzzy: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The stems of the corpus's plain content tokens (the ones compared fuzzily), and how many
    such tokens each document has (read a block of tokens at a time)."""
    plain_key, fuzzy_stem = fuzzy
    seen = np.zeros(len(corpus.vocabulary), bool)
    bounds = corpus.bounds
    plain_before = np.zeros(len(bounds), np.int64)
    running = 0
    for lo in range(0, len(corpus.keys), CODES_AT_ONCE):
        hi = min(lo + CODES_AT_ONCE, len(corpus.keys))
        keys, stems = corpus.keys[lo:hi], corpus.stems[lo:hi]
        plain = (corpus.weights[lo:hi] >= CONTENT_WEIGHT) & plain_key[keys] & fuzzy_stem[stems]
        seen[stems[plain]] = True
        before = np.concatenate(([0], np.cumsum(plain)))
        inside = (bounds > lo) & (bounds <= hi)
        plain_before[inside] = running + before[bounds[inside] - lo]
        running += int(before[-1])
    return np.flatnonzero(seen), np.diff(plain_before)


def _reach(length: int, cutoff: float) -> int:
    """The longest stem that can be close to one of ``length`` characters (a little over: the
    ratio is 1 - distance / (both lengths), and the distance is at least the lengths' difference)."""
    return int(length * (2 - cutoff) / cutoff) + 1


def _table_cells(lengths: np.ndarray, cutoff: float) -> int:
    """How many comparisons the table takes: each stem with the stems as long or longer within reach."""
    counts = np.bincount(lengths)
    at_least = np.cumsum(counts[::-1])[::-1]  # stems of each length or longer
    cells = 0
    for length in np.flatnonzero(counts).tolist():
        reach = min(_reach(length, cutoff), len(counts) - 1)
        cells += int(counts[length]) * int(at_least[length] - (at_least[reach + 1] if reach + 1 < len(counts) else 0))
    return cells


def _table(strings: list[str], lengths: np.ndarray, ids: np.ndarray, words: int, cutoff: float) -> CloseStems:
    """Compare each stem with the stems as long or longer within reach (rows of one length at a
    time, a few million comparisons a call), the longer side's rows mirrored from the shorter's."""
    by_length = {length: np.flatnonzero(lengths == length) for length in np.unique(lengths).tolist()}
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    ratios: list[np.ndarray] = []
    for length, same in by_length.items():
        reach = _reach(length, cutoff)
        within = np.concatenate([ranks for other, ranks in by_length.items() if length <= other <= reach])
        within_strings = [strings[rank] for rank in within.tolist()]
        step = max(1, CELLS_AT_ONCE // len(within))
        for at in range(0, len(same), step):
            ranks = same[at:at + step]
            scores = process.cdist([strings[rank] for rank in ranks.tolist()], within_strings, scorer=fuzz.ratio,
                                   score_cutoff=cutoff * 100)
            found_row, found_column = np.divmod(np.flatnonzero(scores != 0), scores.shape[1])
            row, column = ranks[found_row], within[found_column]
            other = row != column
            row, column, ratio = row[other], column[other], scores[found_row[other], found_column[other]]
            longer = lengths[column] > length
            rows += [row, column[longer]]
            columns += [column, row[longer]]
            ratios += [ratio, ratio[longer]]
    row, column, ratio = (np.concatenate(parts) for parts in (rows, columns, ratios))
    order = np.lexsort((column, row))
    rank = np.full(words, -1, np.int64)
    rank[ids] = np.arange(len(ids))
    first = np.concatenate(([0], np.cumsum(np.bincount(row, minlength=len(ids)))))
    return CloseStems(rank, ids, first, column[order], ratio[order])
