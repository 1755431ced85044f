"""Human-readable reports (Markdown and self-contained HTML) rendered with Jinja2.

Both are rendered from the report dictionary (the contract) plus the document texts, so
what people read and what tools read cannot drift apart. Both open on the same answer-first
summary (:mod:`.summary`); the HTML page adds the provenance graph (:mod:`.graph`), evidence as
word diffs (:mod:`.diff`) and one view per document (:mod:`.sections`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .diff import passage
from .graph import layout
from .sections import (
    Piece,
    citation_rows,
    cluster_rows,
    conflict_rows,
    document_views,
    evidence_rows,
    highlight,
    name_rows,
    numbered_edges,
    quote_groups,
    shown_edges,
    source_rows,
)
from .summary import summarize

__all__ = ["Piece", "excerpt", "highlight", "html_pieces", "markdown_pieces", "render_html", "render_markdown",
           "report_context", "variant_table"]

ROW_LIMIT = 50  # rows of a long table (the normalization's) shown before "… and N more"
TABLE_VIEW_DOCS = 30  # from this many documents on, the graph's table view opens by default


DICT_ATTRIBUTES = frozenset(dir(dict))


class RecordEnvironment(Environment):
    """Jinja2's environment, reading a report record's fields (``edge.source``: a dictionary's keys)
    at once. Jinja2 tries a Python attribute first and a key after the AttributeError, which took a
    sixth of the CPU of writing the reports; the values are the same, a dictionary's own attributes
    (``items``) included."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    env = RecordEnvironment(
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


def excerpt(text: str, start: int | None, end: int | None) -> str:
    """The text of a span, shortened in the middle (at word boundaries) when long."""
    return passage(text, start, end)


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


def report_context(report: dict[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """What the Markdown and HTML reports both show (computed once when both are written)."""
    summary = summarize(report)
    doc_index = {d["id"]: i for i, d in enumerate(report["documents"], 1)}
    source_index = {s["id"]: i for i, s in enumerate(report.get("sources", []), 1)}
    shown = shown_edges(report)
    return {"report": report, "summary": summary, "labels": summary["labels"], "doc_index": doc_index,
            "source_index": source_index, "texts": texts, "excerpt": excerpt, "row_limit": ROW_LIMIT,
            "conflicts": conflict_rows(report, texts),
            "clusters": cluster_rows(report), "shown": shown,
            "passages": evidence_rows(report, texts, summary["labels"], shown)}


def render_markdown(report: dict[str, Any], texts: Mapping[str, str]) -> str:
    """The report as Markdown, opening on the same summary as the HTML page."""
    return "".join(markdown_pieces(report, texts))


def markdown_pieces(report: dict[str, Any], texts: Mapping[str, str],
                    context: dict[str, Any] | None = None) -> Iterator[str]:
    """:func:`render_markdown` piece by piece, as the template renders it (never whole in memory);
    ``context``: the :func:`report_context` of the report, when the HTML is written too."""
    context = context or report_context(report, texts)
    yield from _environment(False).get_template("report.md.j2").generate(  # the variants: Markdown's alone
        **context, citations=citation_rows(report, texts, context["shown"]), variants=variant_table(report))


def render_html(report: dict[str, Any], texts: Mapping[str, str]) -> str:
    """The report as one self-contained HTML page (no external resources; readable without scripts)."""
    return "".join(html_pieces(report, texts))


def html_pieces(report: dict[str, Any], texts: Mapping[str, str],
                context: dict[str, Any] | None = None) -> Iterator[str]:
    """:func:`render_html` piece by piece, as the template renders it (never whole in memory);
    ``context`` as for :func:`markdown_pieces`."""
    context = context or report_context(report, texts)
    labels, shown, passages = context["labels"], context["shown"], context["passages"]
    yield from _environment(True).get_template("report.html.j2").generate(
        **context, graph=layout(report, labels, shown),
        sources=source_rows(report, texts, labels, shown), quotes=quote_groups(report, labels),
        names=name_rows(report), documents=document_views(report, texts, labels, passages, shown),
        table_edges=list(numbered_edges(report, shown)),
        art_kinds=sorted({a["kind"] for d in report["documents"] for a in d.get("artifacts", [])}),
        table_view_open=len(report["documents"]) >= TABLE_VIEW_DOCS)
