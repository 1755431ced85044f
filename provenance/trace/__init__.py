"""The trace stage: which document's wording derives from which source."""
from __future__ import annotations

from .model import Citation, Conflict, ConflictItem, Edge, Evidence, Quote, Source, TraceResult

__all__ = ["Citation", "Conflict", "ConflictItem", "Edge", "Evidence", "Quote", "Source", "TraceResult"]
