"""The rows of the report's sections, prepared for the templates: evidence, sources, quotes,
conflicts, names, reuse clusters, and one view per document with its highlighted text."""
from __future__ import annotations

import heapq
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .diff import context, passage, word_diff
from .records import Records, light_records
from .summary import CITATION, plain_verdict

UNDATED = "~"  # sorts after every date
MAX_LINKS = 400  # document-to-document edges drawn and shown with their evidence (the strongest)
MAX_CITATIONS = 400  # citation edges drawn (the strongest)
MAX_PAIRS = 5  # aligned passages shown for one edge


@dataclass(frozen=True)
class Piece:
    """A run of a document's text and what covers it: an artifact (its number in the
    document's list, from 1), a name written differently from its entity, an evidence anchor."""

    text: str
    artifact: int | None
    kind: str | None
    mention: dict[str, Any] | None
    anchor: int | None = None
    opens: bool = False  # the first piece of its artifact (where the artifact's table row links to)


def _place(doc_index: dict[str, int], doc: str, start: int | None) -> str:
    """The link to a place in a document's text (its section when the place is unknown)."""
    return f"#d{doc_index[doc]}-{start}" if start is not None else f"#doc-{doc_index[doc]}"


def shown_edges(report: dict[str, Any]) -> set[int]:
    """The numbers (from 1, in report.json's order) of the edges a reader is shown: each
    document's most likely source in the corpus first, then the strongest links, MAX_LINKS in
    all, and the MAX_CITATIONS strongest citations. A small corpus shows every edge."""
    docs = {d["id"] for d in report["documents"]}
    best = {(c["id"], d["id"]) for d in report["documents"] for c in (d.get("derived_from") or [])[:1]}
    links: list[tuple[bool, float, int]] = []
    citations: list[tuple[float, int]] = []
    for n, e in enumerate(light_records(report, "edges"), 1):
        if e["kind"] == CITATION:
            citations.append((-e["score"], n))
        elif e["from"] in docs and e["to"] in docs:
            links.append(((e["from"], e["to"]) not in best, -e["score"], n))
    shown = {n for *_, n in heapq.nsmallest(MAX_LINKS, links)}
    return shown | {n for _, n in heapq.nsmallest(MAX_CITATIONS, citations)}


