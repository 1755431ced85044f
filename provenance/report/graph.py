"""The provenance graph's layout for the HTML report: a layered drawing read top to bottom and
left to right.

Outside sources sit in the top band. Documents sit below it, in columns by date (earliest on
the left, undated ones last) and in layers by derivation: a document that derives from another
document of the corpus is drawn below it. Directed edges get an arrowhead. The layout only
depends on report.json, so the same report draws the same picture, byte for byte.
"""
from __future__ import annotations

import math
from typing import Any

from .records import light_records
from .sections import numbered_edges
from .summary import short_ids

MAX_COLUMNS = 12  # dates are grouped into at most this many columns
COLUMN = 150  # width of a column, px
ROW = 56  # height of a stacked row, px
TOP = 36  # room above the source band, px
BAND_GAP = 70  # room between the source band and the documents, and between layers, px
STAGGER = 22  # every other document of a cell sits this much lower, px
MIN_WIDTH = 1050  # the drawing's least width, px (it scrolls sideways in a narrow window)
SOURCES_PER_ROW = 7
BEND = 0.16  # a line between two documents bows sideways by this share of its length
LABEL_CHARS = 20  # a node's label is cut to this many characters (the full name is in its tooltip)
DOC_RADIUS = 8
SOURCE_SIZE = 11
UNDATED = "undated"
KIND_COLOURS = {"reuse": "#c0392b", "translation": "#8e44ad", "shared-source": "#2e6fb7", "citation": "#8a8a8a"}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _two_lines(label: str) -> tuple[str, str]:
    """A long name on two lines, cut at a space (the second line shortened when still too long)."""
    cut = label.rfind(" ", 0, LABEL_CHARS + 1)
    if len(label) <= LABEL_CHARS or cut <= 0:
        return _short(label), ""
    return label[:cut], _short(label[cut + 1:])


