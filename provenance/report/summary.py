"""The answer first: what a reader wants from a report, computed once from report.json for the
HTML page, the Markdown file and the terminal alike.

Translations and from what, each derived text's most likely source, the strongest links between
texts, the conflicts, and the names spelt in the most ways.
"""
from __future__ import annotations

import heapq
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

from ..artifacts.tables import language_name
from .records import light_records

TOP_NAMES = 5  # names with the most variant spellings shown in the summary
TOP_LINKS = 5  # strongest text-to-text links shown in the summary
TOP_SPELLINGS = 6  # spellings of one name shown in the summary
TOP_ROWS = 8  # derived texts, conflicts and translated texts named in the summary (the rest are counted)
BRIEF_FROM = 13  # from this many documents on, the summary names them by short id only
CITATION = "citation"


def short_ids(ids: list[str]) -> dict[str, str]:
    """Each document id shortened to the shortest prefix of its stem (3 characters or more) that
    still tells all the documents apart: ``000_143aa2ad503c7983.txt`` becomes ``000``."""
    stems = [PurePosixPath(i).stem or i for i in ids]
    longest = max((len(s) for s in stems), default=0)
    for length in range(3, longest + 1):
        if len({s[:length] for s in stems}) == len(set(stems)):
            return {i: s[:length] for i, s in zip(ids, stems, strict=True)}
    return {i: i for i in ids}


def node_labels(report: dict[str, Any]) -> dict[str, str]:
    """A readable label for every graph node: a document's outlet and short id, a source's name."""
    docs = report["documents"]
    short = short_ids([d["id"] for d in docs])
    labels = {d["id"]: f"{d['outlet']} · {short[d['id']]}" if d.get("outlet") else short[d["id"]] for d in docs}
    labels.update({s["id"]: s["name"] for s in report.get("sources", [])})
    return labels


def translations(report: dict[str, Any]) -> dict[str, Any]:
    """How many texts read as translations, grouped by the language they come from."""
    by_language: dict[str, list[str]] = {}
    checked = 0
    for doc in report["documents"]:
        verdict = doc.get("translation")
        if verdict is None:
            continue
        checked += 1
        if verdict["is_translation"]:
            language = language_name(verdict["source_language"]) if verdict.get("source_language") else "unknown"
            by_language.setdefault(language, []).append(doc["id"])
    groups = sorted(by_language.items(), key=lambda item: (-len(item[1]), item[0]))
    return {"checked": checked, "count": sum(len(ids) for ids in by_language.values()),
            "by_language": [{"language": language, "docs": ids} for language, ids in groups]}


def derivations(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each document that derives from something, with its most likely source (the first of
    ``derived_from``, which is ordered best first): those whose source is in the corpus first,
    strongest first, then those that only cite an outside source, in corpus order. Two texts that
    name each other as a source of unknown direction make one row."""
    rows = []
    unordered: set[tuple[str, str]] = set()
    for doc in report["documents"]:
        claims = doc.get("derived_from") or []
        if claims:
            best = claims[0]
            directed = best.get("directed", True)
            if not directed and (best["id"], doc["id"]) in unordered:
                continue
            if not directed:
                unordered.add((doc["id"], best["id"]))
            rows.append({"doc": doc["id"], "source": best["id"], "kind": best["kind"], "score": best["score"],
                         "directed": directed, "others": len(claims) - 1})
    return sorted(rows, key=lambda r: (r["kind"] == CITATION, -r["score"] if r["kind"] != CITATION else 0))


def strongest_links(report: dict[str, Any], limit: int = TOP_LINKS) -> list[dict[str, Any]]:
    """The strongest edges between two documents of the corpus (citations of outside sources left out)."""
    docs = {d["id"] for d in report["documents"]}
    links = ((-e["score"], e["from"], e["to"], e["kind"], number)
             for number, e in enumerate(light_records(report, "edges"), 1)
             if e["from"] in docs and e["to"] in docs and e["kind"] != CITATION)
    edges = report.get("edges", [])
    return [{**edges[number - 1], "number": number} for *_, number in heapq.nsmallest(limit, links)]


def most_varied_names(report: dict[str, Any], limit: int = TOP_NAMES) -> list[dict[str, Any]]:
    """The entities written in the most different ways, with their spellings (most used first)."""
    varied = [e for e in report.get("entities", []) if len(e.get("variants", {})) > 1]
    varied.sort(key=lambda e: (-len(e["variants"]), -sum(e["variants"].values()), e["entity"]))
    rows = []
    for entity in varied[:limit]:
        spellings = [v for v, _ in sorted(entity["variants"].items(), key=lambda kv: (-kv[1], kv[0]))]
        shown = spellings[:TOP_SPELLINGS] + ([f"{len(spellings) - TOP_SPELLINGS} more"]
                                             if len(spellings) > TOP_SPELLINGS else [])
        rows.append({"entity": entity["entity"], "type": entity["type"], "count": len(spellings), "spellings": shown})
    return rows


def plain_verdict(doc: dict[str, Any]) -> str:
    """The translation verdict of a document in plain words, with the kind of evidence that weighs most."""
    verdict = doc.get("translation")
    if verdict is None:
        return ""
    artifacts = doc.get("artifacts") or []
    if not verdict["is_translation"]:
        found = f"; {len(artifacts)} weak signs of translation" if artifacts else ""
        return f"reads as written in {language_name(doc['language'])}, not a translation{found}"
    origin = f" from {language_name(verdict['source_language'])}" if verdict.get("source_language") else ""
    text = f"reads as a translation{origin}"
    if artifacts:
        kind, count = sorted(Counter(a["kind"] for a in artifacts).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        pieces = "piece" if len(artifacts) == 1 else "pieces"
        text += f": {len(artifacts)} {pieces} of evidence, most of them {kind.replace('-', ' ')} ({count})"
    return text


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """Everything the summary shows, in the order it shows it."""
    labels = node_labels(report)
    if len(report["documents"]) >= BRIEF_FROM:
        brief = {**labels, **short_ids([d["id"] for d in report["documents"]])}
    else:
        brief = labels
    return {
        "labels": labels,
        "brief": brief,
        "top": TOP_ROWS,
        "translations": translations(report),
        "derivations": derivations(report),
        "links": strongest_links(report),
        "conflicts": report.get("conflicts", []),
        "names": most_varied_names(report),
        "traced": "edges" in report,
    }
