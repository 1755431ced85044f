"""Command-line interface: a thin typer layer over the Python API."""
from __future__ import annotations

import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .corpus import CorpusError
from .glossary import (
    Glossary,
    GlossaryError,
    check_glossary,
    default_glossary_paths,
    export_table,
    export_tbx,
    import_table,
    import_tbx,
    load_glossary,
    write_glossary,
)
from .pipeline import Analysis, Progress as ProgressCallback, analyze
from .report import print_summary, write_reports

app = typer.Typer(
    name="provenance",
    help="Trace where news wording comes from: translation artifacts, name variants, reuse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(help="Check, convert and extend glossaries.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")
out_console = Console()
err_console = Console(stderr=True)

CorpusArg = typer.Argument(..., help="A folder of .txt/.md files, or a .jsonl, .csv/.tsv or .parquet file.")
GlossaryOpt = typer.Option(
    None, "--glossary", "-g",
    help="Glossary folder or file (repeatable); 'none' for no glossary. Default: the bundled glossary.")
IdFieldOpt = typer.Option("id", help="Id column of JSONL/CSV/Parquet records.")
TextFieldOpt = typer.Option("text", help="Text column of JSONL/CSV/Parquet records.")


def fail(message: str, code: int = 2) -> None:
    """Print one error line (never wrapped) and exit."""
    print(f"provenance: error: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one warning line (never wrapped); the run goes on."""
    print(f"provenance: warning: {message}", file=sys.stderr, flush=True)


@contextmanager
def user_errors(*extra: type[Exception]) -> Iterator[None]:
    """Turn the user-facing exceptions of the API (and ``extra`` ones) into one-line errors."""
    try:
        yield
    except (CorpusError, GlossaryError, *extra) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))


