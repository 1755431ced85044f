"""Any local transformers encoder (LaBSE, multilingual-e5, a BERT-like model) with the right pooling.

The folder is read with ``local_files_only``: nothing is ever downloaded. Pooling follows the
folder: sentence-transformers' ``1_Pooling/config.json`` when it is there (mean or CLS), mean
pooling with the ``query: `` prefix for an e5 model, else mean pooling. torch is imported only
here, when a folder is loaded, so that a plain install runs without it.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .registry import EncoderError
from .use import normalized

BATCH = 32
MAX_TOKENS = 256


class TransformersEncoder:
    """A transformers encoder from a local folder."""

    languages: frozenset[str] | None = None

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pooling = pooling_of(folder)
        self.prefix = "query: " if "e5" in folder.name.lower() else ""
        config = folder / "config.json"
        digest = hashlib.sha256(config.read_bytes() if config.is_file() else b"").hexdigest()[:12]
        self.name = f"hf:{folder.name}:{digest}"
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        try:
            import torch  # noqa: F401  (the error below names the extra that brings it)
            from transformers import AutoModel, AutoTokenizer
        except ImportError as error:
            message = f"a local transformers encoder needs torch: pip install 'provenance[neural]' ({error})"
            raise EncoderError(message) from error
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(self.folder, local_files_only=True)
            self._model = AutoModel.from_pretrained(self.folder, local_files_only=True).eval()
        except (OSError, ValueError) as error:
            raise EncoderError(f"cannot load the encoder in {self.folder}: {error}") from error

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalized pooled vectors of ``texts``, in batches, without gradients."""
        import torch

        if self._model is None:
            self._load()
        rows = []
        with torch.inference_mode():
            for start in range(0, len(texts), BATCH):
                batch = [self.prefix + text for text in texts[start:start + BATCH]]
                tokens = self._tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS,
                                         return_tensors="pt")
                hidden = self._model(**tokens).last_hidden_state
                if self.pooling == "cls":
                    pooled = hidden[:, 0]
                else:
                    mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                rows.append(pooled.float().numpy())
        width = int(self._model.config.hidden_size)
        return normalized(np.vstack(rows)) if rows else np.zeros((0, width), dtype=np.float32)


def pooling_of(folder: Path) -> str:
    """``cls`` or ``mean``: sentence-transformers' pooling config when the folder has one."""
    config = folder / "1_Pooling" / "config.json"
    if config.is_file():
        settings = json.loads(config.read_text(encoding="utf-8"))
        if settings.get("pooling_mode_cls_token"):
            return "cls"
    return "mean"
