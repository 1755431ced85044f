"""The prepared corpus packed into flat arrays, as the alignment workers hold it.

Every worker aligns pairs from anywhere in the corpus, so each holds all of it. As objects (a
:class:`KeyToken` per word) that is about 35 KB per small document, 6.5 GB per worker at
100,000 files; packed, a token is five array cells (24 bytes) and its key and stem are indexes
into one vocabulary. A document is unpacked into the same :class:`PreparedDoc` when a pair needs
it, so alignments are unchanged.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .candidates import KeyToken, PreparedDoc


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
    def of(cls, prepared: Sequence[PreparedDoc]) -> PackedCorpus:
        """Pack ``prepared`` (its order kept)."""
        index: dict[str, int] = {}
        tokens = [token for doc in prepared for token in doc.tokens]
        bounds = np.zeros(len(prepared) + 1, dtype=np.int64)
        np.cumsum([len(doc.tokens) for doc in prepared], out=bounds[1:])
        return cls(
            docs=tuple(PreparedDoc(d.id, d.text, (), d.date, d.language, d.outlet, d.part_of) for d in prepared),
            bounds=bounds,
            starts=np.array([t.start for t in tokens], dtype=np.int64),
            ends=np.array([t.end for t in tokens], dtype=np.int64),
            keys=np.array([index.setdefault(t.key, len(index)) for t in tokens], dtype=np.int32),
            stems=np.array([index.setdefault(t.stem, len(index)) for t in tokens], dtype=np.int32),
            weights=np.array([t.weight for t in tokens], dtype=np.float64),
            vocabulary=tuple(index),
        )

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, i: int) -> PreparedDoc:
        """Document ``i`` with its tokens, as it was prepared."""
        lo, hi = int(self.bounds[i]), int(self.bounds[i + 1])
        words = self.vocabulary
        keys = [words[k] for k in self.keys[lo:hi].tolist()]
        stems = [words[k] for k in self.stems[lo:hi].tolist()]
        tokens = tuple(map(KeyToken, self.starts[lo:hi].tolist(), self.ends[lo:hi].tolist(), keys, stems,
                           self.weights[lo:hi].tolist()))
        doc = self.docs[i]
        return PreparedDoc(doc.id, doc.text, tokens, doc.date, doc.language, doc.outlet, doc.part_of)