def numbered_edges(report: dict[str, Any], shown: set[int] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(number, edge) of the edges ``shown`` (numbers from 1, in report.json's order), else of all:
    the shown ones read one by one, not every edge's evidence."""
    edges = report.get("edges", [])
    if shown is None:
        return enumerate(edges, 1)
    return ((n, edges[n - 1]) for n in sorted(shown) if 0 < n <= len(edges))


def anchors(report: dict[str, Any], shown: set[int] | None = None) -> dict[str, set[int]]:
    """Every offset a link points to, by document: the starts of the evidence (of the edges
    ``shown``, else all), of the quotes and of the conflicts."""
    found: dict[str, set[int]] = {d["id"]: set() for d in report["documents"]}
    for _, edge in numbered_edges(report, shown):
        for ev in edge.get("evidence", [])[:MAX_PAIRS]:
            for node, start in ((edge["from"], ev.get("from_start")), (edge["to"], ev.get("to_start"))):
                if node in found and start is not None:
                    found[node].add(start)
    for conflict in report.get("conflicts", []):
        for item in conflict["items"]:
            if item["doc"] in found and item.get("start") is not None:
                found[item["doc"]].add(item["start"])
    for quote in report.get("quotes", []):
        if quote["doc"] in found:
            found[quote["doc"]].add(quote["start"])
    return found


def highlight(text: str, artifacts: list[dict[str, Any]], mentions: Iterable[dict[str, Any]],
              marks: set[int] | frozenset[int] = frozenset()) -> list[Piece]:
    """Cut ``text`` at every span boundary and anchor so each piece knows what covers it.
    Only the mentions written differently from their entity are kept: the others are noise."""
    variants = [m for m in mentions if m.get("entity") and m["surface"] != m["entity"]]
    cuts = {0, len(text), *marks}
    for span in [*artifacts, *variants]:
        cuts.update((span["start"], span["end"]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    starts = sorted(m["start"] for m in variants)
    by_start = sorted(variants, key=lambda m: m["start"])
    pieces = []
    opened: set[int] = set()
    sweep = _Sweep(artifacts)
    for start, end in pairwise(bounds):  # pieces are cut at every boundary: a span holds a piece or misses it
        covering = sweep.covering(start)
        number = min(covering) + 1 if covering else None
        index = bisect_right(starts, start) - 1
        mention = by_start[index] if index >= 0 and by_start[index]["end"] >= end else None
        opens = number is not None and number not in opened
        if number is not None:
            opened.add(number)
        pieces.append(Piece(text[start:end], number, artifacts[number - 1]["kind"] if number else None, mention,
                            start if start in marks else None, opens))
    return pieces


class _Sweep:
    """Which spans hold each of a rising sequence of offsets, in linear time overall (a text of
    one long line has thousands of spans: looking through all of them for each piece was quadratic)."""

    def __init__(self, spans: list[dict[str, Any]]) -> None:
        self.spans = spans
        self.by_start = sorted(range(len(spans)), key=lambda i: spans[i]["start"])
        self.entered = 0
        self.ending: list[tuple[int, int]] = []
        self.active: set[int] = set()

    def covering(self, offset: int) -> set[int]:
        """The indices of the spans with start <= ``offset`` < end."""
        while self.entered < len(self.by_start) and self.spans[self.by_start[self.entered]]["start"] <= offset:
            index = self.by_start[self.entered]
            self.entered += 1
            heapq.heappush(self.ending, (self.spans[index]["end"], index))
            self.active.add(index)
        while self.ending and self.ending[0][0] <= offset:
            self.active.discard(heapq.heappop(self.ending)[1])
        return self.active


def evidence_rows(report: dict[str, Any], texts: Mapping[str, str], labels: dict[str, str],
                  shown: set[int] | None = None) -> list[dict[str, Any]]:
    """Document-to-document edges (those ``shown``, else all) with each aligned pair of passages
    (MAX_PAIRS at most) as a word diff, and links to both places."""
    doc_index = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
    rows = []
    for number, edge in numbered_edges(report, shown):
        if edge["kind"] == CITATION or edge["from"] not in texts or edge["to"] not in texts:
            continue
        pairs = []
        for ev in edge.get("evidence", [])[:MAX_PAIRS]:
            left = passage(texts[edge["from"]], ev.get("from_start"), ev.get("from_end"))
            right = passage(texts[edge["to"]], ev.get("to_start"), ev.get("to_end"))
            left_pieces, right_pieces, shared = word_diff(left, right)
            pairs.append({"left": left, "right": right, "left_pieces": left_pieces, "right_pieces": right_pieces,
                          "shared": shared, "similarity": ev.get("similarity"),
                          "left_href": _place(doc_index, edge["from"], ev.get("from_start")),
                          "right_href": _place(doc_index, edge["to"], ev.get("to_start")),
                          "left_context": context(texts[edge["from"]], ev.get("from_start"), ev.get("from_end")),
                          "right_context": context(texts[edge["to"]], ev.get("to_start"), ev.get("to_end"))})
        rows.append({**edge, "number": number, "pairs": pairs, "more": len(edge.get("evidence", [])) - len(pairs),
                     "from_label": labels[edge["from"]],
                     "to_label": labels[edge["to"]], "from_href": f"#doc-{doc_index[edge['from']]}",
                     "to_href": f"#doc-{doc_index[edge['to']]}"})
    return rows


def citation_rows(report: dict[str, Any], texts: Mapping[str, str], shown: set[int] | None = None
                  ) -> list[dict[str, Any]]:
    """Citation edges (those ``shown``, else all) with the citing words."""
    names = {s["id"]: s for s in report.get("sources", [])}
    rows = []
    for number, edge in numbered_edges(report, shown):
        if edge["kind"] != CITATION or edge["from"] not in names:
            continue
        text = texts.get(edge["to"], "")
        cues = [passage(text, ev.get("to_start"), ev.get("to_end")) for ev in edge.get("evidence", [])]
        rows.append({"number": number, "source": names[edge["from"]], "doc": edge["to"],
                     "note": edge.get("note") or "", "cues": [c for c in cues if c],
                     "starts": [ev.get("to_start") for ev in edge.get("evidence", [])]})
    return rows


def source_rows(report: dict[str, Any], texts: Mapping[str, str], labels: dict[str, str],
                shown: set[int] | None = None) -> list[dict[str, Any]]:
    """Each outside source with the documents that cite it, each citation linked to its place."""
    doc_index = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
    by_source: dict[str, list[dict[str, Any]]] = {s["id"]: [] for s in report.get("sources", [])}
    for row in citation_rows(report, texts, shown):
        first = next((s for s in row["starts"] if s is not None), None)
        by_source[row["source"]["id"]].append({**row, "label": labels.get(row["doc"], row["doc"]),
                                               "href": _place(doc_index, row["doc"], first)
                                               if row["doc"] in doc_index else "#"})
    return [{**s, "number": i, "citations": by_source[s["id"]]} for i, s in enumerate(report.get("sources", []), 1)]


def quote_groups(report: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Quotes by speaker (most quoted first), each quote with the documents that carry it."""
    doc_index = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
    speakers: dict[str, dict[str, dict[str, Any]]] = {}
    for quote in report.get("quotes", []):
        if quote["doc"] not in doc_index:
            continue
        said = speakers.setdefault(quote.get("speaker") or "", {})
        key = " ".join(quote["text"].casefold().split())
        entry = said.setdefault(key, {"text": quote["text"], "carriers": []})
        entry["carriers"].append({"label": labels[quote["doc"]],
                                  "href": _place(doc_index, quote["doc"], quote["start"])})
    groups = [{"speaker": speaker or "no speaker found", "quotes": list(quotes.values()),
               "count": sum(len(q["carriers"]) for q in quotes.values())} for speaker, quotes in speakers.items()]
    return sorted(groups, key=lambda g: (g["speaker"] == "no speaker found", -g["count"], g["speaker"]))


def conflict_rows(report: dict[str, Any], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each conflict with every side's passage in context and a link to its place."""
    doc_index = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
    rows = []
    for conflict in report.get("conflicts", []):
        items = []
        for item in conflict["items"]:
            text = texts.get(item["doc"], "")
            items.append({**item, "passage": passage(text, item.get("start"), item.get("end")),
                          "context": context(text, item.get("start"), item.get("end")),
                          "href": _place(doc_index, item["doc"], item.get("start"))
                          if item["doc"] in doc_index else "#"})
        rows.append({**conflict, "sides": items})
    return rows


def name_rows(report: dict[str, Any]) -> dict[str, Any]:
    """Entities written in several ways first (spellings marked against the canonical form),
    then the others; the entities the glossary does not know as a separate list."""
    entities = report.get("entities", [])
    varied = sorted((e for e in entities if len(e.get("variants", {})) > 1),
                    key=lambda e: (-len(e["variants"]), e["entity"]))
    rows = [{"entity": e["entity"], "type": e["type"], "in_glossary": e["in_glossary"], "docs": len(e.get("docs", [])),
             "spellings": [{"text": v, "count": n, "canonical": v == e["entity"]}
                           for v, n in sorted(e["variants"].items(), key=lambda kv: (-kv[1], kv[0]))]}
            for e in varied]
    proposed = [e for e in entities if not e["in_glossary"]]
    return {"varied": rows, "proposed": proposed, "others": len(entities) - len(rows)}


def cluster_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Reuse clusters (when the report has them), each family's witnesses by date, the likely
    origin marked (the cluster's own ``origin``, else the earliest dated witness)."""
    rows = []
    for cluster in report.get("clusters", []):
        witnesses = sorted(cluster.get("witnesses", []), key=lambda w: (w.get("date") or UNDATED, w["doc"], w["start"]))
        origin = cluster.get("origin") or next((w["doc"] for w in witnesses if w.get("date")), None)
        rows.append({**cluster, "witnesses": [{**w, "origin": w["doc"] == origin} for w in witnesses]})
    return rows


def _relations(doc: dict[str, Any], labels: dict[str, str], hrefs: dict[str, str],
               passages: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """A document's sources (``derived_from``), what derives from it, what shares passages with
    it (among the ``passages`` that involve it), and its quotes."""
    sources = [{**claim, "label": labels.get(claim["id"], claim["id"]), "href": hrefs.get(claim["id"], "#")}
               for claim in doc.get("derived_from") or []]
    derives = [{"label": labels[p["to"]], "href": f"#edge-{p['number']}", "kind": p["kind"], "score": p["score"]}
               for p in passages if p["from"] == doc["id"] and p["directed"]]
    shares = [{"label": labels[p["to"] if p["from"] == doc["id"] else p["from"]], "href": f"#edge-{p['number']}",
               "kind": p["kind"], "score": p["score"]} for p in passages if not p["directed"]]
    return {"sources": sources, "derives": derives, "shares": shares, "quotes": quotes}


def document_views(report: dict[str, Any], texts: Mapping[str, str], labels: dict[str, str],
                   passages: list[dict[str, Any]], shown: set[int] | None = None) -> list[dict[str, Any]]:
    """One view per document: its verdict in plain words, its relations, its highlighted text."""
    ids = [d["id"] for d in report["documents"]]
    every_mention: Sequence[dict[str, Any]] = report.get("mentions", [])
    mentions: dict[str, array[int]] = {i: array("q") for i in ids}  # where each document's mentions are
    for at, m in enumerate(every_mention):
        if m["doc"] in mentions:
            mentions[m["doc"]].append(at)
    hrefs = {i: f"#doc-{n}" for n, i in enumerate(ids, 1)}
    hrefs.update({s["id"]: f"#source-{n}" for n, s in enumerate(report.get("sources", []), 1)})
    linked: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in passages:
        linked[row["from"]].append(row)
        if row["to"] != row["from"]:
            linked[row["to"]].append(row)
    quotes: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for quote in report.get("quotes", []):
        if quote["doc"] in quotes:
            quotes[quote["doc"]].append(quote)
    marks = anchors(report, shown)
    views = []
    for number, doc in enumerate(report["documents"], 1):
        views.append({**doc, "number": number, "label": labels[doc["id"]], "verdict_words": plain_verdict(doc),
                      "relations": _relations(doc, labels, hrefs, linked[doc["id"]], quotes[doc["id"]]),
                      "pieces": Highlighted(texts[doc["id"]], doc.get("artifacts", []),
                                            Records(mentions[doc["id"]], every_mention.__getitem__), marks[doc["id"]])})
    return views


@dataclass(frozen=True)
class Highlighted:
    """A document's text in :func:`highlight` pieces, cut each time it is read: the page reads it
    once, and 100,000 documents' pieces held at once would take most of a gigabyte. Its mentions
    are read from the report's when it is cut (their records, made as they are read, held for
    every document took another 0.8 GB at 100,000 documents)."""

    text: str
    artifacts: list[dict[str, Any]]
    mentions: Iterable[dict[str, Any]]
    marks: set[int]

    def __iter__(self) -> Iterator[Piece]:
        return iter(highlight(self.text, self.artifacts, self.mentions, self.marks))
