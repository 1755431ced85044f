"""The token classifier that proposes names (``--ner PATH`` or ``$PROVENANCE_NER``): any local
transformers token-classification folder (a BERT-like NER model), read with ``local_files_only``.
Off by default. torch and transformers are imported only when the folder is loaded.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .lm import ModelError, offline, require_torch

ENV = "PROVENANCE_NER"
OFF = "none"
BATCH = 16
MAX_TOKENS = 256


@dataclass(frozen=True)
class EntitySpan:
    """A span the model tagged (offsets in the text it was given), its label and mean probability."""

    start: int
    end: int
    label: str
    score: float


def ner_spec(value: str | None = None) -> str:
    """The token-classifier spec in force: ``value``, else ``$PROVENANCE_NER``, else ``none``."""
    return (value or os.environ.get(ENV) or OFF).strip()


def describe_tagger() -> dict[str, Any]:
    """The name tagger as ``provenance models`` lists it."""
    spec = ner_spec()
    return {"role": "name tagger", "name": spec, "package": "transformers",
            "found": spec.lower() != OFF and Path(spec).expanduser().is_dir(), "size_mb": None, "languages": None,
            "enables": "person, organization and place names the rules missed (--ner; off by default)"}


def load_token_classifier(spec: str | None = None) -> TokenClassifier | None:
    """The token classifier for ``spec`` (None for ``none``), loaded once per process."""
    return _load(ner_spec(spec))


@lru_cache(maxsize=2)
def _load(spec: str) -> TokenClassifier | None:
    if spec.lower() == OFF:
        return None
    folder = Path(spec).expanduser()
    if not folder.is_dir():
        raise ModelError(f"unknown name tagger {spec!r}: give none or the folder of a local token-classification model")
    require_torch("the name tagger")
    offline()
    return TokenClassifier(folder)


class TokenClassifier:
    """A token-classification model from a local folder, with BIO labels merged into spans."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            from transformers import AutoModelForTokenClassification, AutoTokenizer

            self.tokenizer: Any = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            self.model: Any = AutoModelForTokenClassification.from_pretrained(folder, local_files_only=True).eval()
        except (OSError, ValueError) as error:
            raise ModelError(f"cannot load the name tagger in {folder}: {error}") from error
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelError(f"the name tagger in {folder} needs a fast tokenizer (tokenizer.json)")
        self.labels: dict[int, str] = {int(k): v for k, v in self.model.config.id2label.items()}

    def spans(self, texts: Sequence[str]) -> list[list[EntitySpan]]:
        """The entity spans of each text (a sentence, best), in text order."""
        import torch

        found: list[list[EntitySpan]] = []
        with torch.inference_mode():
            for begin in range(0, len(texts), BATCH):
                batch = list(texts[begin:begin + BATCH])
                tokens = self.tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS,
                                        return_offsets_mapping=True, return_tensors="pt")
                offsets = tokens.pop("offset_mapping").tolist()
                probabilities = torch.softmax(self.model(**tokens).logits.float(), dim=-1)
                best, labels = probabilities.max(dim=-1)
                for i in range(len(batch)):
                    tagged = [(s, e, self.labels[int(k)], float(p))
                              for (s, e), k, p in zip(offsets[i], labels[i].tolist(), best[i].tolist()) if e > s]
                    found.append(merge_bio(tagged))
        return found


def merge_bio(tagged: Sequence[tuple[int, int, str, float]]) -> list[EntitySpan]:
    """Consecutive tokens of one entity (``B-X`` then ``I-X``, or plain ``X``) as one span each."""
    spans: list[EntitySpan] = []
    start = end = -1
    label, scores = "", list[float]()

    def close() -> None:
        if label:
            spans.append(EntitySpan(start, end, label, sum(scores) / len(scores)))

    for token_start, token_end, tag, score in tagged:
        prefix, _, kind = tag.rpartition("-") if "-" in tag else ("", "", tag)
        if kind == "O" or tag == "O":
            close()
            label, scores = "", []
            continue
        if label == kind and prefix != "B":
            end = token_end
            scores.append(score)
            continue
        close()
        start, end, label, scores = token_start, token_end, kind, [score]
    close()
    return spans
