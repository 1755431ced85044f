"""The analysis commands: report, artifacts, trace and normalize."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, get_args

import typer
from rich.table import Table

from .. import progress
from ..engine.base import available_cores
from ..normalize.plan import DEFAULT_MIN_SCORE, PlanOptions
from ..parts import PART_SIZE
from ..report import document_texts, print_summary, report_view, write_report_files
from ..types import EntityType, NormalizeMode
from .common import (
    CorpusArg,
    EncoderOpt,
    EngineChoice,
    EngineOpt,
    GlossaryOpt,
    IdFieldOpt,
    LmOpt,
    NerOpt,
    PartSizeOpt,
    SchedulerOpt,
    TextFieldOpt,
    WorkersOpt,
    err_console,
    out_console,
    ran,
    refuse_output_in_corpus,
    run_analysis,
)
from .errors import fail, user_errors
from .normalize import NameRun, output_folder, run_apply, run_normalize, run_review, run_undo
from .progress import stage_progress

__all__ = ["artifacts", "models", "normalize", "report", "trace"]

ALL_STAGES = ("names", "artifacts", "trace")
NAMES_AND_ARTIFACTS = ("names", "artifacts")
NAMES_ONLY = ("names",)
MODES: tuple[NormalizeMode, ...] = get_args(NormalizeMode)


def report(
    corpus: CorpusArg,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder for report.json, report.md, report.html.")] = Path("out"),
    glossary: GlossaryOpt = None,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print neither the progress nor the summary.")] = False,
    encoder: EncoderOpt = None,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    lm: LmOpt = None,
    ner: NerOpt = None,
    part_size: PartSizeOpt = PART_SIZE,
) -> None:
    """Analyse CORPUS and write report.json, report.md and report.html into --out."""
    if out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a folder")
    refuse_output_in_corpus(out, corpus)
    analysis = run_analysis(corpus, glossary, ALL_STAGES, id_field, text_field, encoder,
                            EngineChoice(engine, workers, scheduler), quiet=quiet, lm=lm, ner=ner,
                            part_size=part_size)
    with stage_progress(err_console, quiet=quiet), progress.stage("building report.json"):
        built = report_view(analysis)
    texts = document_texts(analysis)
    del analysis  # the report view keeps what its records are made of; the rest goes before they are written
    with user_errors(), stage_progress(err_console, quiet=quiet):
        paths = write_report_files(built, texts, out, cores=workers or available_cores())
    if not quiet:
        print_summary(built, out_console)
        out_console.print("wrote " + ", ".join(str(p) for p in paths.values()), highlight=False)


def artifacts(
    corpus: CorpusArg,
    glossary: GlossaryOpt = None,
    details: Annotated[bool, typer.Option("--details", "-d", help="List every evidence span.")] = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    lm: LmOpt = None,
    ner: NerOpt = None,
) -> None:
    """Print a per-document table: translation verdict, source language, evidence by kind."""
    analysis = run_analysis(corpus, glossary, NAMES_AND_ARTIFACTS, id_field, text_field,
                            engine=EngineChoice(engine, workers, scheduler), lm=lm, ner=ner)
    table = Table(title="translation evidence")
    for column in ("document", "language", "translation", "score", "from", "evidence"):
        table.add_column(column, overflow="fold")
    for result in analysis.documents:
        verdict, found = ran(result.translation, "artifacts"), result.artifacts or []
        kinds = Counter(a.kind for a in found)
        table.add_row(result.doc.id, result.language.lang, "yes" if verdict.is_translation else "no",
                      f"{verdict.score:.2f}", verdict.source_language or "-",
                      ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "-")
    out_console.print(table)
    if details:
        for result in analysis.documents:
            for a in result.artifacts or []:
                out_console.print(f"{result.doc.id}:{a.start}-{a.end} {a.kind} [{a.source_language or '-'}] "
                                  f"{a.score:.2f} {a.text!r}: {a.explanation}",
                                  markup=False, highlight=False, soft_wrap=True)


def trace(
    corpus: CorpusArg,
    glossary: GlossaryOpt = None,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    encoder: EncoderOpt = None,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Print the provenance graph's edges with their evidence (aligned sentence pairs side by side), then conflicts."""
    analysis = run_analysis(corpus, glossary, ALL_STAGES, id_field, text_field, encoder,
                            EngineChoice(engine, workers, scheduler))
    graph = ran(analysis.trace, "trace")
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    names = {s.id: s.name for s in graph.sources}
    for edge in graph.edges:
        arrow = "->" if edge.directed else "<->"
        label = names.get(edge.source, edge.source)
        _plain(f"{label} {arrow} {edge.target}  {edge.kind} {edge.score:.2f}"
               + (f"  ({edge.note})" if edge.note else ""))
        for ev in edge.evidence:
            similarity = "" if ev.similarity is None else f" ({ev.similarity:.2f})"
            for arrow_side, (node, start, end) in enumerate(((edge.source, ev.from_start, ev.from_end),
                                                             (edge.target, ev.to_start, ev.to_end))):
                if start is not None and node in texts:
                    mark = "  =" if arrow_side and ev.from_start is not None else "   "
                    _plain(f" {mark} {node}:{start}-{end} {' '.join(texts[node][start:end].split())!r}"
                           + (similarity if arrow_side else ""))
    for conflict in graph.conflicts:
        values = "; ".join(f"{i.doc}: {i.value}" for i in conflict.items)
        _plain(f"conflict ({conflict.kind}): {conflict.summary}: {values}")


