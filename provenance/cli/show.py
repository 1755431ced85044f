"""``provenance show CORPUS DOC``: one document annotated in the terminal: its verdict in plain
words, its relations, and its text with the evidence spans and the names written differently
from their entity marked, each evidence span numbered and explained below."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..report import report_view
from ..report.render import variant_table
from ..report.sections import document_views, evidence_rows
from ..report.summary import node_labels
from .common import CorpusArg, EncoderOpt, GlossaryOpt, IdFieldOpt, TextFieldOpt, out_console, run_analysis
from .errors import fail

__all__ = ["show"]

STAGES = ("names", "artifacts", "trace")
ARTIFACT_STYLE = "black on yellow"
VARIANT_STYLE = "underline cyan"


def find_document(docs: list[dict[str, Any]], wanted: str, labels: dict[str, str]) -> dict[str, Any]:
    """The document whose id is ``wanted``, else the one id or label that starts with it."""
    exact = [d for d in docs if d["id"] == wanted]
    if exact:
        return exact[0]
    matches = [d for d in docs if d["id"].startswith(wanted) or labels[d["id"]].startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        fail(f"{wanted}: no such document in the corpus")
    fail(f"{wanted}: {len(matches)} documents match ({', '.join(d['id'] for d in matches[:5])}); give more of the id")
    raise AssertionError  # fail() exits


def annotated_text(view: dict[str, Any]) -> Text:
    """The document's text with evidence spans highlighted and numbered, and variant names
    underlined with their entity in brackets."""
    text = Text()
    pieces = list(view["pieces"])
    for index, piece in enumerate(pieces):
        style = ARTIFACT_STYLE if piece.artifact else (VARIANT_STYLE if piece.mention else "")
        text.append(piece.text, style=style)
        if piece.mention and (index + 1 == len(pieces) or pieces[index + 1].mention is not piece.mention):
            text.append(f" [{piece.mention['entity']}]", style="cyan")
        if piece.artifact and (index + 1 == len(pieces) or pieces[index + 1].artifact != piece.artifact):
            text.append(f"[{piece.artifact}]", style="bold yellow")
    return text


def _print_relations(relations: dict[str, Any], console: Console) -> None:
    for title, rows in (("Sources", relations["sources"]), ("Derived from it", relations["derives"]),
                        ("Shares passages with", relations["shares"])):
        if rows:
            listed = "; ".join(f"{r['label']} ({r['kind']} {r['score']:.2f})" for r in rows)
            console.print(Text(f"{title}: {listed}."))
    if relations["quotes"]:
        speakers = sorted({q.get("speaker") or "no speaker" for q in relations["quotes"]})
        console.print(Text(f"Quotes: {len(relations['quotes'])}, from {', '.join(speakers)}."))


def _print_evidence(doc: dict[str, Any], console: Console) -> None:
    artifacts = doc.get("artifacts") or []
    if artifacts:
        console.print()
        console.print(Text("Evidence of translation:", style="bold"))
        for number, artifact in enumerate(artifacts, 1):
            console.print(Text(f"[{number}] {artifact['kind']}: {artifact['text']!r}: {artifact['explanation']}"))


def _print_names(report: dict[str, Any], doc_id: str, console: Console) -> None:
    varied = [row for row in variant_table(report)
              if len(row.get("variants", {})) > 1 and any(r["doc"] == doc_id for r in row["by_doc"])]
    if varied:
        console.print()
        console.print(Text("Names written in several ways in the corpus:", style="bold"))
        for row in varied:
            here = next(r for r in row["by_doc"] if r["doc"] == doc_id)
            console.print(Text(f"{row['entity']}: here {', '.join(v for v, _ in here['variants'])}; "
                               f"in the corpus {', '.join(sorted(row['variants']))}"))


def print_document(report: dict[str, Any], texts: Mapping[str, str], wanted: str, console: Console) -> None:
    """Print one document of ``report`` annotated (see the module's docstring)."""
    labels = node_labels(report)
    doc = find_document(report["documents"], wanted, labels)
    passages = evidence_rows(report, texts, labels)
    view = next(v for v in document_views(report, texts, labels, passages) if v["id"] == doc["id"])
    console.print(Text(f"{view['label']}  ({doc['id']}, {doc.get('date') or 'undated'}, {doc['language']})",
                       style="bold"))
    if view["verdict_words"]:
        console.print(Text(f"It {view['verdict_words']}."))
    _print_relations(view["relations"], console)
    console.print()
    console.print(annotated_text(view))
    _print_evidence(doc, console)
    _print_names(report, doc["id"], console)


def show(
    corpus: CorpusArg,
    doc: Annotated[str, typer.Argument(help="The document's id (or the start of it).")],
    glossary: GlossaryOpt = None,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    encoder: EncoderOpt = None,
) -> None:
    """Print one document of CORPUS annotated: its verdict, its relations, its text with the evidence
    and the name variants marked."""
    analysis = run_analysis(corpus, glossary, STAGES, id_field, text_field, encoder)
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    print_document(report_view(analysis), texts, doc, out_console)
