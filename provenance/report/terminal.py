"""The short terminal summary printed by ``provenance report``."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from ..attribute import SourceClaim
from ..document import Analysis


def print_summary(analysis: Analysis, console: Console) -> None:
    """Print a per-document table and one line per stage with its totals."""
    console.print(_document_table(analysis))
    for line in _stage_lines(analysis):
        console.print(line)


def _document_table(analysis: Analysis) -> Table:
    """One row a document: outlet, date, language, and the verdict and source where those ran."""
    table = Table(title=f"provenance: {analysis.root}")
    columns = ["document", "outlet", "date", "language"]
    if "artifacts" in analysis.stages:
        columns += ["translation", "evidence"]
    if analysis.trace is not None:
        columns += ["source"]
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column == "document")
    for result in analysis.documents:
        doc, lang = result.doc, result.language
        row = [doc.id, doc.outlet or "-", doc.date or "-",
               f"{lang.lang} ({lang.confidence:.2f})" + (" mixed" if lang.mixed else "")]
        if result.translation is not None:
            verdict = result.translation
            from_lang = f" from {verdict.source_language}" if verdict.source_language else ""
            row += [f"{'yes' if verdict.is_translation else 'no'}{from_lang} ({verdict.score:.2f})",
                    str(len(result.artifacts or []))]
        if analysis.trace is not None:
            row.append(_source_of(result.derived_from or []))
        table.add_row(*row)
    return table


def _stage_lines(analysis: Analysis) -> list[str]:
    """The totals of each stage that ran, one line each."""
    languages = Counter(r.language.lang for r in analysis.documents)
    by_language = ", ".join(f"{k} {n}" for k, n in sorted(languages.items()))
    lines = [f"{len(analysis.documents)} documents ({by_language})"]
    if analysis.names is not None:
        linked = sum(m.entity is not None for m in analysis.names.mentions)
        known = sum(e.in_glossary for e in analysis.names.entities)
        lines.append(f"names: {len(analysis.names.mentions)} mentions ({linked} resolved), "
                     f"{len(analysis.names.entities)} entities ({known} from the glossary, "
                     f"{len(analysis.names.entities) - known} proposed)")
    if analysis.trace is not None:
        derived = sum(1 for r in analysis.documents if r.derived_from and r.derived_from[0].kind != "citation")
        lines.append(f"sources: {derived} of {len(analysis.documents)} documents derive from another document "
                     "of the corpus (the source column names the most likely one)")
        kinds = Counter(e.kind for e in analysis.trace.edges)
        lines.append(f"provenance: {len(analysis.trace.sources)} outside sources, "
                     f"edges {', '.join(f'{k} {n}' for k, n in sorted(kinds.items())) or 'none'}, "
                     f"{len(analysis.trace.quotes)} quotes, {len(analysis.trace.conflicts)} conflicts")
    return lines


def _source_of(claims: list[SourceClaim]) -> str:
    """The most likely source of a document, for the table: its id, how it derives and the score."""
    if not claims:
        return "-"
    best = claims[0]
    return f"{best.id} ({best.kind} {best.score:.2f})"
