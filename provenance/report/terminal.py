"""The short terminal summary printed by ``provenance report``."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from ..pipeline import Analysis


def print_summary(analysis: Analysis, console: Console) -> None:
    """Print a per-document table and corpus totals."""
    table = Table(title=f"provenance: {analysis.root}", show_lines=False)
    for column in ("document", "outlet", "date", "language"):
        table.add_column(column, overflow="fold")
    for result in analysis.documents:
        doc, lang = result.doc, result.language
        language = f"{lang.lang} ({lang.confidence:.2f})" + (" mixed" if lang.mixed else "")
        table.add_row(doc.id, doc.outlet or "-", doc.date or "-", language)
    console.print(table)
    languages = Counter(r.language.lang for r in analysis.documents)
    summary = ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items()))
    console.print(f"{len(analysis.documents)} documents ({summary})")
