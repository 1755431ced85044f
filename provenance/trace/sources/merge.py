"""One source per id across documents, and citations rewritten to carry it."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..model import Citation, Source


def merge_sources(citations: Iterable[Citation]) -> tuple[list[Source], list[Citation]]:
    """One :class:`Source` per id across documents (its most telling name), and the citations
    rewritten to carry it. Names with a @handle win, then the most frequent, then the longest."""
    citations = list(citations)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for c in citations:
        names[c.source.id][c.source.name] += 1
        kinds[c.source.id][c.source.kind] += 1
    merged = {}
    for source_id in sorted(names):
        name = sorted(names[source_id].items(), key=lambda kv: ("@" not in kv[0], -kv[1], -len(kv[0]), kv[0]))[0][0]
        kind = sorted(kinds[source_id].items(), key=lambda kv: (kv[0] == "other", -kv[1], kv[0]))[0][0]
        merged[source_id] = Source(source_id, name, kind)
    rewritten = [replace(c, source=merged[c.source.id]) for c in citations]
    return [merged[k] for k in sorted(merged)], rewritten