def normalize(
    corpus: Annotated[Path | None, typer.Argument(
        help="The corpus to normalize (not needed with --undo).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for the normalized copy (or, with --undo, for the restored originals).")] = None,
    review: Annotated[Path | None, typer.Option(
        "--review", help="Write every proposed change to FILE for review (.csv, or .html to accept or reject "
                         "each in a browser and export the decisions as CSV); nothing else is written.")] = None,
    apply: Annotated[Path | None, typer.Option(
        "--apply", help="A review CSV: rewrite only its accepted rows (accept = yes) into --out.")] = None,
    undo: Annotated[Path | None, typer.Option(
        "--undo", help="A folder written by 'provenance normalize': restore its originals into --out.")] = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0,
        help="Rewrite only names linked at this score or more (the default is measured for precision 0.99 "
             "on benchmarks/bench_normalize_precision.py).")] = DEFAULT_MIN_SCORE,
    include_discovered: Annotated[bool, typer.Option(
        "--include-discovered", help="Also rewrite names the glossary does not know to their discovered "
                                     "representative spelling.")] = False,
    glossary: GlossaryOpt = None,
    types: Annotated[str, typer.Option(
        help=f"Comma-separated mention types to rewrite ({', '.join(get_args(EntityType))}).")] = "person",
    mode: Annotated[str, typer.Option(
        help="'replace' variants by canonical names, or 'annotate' as 'variant [canonical]'.")] = "replace",
    original_spellings: Annotated[bool | None, typer.Option(
        "--original-spellings/--no-original-spellings",
        help="Name discovered people after their spelling in the corpus's English originals, not a machine "
             "translation's (runs the translation verdicts: slower). Default: on with --include-discovered, "
             "the only rewrites it changes; off otherwise (names only).")] = None,
    listed_only: Annotated[bool, typer.Option(
        "--listed-only",
        help="Rewrite only full names spelt as the glossary lists them: one automaton pass per document, no "
             "name finding, for archives (unlisted variants and surnames alone stay as written).")] = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Rewrite name variants to canonical names when the link is certain, reversibly (every change in
    mentions.jsonl); --review lists the proposed changes for a person to decide, --apply makes the accepted ones."""
    if sum(option is not None for option in (review, apply, undo)) > 1:
        fail("choose one of --review, --apply and --undo")
    if undo is not None:
        run_undo(undo, output_folder(out))
        return
    if corpus is None:
        fail("give a CORPUS to normalize, or --undo FOLDER")
    if mode not in MODES:
        fail(f"--mode must be 'replace' or 'annotate', not {mode!r}")
    options = PlanOptions(min_score, tuple(sorted({t.strip() for t in types.split(",") if t.strip()})),
                          include_discovered)
    verdicts = include_discovered if original_spellings is None else original_spellings
    if listed_only and (include_discovered or original_spellings):
        fail("--listed-only rewrites the glossary's listed names only: it goes without --include-discovered "
             "and --original-spellings")
    run = NameRun(glossary, id_field, text_field, NAMES_AND_ARTIFACTS if verdicts else NAMES_ONLY,
                  EngineChoice(engine, workers, scheduler), listed_only)
    if review is not None:
        run_review(corpus, review, options, run)
    elif apply is not None:
        run_apply(corpus, apply, output_folder(out, corpus), mode, id_field, text_field)
    else:
        run_normalize(corpus, output_folder(out, corpus), options, mode, run)


def _plain(line: str) -> None:
    """Print a line as it is: no markup, no highlighting, no wrapping."""
    out_console.print(line, markup=False, highlight=False, soft_wrap=True)


def models() -> None:
    """List each model role, what was found for it on this machine, its size and what it enables."""
    from ..neural import describe, encoder_spec

    table = Table(title=f"models (encoder in force: {encoder_spec()})")
    for column in ("role", "name", "package", "found", "size MB", "languages", "enables"):
        table.add_column(column, overflow="fold")
    for row in describe():
        table.add_row(row["role"], row["name"], row["package"], "yes" if row["found"] else "no",
                      "-" if row["size_mb"] is None else f"{row['size_mb']:.0f}",
                      "-" if row["languages"] is None else str(row["languages"]), row["enables"])
    out_console.print(table)
