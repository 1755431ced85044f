"""Human-readable reports (Markdown and self-contained HTML) rendered with Jinja2.

Both are rendered from the report dictionary (the contract) plus the document texts, so
what people read and what tools read cannot drift apart.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

EXCERPT = 160
ROW_LIMIT = 50  # rows of a long table (the normalization's) shown before "… and N more"


@dataclass(frozen=True)
class Piece:
    """A run of a document's text and the artifact/mention spans covering it."""

    text: str
    artifacts: tuple[dict[str, Any], ...]
    mention: dict[str, Any] | None


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("provenance.report", "templates"),
        autoescape=select_autoescape(["html.j2"]) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda value: f"{100 * value:.0f}%"
    env.filters["cell"] = lambda value: str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")
    return env


def highlight(text: str, artifacts: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> list[Piece]:
    """Cut ``text`` at every span boundary so each piece knows which spans cover it."""
    cuts = {0, len(text)}
    for span in [*artifacts, *mentions]:
        cuts.update((span["start"], span["end"]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces = []
    artifact_sweep, mention_sweep = _Sweep(artifacts), _Sweep(mentions)
    for start, end in pairwise(bounds):  # a span covers a piece when it starts at or before it and ends after
        covering = tuple(artifacts[i] for i in artifact_sweep.covering(start))
        mention = next((mentions[i] for i in mention_sweep.covering(start)), None)
        pieces.append(Piece(text[start:end], covering, mention))
    return pieces


class _Sweep:
    """Which spans hold each of a rising sequence of offsets, in linear time overall."""

    def __init__(self, spans: list[dict[str, Any]]) -> None:
        self.spans = spans
        self.by_start = sorted(range(len(spans)), key=lambda i: spans[i]["start"])
        self.entered = 0
        self.ending: list[tuple[int, int]] = []
        self.active: set[int] = set()

    def covering(self, offset: int) -> list[int]:
        """The indices, in list order, of the spans with start <= ``offset`` < end."""
        while self.entered < len(self.by_start) and self.spans[self.by_start[self.entered]]["start"] <= offset:
            index = self.by_start[self.entered]
            self.entered += 1
            heapq.heappush(self.ending, (self.spans[index]["end"], index))
            self.active.add(index)
        while self.ending and self.ending[0][0] <= offset:
            self.active.discard(heapq.heappop(self.ending)[1])
        return sorted(self.active)


def excerpt(text: str, start: int | None, end: int | None) -> str:
    """The text of a span, shortened in the middle when long."""
    if start is None or end is None:
        return ""
    piece = " ".join(text[start:end].split())
    if len(piece) <= EXCERPT:
        return piece
    half = EXCERPT // 2 - 2
    return f"{piece[:half]} … {piece[-half:]}"


def variant_table(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each entity with its variants counted by document (and the document's outlet)."""
    outlets = {d["id"]: d.get("outlet") for d in report["documents"]}
    by_entity: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for m in report.get("mentions", []):
        if m.get("entity"):
            per_doc = by_entity[m["entity"]][m["doc"]]
            per_doc[m["surface"]] = per_doc.get(m["surface"], 0) + 1
    rows = []
    for entity in report.get("entities", []):
        docs = by_entity.get(entity["entity"], {})
        rows.append({
            **entity,
            "by_doc": [{"doc": d, "outlet": outlets.get(d), "variants": sorted(v.items())}
                       for d, v in sorted(docs.items())],
        })
    return rows


def aligned_passages(report: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """Document-to-document edges with their evidence as side-by-side excerpts."""
    rows = []
    for edge in report.get("edges", []):
        if edge["from"] not in texts or edge["to"] not in texts:
            continue
        pairs = [
            {"from": excerpt(texts[edge["from"]], ev.get("from_start"), ev.get("from_end")),
             "to": excerpt(texts[edge["to"]], ev.get("to_start"), ev.get("to_end")),
             "similarity": ev.get("similarity")}
            for ev in edge.get("evidence", [])
        ]
        rows.append({**edge, "pairs": pairs})
    return rows


def citation_rows(report: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """Citation edges with the citing words."""
    names = {s["id"]: s for s in report.get("sources", [])}
    rows = []
    for edge in report.get("edges", []):
        if edge["kind"] != "citation" or edge["from"] not in names:
            continue
        text = texts.get(edge["to"], "")
        cues = [excerpt(text, ev.get("to_start"), ev.get("to_end")) for ev in edge.get("evidence", [])]
        rows.append({"source": names[edge["from"]], "doc": edge["to"], "cues": [c for c in cues if c]})
    return rows


def graph_svg(report: dict[str, Any], size: int = 640, margin: int = 190) -> dict[str, Any]:
    """A deterministic circular layout of documents (inner ring) and sources (outer ring).

    Labels are anchored away from the centre, and ``margin`` leaves room for them on both sides.
    """
    docs = [d["id"] for d in report["documents"]]
    sources = [s["id"] for s in report.get("sources", [])]
    cx, cy = size / 2 + margin, size / 2
    pos: dict[str, tuple[float, float]] = {}
    for ring, ids, radius in ((0, docs, size * 0.22), (1, sources, size * 0.44)):
        for i, node in enumerate(ids):
            angle = 2 * math.pi * i / max(len(ids), 1) - math.pi / 2 + ring * 0.3
            pos[node] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
    edges = [
        {**e, "x1": pos[e["from"]][0], "y1": pos[e["from"]][1], "x2": pos[e["to"]][0], "y2": pos[e["to"]][1]}
        for e in report.get("edges", []) if e["from"] in pos and e["to"] in pos
    ]
    labels = {s["id"]: s["name"] for s in report.get("sources", [])}
    nodes = []
    for node in docs + sources:
        x, y = pos[node]
        left = x < cx - 1
        label = labels.get(node, node)
        nodes.append({"id": node, "label": label if len(label) <= 30 else label[:29] + "…", "x": x, "y": y,
                      "source": node in labels, "anchor": "end" if left else "start",
                      "lx": round(x - 11 if left else x + 11, 1), "ly": round(y + 4, 1)})
    return {"width": size + 2 * margin, "height": size, "nodes": nodes, "edges": edges}


def render_markdown(report: dict[str, Any], texts: dict[str, str]) -> str:
    """The report as Markdown."""
    return _environment(False).get_template("report.md.j2").render(
        report=report, variants=variant_table(report), passages=aligned_passages(report, texts),
        citations=citation_rows(report, texts), texts=texts, excerpt=excerpt, row_limit=ROW_LIMIT)


def render_html(report: dict[str, Any], texts: dict[str, str]) -> str:
    """The report as one self-contained HTML page (no external resources)."""
    by_doc_mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in report.get("mentions", []):
        by_doc_mentions[m["doc"]].append(m)
    pieces = {d["id"]: highlight(texts[d["id"]], d.get("artifacts", []), by_doc_mentions[d["id"]])
              for d in report["documents"]}
    return _environment(True).get_template("report.html.j2").render(
        report=report, pieces=pieces, variants=variant_table(report), passages=aligned_passages(report, texts),
        citations=citation_rows(report, texts), graph=graph_svg(report), texts=texts, excerpt=excerpt,
        row_limit=ROW_LIMIT)
