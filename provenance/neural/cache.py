"""Sentence vectors cached by content: a rerun, or ``report`` after ``trace``, does not embed again.

Each document's vectors are one ``.npy`` file named by the SHA-256 of the encoder's name and the
document's sentences. The folder is ``$PROVENANCE_CACHE``, else ``$XDG_CACHE_HOME/provenance/vectors``,
else ``~/.cache/provenance/vectors``; ``PROVENANCE_CACHE=off`` turns caching off. Files are written
atomically, and an unreadable or mismatched file is recomputed.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..atomic import write_bytes_atomic

ENV = "PROVENANCE_CACHE"


def cache_folder() -> Path | None:
    """Where vectors are cached, or None when caching is off."""
    configured = os.environ.get(ENV)
    if configured:
        return None if configured.lower() in {"off", "none", "0"} else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "provenance" / "vectors"


def content_key(encoder_name: str, sentences: Sequence[str]) -> str:
    """The cache key of a document's sentences under one encoder."""
    digest = hashlib.sha256(encoder_name.encode("utf-8"))
    for sentence in sentences:
        digest.update(b"\x00" + sentence.encode("utf-8"))
    return digest.hexdigest()


def cached_vectors(encoder_name: str, sentences: Sequence[str],
                   compute: Callable[[Sequence[str]], np.ndarray], folder: Path | None = None) -> np.ndarray:
    """The vectors of ``sentences``: from the cache when there, else computed and stored."""
    folder = folder if folder is not None else cache_folder()
    if folder is None:
        return compute(sentences)
    path = folder / f"{content_key(encoder_name, sentences)}.npy"
    try:
        vectors = np.load(path, allow_pickle=False)
        if vectors.ndim == 2 and vectors.shape[0] == len(sentences):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = compute(sentences)
    _store(path, vectors)
    return vectors


def _store(path: Path, vectors: np.ndarray) -> None:
    """Write ``vectors`` to ``path`` atomically; a cache that cannot be written is skipped."""
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    with contextlib.suppress(OSError):
        write_bytes_atomic(path, buffer.getvalue())