def _columns(docs: list[dict[str, Any]]) -> tuple[dict[str, int], list[str]]:
    """Each document's column (dates in order, grouped into MAX_COLUMNS at most, undated last),
    and each column's date caption."""
    dates = sorted({d["date"] for d in docs if d.get("date")})
    dated_columns = min(len(dates), MAX_COLUMNS - (1 if any(not d.get("date") for d in docs) else 0))
    rank = {date: i * dated_columns // len(dates) for i, date in enumerate(dates)}
    captions = [""] * dated_columns
    for date in dates:
        column = rank[date]
        captions[column] = date if not captions[column] else f"{captions[column].split(' – ')[0]} – {date}"
    column_of = {d["id"]: rank[d["date"]] if d.get("date") else dated_columns for d in docs}
    if any(not d.get("date") for d in docs):
        captions.append(UNDATED)
    return column_of, captions


def _layers(doc_ids: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    """Each document's depth along directed document-to-document edges (0: derives from no
    document of the corpus); cycles are cut by never going deeper than the number of documents."""
    known = set(doc_ids)
    parents: dict[str, list[str]] = {i: [] for i in doc_ids}
    for edge in edges:
        if edge["directed"] and edge["from"] in known and edge["to"] in known and edge["from"] != edge["to"]:
            parents[edge["to"]].append(edge["from"])
    depth = dict.fromkeys(doc_ids, 0)
    for _ in range(len(doc_ids)):
        changed = False
        for node in doc_ids:
            deepest = max((depth[p] + 1 for p in parents[node]), default=0)
            if deepest != depth[node] and deepest < len(doc_ids):
                depth[node], changed = deepest, True
        if not changed:
            break
    return depth


def _place_documents(docs: list[dict[str, Any]], edges: list[dict[str, Any]], top: float, width: float
                     ) -> tuple[dict[str, tuple[float, float]], list[str], float]:
    """Documents in cells of (layer, date column); a cell's documents side by side while they fit,
    every other one a little lower so that a line between two neighbours misses the third."""
    column_of, captions = _columns(docs)
    column_width = width / max(len(captions), 1)
    across = max(int(column_width // COLUMN), 1)
    depth = _layers([d["id"] for d in docs], edges)
    cells: dict[tuple[int, int], list[str]] = {}
    for doc in sorted(docs, key=lambda d: (d.get("date") or "~", d["id"])):
        cells.setdefault((depth[doc["id"]], column_of[doc["id"]]), []).append(doc["id"])
    rows_in_layer: dict[int, int] = {}
    for (layer, _), ids in cells.items():
        rows_in_layer[layer] = max(rows_in_layer.get(layer, 0), math.ceil(len(ids) / across))
    layer_top: dict[int, float] = {}
    y = top
    for layer in sorted(rows_in_layer):
        layer_top[layer] = y
        y += rows_in_layer[layer] * ROW + STAGGER + BAND_GAP
    pos: dict[str, tuple[float, float]] = {}
    for (layer, column), ids in sorted(cells.items()):
        in_row = min(len(ids), across)
        for slot, doc_id in enumerate(ids):
            row, sub = divmod(slot, across)
            x = column * column_width + (sub + 0.5) * column_width / in_row
            pos[doc_id] = (round(x, 1), round(layer_top[layer] + row * ROW + ROW / 2 + (sub % 2) * STAGGER, 1))
    return pos, captions, y - BAND_GAP


def _place_sources(sources: list[dict[str, Any]], edges: list[dict[str, Any]], doc_pos: dict[str, tuple[float, float]],
                   width: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Sources in the top band, in rows, each near the mean column of the documents it reaches."""
    reach: dict[str, list[float]] = {s["id"]: [] for s in sources}
    for edge in edges:
        if edge["from"] in reach and edge["to"] in doc_pos:
            reach[edge["from"]].append(doc_pos[edge["to"]][0])
    ideal = {s: sum(xs) / len(xs) if xs else width for s, xs in reach.items()}
    ordered = sorted(reach, key=lambda s: (ideal[s], s))
    per_row = max(min(int(width // COLUMN), SOURCES_PER_ROW), 1)
    pos = {}
    for i, source in enumerate(ordered):
        row, slot = divmod(i, per_row)
        in_row = min(per_row, len(ordered) - row * per_row)
        step = width / in_row
        pos[source] = (round(step * slot + step / 2, 1), TOP + row * ROW + ROW / 2)
    rows = math.ceil(len(ordered) / per_row) if ordered else 0
    return pos, TOP + rows * ROW


def _edge_path(start: tuple[float, float], end: tuple[float, float], bend: float, gap: float) -> str:
    """A curve from ``start`` to ``end`` bowed by ``bend`` times its length, stopping ``gap`` px
    short of the end node."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend *= length
    mx, my = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
    tx, ty = x2 - mx, y2 - my
    tail = math.hypot(tx, ty) or 1.0
    ex, ey = x2 - tx / tail * gap, y2 - ty / tail * gap
    return f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"


def _nodes(report: dict[str, Any], labels: dict[str, str], pos: dict[str, tuple[float, float]]
           ) -> list[dict[str, Any]]:
    """Documents (short id, outlet beneath) and sources (name), each linking to its section."""
    docs, sources = report["documents"], report.get("sources", [])
    short = short_ids([d["id"] for d in docs])
    nodes = [{"id": d["id"], "kind": "document", "href": f"#doc-{i}", "label": short[d["id"]],
              "sub": _short(d.get("outlet") or ""),
              "title": f"{labels[d['id']]} ({d['id']}, {d.get('date') or UNDATED}, {d['language']})",
              "x": pos[d["id"]][0], "y": pos[d["id"]][1]} for i, d in enumerate(docs, 1)]
    nodes += [{"id": s["id"], "kind": "source", "href": f"#source-{i}", "label": _two_lines(s["name"])[0],
               "sub": _two_lines(s["name"])[1],
               "title": f"{s['name']} ({s['kind']})", "x": pos[s["id"]][0], "y": pos[s["id"]][1]}
              for i, s in enumerate(sources, 1)]
    return nodes


def _bend(edge: dict[str, Any], twin: int, forward: bool) -> float:
    """How much a line bows: lines between one pair of nodes bow apart, on both sides; the
    first citation of a source is straight."""
    if edge["kind"] == "citation" and twin == 0:
        return 0.0
    side = (1 if forward else -1) * (1 if twin % 2 == 0 else -1)
    return side * (twin // 2 + 1) * (BEND if edge["kind"] != "citation" else 0.1)


def _edges(report: dict[str, Any], labels: dict[str, str], pos: dict[str, tuple[float, float]],
           sources: set[str], shown: set[int] | None) -> list[dict[str, Any]]:
    """The edges ``shown`` (else all) between two drawn nodes, numbered as in report.json (the
    anchor of their evidence)."""
    drawn = []
    seen: dict[tuple[str, ...], int] = {}
    for index, edge in numbered_edges(report, shown):
        if edge["from"] not in pos or edge["to"] not in pos:
            continue
        pair = tuple(sorted((edge["from"], edge["to"])))
        twin = seen[pair] = seen.get(pair, -1) + 1
        gap = (SOURCE_SIZE if edge["to"] in sources else DOC_RADIUS) + (4 if edge["directed"] else 0)
        arrow = "→" if edge["directed"] else "↔"
        drawn.append({"index": index, "kind": edge["kind"], "score": edge["score"], "directed": edge["directed"],
                      "colour": KIND_COLOURS.get(edge["kind"], "#555"), "width": round(1 + 3 * edge["score"], 2),
                      "path": _edge_path(pos[edge["from"]], pos[edge["to"]],
                                         _bend(edge, twin, pair == (edge["from"], edge["to"])), gap),
                      "title": f"{labels.get(edge['from'], edge['from'])} {arrow} "
                               f"{labels.get(edge['to'], edge['to'])}: {edge['kind']} {edge['score']:.2f}"})
    return drawn


def layout(report: dict[str, Any], labels: dict[str, str], shown: set[int] | None = None) -> dict[str, Any]:
    """Positions, paths and captions for the SVG graph (see the module's docstring), with the
    edges ``shown`` (else all)."""
    docs = report["documents"]
    sources = report.get("sources", [])
    edges = list(light_records(report, "edges"))  # read three times, without their evidence
    captions = _columns(docs)[1]
    width = max(MIN_WIDTH, len(captions) * COLUMN)
    probe, _, _ = _place_documents(docs, edges, 0.0, width)
    source_pos, source_bottom = _place_sources(sources, edges, probe, width)
    doc_top = source_bottom + (BAND_GAP if sources else 0)
    doc_pos, captions, bottom = _place_documents(docs, edges, doc_top, width)
    pos = {**doc_pos, **source_pos}
    step = width / max(len(captions), 1)
    axis = [{"x": round(i * step + step / 2, 1), "caption": c} for i, c in enumerate(captions)]
    return {"width": width, "height": round(bottom + 40, 1), "nodes": _nodes(report, labels, pos),
            "edges": _edges(report, labels, pos, set(source_pos), shown), "axis": axis, "doc_top": doc_top,
            "colours": KIND_COLOURS, "source_size": SOURCE_SIZE, "doc_radius": DOC_RADIUS}
