"""The old home of the linker, now split into index, spans, link, coref and compare; kept
for ``provenance.normalize``, which imports these names from here."""
from __future__ import annotations

from .compare import all_match, any_match

__all__ = ["all_match", "any_match"]