@contextmanager
def _progress(label: str) -> Iterator[ProgressCallback]:
    """A progress display on an interactive terminal; silent otherwise."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def _refuse_output_in_corpus(out: Path, corpus: Path) -> None:
    """Outputs never go into the input: a folder inside the corpus would be read back as text."""
    root = corpus.resolve()
    target = out.resolve()
    if root.is_dir() and (target == root or target.is_relative_to(root)):
        fail(f"{out}: is inside the corpus folder {corpus}; choose an output folder outside it")


def _glossary(paths: Optional[List[str]]) -> Glossary | None:
    """The glossary the user chose: given paths, none, or the bundled one."""
    if paths and [p.lower() for p in paths] == ["none"]:
        return None
    chosen = [Path(p) for p in paths] if paths else default_glossary_paths()
    for path in chosen:
        if not path.exists():
            fail(f"{path}: no such glossary file or folder")
    if not chosen:
        warn("no bundled glossary found; names are grouped without one")
        return None
    return load_glossary(chosen)


def _analysis(corpus: Path, glossary: Optional[List[str]], stages: tuple[str, ...], id_field: str, text_field: str) -> Analysis:
    with user_errors(), _progress("analysing") as progress:
        return analyze(corpus, glossary=_glossary(glossary), stages=stages, warn=warn, progress=progress,
                       id_field=id_field, text_field=text_field)


def _version(value: bool) -> None:
    if value:
        out_console.print(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """provenance: machine-translation artifacts, name variants and text reuse in news corpora."""


@app.command()
def report(
    corpus: Path = CorpusArg,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for report.json, report.md, report.html."),
    glossary: Optional[List[str]] = GlossaryOpt,
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not print the summary."),
) -> None:
    """Analyse CORPUS and write report.json, report.md and report.html into --out."""
    if out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a folder")
    _refuse_output_in_corpus(out, corpus)
    analysis = _analysis(corpus, glossary, ("names", "artifacts", "trace"), id_field, text_field)
    with user_errors():
        paths = write_reports(analysis, out)
    if not quiet:
        print_summary(analysis, out_console)
        out_console.print("wrote " + ", ".join(str(p) for p in paths.values()), highlight=False)


@app.command()
def artifacts(
    corpus: Path = CorpusArg,
    glossary: Optional[List[str]] = GlossaryOpt,
    details: bool = typer.Option(False, "--details", "-d", help="List every evidence span."),
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
) -> None:
    """Print a per-document table: translation verdict, source language, evidence by kind."""
    analysis = _analysis(corpus, glossary, ("names", "artifacts"), id_field, text_field)
    table = Table(title="translation evidence")
    for column in ("document", "language", "translation", "score", "from", "evidence"):
        table.add_column(column, overflow="fold")
    for result in analysis.documents:
        verdict, found = result.translation, result.artifacts or []
        kinds = Counter(a.kind for a in found)
        table.add_row(result.doc.id, result.language.lang, "yes" if verdict.is_translation else "no",
                      f"{verdict.score:.2f}", verdict.source_language or "-",
                      ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "-")
    out_console.print(table)
    if details:
        for result in analysis.documents:
            for a in result.artifacts or []:
                out_console.print(f"{result.doc.id}:{a.start}-{a.end} {a.kind} [{a.source_language or '-'}] "
                                  f"{a.score:.2f} {a.text!r}: {a.explanation}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def trace(
    corpus: Path = CorpusArg,
    glossary: Optional[List[str]] = GlossaryOpt,
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
) -> None:
    """Print the provenance graph's edges with their evidence, then quotes and conflicts."""
    analysis = _analysis(corpus, glossary, ("names", "artifacts", "trace"), id_field, text_field)
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    names = {s.id: s.name for s in analysis.trace.sources}
    for edge in analysis.trace.edges:
        arrow = "->" if edge.directed else "<->"
        label = names.get(edge.source, edge.source)
        out_console.print(f"{label} {arrow} {edge.target}  {edge.kind} {edge.score:.2f}"
                          + (f"  ({edge.note})" if edge.note else ""), markup=False, highlight=False, soft_wrap=True)
        for ev in edge.evidence:
            for node, start, end in ((edge.source, ev.from_start, ev.from_end), (edge.target, ev.to_start, ev.to_end)):
                if start is not None and node in texts:
                    out_console.print(f"    {node}:{start}-{end} {' '.join(texts[node][start:end].split())!r}",
                                      markup=False, highlight=False, soft_wrap=True)
    for conflict in analysis.trace.conflicts:
        values = "; ".join(f"{i.doc}: {i.value}" for i in conflict.items)
        out_console.print(f"conflict ({conflict.kind}): {conflict.summary}: {values}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def normalize(
    corpus: Optional[Path] = typer.Argument(None, help="The corpus to normalize (not needed with --undo)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the normalized copy (or, with --undo, for the restored originals)."),
    undo: Optional[Path] = typer.Option(None, "--undo", help="A folder written by 'provenance normalize': restore its originals into --out."),
    glossary: Optional[List[str]] = GlossaryOpt,
    types: str = typer.Option("person", help="Comma-separated mention types to rewrite (person, organization, place, other)."),
    mode: str = typer.Option("replace", help="'replace' variants by canonical names, or 'annotate' as 'variant [canonical]'."),
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
) -> None:
    """Rewrite name variants to canonical names, reversibly (every change in mentions.jsonl)."""
    from .normalize import NormalizeError, normalize_corpus, undo_normalization

    if out.exists() and any(out.iterdir()):
        fail(f"{out}: exists and is not empty (choose a new folder; nothing is overwritten)")
    if undo is not None:
        with user_errors(NormalizeError):
            summary = undo_normalization(undo, out)
        for problem in summary.problems:
            warn(problem)
        out_console.print(f"restored {summary.documents} documents into {out} "
                          f"({summary.verified} verified byte for byte)", highlight=False)
        if summary.problems:
            raise typer.Exit(1)
        return
    if corpus is None:
        fail("give a CORPUS to normalize, or --undo FOLDER")
    _refuse_output_in_corpus(out, corpus)
    if mode not in ("replace", "annotate"):
        fail(f"--mode must be 'replace' or 'annotate', not {mode!r}")
    chosen = tuple(t.strip() for t in types.split(",") if t.strip())
    # the artifacts stage tells originals from translations: names the glossary lacks are then
    # rewritten to the originals' spelling, never to a machine translation's
    analysis = _analysis(corpus, glossary, ("names", "artifacts"), id_field, text_field)
    with user_errors(NormalizeError):
        summary = normalize_corpus([r.doc for r in analysis.documents], analysis.names, out, types=chosen, mode=mode,
                                   source=corpus)
    out_console.print(f"normalized {summary.documents} documents into {out}: {summary.changed_documents} changed, "
                      f"{summary.changes} names rewritten (every change in {out / 'mentions.jsonl'})", highlight=False)


