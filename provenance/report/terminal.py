"""The terminal summary printed by ``provenance report``: a table of the texts that fits 80
columns without splitting a word, then the findings, ending with the strongest derivations and
the conflicts."""
from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import light_records
from .summary import summarize

TOP_CONFLICTS = 10  # conflicts listed at the end of the summary (the others are counted)
TOP_DOCUMENTS = 40  # rows of the table of texts (the others are counted)


def print_summary(report: dict[str, Any], console: Console) -> None:
    """Print the table of texts, the totals of each stage, and the findings."""
    summary = summarize(report)
    console.print(_document_table(report, summary["labels"]))
    for line in [*_stage_lines(report), "", *_findings(report, summary)]:
        console.print(Text(line), overflow="fold")


def _longest_word(cells: list[str]) -> int:
    return max((len(word) for cell in cells for word in cell.split()), default=1)


def _document_table(report: dict[str, Any], labels: dict[str, str]) -> Table:
    """One row a text: its label, date, language, translation verdict and most likely source."""
    docs = report["documents"]
    rows = []
    for doc in docs[:TOP_DOCUMENTS]:
        row = [labels[doc["id"]], doc.get("date") or "-", doc["language"] + (" mixed" if doc["mixed_language"] else "")]
        verdict = doc.get("translation")
        if verdict is not None:
            origin = f" from {verdict['source_language']}" if verdict.get("source_language") else ""
            row.append(f"yes{origin}" if verdict["is_translation"] else "no")
        if "edges" in report:
            claims = doc.get("derived_from") or []
            unknown = "" if not claims or claims[0].get("directed", True) else ", direction unknown"
            row.append(f"{labels.get(claims[0]['id'], claims[0]['id'])} ({claims[0]['kind']} "
                       f"{claims[0]['score']:.2f}{unknown})" if claims else "-")
        rows.append(row)
    columns = ["text", "date", "language", "translation", "most likely source"][:len(rows[0]) if rows else 3]
    more = f"… and {len(docs) - TOP_DOCUMENTS} more texts in report.html" if len(docs) > TOP_DOCUMENTS else None
    table = Table(title=f"provenance: {report['corpus']['root']}", box=box.SIMPLE_HEAD, title_justify="left",
                  caption=more, caption_justify="left")
    for index, column in enumerate(columns):
        cells = [column, *(r[index] for r in rows)]
        table.add_column(column, overflow="fold", min_width=_longest_word(cells), no_wrap=column == "date")
    for row in rows:
        table.add_row(*row)
    return table


def _stage_lines(report: dict[str, Any]) -> list[str]:
    """The totals of each stage that ran, one line each."""
    docs = report["documents"]
    languages = Counter(d["language"] for d in docs)
    lines = [f"{len(docs)} documents ({', '.join(f'{k} {n}' for k, n in sorted(languages.items()))})"]
    if "mentions" in report:
        linked = sum(m.get("entity") is not None for m in report["mentions"])
        known = sum(e["in_glossary"] for e in report["entities"])
        lines.append(f"names: {len(report['mentions'])} mentions ({linked} resolved), {len(report['entities'])} "
                     f"entities ({known} from the glossary, {len(report['entities']) - known} proposed)")
    if "edges" in report:
        kinds = Counter(e["kind"] for e in light_records(report, "edges"))
        lines.append(f"provenance: {len(report['sources'])} outside sources, edges "
                     f"{', '.join(f'{k} {n}' for k, n in sorted(kinds.items())) or 'none'}, "
                     f"{len(report['quotes'])} quotes, {len(report['conflicts'])} conflicts")
    return lines


def _findings(report: dict[str, Any], summary: dict[str, Any]) -> list[str]:
    """What the report found, in sentences: translations, names, and last the strongest
    derivations and the conflicts."""
    labels = summary["labels"]
    lines = ["Findings:"]
    found = summary["translations"]
    if found["checked"]:
        groups = "; ".join(f"from {g['language']}: {', '.join(labels[d] for d in g['docs'])}"
                           for g in found["by_language"])
        lines.append(f"- {found['count']} of {found['checked']} texts read as translations" + (f" ({groups})."
                                                                                            if groups else "."))
    for name in summary["names"][:3]:
        lines.append(f"- {name['entity']} is written {name['count']} ways: {', '.join(name['spellings'])}.")
    if summary["traced"]:
        for edge in summary["links"]:
            arrow = "derives from" if edge["directed"] else "shares passages with"
            first, second = (edge["to"], edge["from"]) if edge["directed"] else (edge["from"], edge["to"])
            lines.append(f"- {labels[first]} {arrow} {labels[second]} ({edge['kind']} {edge['score']:.2f}).")
        if not summary["links"]:
            lines.append("- No text of the corpus shares passages with another.")
        conflicts = summary["conflicts"]
        lines.append(f"- Conflicts: {len(conflicts)}" + ("." if not conflicts else ":"))
        lines.extend(f"  {i}. {c['summary']}" for i, c in enumerate(conflicts[:TOP_CONFLICTS], 1))
        if len(conflicts) > TOP_CONFLICTS:
            lines.append(f"  … and {len(conflicts) - TOP_CONFLICTS} more in report.html.")
    return lines