@glossary_app.command("check")
def glossary_check(paths: Optional[List[Path]] = typer.Argument(None, help="Glossary folders or files (default: the bundled glossary).")) -> None:
    """Report duplicate ids, ambiguous aliases, bad dates and other problems (file:line)."""
    chosen = list(paths) if paths else default_glossary_paths()
    with user_errors():
        problems = check_glossary(chosen)
    for problem in problems:
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    errors = sum(p.severity == "error" for p in problems)
    out_console.print(f"{errors} errors, {len(problems) - errors} warnings", highlight=False)
    if errors:
        raise typer.Exit(1)


@glossary_app.command("import")
def glossary_import(
    source: Path = typer.Argument(..., help="A TBX file, or a two-column CSV/TSV (variant, canonical)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write NAME.entities.tsv and NAME.aliases.tsv into."),
    name: str = typer.Option("imported", help="Name of the glossary pair."),
    source_lang: Optional[str] = typer.Option(None, help="Language of the table's first column."),
    target_lang: Optional[str] = typer.Option(None, help="Language of the table's second column."),
) -> None:
    """Convert a TBX or CSV/TSV glossary into the provenance format."""
    with user_errors():
        if source.suffix.lower() in (".tbx", ".xml"):
            imported = import_tbx(source)
        else:
            imported = import_table(source, source_lang=source_lang, target_lang=target_lang)
        files = write_glossary(imported, out, name)
    out_console.print(f"imported {len(imported)} entries into {files[0]} and {files[1]}", highlight=False)


@glossary_app.command("export")
def glossary_export(
    out: Path = typer.Option(..., "--out", "-o", help="Target file: .tbx, .csv or .tsv."),
    glossary: Optional[List[str]] = GlossaryOpt,
    lang: Optional[str] = typer.Option(None, help="Only aliases of this language (tables), or the TBX default language."),
) -> None:
    """Export a glossary as TBX-Basic or as a two-column table (variant, canonical)."""
    with user_errors():
        chosen = _glossary(glossary)
        if chosen is None:
            fail("nothing to export: no glossary")
        if out.suffix.lower() == ".tbx":
            export_tbx(chosen, out, lang=lang or "en")
        elif out.suffix.lower() in (".csv", ".tsv"):
            export_table(chosen, out, lang=lang)
        else:
            fail(f"{out}: unknown export format (use .tbx, .csv or .tsv)")
    out_console.print(f"exported {len(chosen)} entries to {out}", highlight=False)


@glossary_app.command("suggest")
def glossary_suggest(
    corpus: Path = CorpusArg,
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the proposed NAME.entities.tsv/aliases.tsv into."),
    name: str = typer.Option("suggested", help="Name of the proposed glossary pair."),
    glossary: Optional[List[str]] = GlossaryOpt,
    min_mentions: int = typer.Option(2, help="Propose only names mentioned at least this often."),
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
) -> None:
    """Propose glossary entries for names the corpus mentions but the glossary lacks (named
    after their spelling in the corpus's English originals when it has some)."""
    from .names import suggest_entries

    analysis = _analysis(corpus, glossary, ("names", "artifacts"), id_field, text_field)
    with user_errors():
        drafts = suggest_entries(analysis.names, analysis.glossary, min_mentions=min_mentions)
        files = write_glossary(drafts, out, name)
    for entry in drafts:
        variants = ", ".join(a.text for a in entry.aliases)
        out_console.print(f"{entry.id}\t{entry.type}\t{entry.canonical}\t{variants}", markup=False, highlight=False, soft_wrap=True)
    out_console.print(f"proposed {len(drafts)} entries in {files[0]} and {files[1]}", highlight=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        print("provenance: interrupted", file=sys.stderr)
        sys.exit(130)
